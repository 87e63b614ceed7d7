"""Export of alerts and decisions for audits: CSV or JSON lines, one row per alert or per decision."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO, Any

import orjson

from kenning.errors import InputError
from kenning.monitor.storage import ensure_monitor_tables
from kenning.monitor.storage.alerts import alert_rows, decision_export_rows
from kenning.store import Store
from kenning.store.parties import iso_time

__all__ = ["ALERT_COLUMNS", "DECISION_COLUMNS", "export"]

ALERT_COLUMNS = ["alert_id", "portfolio", "customer_id", "customer_name", "subject", "subject_caption", "kind",
                 "status", "score", "created_at", "decided_at", "decided_by", "cause", "evidence"]
DECISION_COLUMNS = ["decision_id", "alert_id", "portfolio", "customer_id", "subject", "decision", "reason",
                    "analyst", "status_before", "created_at", "audit_seq", "request_id"]


def _alerts(store: Store, portfolio: str | None) -> Iterator[dict[str, Any]]:
    for r in alert_rows(store, portfolio):
        entry = r.evidence.get("entry") or r.evidence.get("article") or {}
        yield {"alert_id": r.id, "portfolio": r.portfolio, "customer_id": r.customer_id,
               "customer_name": r.names[0], "subject": r.subject,
               "subject_caption": entry.get("caption") or entry.get("title"), "kind": r.kind, "status": r.status,
               "score": r.score, "created_at": iso_time(r.created_at), "decided_at": iso_time(r.decided_at),
               "decided_by": r.decided_by, "cause": (r.evidence.get("cause") or {}).get("type"),
               "evidence": r.evidence}


def _decisions(store: Store, portfolio: str | None) -> Iterator[dict[str, Any]]:
    for r in decision_export_rows(store, portfolio):
        yield {"decision_id": r.id, "alert_id": r.alert_id, "portfolio": r.portfolio, "customer_id": r.customer_id,
               "subject": r.subject, "decision": r.decision, "reason": r.reason, "analyst": r.analyst,
               "status_before": r.status_before, "created_at": iso_time(r.created_at), "audit_seq": r.audit_seq,
               "request_id": r.request_id}


def export(store: Store, what: str, fmt: str, out: IO[bytes], portfolio: str | None = None) -> int:
    """Write every alert or decision (of one portfolio) as ``csv`` or ``jsonl``; returns the count."""
    if what not in ("alerts", "decisions"):
        raise InputError(f"export 'alerts' or 'decisions', not {what!r}")
    if fmt not in ("csv", "jsonl"):
        raise InputError(f"format must be csv or jsonl, not {fmt!r}")
    ensure_monitor_tables(store)
    rows = _alerts(store, portfolio) if what == "alerts" else _decisions(store, portfolio)
    columns = ALERT_COLUMNS if what == "alerts" else DECISION_COLUMNS
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(orjson.dumps(row) + b"\n")
            count += 1
        return count
    import io

    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([orjson.dumps(row[c]).decode() if isinstance(row[c], dict) else row[c] for c in columns])
        count += 1
    text.flush()
    text.detach()
    return count
