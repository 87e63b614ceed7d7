"""nomenklatura's ``logic-v2`` (the algorithm behind OpenSanctions yente) on Kenning's candidates.

Retrieval is shared: the candidates are the parties Kenning's index retrieves for a query
(``Screener.candidates``), turned back into their FtM entities from the store; only the scoring differs.
The query becomes an FtM entity of the query's schema with ``name``, ``birthDate`` and ``country``.
A match is a score at or above yente's default threshold, 0.70. The first ``compare`` in a process
costs several seconds of warm-up (nomenklatura loads its name data lazily); :class:`LogicV2` does one
warm-up compare when created and reports its time separately, never inside a measurement.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

from followthemoney import model

from kenning.matching import Query, Screener
from kenning.matching.records import query_record
from kenning.model import Entity

__all__ = ["THRESHOLD", "LogicV2", "candidate_ids"]

THRESHOLD = 0.70


def candidate_ids(screener: Screener, query: Query) -> list[str]:
    """The parties Kenning's index retrieves for ``query`` (what ``screen`` would score), by id."""
    record = query_record(query, screener.index.rarity)
    if not record.names or all(a.is_weak_only for a in record.analyses):
        return []
    return [screener.index.entities[position].id for position, _names in screener.candidates(record)]


class LogicV2:
    """logic-v2 with its default configuration over a fixed set of FtM entities (id → entity)."""

    def __init__(self, entities: dict[str, Entity]) -> None:
        from nomenklatura.matching import ScoringConfig, get_algorithm

        algorithm = get_algorithm("logic-v2")
        if algorithm is None:
            raise SystemExit("nomenklatura has no logic-v2 algorithm: pip install 'nomenklatura==4.17.4'")
        self.algorithm: Any = algorithm
        self.config = ScoringConfig.defaults()
        self.entities = entities
        self._ids = itertools.count(1)
        started = time.perf_counter()
        warm = self.query_entity(Query.build("Warm Up", schema="Person"))
        sample = next(iter(entities.values()))
        self.algorithm.compare(warm, sample, self.config)
        self.warmup_seconds = time.perf_counter() - started

    def query_entity(self, query: Query) -> Entity:
        """A fresh FtM entity for ``query``. Each gets a new id: logic-v2 memoises name analysis by entity
        (FtM entities hash by id), so a reused id would be scored with an earlier query's names."""
        # A query without a schema is a Thing to Kenning; yente has no Thing queries (clients send
        # LegalEntity as the broadest matchable schema), so logic-v2 gets LegalEntity: a Thing entity
        # would be scored unfairly low.
        entity = model.make_entity("LegalEntity" if query.schema == "Thing" else query.schema)
        entity.id = f"query-{next(self._ids)}"
        for name in query.names:
            entity.add("name", name)
        for date in query.birth_dates:
            entity.add("birthDate", date, quiet=True)
        for country in query.countries:
            entity.add("country", country, quiet=True)
        return entity

    def rank(self, query: Query, candidates: list[str], limit: int = 10,
             explain: bool = False) -> list[tuple[str, float, bool, str]]:
        """(id, score, match, explanation if asked) of each candidate, best first, at most ``limit``."""
        subject = self.query_entity(query)
        scored = []
        for entity_id in candidates:
            result = self.algorithm.compare(subject, self.entities[entity_id], self.config)
            scored.append((entity_id, float(result.score), result))
        scored.sort(key=lambda item: (-item[1], item[0]))
        return [(i, s, s >= THRESHOLD, _explain(r) if explain else "") for i, s, r in scored[:limit]]


def _explain(result: Any) -> str:
    parts = []
    for name, feature in result.explanations.items():
        if feature.score:
            parts.append(f"{name} {feature.score:.2f}: {feature.detail or ''}".strip())
    return "; ".join(parts)
