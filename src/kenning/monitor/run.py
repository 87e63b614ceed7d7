"""``kenning monitor run``: bring the match state up to date with the lists and the portfolios.

One run at a time (a file lock under ``MONITOR_DIR``). A run follows its plan (:mod:`kenning.monitor.plan`)
unit by unit; each unit's new state, the alerts it raises, the note that it is done and an audit entry
with a digest of its alerts are one transaction, so a run killed at any point (``kill -9`` included) loses
at most the unit it was in, and the next run resumes the same plan from there. At the end the customer
index gets a segment for the customers screened afresh, and the state's cursor moves to the plan's list
versions and customer counter.
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from kenning import settings
from kenning.errors import StoreError
from kenning.monitor.custindex import CustomerIndex, build_segment
from kenning.monitor.plan import make_plan
from kenning.monitor.profile import current_profile, profile_by_id
from kenning.monitor.storage import audit
from kenning.monitor.storage.locking import write_tx
from kenning.monitor.storage.reads import (
    alert_kinds,
    alerts_digest,
    customers_in_window,
    insert_run,
    live_customers,
    run_done,
)
from kenning.monitor.storage.state import (
    active_customers,
    customer_rows,
    matches_of,
    now,
    open_run,
    set_cursor,
    update_run,
)
from kenning.monitor.targets import RawCache
from kenning.monitor.transitions import Change, Outcome, apply_transitions
from kenning.monitor.units import RunContext, forward_rows, removed_customers, reverse_entries, worker_pool
from kenning.progress import progress_bar
from kenning.store import Store

__all__ = ["RunReport", "require_lists", "run_lock", "run_monitor"]


@dataclass
class RunReport:
    """What a run did."""

    run_id: int | None
    status: str
    full: bool = False
    resumed: bool = False
    units: int = 0
    alerts: dict[str, int] = field(default_factory=dict)
    suppressed: int = 0
    closed: int = 0
    matches: int = 0
    changed_entries: int = 0
    #: Customers whose names were scored (once per unit that reached them) and, in reverse, the pairs scored:
    #: a re-screen's work, which follows the changed entries and the customers they reach.
    customers_screened: int = 0
    pairs_scored: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@contextmanager
def run_lock() -> Iterator[None]:
    """Hold the monitoring run lock (waits for a run in progress in another process)."""
    settings.MONITOR_DIR.mkdir(parents=True, exist_ok=True)
    with open(settings.MONITOR_DIR / "run.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _finish_unit(ctx: RunContext, conn: Any, unit: dict[str, Any], outcome: Outcome, closed: int) -> None:
    run_done(conn, ctx.run_id, unit["id"])
    audit.append(conn, "kenning", "run.unit", f"run:{ctx.run_id}:{unit['id']}",
                 after={"alerts": sorted(outcome.alerts), "digest": alerts_digest(conn, outcome.alerts),
                        "suppressed": outcome.suppressed, "closed": closed, "matches": outcome.matches})


def _entries_unit(ctx: RunContext, unit: dict[str, Any], workers: Any) -> tuple[Outcome, int]:
    with write_tx(ctx.store) as conn:
        if unit["type"] == "entries":
            old, new, rows = reverse_entries(ctx, conn, unit["ids"], workers)
        else:
            old = matches_of(conn, entities=unit["ids"])
            rows = {r.id: r for r in customer_rows(conn, sorted({pk for pk, _e in old}))}
            old = {k: v for k, v in old.items() if not rows[k[0]].removed and rows[k[0]].seq <= ctx.plan["seq_from"]}
            new = {}
        ctx.entries(sorted({e for _p, e in [*old, *new]}))
        outcome = apply_transitions(conn, old, new, ctx.change, ctx.info(rows), ctx.run_id, now())
        _finish_unit(ctx, conn, unit, outcome, 0)
    return outcome, 0


def _customers_unit(ctx: RunContext, unit: dict[str, Any], workers: Any) -> tuple[Outcome, int]:
    rows = customers_in_window(ctx.store, unit["from"], unit["to"])
    new, segment = forward_rows(ctx, rows, workers)
    ctx.segments.append(segment)
    ctx.entries(sorted({e for _p, e in new}))
    changed = ctx.plan.get("seq_before", 0)
    ctx.change.customers.update({r.id: {"key": f"c{r.seq}", "seq": r.seq} for r in rows if r.seq > changed})
    with write_tx(ctx.store) as conn:
        active = {r.id: r for r in rows if not r.removed}
        old = {k: v for k, v in matches_of(conn, customers=sorted(active)).items()}
        ctx.entries(sorted({e for _p, e in old}))
        closed = removed_customers(conn, rows)
        outcome = apply_transitions(conn, old, new, ctx.change, ctx.info(active), ctx.run_id, now())
        _finish_unit(ctx, conn, unit, outcome, closed)
    return outcome, closed


def _start(store: Store, full: bool, renew: bool) -> tuple[int, dict[str, Any], list[str], bool] | None:
    running = open_run(store)
    if running is not None:
        return int(running.id), dict(running.plan), list(running.done), True
    profile, fresh = current_profile(store, renew=renew)
    plan = make_plan(store, profile.id, full or fresh)
    if plan is None:
        return None
    with write_tx(store) as conn:
        run_id = insert_run(conn, "full" if plan["full"] else "incremental", plan, now())
        audit.append(conn, "kenning", "run.start", f"run:{run_id}", after={
            "full": plan["full"], "profile": plan["profile"], "versions_from": plan["versions_from"],
            "versions_to": plan["versions_to"], "seq_from": plan["seq_from"], "seq_to": plan["seq_to"],
            "units": len(plan["units"])})
    return run_id, plan, [], False


def _catch_up_index(ctx: RunContext) -> None:
    """Index the customers up to the plan's start that the index lacks (first run, lost files)."""
    if ctx.plan["full"]:
        ctx.index.reset()
        return
    upto = ctx.plan["seq_from"]
    if ctx.index.seq >= upto:
        return
    indexed = [ctx.screening.indexed(r.id, r.seq, _customer(r))
               for batch in active_customers(ctx.store, after_seq=ctx.index.seq, upto_seq=upto) for r in batch]
    ctx.index.add(build_segment(indexed), upto, _live(ctx.store))


