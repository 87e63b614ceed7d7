"""``/monitor/...``: portfolios, the alert queue, decisions, runs, webhooks, export (thin routers over
:mod:`monitor_service`). Every route needs a key: analysts read and decide, administrators read, import,
run and configure; a decision records the analyst the key names."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

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


class DecisionRequest(BaseModel):
    """An analyst's decision on one alert."""

    decision: str = Field(description="true_match, false_positive or escalated", examples=["false_positive"])
    reason: str = Field(description="Why (kept in the audit log)", examples=["different date of birth"])
    request_id: str | None = Field(None, description="The client's key for this decision: sending it again "
                                   "returns the decision already made instead of making a second one")


class WebhookRequest(BaseModel):
    url: str = Field(examples=["https://example.org/kenning-alerts"])
    secret: str | None = Field(None, description="HMAC secret; a random one is made (and returned once) if none")


@router.get("/portfolios", summary="Portfolios", responses=ERRORS)
def portfolios(state: State, _who: Reader) -> Response:
    """Every portfolio with its number of customers (kept and removed)."""
    return json_response(svc.list_portfolios(state))


@router.post("/portfolios/{portfolio}/import", summary="Import customers (administrators)",
             responses={**ERRORS, 409: {"model": ErrorResponse}})
async def import_portfolio(
    request: Request, state: State, who: Admin,
    portfolio: Annotated[str, Path(description="Portfolio name", examples=["retail"])],
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
            responses={**ERRORS, 404: {"model": ErrorResponse}})
def customer(state: State, _who: Reader, portfolio: str, customer_id: str) -> Response:
    return json_response(svc.customer(state, portfolio, customer_id))


@router.get("/alerts", summary="The alert queue, filtered and paged", responses=ERRORS)
def alerts(
    state: State, _who: Reader,
    status: Annotated[str | None, Query(description="open, true_match, false_positive, escalated, closed")] = None,
    kind: Annotated[str | None, Query(description="new, changed, gone, media")] = None,
    portfolio: str | None = None,
    customer_id: Annotated[str | None, Query(description="With portfolio")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """Alerts, newest first: `total`, `limit`, `offset` and one page of `alerts`."""
    return json_response(svc.alerts(state, status=status, kind=kind, portfolio=portfolio, customer_id=customer_id,
                                    limit=limit, offset=offset))


@router.get("/alerts/{alert_id}", summary="One alert with its evidence",
            responses={**ERRORS, 404: {"model": ErrorResponse}})
def alert(state: State, _who: Reader, alert_id: int) -> Response:
    """The alert, its evidence and decisions, the customer, and the list entry as listed now."""
    return json_response(svc.alert(state, alert_id))


@router.post("/alerts/{alert_id}/decision", summary="Decide an alert (analysts)",
             responses={**ERRORS, 404: {"model": ErrorResponse}})
def decision(state: State, who: Analyst, alert_id: int, body: Annotated[DecisionRequest, Body()],
             idempotency_key: Annotated[str | None, Header()] = None) -> Response:
    """Record a decision with its reason and the analyst the key names. 201 for a new decision, 200 when
    this `request_id` (or `Idempotency-Key` header) was decided before."""
    made, new = svc.decide_alert(state, alert_id, body.decision, body.reason, who, body.request_id or idempotency_key)
    return json_response(made, status_code=201 if new else 200)


@router.post("/run", summary="Run monitoring (administrators)", responses={**ERRORS, 409: {"model": ErrorResponse}})
def run(state: State, _who: Admin, full: bool = False) -> Response:
    """Bring alerts up to date with the lists, the portfolios and the stored news; deliver webhooks."""
    return json_response(svc.run(state, full))


@router.get("/webhooks", summary="Webhooks (administrators)", responses=ERRORS)
def webhooks(state: State, _who: Admin) -> Response:
    return json_response(svc.webhooks(state))


@router.post("/webhooks", summary="Add a webhook (administrators)", responses=ERRORS, status_code=201)
def add_webhook(state: State, who: Admin, body: Annotated[WebhookRequest, Body()]) -> Response:
    """New alerts are POSTed to the URL, signed with HMAC-SHA256 (`X-Kenning-Signature`)."""
    return json_response(svc.new_webhook(state, body.url, body.secret, who), status_code=201)


@router.get("/export/{what}", summary="Export alerts or decisions", responses=ERRORS)
def export(state: State, _who: Reader, what: Annotated[str, Path(description="alerts or decisions")],
           format: Annotated[str, Query(description="csv or jsonl")] = "jsonl",
           portfolio: str | None = None) -> Response:
    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson"
    return Response(svc.export_bytes(state, what, format, portfolio), media_type=media)
