"""The screening service: one loaded index, queries in, explained results out.

``Screener.open()`` loads the index persisted next to the store (or builds and saves it when the
store's current versions changed); ``screen(query)`` retrieves candidate names through the index,
scores the best candidates with a versioned algorithm, and returns :class:`Result` objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from followthemoney import model

from kenning.errors import InputError
from kenning.matching.algorithms import get_algorithm
from kenning.matching.algorithms.base import Algorithm, Scored
from kenning.matching.features import prepare
from kenning.matching.index import CandidateIndex
from kenning.matching.keys import (
    KEY_WEIGHTS,
    birth_keys,
    joined_keys,
    ocr_keys,
    token_keys,
    typo_keys,
    vowelless_keys,
)
from kenning.matching.records import EntityRecord, NameRecord, QueryRecord, query_record
from kenning.matching.types import Query, Result
from kenning.names import analyze

__all__ = ["Ranking", "Scoring", "Screener", "compare_queries", "schemata_compatible"]

#: Names taken from retrieval, candidate parties fully scored, and names scored per party, per query.
TOP_NAMES = 256
MAX_CANDIDATES = 16
NAMES_PER_CANDIDATE = 3
#: Candidates whose best retrieval score is below this share of the best candidate's are not scored.
RELATIVE_CUTOFF = 0.25


@lru_cache(maxsize=256)
def schemata_compatible(query_schema: str, candidate_schema: str) -> bool:
    """A Person query matches persons; a Company query matches companies and organisations; a query of
    a broader schema (LegalEntity, Thing) matches everything under it. Persons never match vessels."""
    q, c = model.get(query_schema), model.get(candidate_schema)
    if q is None or c is None:
        return False
    return bool(c.is_a(q) or q.is_a(c))


class Screener:
    """Screening over one :class:`CandidateIndex`."""

    def __init__(self, index: CandidateIndex, same_as: dict[str, list[str]] | None = None,
                 links: dict[tuple[str, str], dict[str, Any]] | None = None) -> None:
        self.index = index
        self._same_as = same_as or {}
        self._links = links or {}
        self._positions = {record.id: i for i, record in enumerate(index.entities)}
        self._schemas = sorted({r.schema for r in index.entities})
        codes = {s: i for i, s in enumerate(self._schemas)}
        self._entity_schema = np.array([codes[r.schema] for r in index.entities], dtype=np.int16)
        datasets = sorted({r.dataset for r in index.entities})
        self._datasets = {d: i for i, d in enumerate(datasets)}
        self._entity_dataset = np.array([self._datasets[r.dataset] for r in index.entities], dtype=np.int16)
        self._mask_cache: dict[tuple[str, tuple[str, ...], tuple[str, ...]], npt.NDArray[np.bool_]] = {}

    @classmethod
    def open(cls, rebuild: bool = False) -> Screener:
        """The screener of the configured store (index loaded from disk, or built and saved)."""
        from kenning.matching.build import load_links, open_index

        index, same_as = open_index(rebuild=rebuild)
        return cls(index, same_as, load_links())

    def entity(self, entity_id: str) -> EntityRecord | None:
        pos = self._positions.get(entity_id)
        return self.index.entities[pos] if pos is not None else None

    def same_as(self, entity_id: str) -> list[str]:
        """Entities of other lists recorded as the same party."""
        return list(self._same_as.get(entity_id, []))

    def party(self, entity_id: str) -> list[str]:
        """``entity_id`` and every entry linked to it by same-as links, transitively (sorted)."""
        found, todo = {entity_id}, [entity_id]
        while todo:
            for other in self._same_as.get(todo.pop(), ()):
                if other not in found:
                    found.add(other)
                    todo.append(other)
        return sorted(found)

    def link(self, a: str, b: str) -> dict[str, Any] | None:
        """The recorded same-as link between two entries (score, method, evidence), if any."""
        return self._links.get((min(a, b), max(a, b)))

    def _name_mask(self, query: Query) -> npt.NDArray[np.bool_]:
        key = (query.schema, query.datasets, query.exclude_datasets)
        if key not in self._mask_cache:
            schema_ok = np.array([schemata_compatible(query.schema, s) for s in self._schemas], dtype=bool)
            entity_ok = schema_ok[self._entity_schema]
            for name in (*query.datasets, *query.exclude_datasets):
                if name not in self._datasets:
                    raise InputError(f"dataset {name!r} is not loaded; loaded: {', '.join(sorted(self._datasets))}")
            if query.datasets:
                wanted = np.array([self._datasets[d] for d in query.datasets])
                entity_ok &= np.isin(self._entity_dataset, wanted)
            if query.exclude_datasets:
                unwanted = np.array([self._datasets[d] for d in query.exclude_datasets])
                entity_ok &= ~np.isin(self._entity_dataset, unwanted)
            self._mask_cache[key] = entity_ok[self.index.name_entity]
        return self._mask_cache[key]

    def _query_keys(self, record: QueryRecord) -> tuple[list[str], list[str]]:
        """Exact keys (canonical, phonetic, compounds) and, for parts no listed name has exactly, typo keys."""
        exact: list[str] = []
        per_token: list[tuple[str, list[str]]] = []
        for analysis in record.analyses:
            for token, keys in token_keys(analysis):
                per_token.append((token, keys))
                exact.extend(keys)
            exact.extend("c" + c for c in analysis.compounds)
            exact.extend(joined_keys(analysis))
        exact = list(dict.fromkeys(exact))
        found = self.index.lookup(exact) >= 0 if exact else np.zeros(0, dtype=bool)
        known = {k for k, ok in zip(exact, found.tolist(), strict=True) if ok}
        typos: list[str] = []
        for token, keys in per_token:
            if keys[0] not in known:
                typos.extend(typo_keys(token))
        for analysis in record.analyses:
            for raw in analysis.tokens:
                typos.extend(vowelless_keys(raw) + ocr_keys(raw))
        return exact + birth_keys(record.birth_dates), list(dict.fromkeys(typos))

    def candidates(self, record: QueryRecord) -> list[tuple[int, list[NameRecord]]]:
        """Candidate parties (by index position) with the names of theirs that the query retrieved.

        Exact and phonetic keys always retrieve; typo keys only for the parts that no listed name has
        exactly, which keeps the common case (every part known) cheap.
        """
        exact, typos = self._query_keys(record)
        keys = exact + typos
        if not keys:
            return []
        weights = np.fromiter((KEY_WEIGHTS[k[0]] for k in keys), dtype=np.float64, count=len(keys))
        names, scores = self.index.retrieve(self.index.lookup(keys), weights)
        keep = self._name_mask(record.query)[names]
        names, scores = names[keep], scores[keep]
        if len(names) > TOP_NAMES:
            top = np.argpartition(scores, -TOP_NAMES)[-TOP_NAMES:]
            names, scores = names[top], scores[top]
        order = np.argsort(-scores, kind="stable")
        if not len(order):
            return []
        floor = scores[order[0]] * RELATIVE_CUTOFF
        found: dict[int, list[NameRecord]] = {}
        for name, score in zip(names[order].tolist(), scores[order].tolist(), strict=True):
            if score < floor:
                break
            entity = int(self.index.name_entity[name])
            listed = found.get(entity)
            if listed is None:
                if len(found) >= MAX_CANDIDATES:
                    continue
                listed = found[entity] = []
            if len(listed) < NAMES_PER_CANDIDATE:
                listed.append(self.index.entities[entity].names[int(self.index.name_slot[name])])
        return list(found.items())

    def rank(self, query: Query, limit: int, threshold: float | None,
             algorithm: str | None) -> tuple[Ranking, list[Scoring]]:
        """Every scored candidate of the query, best first (score, id), and what scored them."""
        algo = get_algorithm(algorithm)
        cutoff = algo.threshold if threshold is None else threshold
        if not 0.0 <= cutoff <= 1.0:
            raise InputError(f"threshold must be between 0 and 1, got {cutoff}")
        if limit < 1:
            raise InputError(f"limit must be at least 1, got {limit}")
        record = query_record(query, self.index.rarity)
        if not record.names:
            raise InputError("the name has no letters or digits (nothing to match after normalisation)")
        ranking = Ranking(record, algo, cutoff)
        if all(a.is_weak_only for a in record.analyses):
            return ranking, []
        candidates = self.candidates(record)
        algo.prefill(record, [n.name for _position, names in candidates for n in names])
        scored = []
        for position, names in candidates:
            entity = self.index.entities[position]
            verdict = algo.score(record, entity, names, False)
            if verdict.score > 0:
                scored.append(Scoring(entity, tuple(names), verdict))
        scored.sort(key=lambda item: (-item.verdict.score, item.entity.id))
        return ranking, scored

    def screen(self, query: Query, limit: int = 10, threshold: float | None = None,
               algorithm: str | None = None, explain: bool = True) -> list[Result]:
        """Score the query against its candidates; one result per listed entry, sorted by score, ``match``
        at the threshold (:func:`kenning.matching.parties.screen_parties` gives one result per party).

        ``explain=False`` leaves out the sentences of the name explanation (the feature scores stay): for
        callers such as the news linker that read scores only.
        """
        ranking, scored = self.rank(query, limit, threshold, algorithm)
        return [self.result(ranking, s, explain) for s in scored[:limit]]

    def result(self, ranking: Ranking, scoring: Scoring, explain: bool) -> Result:
        """The result of one scored entry; with ``explain``, its explanation in words, made from the name
        pairing ranking found (not scored again: the same words and numbers)."""
        verdict = scoring.verdict
        if explain:
            verdict = ranking.algorithm.explained(ranking.record, scoring.entity, scoring.names or None, verdict)
        return self._result(scoring.entity, verdict, ranking.cutoff)

    def _result(self, entity: EntityRecord, scored: Scored, cutoff: float) -> Result:
        return Result(id=entity.id, dataset=entity.dataset, source_id=entity.id.split("-", 1)[1],
                      schema=entity.schema, caption=entity.caption, score=scored.score,
                      match=scored.score >= cutoff, matched_name=scored.matched_name,
                      explanation=scored.explanation, same_as=self.same_as(entity.id))


@dataclass(frozen=True, slots=True)
class Ranking:
    """What one screen was scored with: the analysed query, the algorithm, the match threshold."""

    record: QueryRecord
    algorithm: Algorithm
    cutoff: float


@dataclass(frozen=True, slots=True)
class Scoring:
    """One scored entry: the entity, the names of it that were compared, the (unexplained) verdict."""

    entity: EntityRecord
    names: tuple[NameRecord, ...]
    verdict: Scored


def _as_candidate(query: Query) -> EntityRecord:
    names = tuple(NameRecord(0, "name", prepare(a)) for a in (analyze(n, query.schema) for n in query.names)
                  if not a.is_empty)
    return EntityRecord(id="b", dataset="compare", schema=query.schema, caption=query.names[0], names=names,
                        birth_dates=query.birth_dates, countries=frozenset(query.countries),
                        id_numbers=frozenset(i for i in query.id_numbers if len(i) >= 4))


def compare_queries(a: Query, b: Query, algorithm: str | None = None) -> tuple[Scored, float]:
    """Score two descriptions of a party against each other (no index needed); returns the verdict and
    the algorithm's threshold."""
    algo = get_algorithm(algorithm)
    record = query_record(a)
    if not record.names:
        raise InputError("name A has no letters or digits")
    candidate = _as_candidate(b)
    if not candidate.names:
        raise InputError("name B has no letters or digits")
    if not schemata_compatible(a.schema, b.schema):
        return Scored(0.0, {}, f"schema {a.schema} cannot match {b.schema}"), algo.threshold
    return algo.score(record, candidate, None, True), algo.threshold
