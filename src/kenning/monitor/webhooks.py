"""Webhooks for new alerts: an outbox filled in the transaction that raises the alert, delivered with an
HMAC-SHA256 signature and retried with exponential backoff.

A delivery is a ``POST`` of the alert as JSON with the headers ``X-Kenning-Event: alert.created``,
``X-Kenning-Delivery`` (the delivery id: a receiver drops repeats by it), ``X-Kenning-Timestamp`` (Unix
seconds) and ``X-Kenning-Signature: sha256=HEX``, the HMAC-SHA256 of ``{timestamp}.{body}`` under the
webhook's secret. Any 2xx answer delivers it; anything else (or no answer within ``KENNING_WEBHOOK_TIMEOUT``)
is retried after ``KENNING_WEBHOOK_BACKOFF`` seconds, then twice as long each time, up to
``KENNING_WEBHOOK_ATTEMPTS`` attempts; then it is marked failed. Deliveries not yet due are left for the next
call (a later run, or the server's next pass).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import timedelta
from typing import Any

import httpx
import orjson

from kenning import settings
from kenning.errors import InputError, NotFoundError
from kenning.monitor.storage import audit, ensure_monitor_tables
from kenning.monitor.storage.locking import write_tx
from kenning.monitor.storage.reads import (
    delivery_due,
    insert_webhook,
    next_delivery,
    set_delivery,
    set_webhook_active,
    webhook_row,
    webhook_rows,
)
from kenning.monitor.storage.state import now
from kenning.monitor.views import alert_view
from kenning.store import Store
from kenning.store.parties import iso_time

__all__ = ["add_webhook", "deliver_pending", "disable_webhook", "list_webhooks", "sign"]


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header's value for one delivery."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={mac}"


def add_webhook(store: Store, url: str, secret: str | None, actor: str) -> dict[str, Any]:
    """Register a receiver of new alerts; returns it with its secret (shown this once)."""
    if not url.lower().startswith(("http://", "https://")):
        raise InputError(f"webhook URL {url!r} must start with http:// or https://")
    secret = secret or secrets.token_hex(24)
    with write_tx(store) as conn:
        hook_id = insert_webhook(conn, url, secret, now())
        audit.append(conn, actor, "webhook.add", f"webhook:{hook_id}", after={"url": url})
    audit.write_head(store)
    return {"id": hook_id, "url": url, "secret": secret, "active": True}


def disable_webhook(store: Store, hook_id: int, actor: str) -> None:
    with write_tx(store) as conn:
        row = webhook_row(conn, hook_id)
        if row is None:
            raise NotFoundError(f"no webhook {hook_id}")
        set_webhook_active(conn, hook_id, False)
        audit.append(conn, actor, "webhook.disable", f"webhook:{hook_id}", before={"active": row.active},
                     after={"active": False})
    audit.write_head(store)


def list_webhooks(store: Store) -> list[dict[str, Any]]:
    return [{"id": r.id, "url": r.url, "active": r.active, "created_at": iso_time(r.created_at)}
            for r in webhook_rows(store)]


def _send(client: httpx.Client, row: Any, body: bytes) -> str | None:
    """One attempt; None when delivered, else why not."""
    stamp = str(int(time.time()))
    headers = {"content-type": "application/json", "x-kenning-event": "alert.created",
               "x-kenning-delivery": str(row.id), "x-kenning-timestamp": stamp,
               "x-kenning-signature": sign(row.secret, stamp, body)}
    try:
        answer = client.post(row.url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None if 200 <= answer.status_code < 300 else f"HTTP {answer.status_code}"


def _record(store: Store, row: Any, error: str | None) -> None:
    attempts = row.attempts + 1
    values: dict[str, Any] = {"attempts": attempts, "last_error": error}
    if error is None:
        values |= {"status": "delivered", "delivered_at": now()}
    elif attempts >= settings.WEBHOOK_ATTEMPTS:
        values["status"] = "failed"
    else:
        values["next_at"] = now() + timedelta(seconds=settings.WEBHOOK_BACKOFF * 2 ** (attempts - 1))
    set_delivery(store, row.id, values)


def deliver_pending(store: Store, wait: float = 0.0) -> dict[str, int]:
    """Deliver what is due; keep going (sleeping until the next retry is due) for up to ``wait`` seconds."""
    ensure_monitor_tables(store)
    counts = {"delivered": 0, "retrying": 0, "failed": 0}
    deadline = time.monotonic() + wait
    bodies: dict[int, bytes] = {}
    with httpx.Client(timeout=settings.WEBHOOK_TIMEOUT, follow_redirects=False) as client:
        while True:
            for row in delivery_due(store, now()):
                if row.alert_id not in bodies:
                    bodies[row.alert_id] = orjson.dumps({"event": "alert.created",
                                                         "alert": alert_view(store, row.alert_id)})
                error = _send(client, row, bodies[row.alert_id])
                _record(store, row, error)
                key = "delivered" if error is None else ("failed" if row.attempts + 1 >= settings.WEBHOOK_ATTEMPTS
                                                         else "retrying")
                counts[key] += 1
            pending = _next_due(store)
            if pending is None or time.monotonic() >= deadline:
                return counts
            time.sleep(max(0.05, min(pending, deadline - time.monotonic())))


def _next_due(store: Store) -> float | None:
    """Seconds until the next pending delivery is due, None when none is pending."""
    nxt = next_delivery(store)
    return None if nxt is None else max(0.0, float((nxt - now()).total_seconds()))
