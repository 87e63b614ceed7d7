"""Read models of monitoring for the CLI, the API and the pages: the alert queue, one alert with the customer
and the list entry side by side, one customer with its history, the portfolios."""

from __future__ import annotations

from typing import Any

from kenning.errors import InputError, NotFoundError
from kenning.monitor.storage import ensure_monitor_tables
from kenning.monitor.storage.alerts import AlertFilter, alert_page, alert_row, decisions_of
from kenning.monitor.storage.customers import customer_by_id, customer_history
from kenning.monitor.storage.reads import customer_row, matches_of_customer
from kenning.store import Store
from kenning.store.parties import iso_time
from kenning.store.views import entity_view

__all__ = ["ALERT_KINDS", "ALERT_STATUSES", "alert_view", "alerts_view", "customer_view", "decision_dict"]

ALERT_KINDS = ("new", "changed", "gone", "media")
ALERT_STATUSES = ("open", "true_match", "false_positive", "escalated", "closed")
MAX_PAGE = 500


def decision_dict(row: Any) -> dict[str, Any]:
    return {"id": row.id, "alert_id": row.alert_id, "decision": row.decision, "reason": row.reason,
            "analyst": row.analyst, "status_before": row.status_before, "created_at": iso_time(row.created_at)}


def _alert(row: Any, decisions: list[Any] | None = None) -> dict[str, Any]:
    entry = row.evidence.get("entry") or {}
    out = {"id": row.id, "portfolio": row.portfolio, "customer_id": row.customer_id, "customer_name": row.names[0],
           "subject": row.subject, "subject_caption": entry.get("caption") or row.evidence.get("article", {}).get(
               "title"), "kind": row.kind, "status": row.status,
           "score": None if row.score is None else round(row.score, 4), "created_at": iso_time(row.created_at),
           "decided_at": iso_time(row.decided_at), "decided_by": row.decided_by, "run_id": row.run_id}
    if decisions is not None:
        out["decisions"] = [decision_dict(d) for d in decisions]
        out["evidence"] = row.evidence
    return out


def alerts_view(store: Store, status: str | None = None, kind: str | None = None, portfolio: str | None = None,
                customer_id: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """One page of alerts (newest first) and how many there are in all."""
    if status and status not in ALERT_STATUSES:
        raise InputError(f"status must be one of {', '.join(ALERT_STATUSES)}, not {status!r}")
    if kind and kind not in ALERT_KINDS:
        raise InputError(f"kind must be one of {', '.join(ALERT_KINDS)}, not {kind!r}")
    if not 1 <= limit <= MAX_PAGE or offset < 0:
        raise InputError(f"limit must be 1-{MAX_PAGE} and offset at least 0")
    ensure_monitor_tables(store)
    with store.connect() as conn:
        pk = None
        if customer_id is not None:
            if not portfolio:
                raise InputError("filtering by customer needs the portfolio too")
            row = customer_by_id(conn, portfolio, customer_id)
            pk = -1 if row is None else row.id
        total, rows = alert_page(conn, AlertFilter(status, kind, portfolio, pk), limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "alerts": [_alert(r) for r in rows]}


def _entry(store: Store, subject: str, evidence: dict[str, Any]) -> dict[str, Any] | None:
    if subject.startswith("article:"):
        return None
    try:
        return entity_view(store, subject)
    except NotFoundError:
        return {"id": subject, "delisted": True, **(evidence.get("entry") or {})}


def alert_view(store: Store, alert_id: int) -> dict[str, Any]:
    """One alert: its evidence, decisions, the customer as stored and the list entry as listed now, and the
    other alerts of the same pair."""
    ensure_monitor_tables(store)
    with store.connect() as conn:
        row = alert_row(conn, alert_id)
        if row is None:
            raise NotFoundError(f"no alert {alert_id}")
        decisions = decisions_of(conn, [alert_id]).get(alert_id, [])
        customer = customer_row(conn, row.customer_pk)
        _total, pair = alert_page(conn, AlertFilter(customer_pk=row.customer_pk, subject=row.subject), 100, 0)
    out = _alert(row, decisions)
    out["customer"] = _customer(customer)
    out["entry"] = _entry(store, row.subject, row.evidence)
    out["pair_history"] = [_alert(r) for r in pair if r.id != alert_id]
    return out


def _customer(row: Any) -> dict[str, Any]:
    return {"portfolio": row.portfolio, "customer_id": row.customer_id, "names": row.names, "schema": row.schema,
            "birth_dates": row.birth_dates, "countries": row.countries, "id_numbers": row.id_numbers,
            "removed": row.removed, "updated_at": iso_time(row.updated_at)}


def customer_view(store: Store, portfolio: str, customer_id: str) -> dict[str, Any]:
    """One customer: as stored now, every version imported, its current matches and every alert."""
    ensure_monitor_tables(store)
    with store.connect() as conn:
        row = customer_by_id(conn, portfolio, customer_id)
        if row is None:
            raise NotFoundError(f"no customer {customer_id!r} in portfolio {portfolio!r}")
        history = customer_history(conn, row.id)
        matches = matches_of_customer(conn, row.id)
        _total, alerts = alert_page(conn, AlertFilter(customer_pk=row.id), MAX_PAGE, 0)
        decided = decisions_of(conn, [a.id for a in alerts])
    return {
        "customer": _customer(row),
        "history": [{"change": h.change, "data": h.data, "source": h.source, "at": iso_time(h.at)} for h in history],
        "matches": [{"entity_id": m.entity_id, "score": round(m.score, 4), "explanation": m.explanation,
                     "updated_at": iso_time(m.updated_at)} for m in matches],
        "alerts": [_alert(a) | {"decisions": [decision_dict(d) for d in decided.get(a.id, [])]} for a in alerts],
    }
