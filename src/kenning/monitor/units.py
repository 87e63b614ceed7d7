"""The units of a run: screening changed list entries against every customer (reverse), delisted entries,
and changed customers against every entry (forward, on worker processes). Each unit computes its pairs'
new state and hands it to :func:`~kenning.monitor.transitions.apply_transitions` in one transaction.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Connection, Row

from kenning.matching.records import EntityRecord, RawEntity
from kenning.model import caption
from kenning.monitor.custindex import CustomerIndex, IndexedCustomer, Segment, build_segment, merge_segments
from kenning.monitor.customers import Customer
from kenning.monitor.decisions import close_alerts
from kenning.monitor.screen import Match, Screening, forward, reverse_candidates
from kenning.monitor.storage.reads import drop_customers
from kenning.monitor.storage.state import customer_rows, matches_of
from kenning.monitor.targets import RawCache, TargetIndex, build_targets, entity_stamp, record_of
from kenning.monitor.transitions import Change, PairInfo
from kenning.store import Store

__all__ = ["RunContext", "ScoreItem", "customer_of", "forward_rows", "removed_customers", "reverse_entries",
           "score_items", "worker_pool"]

#: Customers per task handed to a worker process.
TASK = 250
#: Customers per reverse-scoring task (fewer: a re-screen reaches a few thousand customers).
REVERSE_TASK = 100

_SCREENING: Screening | None = None
_TARGETS: TargetIndex | None = None


def customer_of(row: Row[Any]) -> Customer:
    return Customer.from_data(row.customer_id, {"names": row.names, "schema": row.schema,
                                                "birth_dates": row.birth_dates, "countries": row.countries,
                                                "id_numbers": row.id_numbers})


@dataclass
class RunContext:
    """What the units of one run share."""

    store: Store
    plan: dict[str, Any]
    run_id: int
    screening: Screening
    index: CustomerIndex
    change: Change
    raw: RawCache
    workers: int
    _targets: TargetIndex | None = None
    _stamps: dict[str, tuple[dict[str, Any], str, int]] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)
    #: Work done, for the run's report: customers whose names were scored (in reverse, once per unit) and
    #: customer–entry pairs scored.
    customers_scored: int = 0
    pairs_scored: int = 0

    def targets(self) -> TargetIndex:
        """Every listed party of the current versions, indexed (built on first use)."""
        if self._targets is None:
            raws = self.raw.get(self.store.iter_entities(targets_only=True))
            self.raw.save()
            self._targets = build_targets(raws, self.screening.rarity)
        return self._targets

    def entries(self, ids: Sequence[str]) -> dict[str, tuple[dict[str, Any], str, int]]:
        """Per entry id: what an alert shows of it, its stamp and its list version (cached for the run)."""
        missing = [i for i in ids if i not in self._stamps]
        if missing:
            found = self.store.get_entities(missing)
            records = self.store.records_for_many(list(found))
            versions = self.plan["versions_to"]
            for entity_id in missing:
                dataset = entity_id.split("-", 1)[0]
                entity = found.get(entity_id)
                if entity is None:
                    entry = dict(self.plan["changes"].get(entity_id, {}).get("entry") or {"id": entity_id})
                    self._stamps[entity_id] = ({**entry, "dataset": dataset, "delisted": True}, "delisted",
                                               int(versions.get(dataset, 0)))
                    continue
                entry = {"id": entity_id, "dataset": dataset, "schema": entity.schema.name,
                         "caption": caption(entity)}
                self._stamps[entity_id] = (entry, entity_stamp(entity, records.get(entity_id, [])),
                                           int(versions.get(dataset, 0)))
        return {i: self._stamps[i] for i in ids}

    def info(self, rows: dict[int, Row[Any]]) -> Any:
        """The callback :func:`apply_transitions` asks for each pair's customer and entry."""
        def pair(pk: int, entity_id: str) -> PairInfo:
            row = rows[pk]
            entry, stamp, version = self.entries([entity_id])[entity_id]
            customer = {"customer_id": row.customer_id, **customer_of(row).data()}
            return PairInfo(customer, row.portfolio, row.hash, entry, stamp, version)

        return pair


def reverse_entries(ctx: RunContext, conn: Connection, ids: Sequence[str], workers: Callable[[bool], Any] | None = None,
                    ) -> tuple[dict[tuple[int, str], Row[Any]], dict[tuple[int, str], Match], dict[int, Row[Any]]]:
    """Old and new state of the pairs of these entries with the customers unchanged since the last run.

    Only the customers the pair rule lets through are read and scored (on the worker processes when there
    are many), so the work follows the changed entries and the customers they reach, not the portfolio."""
    found = ctx.store.get_entities(list(ids))
    # Changed entries are new content: the party cache cannot hold them, so it is not read.
    raws: list[RawEntity] = ctx.raw.get((found[i] for i in ids if i in found), cached=False)
    wanted: dict[tuple[int, int], list[tuple[int, set[int]]]] = {}
    records = [record_of(raw, ctx.screening.rarity) for raw in raws]
    for n, raw in enumerate(raws):
        record = records[n]
        for key, slots in reverse_candidates(ctx.index, [a for _p, a in raw.names], record).items():
            wanted.setdefault(key, []).append((n, slots))
    old = matches_of(conn, entities=list(ids))
    rows = {r.id: r for r in customer_rows(conn, sorted({pk for pk, _s in wanted} | {pk for pk, _e in old}))}
    seq_from = ctx.plan["seq_from"]
    unchanged = {pk for pk, r in rows.items() if not r.removed and r.seq <= seq_from}
    items: list[ScoreItem] = []
    for (pk, seq), targets in sorted(wanted.items()):
        row = rows.get(pk)
        if row is None or pk not in unchanged or row.seq != seq:
            continue
        items.append((pk, customer_of(row), [(records[n], sorted(slots)) for n, slots in targets]))
    ctx.customers_scored += len(items)
    ctx.pairs_scored += sum(len(t) for _pk, _c, t in items)
    new = {(m.customer_pk, m.target): m for m in score_items(ctx.screening, items, workers)}
    return {k: v for k, v in old.items() if k[0] in unchanged}, new, rows


