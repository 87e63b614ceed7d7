"""``GET /search/{dataset}`` and ``GET /entities/{entity_id}`` (thin routers over :mod:`search_service`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from kenning.api import examples as ex
from kenning.api.gate import arrival, gate_of
from kenning.api.models import EntityResponse, ErrorResponse, InvalidResponse, SearchResponse
from kenning.api.responses import json_response
from kenning.api.search_service import entity_detail, search_entities
from kenning.state import AppState, get_state

__all__ = ["router"]

router = APIRouter()

_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "Unknown dataset or entity"},
    503: {"model": ErrorResponse, "description": "No lists are loaded"},
}


@router.get("/search/{dataset}", summary="Simple entity search", tags=["Matching"], response_model=SearchResponse,
            responses={200: {"content": {"application/json": {"example": ex.SEARCH_RESPONSE}}},
                       422: {"model": InvalidResponse, "description": "An empty or unusable name, or a bad schema"},
                       **_NOT_FOUND})
async def search(
    request: Request,
    dataset: Annotated[str, Path(description="`default` (every loaded list), or one list", examples=["default"])],
    q: Annotated[str, Query(min_length=1, description="A name, in any script", examples=["Евгений Пригожин"])],
    state: Annotated[AppState, Depends(get_state)],
    schema: Annotated[str, Query(description="FtM schema the results must fit", examples=["Person"])] = "Thing",
    limit: Annotated[int, Query(ge=1, le=100, description="Results (at most 16 candidates are scored)")] = 10,
    offset: Annotated[int, Query(ge=0, le=100, description="Skip this many results")] = 0,
    datasets: Annotated[list[str] | None, Query(description="Only these lists (repeatable)")] = None,
) -> Response:
    """Search listed parties by name: the text is screened as a name (transliterated from any script) and
    the best candidates come back as yente's search results, with Kenning's score in `kenning`."""
    found = await gate_of(request).run(search_entities, state, dataset, q, schema, limit, offset,
                                       [d for d in datasets or [] if d], arrived=arrival(request))
    return json_response(found)


@router.get("/entities/{entity_id}", summary="Fetch one entity", tags=["Data access"], response_model=EntityResponse,
            responses={200: {"content": {"application/json": {"example": ex.ENTITY_RESPONSE}}}, **_NOT_FOUND})
def entity(
    entity_id: Annotated[str, Path(description="A Kenning id, `{dataset}-{source id}`",
                                   examples=["us_ofac_sdn-40969"])],
    state: Annotated[AppState, Depends(get_state)],
) -> Response:
    """One listed party in yente's shape (its sanctions, identifiers and relations nested under their
    reverse properties), with Kenning's view in `kenning`: sanctions, identifiers, relations in both
    directions, same-as links to the same party on other lists with their evidence, and news."""
    return json_response(entity_detail(state, entity_id))
