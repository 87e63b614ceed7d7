"""``POST /screen``: batch screening, results streamed as JSON lines (a thin router over :mod:`screen_service`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from kenning.api import examples as ex
from kenning.api.models import ErrorResponse, InvalidResponse
from kenning.api.screen_service import BatchOptions, start_batch
from kenning.state import AppState, get_state

__all__ = ["router"]

router = APIRouter(tags=["Matching"])

_BODY = {
    "required": True,
    "description": "CSV with a header (`name` required; `schema`, `birth_date`, `country`, `id_number`, `ref` "
                   "optional; several values separated by `;`), or JSON lines (one object per line, same keys).",
    "content": {
        "text/csv": {"schema": {"type": "string", "minLength": 1}, "example": ex.SCREEN_CSV},
        "application/x-ndjson": {"schema": {"type": "string", "minLength": 1}, "example": ex.SCREEN_JSONL},
    },
}


@router.post("/screen", summary="Screen a batch (CSV or JSON lines), streamed",
             openapi_extra={"requestBody": _BODY},
             responses={200: {"description": "One JSON line per input row, in order; a row that cannot be "
                              "screened is a line with `error`",
                              "content": {"application/x-ndjson": {"schema": {"type": "string"},
                                                                   "example": ex.SCREEN_OUTPUT}}},
                        413: {"model": ErrorResponse, "description": "Body or number of rows over the limit"},
                        422: {"model": InvalidResponse, "description": "A body that cannot be read as a batch"},
                        503: {"model": ErrorResponse, "description": "No lists are loaded"}})
async def screen(
    request: Request,
    state: Annotated[AppState, Depends(get_state)],
    limit: Annotated[int, Query(ge=1, le=16, description="Results per row")] = 5,
    threshold: Annotated[float | None, Query(ge=0.0, le=1.0, description="Match threshold (default: the "
                                             "algorithm's)")] = None,
    algorithm: Annotated[str | None, Query(description="Scoring algorithm (default kenning-v1)",
                                           examples=["kenning-v1"])] = None,
    dataset: Annotated[list[str] | None, Query(description="Only these lists (repeatable)")] = None,
) -> StreamingResponse:
    """Screen every row of a CSV or JSON-lines body against the loaded lists; the results stream back as
    JSON lines while the batch runs, one per row in input order, with the scores explained. A row that
    cannot be screened (no name, a malformed date) is a line with `error`, and the stream goes on."""
    body = await request.body()
    options = BatchOptions(limit=limit, threshold=threshold, algorithm=algorithm,
                           datasets=tuple(d for d in dataset or () if d))
    lines = await run_in_threadpool(start_batch, state.require_screener(), body,
                                    request.headers.get("content-type", ""), options, state.datasets,
                                    request.app.state.config.batch_max_rows)
    return StreamingResponse(lines, media_type="application/x-ndjson")