#: One customer and the entries (with the names to compare) it is scored against.
ScoreItem = tuple[int, Customer, list[tuple[EntityRecord, list[int]]]]


def _score(screening: Screening, items: list[ScoreItem]) -> list[Match]:
    out: list[Match] = []
    for pk, customer, targets in items:
        out += screening.score(pk, screening.query(customer),
                               [(t, [t.names[s] for s in slots]) for t, slots in targets])
    return out


def _score_task(items: list[ScoreItem]) -> list[Match]:
    assert _SCREENING is not None
    return _score(_SCREENING, items)


def score_items(screening: Screening, items: Sequence[ScoreItem], workers: Callable[[bool], Any] | None,
                ) -> list[Match]:
    """The matches of these customers against their entries, on the worker processes when there are many
    (the pool's screening is the run's, shared by fork)."""
    pool = workers(True) if workers is not None and len(items) >= 2 * REVERSE_TASK else None
    if pool is None:
        return _score(screening, list(items))
    tasks = [list(items[n:n + REVERSE_TASK]) for n in range(0, len(items), REVERSE_TASK)]
    return [m for matches in pool.map(_score_task, tasks) for m in matches]


def removed_customers(conn: Connection, rows: Sequence[Row[Any]]) -> int:
    """Drop the matches of removed customers and close their open alerts."""
    pks = [r.id for r in rows if r.removed]
    if not pks:
        return 0
    return close_alerts(conn, drop_customers(conn, pks), "the customer was removed from its portfolio")


def _task(items: list[tuple[int, int, Customer]]) -> tuple[list[Match], Segment]:
    assert _SCREENING is not None and _TARGETS is not None
    matches: list[Match] = []
    indexed: list[IndexedCustomer] = []
    for pk, seq, customer in items:
        matches += forward(_SCREENING, pk, customer, _TARGETS)
        indexed.append(_SCREENING.indexed(pk, seq, customer))
    return matches, build_segment(indexed)


def forward_rows(ctx: RunContext, rows: Sequence[Row[Any]], workers: Callable[[bool], Any],
                 ) -> tuple[dict[tuple[int, str], Match], Segment]:
    """Active customers of ``rows`` against every current entry; their matches and their index segment."""
    items = [(r.id, r.seq, customer_of(r)) for r in rows if not r.removed]
    ctx.customers_scored += len(items)
    tasks = [items[n:n + TASK] for n in range(0, len(items), TASK)]
    pool = workers(len(tasks) > 1)
    outputs = pool.map(_task, tasks) if pool is not None else [_task(t) for t in tasks]
    new = {(m.customer_pk, m.target): m for matches, _seg in outputs for m in matches}
    segments = [seg for _m, seg in outputs]
    return new, merge_segments(segments, None) if segments else build_segment([])


def _fork_pool(workers: int) -> Any:
    """A fork pool whose workers first freeze what they inherit (the screening, the target index: millions
    of objects) out of the garbage collector's passes. Scanning them was most of each full pass, and it
    writes to every page they are on, which each worker then copies though it only reads them. (Frozen in
    the workers, not here: a server's own frozen objects stay frozen.)"""
    return multiprocessing.get_context("fork").Pool(workers, initializer=gc.freeze)


@contextmanager
def worker_pool(ctx: RunContext, forward_too: bool = True) -> Iterator[Callable[[bool], Any]]:
    """A getter of a fork pool sharing the run's screening (and, for forward units, the target index),
    started on first use (None with one worker): a re-screen that reaches few customers forks nothing.
    ``get(False)`` only shares them with this process's own tasks."""
    global _SCREENING, _TARGETS
    _SCREENING, _TARGETS = ctx.screening, None
    started: list[Any] = []

    def get(pool: bool = True) -> Any:
        global _TARGETS
        if forward_too and _TARGETS is None:
            _TARGETS = ctx.targets()
        if pool and not started:
            usable = ctx.workers > 1 and "fork" in multiprocessing.get_all_start_methods()
            started.append(_fork_pool(ctx.workers) if usable else None)
        return started[0] if pool else None

    try:
        yield get
    finally:
        if started and started[0] is not None:
            started[0].terminate()
            started[0].join()
