"""``/monitor/...``: portfolios, the alert queue, decisions, runs, webhooks, export (thin routers over
:mod:`monitor_service`). Every route needs a key: analysts read and decide, administrators read, import,
run and configure; a decision records the analyst the key names."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from kenning.api import monitor_examples as ex
from kenning.api import monitor_service as svc
from kenning.api.guard import AUTH_ERRORS, Principal, require_admin, require_analyst, require_reader
from kenning.api.models import ErrorResponse, InvalidResponse
from kenning.api.responses import json_response
from kenning.state import AppState, get_state

__all__ = ["router"]

router = APIRouter(prefix="/monitor", tags=["Monitoring"])

Reader = Annotated[Principal, Depends(require_reader)]
Analyst = Annotated[Principal, Depends(require_analyst)]
Admin = Annotated[Principal, Depends(require_admin)]
State = Annotated[AppState, Depends(get_state)]
ERRORS: dict[int | str, dict[str, Any]] = {**AUTH_ERRORS, 422: {"model": InvalidResponse}}
#: Row ids are SQL integers: larger values are refused as invalid (422) before they reach the database.
MAX_ID = 2**63 - 1
AlertId = Annotated[int, Path(description="The alert's number", ge=1, le=MAX_ID, examples=[1])]
Portfolio = Annotated[str, Path(description="Portfolio name", examples=["demo"])]


class DecisionRequest(BaseModel):
    """An analyst's decision on one alert."""

    decision: str = Field(description="true_match, false_positive or escalated", examples=["false_positive"])
    reason: str = Field(description="Why (kept in the audit log)", examples=["different date of birth"])
    request_id: str | None = Field(None, description="The client's key for this decision: sending it again "
                                   "returns the decision already made instead of making a second one")


class WebhookRequest(BaseModel):
    url: str = Field(examples=["https://example.org/kenning-alerts"])
    secret: str | None = Field(None, description="HMAC secret; a random one is made (and returned once) if none")


@router.get("/portfolios", summary="Portfolios", responses={**ex.json(ex.PORTFOLIOS), **ERRORS})
def portfolios(state: State, _who: Reader) -> Response:
    """Every portfolio with its number of customers (kept and removed)."""
    return json_response(svc.list_portfolios(state))


@router.post("/portfolios/{portfolio}/import", summary="Import customers (administrators)",
             responses={**ex.json(ex.IMPORT), **ERRORS, 409: {"model": ErrorResponse}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "text/csv": {"schema": {"type": "string"}, "example": ex.IMPORT_CSV},
                 "application/x-ndjson": {"schema": {"type": "string"}, "example": ex.IMPORT_JSONL}}}})
async def import_portfolio(
    request: Request, state: State, who: Admin,
    portfolio: Portfolio,
    sync: Annotated[bool, Query(description="Remove the customers the body no longer lists")] = False,
    screen: Annotated[bool, Query(description="Screen the changed customers now")] = True,
) -> Response:
    """The body is CSV (header with `customer_id` and `name`; optional schema, birth_date, country, id_number)
    or JSON lines (`Content-Type: application/x-ndjson`). Customers are updated by `customer_id`; bad rows are
    reported with their line."""
    body = await request.body()
    jsonl = "ndjson" in request.headers.get("content-type", "") or "jsonl" in request.headers.get("content-type", "")
    return json_response(await run_in_threadpool(svc.import_body, state, portfolio, body, jsonl, sync, who, screen))


@router.get("/portfolios/{portfolio}/customers/{customer_id}", summary="One customer with its history",
            responses={**ex.json(ex.CUSTOMER), **ERRORS, 404: {"model": ErrorResponse}})
def customer(state: State, _who: Reader, portfolio: Portfolio,
             customer_id: Annotated[str, Path(description="The customer's id in the portfolio", examples=["c1"])],
             ) -> Response:
    """The customer as stored now, every version imported, its current matches and every alert with its
    decisions."""
    return json_response(svc.customer(state, portfolio, customer_id))


