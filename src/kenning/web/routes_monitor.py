"""The monitoring pages: sign in with a key, the alert queue, one alert with the decision form, one customer.

The key is kept in an HttpOnly, SameSite=Strict cookie (so another site cannot post a decision with it);
analysts' keys may decide, administrators' keys may only look. Every page needs a signed-in key: the pages
name customers.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kenning.errors import KenningError
from kenning.monitor.access import Principal
from kenning.monitor.decisions import decide
from kenning.web.deps import get_store
from kenning.web.routes import error_page
from kenning.web.templating import render
from kenning.web.views_monitor import alert_page, customer_page, principal_of, queue_page

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
COOKIE = "kenning_key"


def _who(request: Request) -> Principal | None:
    return principal_of(request.cookies.get(COOKIE))


def _signin(request: Request, error: str | None = None, status_code: int = 200) -> HTMLResponse:
    return render(request, "monitor_signin.html", {"error": error, "next": request.url.path}, status_code=status_code)


@router.get("/monitoring", name="web_queue")
def queue(request: Request, status: str = "open", kind: str = "", portfolio: str = "", page: int = 1) -> Response:
    """The alert queue (open alerts first by default), filtered and paged."""
    return _signed_in(request, "monitor_queue.html",
                      lambda _who: {"q": queue_page(get_store(request), status, kind, portfolio, page)})


@router.post("/monitoring/signin", name="web_signin")
def signin(request: Request, key: Annotated[str, Form()], next: Annotated[str, Form()] = "/monitoring") -> Response:
    if principal_of(key) is None:
        return _signin(request, "That key is not an analyst's or an administrator's key.", 403)
    target = next if next.startswith("/monitoring") else "/monitoring"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, key, httponly=True, samesite="strict", path="/")
    return response


@router.post("/monitoring/signout", name="web_signout")
def signout() -> Response:
    response = RedirectResponse("/monitoring", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def _signed_in(request: Request, template: str, build: Callable[[Principal], dict[str, Any]]) -> Response:
    """``template`` with what ``build`` returns for the signed-in key; the sign-in form without one."""
    who = _who(request)
    if who is None:
        return _signin(request, status_code=401)
    try:
        context = build(who)
    except KenningError as exc:
        return error_page(request, exc)
    return render(request, template, {**context, "who": who})


@router.get("/monitoring/alert/{alert_id}", name="web_alert")
def alert(request: Request, alert_id: int) -> Response:
    """One alert: the customer and the list entry side by side, the evidence, the decisions, the form."""
    return _signed_in(request, "monitor_alert.html", lambda who: {
        **alert_page(get_store(request), alert_id, who), "request_id": uuid.uuid4().hex})


@router.post("/monitoring/alert/{alert_id}/decide", name="web_decide")
def decide_form(request: Request, alert_id: int, decision: Annotated[str, Form()], reason: Annotated[str, Form()],
                request_id: Annotated[str, Form()]) -> Response:
    """An analyst's decision from the alert page (a reload re-sends the same request id: decided once)."""
    who = _who(request)
    if who is None or who.role != "analyst":
        return _signin(request, "Only analysts decide alerts: sign in with an analyst's key.", 403)
    try:
        decide(get_store(request), alert_id, decision, reason, who.name, request_id)
    except KenningError as exc:
        return error_page(request, exc)
    return RedirectResponse(str(request.app.url_path_for("web_alert", alert_id=alert_id)), status_code=303)


@router.get("/monitoring/customer/{portfolio}/{customer_id}", name="web_customer")
def customer(request: Request, portfolio: str, customer_id: str) -> Response:
    """One customer: as imported now, every version, its matches and its alerts with their decisions."""
    return _signed_in(request, "monitor_customer.html",
                      lambda _who: {"c": customer_page(get_store(request), portfolio, customer_id)})
