"""Screening pairs: one customer against every target (forward), one target against every customer
(reverse, through :class:`~kenning.monitor.custindex.CustomerIndex`), and the matcher's verdict on each pair
the rule of :mod:`kenning.monitor.parts` lets through.

Both directions compute the same rule on the same keys and weights, and score the same names with the same
algorithm, so a pair is a match in one direction exactly when it is in the other.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from followthemoney.types import registry

from kenning.matching import schemata_compatible
from kenning.matching.algorithms.base import Algorithm, Scored
from kenning.matching.features import Memo
from kenning.matching.records import EntityRecord, NameRecord, QueryRecord, query_record
from kenning.matching.types import Query
from kenning.monitor.custindex import ANALYSIS_FORMAT, CustomerIndex, IndexedCustomer, date_key, names_key, number_key
from kenning.monitor.customers import Customer
from kenning.monitor.parts import COVER_MIN, NameParts, name_key_hashes, name_parts
from kenning.monitor.targets import TargetIndex
from kenning.names import NameAnalysis

__all__ = ["Match", "PartHits", "Screening", "Slots", "explain", "forward", "reverse_candidates"]

#: Per target (or per customer): the names that qualified strongly, and those that share any key.
Slots = dict[int, tuple[set[int], set[int]]]


@dataclass(frozen=True)
class Match:
    """A customer–target pair at or above the threshold, with the matcher's explanation."""

    customer_pk: int
    target: str
    score: float
    explanation: dict[str, Any]


@dataclass
class _Named:
    """What customers of one name share: its query record (no qualifiers), memos, covers by target, and its
    parts (computed when first asked: scoring in reverse, or a report's mentions, never needs them)."""

    record: QueryRecord
    memos: tuple[Memo, ...]
    covers: dict[str, list[tuple[Any, Any, Any, Any]]]
    #: The memos of other similarity rules (kenning-v2's), shared by every customer of the name too.
    other_memos: dict[str, tuple[Memo, ...]] = field(default_factory=dict)
    _parts: tuple[NameParts, ...] | None = None

    @property
    def parts(self) -> tuple[NameParts, ...]:
        if self._parts is None:
            self._parts = tuple(p for a, pr in zip(self.record.analyses, self.record.names, strict=True)
                                if (p := name_parts(a, pr)) is not None)
        return self._parts


@dataclass
class Screening:
    """The profile's algorithm and threshold, and its part rarity."""

    algorithm: Algorithm
    threshold: float
    rarity: dict[str, float]
    #: Per (names, schema): the analysed names, their parts, and the part pairings already computed —
    #: customers of one name (common names are many) share them.
    _names: dict[tuple[tuple[str, ...], str], _Named] = field(default_factory=dict)
    #: Where analyses made when the customers were indexed are read (``CustomerIndex.analysis``), if anywhere.
    stored: Callable[[tuple[str, ...], str], Any] | None = None
    #: The target names each customer name part's keys reach, for the target index last screened against.
    hits: PartHits | None = None

    def named(self, names: tuple[str, ...], schema: str) -> _Named:
        key = (names, schema)
        found = self._names.get(key)
        if found is None:
            kept = self.stored(names, schema) if self.stored is not None else None
            if kept is not None:
                record = QueryRecord(Query(names=names, schema=schema), kept[0], kept[1], (), frozenset(),
                                     frozenset(), tuple({} for _ in kept[1]))
            else:
                record = query_record(Query(names=names, schema=schema), self.rarity)
            found = _Named(record, tuple({} for _ in record.names), {})
            if len(self._names) > 100_000:
                self._names.clear()
            self._names[key] = found
        return found

    def part_hits(self, targets: TargetIndex) -> PartHits:
        """The part hits kept for ``targets`` (those of an earlier target index are dropped)."""
        if self.hits is None or self.hits.token != targets.token:
            self.hits = PartHits(targets)
        return self.hits

    def customer(self, customer: Customer) -> tuple[QueryRecord, tuple[NameParts, ...]]:
        """A customer's query record and name parts (the names' analysis shared by every customer of them)."""
        return self.query(customer), self.named(customer.names, customer.schema).parts

    def query(self, customer: Customer) -> QueryRecord:
        """A customer's query record (its names' analysis shared by every customer of them)."""
        named = self.named(customer.names, customer.schema)
        query = customer.query()
        countries = frozenset(c for c in map(_country, query.countries) if c)
        return QueryRecord(query, named.record.analyses, named.record.names, query.birth_dates, countries,
                           frozenset(i for i in query.id_numbers if len(i) >= 4), named.memos, named.other_memos)

    def indexed(self, pk: int, seq: int, customer: Customer) -> IndexedCustomer:
        """What the customer index keeps of a customer, its names' analysis included."""
        record, parts = self.customer(customer)
        analysis = pickle.dumps((ANALYSIS_FORMAT, customer.names, customer.schema, (record.analyses, record.names)),
                                protocol=pickle.HIGHEST_PROTOCOL) if parts else b""
        return IndexedCustomer(pk, seq, parts, record.birth_dates, tuple(record.id_numbers),
                               (names_key(customer.names, customer.schema), analysis) if parts else None)

    def score(self, pk: int, record: QueryRecord, candidates: Sequence[tuple[EntityRecord, Sequence[NameRecord]]],
              ) -> list[Match]:
        """The matches among ``candidates`` (targets with the names to compare)."""
        usable = [(t, names) for t, names in candidates if schemata_compatible(record.query.schema, t.schema)]
        if not usable:
            return []
        if not record.memos:  # a record made elsewhere: it shares the memos of the customers of its name
            named = self.named(record.query.names, record.query.schema)
            record = QueryRecord(record.query, record.analyses, record.names, record.birth_dates, record.countries,
                                 record.id_numbers, named.memos, named.other_memos)
        self.algorithm.prefill(record, [n.name for _t, names in usable for n in names])
        out = []
        ceiling = self.algorithm.ceiling
        for target, names in usable:
            if ceiling is not None and ceiling(record, target, names, self.threshold) < self.threshold - CEILING_MARGIN:
                continue  # cannot match (most candidates a common name reaches)
            verdict = self.algorithm.score(record, target, names, False, self.threshold)
            if verdict.score >= self.threshold:
                out.append(Match(pk, target.id, round(verdict.score, 6),
                                 explain(self.algorithm.explained(record, target, names, verdict), names)))
        return out


