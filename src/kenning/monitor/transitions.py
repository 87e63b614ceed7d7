"""From the old and the new match state of a set of pairs to alerts: new, changed, gone.

* a pair that matches now and did not before is a **new** match;
* a pair that matched and still does, whose list entry was amended in this run, is a **changed** match
  (the entry's diff is the evidence);
* a pair that matched and no longer does is a **gone** match (the entry delisted, or amended or the
  customer changed so that it no longer matches); a removed customer's alerts are closed instead.

A pair an analyst marked a false positive stays quiet while neither side changed (same customer hash,
same entry stamp); when one did, the suppression is lifted and the alert says what changed since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Connection, Row

from kenning.monitor.screen import Match
from kenning.monitor.storage.alerts import insert_alert, lift_suppression, suppressions_of
from kenning.monitor.storage.state import delete_matches, put_matches

__all__ = ["Change", "Outcome", "apply_transitions"]


@dataclass
class Change:
    """What a run knows changed: list entries (id → cause with the diff) and customers (row id → info)."""

    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    customers: dict[int, dict[str, Any]] = field(default_factory=dict)
    cause: dict[str, Any] = field(default_factory=dict)


@dataclass
class Outcome:
    """Counts of one unit's transitions."""

    alerts: list[int] = field(default_factory=list)
    suppressed: int = 0
    matches: int = 0

    def add(self, other: Outcome) -> None:
        self.alerts += other.alerts
        self.suppressed += other.suppressed
        self.matches += other.matches


@dataclass
class PairInfo:
    """What an alert of one pair shows besides the explanation: the customer and the entry."""

    customer: dict[str, Any]
    portfolio: str
    customer_hash: str
    entry: dict[str, Any]
    entity_stamp: str
    version_id: int


def _kind(key: tuple[int, str], old: Row[Any] | None, new: Match | None, change: Change) -> str | None:
    entry_changed = key[1] in change.entries and change.entries[key[1]].get("change") == "changed"
    if new is not None and old is None:
        return "new"
    if new is not None and old is not None:
        return "changed" if entry_changed else None
    return "gone" if old is not None else None


def _cause(key: tuple[int, str], change: Change) -> dict[str, Any]:
    if key[1] in change.entries:
        return {"type": "list", **change.entries[key[1]]}
    if key[0] in change.customers:
        return {"type": "customer", **change.customers[key[0]]}
    return dict(change.cause)


def _returns(supp: Row[Any], info: PairInfo, cause: dict[str, Any]) -> dict[str, Any]:
    what = []
    if supp.customer_hash != info.customer_hash:
        what.append("the customer's details changed")
    if supp.entity_stamp != info.entity_stamp:
        what.append("the list entry was amended" + (f" ({cause['dataset']} version {cause['from_version']} → "
                                                      f"{cause['to_version']})" if cause.get("type") == "list" else ""))
    return {"decision_id": supp.decision_id, "what_changed": what}


def apply_transitions(conn: Connection, old: dict[tuple[int, str], Row[Any]], new: dict[tuple[int, str], Match],
                      change: Change, info: Callable[[int, str], PairInfo], run_id: int, at: dt.datetime,
                      ) -> Outcome:
    """Write the new state of these pairs and the alerts their transitions raise (caller's transaction)."""
    outcome = Outcome(matches=len(new))
    keys = sorted(set(old) | set(new))
    suppressions = suppressions_of(conn, keys)
    rows = []
    for key in keys:
        before, after = old.get(key), new.get(key)
        pair = info(*key)
        if after is not None:
            rows.append({"customer_pk": key[0], "entity_id": key[1], "score": after.score,
                         "explanation": after.explanation, "customer_hash": pair.customer_hash,
                         "entity_stamp": pair.entity_stamp, "version_id": pair.version_id, "updated_at": at})
        kind = _kind(key, before, after, change)
        supp = suppressions.get(key)
        if supp is not None and (after is None or (supp.customer_hash == pair.customer_hash
                                                   and supp.entity_stamp == pair.entity_stamp)):
            outcome.suppressed += int(kind is not None)
            continue
        if kind is None and supp is None:
            continue
        kind = kind or "changed"
        cause = _cause(key, change)
        evidence: dict[str, Any] = {"customer": pair.customer, "entry": pair.entry, "cause": cause}
        if after is not None:
            evidence["explanation"] = after.explanation
        if before is not None:
            evidence["previous"] = {"score": before.score, "explanation": before.explanation}
        if supp is not None:
            evidence["returns"] = _returns(supp, pair, cause)
            lift_suppression(conn, key[0], key[1], "; ".join(evidence["returns"]["what_changed"]), at)
        alert_id = insert_alert(conn, {
            "portfolio": pair.portfolio, "customer_pk": key[0], "subject": key[1], "kind": kind, "status": "open",
            "score": after.score if after is not None else None, "evidence": evidence,
            "customer_hash": pair.customer_hash, "entity_stamp": pair.entity_stamp, "previous_id": None,
            "run_id": run_id, "dedupe": f"{kind}:{key[0]}:{key[1]}:{cause.get('key', run_id)}", "created_at": at})
        if alert_id is not None:
            outcome.alerts.append(alert_id)
    delete_matches(conn, [k for k in keys if k not in new])
    put_matches(conn, rows)
    return outcome
