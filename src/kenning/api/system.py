"""``GET /healthz``, ``GET /algorithms``, ``POST /lists/update`` (thin routers over :mod:`system_service`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from kenning.api import examples as ex
from kenning.api.gate import gate_of
from kenning.api.guard import AUTH_ERRORS, require_api_key
from kenning.api.models import AlgorithmResponse, ErrorResponse, InvalidResponse
from kenning.api.responses import json_response
from kenning.api.system_service import algorithms, health, rollback_list, update
from kenning.state import AppState, get_state

__all__ = ["router"]

router = APIRouter(tags=["System information"])


@router.get("/healthz", summary="Liveness: the service answers",
            responses={200: {"description": "The service answers; the body says whether it is ready, and why not",
                             "content": {"application/json": {"example": ex.HEALTH}}}})
async def healthz(request: Request, state: Annotated[AppState, Depends(get_state)]) -> Response:
    """200 whenever the process answers (as yente's `/healthz`: use it for liveness probes). The body
    reports the store, the index (loaded, and `fresh`: built from the store's current lists and links),
    the current version of each list, and `ready` / `status` (`ok`, `stale`, `unavailable`). Never rate
    limited. `load` counts the screening and news requests run, waiting and turned away busy."""
    data = await run_in_threadpool(health, state)
    load = {kind: gate_of(request, kind).stats.to_dict() for kind in ("screen", "news")}
    return json_response(data | {"load": load})


@router.get("/readyz", summary="Readiness: the index answers for the current lists",
            responses={200: {"description": "Ready: store reachable, index loaded and fresh",
                             "content": {"application/json": {"example": ex.HEALTH}}},
                       503: {"description": "Not ready: no lists, the store does not answer, or the lists "
                                            "changed and the new index is still being loaded"}})
async def readyz(state: Annotated[AppState, Depends(get_state)]) -> Response:
    """200 when searches answer against the store's current lists (as yente's `/readyz`: use it for
    readiness probes); 503 while there is no index, the store does not answer, or the index is stale (a
    list changed in another process and the new index is not swapped in yet, which takes seconds). Never
    rate limited."""
    data = await run_in_threadpool(health, state)
    return json_response(data, status_code=200 if data["ready"] else 503)


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


@router.post("/lists/rollback", summary="Make an earlier version of a list current again",
             dependencies=[Depends(require_api_key)],
             responses={200: {"description": "The version now current, the new links and the list's history",
                              "content": {"application/json": {"example": ex.ROLLBACK}}},
                        404: {"model": ErrorResponse, "description": "Unknown list or version"},
                        409: {"model": ErrorResponse, "description": "An update is already running"},
                        422: {"model": InvalidResponse, "description": "No earlier version"},
                        **AUTH_ERRORS})
def lists_rollback(
    state: Annotated[AppState, Depends(get_state)],
    dataset: Annotated[str, Query(description="The list", examples=["us_ofac_sdn"])],
    version: Annotated[int | None, Query(description="The version to make current (default: the one "
                                          "current before the present one)")] = None,
    note: Annotated[str | None, Query(description="Why, kept in the list's history", max_length=500)] = None,
) -> Response:
    """Make an earlier version of a list current again (a bad publication got through), recorded in the
    list's history; the links are refreshed and the screener reloaded. Needs an API key."""
    return json_response(rollback_list(state, dataset, version, note))