@lru_cache(maxsize=4096)
def _country(value: str) -> str | None:
    """A customer's country as the lists' country codes (the same few values recur across a portfolio)."""
    code = registry.country.clean(value)
    return str(code) if code else None


def explain(verdict: Scored, names: Sequence[NameRecord]) -> dict[str, Any]:
    """A verdict as stored: the score, the names compared, each feature's score and reason."""
    features = {k: {**v.to_dict(), "query": v.query, "candidate": v.candidate} for k, v in verdict.explanation.items()}
    return {"score": round(verdict.score, 4), "matched_name": verdict.matched_name,
            "compared": sorted({n.name.original for n in names}), "features": features}


def _select(strong: set[int], weak: set[int], qualified: bool) -> set[int] | None:
    """The names to compare for one pair, or None when the pair does not qualify."""
    if strong:
        return strong | weak if qualified else strong
    return weak if qualified and weak else None


#: How far below the threshold an algorithm's ceiling must be for a candidate to be skipped unscored
#: (rounding: the ceiling and the score apply the qualifiers to different numbers).
CEILING_MARGIN = 1e-9
#: How many target names (and keys) the part hits a screening keeps may hold before it starts again, about
#: 8 bytes each (a frequent part recurs in many customer names; "mohammed" reaches thousands of names).
HITS_KEPT = 3_000_000


class PartHits:
    """The target names each customer name part's keys reach, by the part's keys, for one target index."""

    def __init__(self, targets: TargetIndex) -> None:
        self.targets = targets
        self.token = targets.token
        self.size = 0
        self._found: dict[tuple[int, ...], npt.NDArray[np.int64]] = {}

    def __len__(self) -> int:
        return len(self._found)

    def get(self, keys: list[int]) -> npt.NDArray[np.int64]:
        """The target names sharing any of one part's keys, sorted, each shifted left 8 bits (room for the
        part's position)."""
        key = tuple(keys)
        found = self._found.get(key)
        if found is None:
            if self.size > HITS_KEPT:
                self._found.clear()
                self.size = 0
            hit, spans = self.targets.lookup(np.array(keys, dtype=np.int64))
            found = np.zeros(0, dtype=np.int64)
            if len(hit):
                names = np.concatenate([self.targets.postings[s:e] for s, e in spans.tolist()]).astype(np.int64)
                found = np.unique(names) << 8
            self._found[key] = found
            self.size += len(found) + len(key)
        return found


def _covers(parts: Sequence[NameParts], targets: TargetIndex, hits: PartHits) -> list[tuple[Any, Any, Any, Any]]:
    """Per customer name: the target names sharing a key, their owners, slots and whether covered enough.

    A part's hits depend on its keys alone, so they are kept in ``hits`` (by the part's keys) for the other
    customer names holding it. A (target name, part) row is listed once per part, so the rows of all
    parts sorted are the distinct rows, and a target name's cover is summed over its parts in their order."""
    out = []
    for name in parts:
        by_part: dict[int, list[int]] = {}
        for key, part in name.keys:
            by_part.setdefault(part, []).append(key)
        chunks = []
        for part, keys in by_part.items():
            found = hits.get(keys)
            if len(found):
                chunks.append(found | part)
        if not chunks:
            continue
        code = np.sort(np.concatenate(chunks))
        weights = np.asarray(name.weights, dtype=np.float64)[code & 0xFF]
        rows = code >> 8
        first = np.empty(len(rows), dtype=bool)
        first[0] = True
        np.not_equal(rows[1:], rows[:-1], out=first[1:])
        tname = rows[first]
        covers = np.bincount(np.cumsum(first) - 1, weights=weights) / name.total
        out.append((tname, targets.name_target[tname], targets.name_slot[tname], covers >= COVER_MIN - 1e-9))
    return out


