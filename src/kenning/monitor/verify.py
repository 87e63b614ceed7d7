"""``kenning monitor audit --verify``: check the audit log's chain and that the tables agree with it.

Checks, each reported with the entry or row it concerns:

* the entries are numbered 1, 2, 3… without a gap (a deleted entry leaves one);
* each entry's ``prev_hash`` is the hash of the entry before it, and its ``hash`` is the keyed hash of its
  own fields (an edited entry, or one recomputed without the key, fails);
* the last entry is not behind the head recorded in ``MONITOR_DIR/audit.head`` (entries cut off the end);
* every decision row has its audit entry, saying the same (a decision edited or deleted in the table, or
  added without the log, shows); every run unit's alerts still hash to the digest its entry recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kenning.monitor.storage import audit, ensure_monitor_tables
from kenning.monitor.storage.reads import alerts_digest, decision_rows
from kenning.store import Store

__all__ = ["Verification", "verify_audit"]


@dataclass
class Verification:
    entries: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "entries": self.entries, "problems": self.problems}


def _chain(store: Store, result: Verification) -> dict[int, audit.AuditEntry]:
    key = audit.audit_key()
    prev, expected = audit.GENESIS, 1
    kept: dict[int, audit.AuditEntry] = {}
    for entry in audit.entries(store):
        result.entries += 1
        if entry.seq != expected:
            result.problems.append(f"entries {expected}–{entry.seq - 1} are missing (deleted?)")
        if entry.prev_hash != prev:
            result.problems.append(f"entry {entry.seq}: does not follow the entry before it (prev_hash)")
        recomputed = audit.entry_hash(key, entry.prev_hash, entry.seq, entry.at, entry.actor, entry.action,
                                      entry.object, entry.before, entry.after)
        if recomputed != entry.hash:
            result.problems.append(f"entry {entry.seq} ({entry.action} {entry.object}): its content does not "
                                   "match its hash (edited?)")
        prev, expected = entry.hash, entry.seq + 1
        if entry.action in ("alert.decide", "alert.close", "run.unit"):
            kept[entry.seq] = entry
    head = audit.read_head()
    if head is not None and (head[0] >= expected or (head[0] in kept and kept[head[0]].hash != head[1])):
        result.problems.append(f"the log ends at entry {expected - 1} but entry {head[0]} was recorded "
                               "(entries cut off the end?)")
    return kept


def _decisions(store: Store, kept: dict[int, audit.AuditEntry], result: Verification) -> None:
    rows = decision_rows(store)
    seen = set()
    for row in rows:
        entry = kept.get(row.audit_seq)
        seen.add(row.audit_seq)
        said = entry.after if entry is not None else None
        if not isinstance(said, dict) or said.get("request_id") != row.request_id \
                or said.get("decision") != row.decision or said.get("reason") != row.reason \
                or entry is None or entry.actor != row.analyst:
            result.problems.append(f"decision {row.id} on alert {row.alert_id}: differs from audit entry "
                                   f"{row.audit_seq} (edited, or written without the log)")
    for seq, entry in kept.items():
        if entry.action in ("alert.decide", "alert.close") and seq not in seen:
            result.problems.append(f"audit entry {seq} records a decision on {entry.object} that the decisions "
                                   "table no longer has (deleted?)")


def _units(store: Store, kept: dict[int, audit.AuditEntry], result: Verification) -> None:
    with store.connect() as conn:
        for seq, entry in kept.items():
            if entry.action != "run.unit" or not isinstance(entry.after, dict):
                continue
            if alerts_digest(conn, list(entry.after.get("alerts", []))) != entry.after.get("digest"):
                result.problems.append(f"audit entry {seq} ({entry.object}): its alerts no longer hash to the "
                                       "recorded digest (an alert was edited or deleted)")


def verify_audit(store: Store) -> Verification:
    """Every check above; ``ok`` when none failed."""
    ensure_monitor_tables(store)
    result = Verification()
    kept = _chain(store, result)
    _decisions(store, kept, result)
    _units(store, kept, result)
    return result
