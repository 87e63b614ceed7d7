"""``GET /search/{dataset}`` and ``GET /entities/{id}``: yente's search and entity responses.

Search screens the text as a name (any script: it is transliterated like every query) and returns the
candidates as yente's ``SearchResponse``. An entity is yente's ``EntityResponse`` with its records nested
under their reverse property names, as yente nests adjacent entities (``sanctions``, ``identification``,
``familyPerson``...), plus Kenning's view: sanctions, identifiers, relations, same-as links, and every
mention in stored news with the events of that report where the party is a target.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kenning.api.match_service import resolve_scope
from kenning.api.news_service import entity_news
from kenning.errors import NotFoundError
from kenning.matching import Query
from kenning.matching.screener import MAX_CANDIDATES
from kenning.sources.base import load_catalogue
from kenning.state import AppState
from kenning.store.views import entity_view

__all__ = ["entity_detail", "search_entities"]


def _dataset_facet(datasets: list[str]) -> dict[str, Any]:
    catalogue = load_catalogue()
    counts = Counter(datasets)
    values = [{"name": name, "label": catalogue[name].title if name in catalogue else name, "count": count}
              for name, count in counts.most_common()]
    return {"label": "Data sources", "values": values}


def search_entities(state: AppState, dataset: str, q: str, schema: str, limit: int, offset: int,
                    include: list[str]) -> dict[str, Any]:
    """The listed parties whose names best match ``q``, best first, in yente's search shape."""
    screener = state.require_screener()
    scope = resolve_scope(dataset, include, [], state.datasets)
    query = Query.build(q, schema=schema, datasets=scope.datasets)
    results = [] if scope.empty else screener.screen(query, limit=offset + limit)
    entities = state.entities.get_many(r.id for r in results)
    hits = []
    for result in results[offset: offset + limit]:
        entity = entities.get(result.id)
        if entity is not None:
            hits.append({**entity, "kenning": {"score": round(result.score, 4), "match": result.match,
                                               "matched_name": result.matched_name}})
    relation = "gte" if len(results) >= MAX_CANDIDATES else "eq"
    return {"limit": limit, "offset": offset, "total": {"value": len(results), "relation": relation},
            "results": hits, "facets": {"datasets": _dataset_facet([r.dataset for r in results])}}


def _nested(state: AppState, entity_id: str, properties: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """The entity's properties plus the records pointing at it, under each pointer's reverse name."""
    out: dict[str, list[Any]] = {k: list(v) for k, v in properties.items()}
    for record in state.store.records_for(entity_id):
        data = {"id": record.id, "schema": record.schema.name, "caption": record.caption,
                "properties": record.to_dict()["properties"]}
        for prop, value in record.itervalues():
            if value == entity_id and prop.reverse is not None:
                out.setdefault(prop.reverse.name, []).append(data)
    return out


def entity_detail(state: AppState, entity_id: str) -> dict[str, Any]:
    """One entity in yente's shape, with Kenning's view of its records, links and news."""
    view = entity_view(state.store, entity_id)
    base = state.entities.get_many([entity_id]).get(entity_id)
    if base is None:
        raise NotFoundError(f"no entity {entity_id!r} in the current list versions")
    kenning = {key: view[key] for key in ("dataset", "source_id", "readable", "sanctions", "identifiers",
                                          "relations", "records", "same_as")}
    kenning["news"] = entity_news(state, entity_id)
    return {**base, "properties": _nested(state, entity_id, view["properties"]), "kenning": kenning}