def _customer(row: Any) -> Any:
    from kenning.monitor.units import customer_of

    return customer_of(row)


def _live(store: Store) -> dict[int, int]:
    return live_customers(store)


def _finish(ctx: RunContext, report: RunReport, done_before: list[str]) -> None:
    """Index the customers screened afresh, move the cursor, close the run."""
    plan = ctx.plan
    missing = [u for u in plan["units"] if u["type"] == "customers" and u["id"] in done_before]
    for unit in missing:
        rows = [r for batch in active_customers(ctx.store, after_seq=unit["from"], upto_seq=unit["to"]) for r in batch]
        ctx.segments.append(build_segment([ctx.screening.indexed(r.id, r.seq, _customer(r)) for r in rows]))
    if ctx.segments:
        from kenning.monitor.custindex import merge_segments

        ctx.index.add(merge_segments(ctx.segments, None), plan["seq_to"], _live(ctx.store))
    with write_tx(ctx.store) as conn:
        set_cursor(conn, "state", {"profile": plan["profile"], "versions": plan["versions_to"], "seq": plan["seq_to"]})
        update_run(conn, ctx.run_id, status="done", finished_at=now(), stats=report.to_dict())
        audit.append(conn, "kenning", "run.finish", f"run:{ctx.run_id}", after={
            "alerts": report.alerts, "suppressed": report.suppressed, "closed": report.closed})
    audit.write_head(ctx.store)


def run_monitor(store: Store, *, full: bool = False, renew: bool = False, workers: int | None = None,
                show_progress: bool = True, say: Callable[[str], None] | None = None) -> RunReport:
    """Run (or resume) monitoring; a report of what changed. Raises StoreError when no lists are loaded."""
    started = time.perf_counter()
    with run_lock():
        begun = _start(store, full, renew)
        if begun is None:
            return RunReport(None, "current", seconds=time.perf_counter() - started)
        run_id, plan, done, resumed = begun
        profile = profile_by_id(store, plan["profile"])
        ctx = RunContext(store, plan, run_id, profile.screening(), CustomerIndex(profile.id),
                         Change(entries=plan["changes"], cause={"key": f"p{plan['profile']}-r{run_id}",
                                                               "type": "rescreen", "profile": plan["profile"]}),
                         RawCache(profile.matcher), workers or settings.MONITOR_WORKERS)
        report = RunReport(run_id, "done", plan["full"], resumed, changed_entries=len(plan["changes"]))
        _catch_up_index(ctx)
        ctx.screening.stored = ctx.index.analysis  # the customers' names as analysed when they were indexed
        todo = [u for u in plan["units"] if u["id"] not in done]
        if say and resumed:
            say(f"resuming run {run_id}: {len(todo)} of {len(plan['units'])} units left")
        forward_too = any(u["type"] == "customers" for u in todo)
        with worker_pool(ctx, forward_too) as pool, \
                progress_bar("monitoring", total=len(todo), enabled=show_progress) as advance:
            for unit in todo:
                if unit["type"] == "customers":
                    outcome, closed = _customers_unit(ctx, unit, pool)
                else:
                    outcome, closed = _entries_unit(ctx, unit, pool)
                _count(report, outcome, closed, ctx)
                advance(1)
        report.units = len(todo)
        report.customers_screened, report.pairs_scored = ctx.customers_scored, ctx.pairs_scored
        _finish(ctx, report, done)
    report.seconds = time.perf_counter() - started
    return report


def _count(report: RunReport, outcome: Outcome, closed: int, ctx: RunContext) -> None:
    report.suppressed += outcome.suppressed
    report.closed += closed
    report.matches += outcome.matches
    for kind in alert_kinds(ctx.store, outcome.alerts) if outcome.alerts else []:
        report.alerts[kind] = report.alerts.get(kind, 0) + 1


def require_lists(store: Store) -> None:
    if not store.current_versions():
        raise StoreError("no lists are loaded: customers are screened once `kenning lists load` has run")