@router.get("/alerts", summary="The alert queue, filtered and paged", responses={**ex.json(ex.ALERTS), **ERRORS})
def alerts(
    state: State, _who: Reader,
    status: Annotated[str | None, Query(description="open, true_match, false_positive, escalated, closed")] = None,
    kind: Annotated[str | None, Query(description="new, changed, gone, media")] = None,
    portfolio: Annotated[str | None, Query(description="Only this portfolio's alerts")] = None,
    customer_id: Annotated[str | None, Query(description="Only this customer's (with portfolio)")] = None,
    limit: Annotated[int, Query(description="Alerts per page", ge=1, le=500)] = 50,
    offset: Annotated[int, Query(description="Alerts to skip", ge=0, le=MAX_ID)] = 0,
) -> Response:
    """Alerts, newest first: `total`, `limit`, `offset` and one page of `alerts`."""
    return json_response(svc.alerts(state, status=status, kind=kind, portfolio=portfolio, customer_id=customer_id,
                                    limit=limit, offset=offset))


@router.get("/alerts/{alert_id}", summary="One alert with its evidence",
            responses={**ex.json(ex.ALERT), **ERRORS, 404: {"model": ErrorResponse}})
def alert(state: State, _who: Reader, alert_id: AlertId) -> Response:
    """The alert, its evidence and decisions, the customer, and the list entry as listed now."""
    return json_response(svc.alert(state, alert_id))


@router.post("/alerts/{alert_id}/decision", summary="Decide an alert (analysts)",
             responses={**ex.json(ex.DECISION), **ex.json(ex.DECISION, 201), **ERRORS,
                        404: {"model": ErrorResponse}})
def decision(state: State, who: Analyst, alert_id: AlertId,
             body: Annotated[DecisionRequest, Body(openapi_examples=ex.DECISIONS)],
             idempotency_key: Annotated[str | None, Header()] = None) -> Response:
    """Record a decision with its reason and the analyst the key names. 201 for a new decision, 200 when
    this `request_id` (or `Idempotency-Key` header) was decided before."""
    made, new = svc.decide_alert(state, alert_id, body.decision, body.reason, who, body.request_id or idempotency_key)
    return json_response(made, status_code=201 if new else 200)


@router.post("/run", summary="Run monitoring (administrators)",
             responses={**ex.json(ex.RUN_DONE), **ERRORS, 409: {"model": ErrorResponse}})
def run(state: State, _who: Admin,
        full: Annotated[bool, Query(description="Screen every customer against every entry again (finds nothing "
                                                "to change when the incremental runs were right)")] = False,
        ) -> Response:
    """Bring alerts up to date with the lists, the portfolios and the stored news; deliver webhooks."""
    return json_response(svc.run(state, full))


@router.get("/webhooks", summary="Webhooks (administrators)", responses={**ex.json(ex.WEBHOOKS), **ERRORS})
def webhooks(state: State, _who: Admin) -> Response:
    """The receivers of new alerts (their secrets are not shown again)."""
    return json_response(svc.webhooks(state))


@router.post("/webhooks", summary="Add a webhook (administrators)", responses={**ex.json(ex.WEBHOOK, 201), **ERRORS},
             status_code=201)
def add_webhook(state: State, who: Admin,
                body: Annotated[WebhookRequest, Body(openapi_examples=ex.WEBHOOK_REQUESTS)]) -> Response:
    """New alerts are POSTed to the URL, signed with HMAC-SHA256 (`X-Kenning-Signature`)."""
    return json_response(svc.new_webhook(state, body.url, body.secret, who), status_code=201)


@router.get("/export/{what}", summary="Export alerts or decisions", responses={200: {"content": {
    "application/x-ndjson": {"schema": {"type": "string"}, "example": ex.EXPORT_JSONL},
    "text/csv": {"schema": {"type": "string"}, "example": ex.EXPORT_CSV}}}, **ERRORS})
def export(state: State, _who: Reader, what: Annotated[str, Path(description="alerts or decisions")],
           format: Annotated[str, Query(description="csv or jsonl")] = "jsonl",
           portfolio: Annotated[str | None, Query(description="Only this portfolio's rows")] = None) -> Response:
    """Every alert (with its evidence) or every decision (with its audit entry), one row each, for audits."""
    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson"
    return Response(svc.export_bytes(state, what, format, portfolio), media_type=media)
