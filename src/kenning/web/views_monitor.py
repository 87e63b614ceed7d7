"""Read models of the monitoring pages: the alert queue, one alert (customer and list entry side by side, the
evidence, the decision form), one customer with its history. Values are prepared here; templates print them."""

from __future__ import annotations

from typing import Any

from kenning import settings
from kenning.monitor.access import Principal, identify
from kenning.monitor.views import ALERT_KINDS, ALERT_STATUSES, alert_view, alerts_view, customer_view
from kenning.store import Store

__all__ = ["PAGE", "alert_page", "customer_page", "principal_of", "queue_page"]

#: Alerts per page of the queue.
PAGE = 25
_LABELS = {"true_match": "True match", "false_positive": "False positive", "escalated": "Escalated",
           "open": "Open", "closed": "Closed", "new": "New match", "changed": "Changed match",
           "gone": "Match gone", "media": "Adverse media"}


def principal_of(key: str | None) -> Principal | None:
    """Who the signed-in key belongs to (None: not signed in, or a key no longer configured)."""
    if not key:
        return None
    return identify(key, settings.API_KEYS, settings.API_ANALYST_KEYS)


def queue_page(store: Store, status: str, kind: str, portfolio: str, page: int) -> dict[str, Any]:
    offset = (max(page, 1) - 1) * PAGE
    data = alerts_view(store, status or None, kind or None, portfolio or None, None, PAGE, offset)
    for alert in data["alerts"]:
        alert["kind_label"] = _LABELS[alert["kind"]]
        alert["status_label"] = _LABELS[alert["status"]]
    pages = max(1, -(-data["total"] // PAGE))
    return {**data, "page": max(page, 1), "pages": pages, "status": status, "kind": kind, "portfolio": portfolio,
            "statuses": [(s, _LABELS[s]) for s in ALERT_STATUSES], "kinds": [(k, _LABELS[k]) for k in ALERT_KINDS]}


def _entry_facts(entry: dict[str, Any] | None) -> list[tuple[str, str]]:
    if not entry:
        return []
    props = entry.get("properties") or {}
    facts = [("Names", "; ".join(props.get("name", []) + props.get("alias", [])))]
    for label, prop in (("Birth date", "birthDate"), ("Nationality", "nationality"), ("Country", "country"),
                        ("Programs", "program"), ("Passport", "passportNumber"), ("Notes", "notes")):
        if props.get(prop):
            facts.append((label, "; ".join(props[prop])[:600]))
    return [(k, v) for k, v in facts if v]


def _cause_text(cause: dict[str, Any]) -> str:
    """What raised the alert, in words."""
    kind = cause.get("type")
    if kind == "list":
        return (f"{cause['dataset']} version {cause['from_version']} → {cause['to_version']}: the entry was "
                f"{cause['change']}")
    if kind == "customer":
        return f"the customer was added or changed (change {cause.get('seq')})"
    if kind == "news":
        return "a stored news report names the customer"
    return "a full re-screen"


def alert_page(store: Store, alert_id: int, who: Principal | None) -> dict[str, Any]:
    data = alert_view(store, alert_id)
    customer = data["customer"]
    evidence = data["evidence"]
    features = (evidence.get("explanation") or {}).get("features", {})
    return {"a": data, "kind_label": _LABELS[data["kind"]], "status_label": _LABELS[data["status"]],
            "customer_facts": [("Names", "; ".join(customer["names"])), ("Schema", customer["schema"]),
                               ("Birth date", "; ".join(customer["birth_dates"])),
                               ("Country", "; ".join(customer["countries"])),
                               ("Identifiers", "; ".join(customer["id_numbers"]))],
            "entry_facts": _entry_facts(data["entry"]), "features": [(k, v) for k, v in features.items()],
            "cause_text": _cause_text(evidence.get("cause") or {}), "diff": (evidence.get("cause") or {}).get("diff"),
            "returns": evidence.get("returns"), "mentions": evidence.get("mentions", []),
            "article": evidence.get("article"), "events": evidence.get("events", []),
            "can_decide": who is not None and who.role == "analyst" and data["status"] != "closed",
            "decisions": [(d, _LABELS.get(d["decision"], d["decision"])) for d in data["decisions"]],
            "choices": [("true_match", "True match"), ("false_positive", "False positive"),
                        ("escalated", "Escalate")]}


def customer_page(store: Store, portfolio: str, customer_id: str) -> dict[str, Any]:
    data = customer_view(store, portfolio, customer_id)
    for alert in data["alerts"]:
        alert["kind_label"] = _LABELS[alert["kind"]]
        alert["status_label"] = _LABELS[alert["status"]]
    return data
