"""The monitoring routes' services: portfolios, alerts, decisions, runs, webhooks, export.

Work that writes (an import, a run) holds the app's update lock so two requests never run it at once, and
ends with the webhook deliveries that are due (retries continue on the next call).
"""

from __future__ import annotations

import io
from typing import Any

from kenning.api.errors import Conflict
from kenning.api.guard import Principal
from kenning.monitor.decisions import decide
from kenning.monitor.export import export
from kenning.monitor.media import run_media
from kenning.monitor.run import require_lists, run_monitor
from kenning.monitor.service import after_change, import_portfolio, portfolios
from kenning.monitor.views import alert_view, alerts_view, customer_view
from kenning.monitor.webhooks import add_webhook, deliver_pending, list_webhooks
from kenning.state import AppState

__all__ = ["alert", "alerts", "customer", "decide_alert", "export_bytes", "import_body", "list_portfolios",
           "new_webhook", "run", "webhooks"]


def list_portfolios(state: AppState) -> dict[str, Any]:
    found = portfolios(state.store)
    return {"portfolios": [{"name": k, **v} for k, v in sorted(found.items())]}


def import_body(state: AppState, portfolio: str, body: bytes, jsonl: bool, sync: bool, who: Principal,
                screen: bool) -> dict[str, Any]:
    if not state.update_lock.acquire(blocking=False):
        raise Conflict("an import, run or list update is already running; try again when it has finished")
    try:
        report = import_portfolio(state.store, portfolio, data=body, name="request body", jsonl=jsonl, sync=sync,
                                  actor=who.name)
        ran = after_change(state.store) if screen else None
        media = run_media(state.store) if ran is not None else None
    finally:
        state.update_lock.release()
    deliver_pending(state.store)
    return {**report.to_dict(), "run": ran.to_dict() if ran else None, "media": media.to_dict() if media else None}


def run(state: AppState, full: bool) -> dict[str, Any]:
    if not state.update_lock.acquire(blocking=False):
        raise Conflict("an import, run or list update is already running; try again when it has finished")
    try:
        require_lists(state.store)
        report = run_monitor(state.store, full=full, show_progress=False)
        media = run_media(state.store)
    finally:
        state.update_lock.release()
    return {**report.to_dict(), "media": media.to_dict(), "webhooks": deliver_pending(state.store)}


def alerts(state: AppState, **filters: Any) -> dict[str, Any]:
    return alerts_view(state.store, **filters)


def alert(state: AppState, alert_id: int) -> dict[str, Any]:
    return alert_view(state.store, alert_id)


def customer(state: AppState, portfolio: str, customer_id: str) -> dict[str, Any]:
    return customer_view(state.store, portfolio, customer_id)


def decide_alert(state: AppState, alert_id: int, decision: str, reason: str, who: Principal,
                 request_id: str | None) -> tuple[dict[str, Any], bool]:
    return decide(state.store, alert_id, decision, reason, who.name, request_id)


def new_webhook(state: AppState, url: str, secret: str | None, who: Principal) -> dict[str, Any]:
    return add_webhook(state.store, url, secret, who.name)


def webhooks(state: AppState) -> dict[str, Any]:
    return {"webhooks": list_webhooks(state.store)}


def export_bytes(state: AppState, what: str, fmt: str, portfolio: str | None) -> bytes:
    out = io.BytesIO()
    export(state.store, what, fmt, out, portfolio)
    return out.getvalue()
