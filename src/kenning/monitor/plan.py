"""What a run has to do: which list versions changed since the match state was computed (with their diffs),
which customers changed, and the units of work, each small enough to commit as one transaction.

The plan is stored with the run, so a run killed half-way resumes with the same units and skips those done.
"""

from __future__ import annotations

from typing import Any

from kenning.monitor.storage import ensure_monitor_tables
from kenning.monitor.storage.reads import customer_count, seq_counter
from kenning.monitor.storage.state import get_cursor
from kenning.store import Store
from kenning.store.diff import diff_versions, version_targets

__all__ = ["ENTRY_CHUNK", "SEQ_WINDOW", "make_plan"]

#: List entries per reverse-screening unit.
ENTRY_CHUNK = 250
#: Customer changes (counter values) per forward-screening unit.
SEQ_WINDOW = 5000


def _dataset_changes(store: Store, dataset: str, old: int | None, new: int) -> dict[str, dict[str, Any]]:
    """Per entry id of one list: how it changed between the versions, with the diff as evidence."""
    base = {"dataset": dataset, "from_version": old, "to_version": new, "key": f"{dataset}:{old}-{new}"}
    if old is None:
        return {e["id"]: {**base, "change": "added", "entry": e} for e in version_targets(store, new)}
    diff = diff_versions(store, old, new)
    out = {a["id"]: {**base, "change": "added", "entry": a} for a in diff.added}
    out |= {r["id"]: {**base, "change": "removed", "entry": r} for r in diff.removed}
    out |= {c.id: {**base, "change": "changed", "diff": c.to_dict()} for c in diff.changed}
    return out


def _units(changes: dict[str, dict[str, Any]], seq_from: int, seq_to: int, full: bool) -> list[dict[str, Any]]:
    units: list[dict[str, Any]] = []
    if not full:
        for kind in ("added", "changed"):
            ids = sorted(i for i, c in changes.items() if c["change"] == kind)
            units += [{"id": f"E:{kind}:{n}", "type": "entries", "ids": ids[n:n + ENTRY_CHUNK]}
                      for n in range(0, len(ids), ENTRY_CHUNK)]
        removed = sorted(i for i, c in changes.items() if c["change"] == "removed")
        units += [{"id": f"R:{n}", "type": "removed", "ids": removed[n:n + ENTRY_CHUNK]}
                  for n in range(0, len(removed), ENTRY_CHUNK)]
    start = 0 if full else seq_from
    units += [{"id": f"C:{a}", "type": "customers", "from": a, "to": min(a + SEQ_WINDOW, seq_to)}
              for a in range(start, seq_to, SEQ_WINDOW)]
    return units


def make_plan(store: Store, profile: int, full: bool) -> dict[str, Any] | None:
    """The plan of the next run, or None when the match state is current."""
    ensure_monitor_tables(store)
    with store.connect() as conn:
        state = get_cursor(conn, "state", {"profile": None, "versions": {}, "seq": 0})
        seq_to = seq_counter(conn)
    customers = customer_count(store)
    full = full or state["profile"] != profile
    current = {name: v.id for name, v in store.current_versions().items()}
    before = {k: int(v) for k, v in state["versions"].items()}
    if not full and current == before and seq_to == state["seq"]:
        return None
    changes: dict[str, dict[str, Any]] = {}
    for dataset, version in sorted(current.items()):
        if before.get(dataset) != version:
            changes |= _dataset_changes(store, dataset, before.get(dataset), version)
    seq_from = 0 if full else int(state["seq"])
    plan = {"profile": profile, "full": full, "versions_from": before, "versions_to": current, "seq_from": seq_from,
            "seq_before": int(state["seq"]),
            "seq_to": seq_to, "changes": changes, "customers": customers,
            "units": _units(changes, seq_from, seq_to, full)}
    return plan
