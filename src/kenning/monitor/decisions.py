"""Analysts' decisions on alerts: true match, false positive or escalated, with a reason.

A decision is one serialised transaction: the decision row, the alert's new status, the suppression of a
false positive (held by the customer's hash and the entry's stamp as they are now) and the audit entry, all
committed together or not at all. Every decision carries a request id: sending the same decision again (a
client retrying after a timeout, or a process killed after the commit) returns the decision already made
instead of writing a second one.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.engine import Connection

from kenning.errors import InputError, NotFoundError
from kenning.monitor.storage import audit
from kenning.monitor.storage.alerts import (
    alert_row,
    decision_by_request,
    insert_decision,
    lift_suppression,
    set_alert_status,
    upsert_suppression,
)
from kenning.monitor.storage.locking import write_tx
from kenning.monitor.storage.reads import match_stamps
from kenning.monitor.storage.state import now
from kenning.store import Store

__all__ = ["DECISIONS", "close_alerts", "decide"]

#: What an analyst may decide, and the alert status each leaves.
DECISIONS = ("true_match", "false_positive", "escalated")
#: Longest reason accepted.
MAX_REASON = 4000


def _decision_dict(row: Any) -> dict[str, Any]:
    return {"id": row.id, "alert_id": row.alert_id, "decision": row.decision, "reason": row.reason,
            "analyst": row.analyst, "status_before": row.status_before, "request_id": row.request_id,
            "audit_seq": row.audit_seq, "created_at": row.created_at.isoformat()}


def _record(conn: Connection, alert: Any, decision: str, reason: str, analyst: str, request_id: str) -> dict[str, Any]:
    at = now()
    seq = audit.append(conn, analyst, "alert.decide", f"alert:{alert.id}",
                       before={"status": alert.status},
                       after={"decision": decision, "reason": reason, "request_id": request_id,
                              "customer_pk": alert.customer_pk, "subject": alert.subject})
    decision_id = insert_decision(conn, {"alert_id": alert.id, "decision": decision, "reason": reason,
                                         "analyst": analyst, "status_before": alert.status,
                                         "request_id": request_id, "audit_seq": seq, "created_at": at})
    set_alert_status(conn, alert.id, decision, at, analyst)
    if decision == "false_positive":
        current = match_stamps(conn, alert.customer_pk, alert.subject)
        stamps = current or alert
        upsert_suppression(conn, alert.customer_pk, alert.subject, decision_id, stamps.customer_hash,
                           stamps.entity_stamp)
    elif decision == "true_match":
        lift_suppression(conn, alert.customer_pk, alert.subject, "decided a true match", at)
    row = decision_by_request(conn, request_id)
    assert row is not None
    return _decision_dict(row)


def decide(store: Store, alert_id: int, decision: str, reason: str, analyst: str,
           request_id: str | None = None) -> tuple[dict[str, Any], bool]:
    """Record one decision; returns it and whether it is new (False: this request id was decided before)."""
    if decision not in DECISIONS:
        raise InputError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
    reason = reason.strip()
    if not reason:
        raise InputError("a decision needs a reason")
    if len(reason) > MAX_REASON:
        raise InputError(f"the reason is {len(reason)} characters long; at most {MAX_REASON} are accepted")
    if not analyst.strip():
        raise InputError("a decision needs the analyst's name")
    request_id = request_id or uuid.uuid4().hex
    with write_tx(store) as conn:
        known = decision_by_request(conn, request_id)
        if known is not None:
            if known.alert_id != alert_id or known.decision != decision:
                raise InputError(f"request id {request_id!r} was used for another decision")
            return _decision_dict(known), False
        alert = alert_row(conn, alert_id)
        if alert is None:
            raise NotFoundError(f"no alert {alert_id}")
        if alert.status == "closed":
            raise InputError(f"alert {alert_id} is closed (its customer was removed); it cannot be decided")
        made = _record(conn, alert, decision, reason, analyst.strip(), request_id)
    audit.write_head(store)
    return made, True


def close_alerts(conn: Connection, alert_ids: Sequence[int], reason: str, actor: str = "kenning") -> int:
    """Close open or escalated alerts (their customer was removed) as recorded decisions of ``actor``."""
    closed = 0
    for alert_id in alert_ids:
        alert = alert_row(conn, alert_id)
        if alert is None or alert.status in ("closed", "true_match", "false_positive"):
            continue
        at = now()
        request_id = f"close:{alert_id}"
        seq = audit.append(conn, actor, "alert.close", f"alert:{alert_id}", before={"status": alert.status},
                           after={"decision": "closed", "reason": reason, "request_id": request_id,
                                  "customer_pk": alert.customer_pk, "subject": alert.subject})
        insert_decision(conn, {"alert_id": alert_id, "decision": "closed", "reason": reason, "analyst": actor,
                               "status_before": alert.status, "request_id": request_id, "audit_seq": seq,
                               "created_at": at})
        set_alert_status(conn, alert_id, "closed", at, actor)
        closed += 1
    return closed
