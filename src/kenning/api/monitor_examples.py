"""Examples for the ``/monitor`` routes in the OpenAPI document: the must-show of the monitoring issue (a
portfolio holding Sadio Camara, the SDN lists of 2023-07-20 and 2023-07-24), abridged."""

from __future__ import annotations

from typing import Any

from fastapi.openapi.models import Example

__all__ = ["ALERT", "ALERTS", "CUSTOMER", "DECISION", "DECISIONS", "EXPORT_CSV", "EXPORT_JSONL", "IMPORT",
           "IMPORT_CSV", "IMPORT_JSONL", "PORTFOLIOS", "RUN", "RUN_DONE", "WEBHOOK", "WEBHOOKS", "WEBHOOK_REQUESTS",
           "json"]

_AT = "2026-12-03T11:00:24+00:00"

PORTFOLIOS: dict[str, Any] = {"portfolios": [{"name": "demo", "customers": 3, "removed": 0}]}

IMPORT_CSV = "customer_id,name,schema,birth_date,country\nc1,Sadio Camara,Person,,\n" \
             "c2,Maria Lopez Garcia,Person,1980-02-03,es\nc3,John Peterson,Person,,\n"
IMPORT_JSONL = '{"customer_id": "c1", "name": "Sadio Camara", "schema": "Person"}\n'

RUN: dict[str, Any] = {"run_id": 2, "status": "done", "full": False, "resumed": False, "units": 1,
                       "alerts": {"new": 1}, "suppressed": 0, "closed": 0, "matches": 1, "changed_entries": 7,
                       "customers_screened": 0, "seconds": 0.41}

IMPORT: dict[str, Any] = {
    "portfolio": "demo", "rows": 3, "added": 3, "changed": 0, "unchanged": 0, "removed": 0, "refused": 0,
    "problems": [], "run": RUN, "media": {"articles": 0, "alerts": 0, "customers": 3}}

RUN_DONE: dict[str, Any] = {**RUN, "media": IMPORT["media"], "webhooks": {"delivered": 1, "retrying": 0, "failed": 0}}

_CAUSE: dict[str, Any] = {"type": "list", "change": "added", "dataset": "us_ofac_sdn", "from_version": 1,
                          "to_version": 2, "entry": {"id": "us_ofac_sdn-42618", "schema": "Person",
                                                     "caption": "CAMARA, Sadio"}}

_ALERT: dict[str, Any] = {
    "id": 1, "portfolio": "demo", "customer_id": "c1", "customer_name": "Sadio Camara",
    "subject": "us_ofac_sdn-42618", "subject_caption": "CAMARA, Sadio", "kind": "new", "status": "open",
    "score": 0.95, "created_at": _AT, "decided_at": None, "decided_by": None, "run_id": 2}

ALERTS: dict[str, Any] = {"total": 1, "limit": 50, "offset": 0, "alerts": [_ALERT]}

DECISION: dict[str, Any] = {"id": 1, "alert_id": 1, "decision": "false_positive",
                            "reason": "our client is born 1990, the listed one 1979", "analyst": "alice",
                            "status_before": "open", "created_at": _AT}

DECISIONS: dict[str, Example] = {
    "false_positive": {"summary": "A false positive, with its reason",
                       "value": {"decision": "false_positive", "reason": "our client is born 1990, the listed "
                                 "one 1979", "request_id": "7f3c2a9e-decide-1"}},
    "escalated": {"summary": "Escalated for a second look",
                  "value": {"decision": "escalated", "reason": "same name and country; no birth date on file"}},
}

_CUSTOMER: dict[str, Any] = {"portfolio": "demo", "customer_id": "c1", "names": ["Sadio Camara"],
                             "schema": "Person", "birth_dates": [], "countries": [], "id_numbers": [],
                             "removed": False, "updated_at": _AT}

ALERT: dict[str, Any] = {
    **_ALERT, "decisions": [],
    "evidence": {"cause": _CAUSE, "entry": _CAUSE["entry"], "explanation": {
        "score": 0.95, "matched_name": "CAMARA, Sadio", "compared": ["CAMARA, Sadio"],
        "features": {"name": {"score": 0.95, "query": "Sadio Camara", "candidate": "CAMARA, Sadio",
                              "explanation": "every part of the name matches: sadio = sadio, camara = camara"}}}},
    "customer": _CUSTOMER,
    "entry": {"id": "us_ofac_sdn-42618", "caption": "CAMARA, Sadio", "schema": "Person",
              "properties": {"name": ["CAMARA, Sadio"], "birthDate": ["1979-03-22"], "nationality": ["ml"]}},
    "pair_history": []}

CUSTOMER: dict[str, Any] = {
    "customer": _CUSTOMER,
    "history": [{"change": "added", "data": {"names": ["Sadio Camara"], "schema": "Person"},
                 "source": "customers.csv", "at": _AT}],
    "matches": [{"entity_id": "us_ofac_sdn-42618", "score": 0.95, "explanation": ALERT["evidence"]["explanation"],
                 "updated_at": _AT}],
    "alerts": [_ALERT | {"decisions": []}]}

WEBHOOK_REQUESTS: dict[str, Example] = {
    "receiver": {"summary": "A receiver with its own secret",
                 "value": {"url": "https://example.org/kenning-alerts", "secret": "s3cret-shared-with-the-receiver"}},
    "generated": {"summary": "A receiver; Kenning makes the secret and returns it once",
                  "value": {"url": "https://example.org/kenning-alerts"}},
}

WEBHOOK: dict[str, Any] = {"id": 1, "url": "https://example.org/kenning-alerts",
                           "secret": "s3cret-shared-with-the-receiver", "active": True}

WEBHOOKS: dict[str, Any] = {"webhooks": [{"id": 1, "url": "https://example.org/kenning-alerts", "active": True,
                                          "created_at": _AT}]}

EXPORT_JSONL = '{"alert_id":1,"portfolio":"demo","customer_id":"c1","customer_name":"Sadio Camara",' \
               '"subject":"us_ofac_sdn-42618","subject_caption":"CAMARA, Sadio","kind":"new","status":' \
               '"false_positive","score":0.95,"created_at":"' + _AT + '","decided_by":"alice","cause":"list"}\n'
EXPORT_CSV = "decision_id,alert_id,portfolio,customer_id,subject,decision,reason,analyst,status_before," \
             "created_at,audit_seq,request_id\n1,1,demo,c1,us_ofac_sdn-42618,false_positive,our client is born " \
             "1990,alice,open," + _AT + ",7,\n"


def json(example: Any, status: int = 200) -> dict[int | str, dict[str, Any]]:
    """An OpenAPI ``responses`` entry: a JSON answer with its example."""
    return {status: {"content": {"application/json": {"example": example}}}}