def _cover(covers: list[tuple[Any, Any, Any, Any]], qualified: set[int]) -> Slots:
    """Per target: the names some customer name covers enough (strong) and, for targets that share a birth
    date or an identifier with the customer, the names it covers at all (weak)."""
    slots: Slots = {}
    wanted = np.array(sorted(qualified), dtype=np.int64)
    for _tname, owner, slot_of, strong in covers:
        keep = strong | np.isin(owner, wanted) if len(wanted) else strong
        for target, slot, is_strong in zip(owner[keep].tolist(), slot_of[keep].tolist(), strong[keep].tolist(),
                                           strict=True):
            strong_slots, weak_slots = slots.setdefault(target, (set(), set()))
            weak_slots.add(slot)
            if is_strong:
                strong_slots.add(slot)
    return slots


def forward(screening: Screening, pk: int, customer: Customer, targets: TargetIndex) -> list[Match]:
    """One customer against every target."""
    record, parts = screening.customer(customer)
    if not parts:
        return []
    qualified = {t for d in record.birth_dates if len(d) == 10 for t in targets.dates.get(d, ())}
    qualified |= {t for i in record.id_numbers for t in targets.numbers.get(i, ())}
    named = screening.named(customer.names, customer.schema)
    covers = named.covers.get(targets.token)
    if covers is None:
        covers = named.covers[targets.token] = _covers(parts, targets, screening.part_hits(targets))
    slots = _cover(covers, qualified)
    candidates = []
    for t, (strong, weak) in sorted(slots.items()):
        chosen = _select(strong, weak, t in qualified)
        if chosen is not None:
            rec = targets.records[t]
            candidates.append((rec, [rec.names[s] for s in sorted(chosen)]))
    return screening.score(pk, record, candidates)


def reverse_candidates(index: CustomerIndex, analyses: Sequence[NameAnalysis], record: EntityRecord,
                       ) -> dict[tuple[int, int], set[int]]:
    """The customers (row id, seq) one target qualifies with, and for each the target's names to compare.

    The rule is applied in numpy, row by row of (customer name, target name) sharing a key: a row counts
    when it covers enough, or when its customer shares a birth date or an identifier with the target (then
    every name it covers at all counts). Only those rows reach Python, so the cost follows the customers the
    rule lets through, not every customer sharing one common key (a frequent given name) with the target."""
    hashes: list[int] = []
    owners: list[int] = []
    for slot, analysis in enumerate(analyses):
        found = name_key_hashes(analysis)
        hashes += found
        owners += [slot] * len(found)
    keys = np.array(hashes, dtype=np.int64)
    slots_of = np.array(owners, dtype=np.int64)
    quals = [date_key(d) for d in record.birth_dates if len(d) == 10] + [number_key(i) for i in record.id_numbers]
    qualified = np.array(sorted({pk for seg in index.segments for pk in seg.qualified(quals)}), dtype=np.int64)
    out: dict[tuple[int, int], set[int]] = {}
    for seg in index.segments:
        cname, tname, cover = seg.cover(keys, slots_of)
        customers = np.asarray(seg.name_customer)[cname]
        chosen = cover >= COVER_MIN - 1e-9
        if len(qualified):
            chosen |= np.isin(customers, qualified)
        seqs = np.asarray(seg.name_seq)[cname[chosen]]
        for pk, seq, slot in zip(customers[chosen].tolist(), seqs.tolist(), tname[chosen].tolist(), strict=True):
            out.setdefault((pk, seq), set()).add(slot)
    return out


def reverse(screening: Screening, index: CustomerIndex, analyses: Sequence[NameAnalysis], target: EntityRecord,
            customers: dict[int, tuple[int, Customer]], only: Iterable[int] | None = None) -> list[Match]:
    """One target against the indexed customers whose current row (pk → (seq, customer)) is in
    ``customers`` with the seq the index holds."""
    allowed = None if only is None else set(only)
    matches = []
    for (pk, seq), slots in sorted(reverse_candidates(index, analyses, target).items()):
        current = customers.get(pk)
        if current is None or current[0] != seq or (allowed is not None and pk not in allowed):
            continue
        matches += screening.score(pk, screening.query(current[1]),
                                   [(target, [target.names[s] for s in sorted(slots)])])
    return matches
