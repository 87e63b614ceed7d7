"""``POST /match/{dataset}``: yente's query-by-example matcher (a thin router over :mod:`match_service`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response

from kenning.api import examples as ex
from kenning.api.gate import arrival, gate_of
from kenning.api.match_service import MatchOptions, match_entities
from kenning.api.models import EntityMatchQuery, EntityMatchResponse, ErrorResponse, InvalidResponse
from kenning.api.responses import json_response
from kenning.state import AppState, get_state

__all__ = ["router"]

router = APIRouter(tags=["Matching"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "No queries, too many queries, or an unknown algorithm"},
    404: {"model": ErrorResponse, "description": "Unknown dataset",
          "content": {"application/json": {"example": ex.UNKNOWN_DATASET}}},
    422: {"model": InvalidResponse, "description": "The body is not JSON, or not a batch of queries"},
    503: {"model": ErrorResponse, "description": "No lists are loaded, or the server is busy (with `Retry-After`)"},
}


@router.post("/match/{dataset}", summary="Query by example matcher", response_model=EntityMatchResponse,
             responses={200: {"content": {"application/json": {"example": ex.MATCH_RESPONSE}}}, **_ERRORS})
async def match(
    request: Request,
    body: Annotated[EntityMatchQuery, Body(openapi_examples=ex.MATCH_REQUESTS)],
    dataset: Annotated[str, Path(description="`default` (every loaded list), or one list, e.g. `us_ofac_sdn`",
                                 examples=["default"])],
    state: Annotated[AppState, Depends(get_state)],
    limit: Annotated[int, Query(ge=1, le=100, description="Results per query (at most 16 are scored)")] = 5,
    threshold: Annotated[float | None, Query(ge=0.0, le=1.0, description="Score at or above which a result is "
                                             "a match (default: the algorithm's, 0.70 for kenning-v1)")] = None,
    cutoff: Annotated[float, Query(ge=0.0, le=1.0, description="Results scoring at or below this are left out "
                                   "(never above the threshold)")] = 0.5,
    algorithm: Annotated[str | None, Query(description="kenning-v1; yente's names (logic-v2, best...) run "
                                           "Kenning's default, with a note", examples=["kenning-v1"])] = None,
    include_dataset: Annotated[list[str] | None, Query(description="Only these lists (repeatable)")] = None,
    exclude_dataset: Annotated[list[str] | None, Query(description="Not these lists (repeatable)")] = None,
) -> Response:
    """Match entities by example: each query is an FtM schema and properties (names, birth dates,
    countries, identifier numbers), answered with scored, explained results in yente's shape.

    Every name-typed property is screened (`name`, `alias`, `previousName`, `weakAlias`, and `firstName`
    ... `lastName` joined); `birthDate` confirms or refutes; every country-typed property (`nationality`,
    `citizenship`, `country`, `jurisdiction`...) and every identifier (`idNumber`, `passportNumber`,
    `registrationNumber`, `imoNumber`...) is compared. A query without a name answers `status: 400` with a
    `detail`; the other queries of the batch go on. `total.value` counts the matches among the results.
    """
    options = MatchOptions(dataset=dataset, limit=limit, threshold=threshold, cutoff=cutoff, algorithm=algorithm,
                           include_dataset=[d for d in include_dataset or [] if d],
                           exclude_dataset=[d for d in exclude_dataset or [] if d],
                           max_queries=request.app.state.config.match_max_queries)
    ignored = [name for name, used in (("weights", body.weights), ("config", body.config)) if used]
    queries = {key: q.model_dump(by_alias=True) for key, q in body.queries.items()}
    data = await gate_of(request).run(match_entities, state, queries, options, ignored,
                                      arrived=arrival(request))
    return json_response(data, headers={"x-batch-size": str(len(queries))})
