"""``GET /healthz``, ``GET /algorithms``, ``POST /lists/update`` (thin routers over :mod:`system_service`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from starlette.concurrency import run_in_threadpool

from kenning.api import examples as ex
from kenning.api.guard import AUTH_ERRORS, require_api_key
from kenning.api.models import AlgorithmResponse, ErrorResponse, InvalidResponse
from kenning.api.responses import json_response
from kenning.api.system_service import algorithms, health, update
from kenning.state import AppState, get_state

__all__ = ["router"]

router = APIRouter(tags=["System information"])


@router.get("/healthz", summary="Health check",
            responses={200: {"description": "Store reachable, index loaded, current list versions",
                             "content": {"application/json": {"example": ex.HEALTH}}},
                       503: {"description": "The store does not answer or no index is loaded"}})
async def healthz(state: Annotated[AppState, Depends(get_state)]) -> Response:
    """Whether the store answers and the screening index is loaded, and the current version of each list.
    503 when either is missing. Never rate limited."""
    data, status = await run_in_threadpool(health, state)
    return json_response(data, status_code=status)


@router.get("/algorithms", summary="Scoring algorithms", response_model=AlgorithmResponse,
            responses={200: {"content": {"application/json": {"example": ex.ALGORITHMS}}}})
def list_algorithms() -> Response:
    """Every versioned scoring algorithm, its match threshold, and each feature with the explanation users
    see (the feature function's docstring), in yente's `AlgorithmResponse` shape."""
    return json_response(algorithms())


@router.post("/lists/update", summary="Download and load the current official lists",
             dependencies=[Depends(require_api_key)],
             responses={200: {"description": "What was downloaded and loaded, per list",
                              "content": {"application/json": {"example": ex.UPDATE}}},
                        409: {"model": ErrorResponse, "description": "An update is already running"},
                        422: {"model": InvalidResponse, "description": "Unknown dataset"},
                        502: {"model": ErrorResponse, "description": "A list could not be downloaded"},
                        **AUTH_ERRORS})
def lists_update(
    state: Annotated[AppState, Depends(get_state)],
    dataset: Annotated[str | None, Query(description="Only this list (default: every list in sources.yml that "
                                                     "is not retired)",
                                         examples=["un_sc"])] = None,
    skip_count_check: Annotated[bool, Query(description="Accept any number of entries (as the CLI's "
                                            "--skip-count-check)")] = False,
) -> Response:
    """Download the current official files of every list that is not retired (or of one), check them,
    load what changed as new versions, refresh the cross-list links and reload the screener. A list whose
    update fails keeps its current version (its result says so). Needs an API key. Takes minutes."""
    return json_response(update(state, dataset, check_counts=not skip_count_check))
