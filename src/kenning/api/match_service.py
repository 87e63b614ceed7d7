"""``POST /match/{dataset}``: yente's query-by-example matching, scored and explained by Kenning.

:func:`match_entities` reads each example into a screening query, screens it, and answers in yente's
``EntityMatchResponse`` shape: per query a status, the scored entities (FtM properties, ``score``,
``match``, ``features``, ``explanations``) and the number of matches; per batch the matcher's feature
docs and the limit. As in yente, one result stands for one party: a party several lists carry (recorded
same-as links) is its best entry, and ``referents`` names the other lists' entries of it. yente's
algorithm names are accepted and run Kenning's default, with a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kenning.api.errors import BadRequest
from kenning.api.match_query import ReadQuery, Scope, read_example, values_of
from kenning.errors import InputError, NotFoundError
from kenning.matching import Result, screen_parties
from kenning.matching.algorithms import ALGORITHMS, DEFAULT_ALGORITHM, Algorithm, get_algorithm
from kenning.state import AppState

__all__ = ["ALL_DATASETS", "YENTE_ALGORITHMS", "MatchOptions", "feature_docs", "match_entities", "resolve_scope"]

#: Path names that mean every loaded list (yente's ``default``, and its ``sanctions`` collection).
ALL_DATASETS = ("default", "sanctions")
#: yente's algorithm names; each runs Kenning's default algorithm instead.
YENTE_ALGORITHMS = frozenset({"best", "default", "logic-v1", "logic-v2", "name-based", "name-qualified",
                              "regression-v1", "regression-v2", "regression-v3", "erun-v1", "ofac-249"})


@dataclass
class MatchOptions:
    """The query parameters of one match request."""

    dataset: str
    limit: int = 5
    threshold: float | None = None
    cutoff: float = 0.5
    algorithm: str | None = None
    include_dataset: list[str] = field(default_factory=list)
    exclude_dataset: list[str] = field(default_factory=list)
    max_queries: int = 100


def resolve_scope(dataset: str, include: list[str], exclude: list[str], loaded: tuple[str, ...]) -> Scope:
    """The lists a request searches: ``default`` (all) or one list, narrowed by include/exclude."""
    if dataset in ALL_DATASETS:
        base = set(loaded)
    elif dataset in loaded:
        base = {dataset}
    else:
        known = ", ".join((*ALL_DATASETS, *loaded))
        raise NotFoundError(f"no dataset {dataset!r}; use one of: {known}")
    chosen = base & set(include) if include else base
    chosen -= set(exclude)
    if not chosen:
        return Scope(empty=True)
    return Scope(datasets=() if chosen == set(loaded) else tuple(sorted(chosen)))


def _algorithm(name: str | None, notes: list[str]) -> Algorithm:
    if name is None or name in ALGORITHMS:
        return get_algorithm(name)
    if name.lower() in YENTE_ALGORITHMS:
        notes.append(f"algorithm {name!r} is yente's; Kenning scored with its default, {DEFAULT_ALGORITHM}")
        return get_algorithm(None)
    raise BadRequest(f"unknown algorithm {name!r}; Kenning's: {', '.join(sorted(ALGORITHMS))} "
                     f"(yente's names run {DEFAULT_ALGORITHM})")


def feature_docs(algo: Algorithm) -> dict[str, dict[str, Any]]:
    """yente's ``FeatureDocs`` of an algorithm: each declared feature's explanation, weight and where it is
    listed."""
    return {feature.name: {"description": feature.explanation, "coefficient": feature.weight,
                           "url": f"/algorithms#{feature.name}"}
            for feature in algo.features}


def _scored(result: Result, entity: dict[str, Any] | None) -> dict[str, Any]:
    """One result in yente's ScoredEntityResponse shape, with Kenning's details in ``kenning``."""
    base = entity or {"id": result.id, "caption": result.caption, "schema": result.schema, "properties": {},
                      "datasets": [result.dataset], "referents": [], "target": True, "first_seen": None,
                      "last_seen": None, "last_change": None}
    explanations = {key: {"detail": feature.detail, "score": round(feature.score, 4), "query": feature.query,
                          "candidate": feature.candidate}
                    for key, feature in result.explanation.items()}
    why = "; ".join(f"{k}: {v.detail}" for k, v in result.explanation.items())
    referents = [e.id for e in result.entries if e.id != result.id]
    return {**base, "referents": referents, "score": round(result.score, 4), "match": result.match, "token": None,
            "features": {k: round(v.score, 4) for k, v in result.explanation.items()},
            "explanations": explanations,
            "kenning": {"dataset": result.dataset, "source_id": result.source_id,
                        "matched_name": result.matched_name, "explanation": why,
                        "weights": {k: v.weight for k, v in result.explanation.items()}, "same_as": result.same_as,
                        "entries": [e.to_dict() for e in result.entries], "links": result.links}}


def _query_echo(example: dict[str, Any]) -> dict[str, Any]:
    """The query as received, each property's values as strings (as yente echoes its cleaned entity)."""
    properties = {k: values_of(v) for k, v in example["properties"].items()}
    return {"id": example.get("id"), "schema": example["schema"], "properties": properties}


def _failed(example: dict[str, Any], message: str) -> dict[str, Any]:
    return {"status": 400, "results": [], "total": {"value": 0, "relation": "eq"}, "query": _query_echo(example),
            "detail": message}


def _read_info(read: ReadQuery) -> dict[str, Any]:
    q = read.query
    return {"names": list(q.names), "birth_dates": list(q.birth_dates), "countries": list(q.countries),
            "id_numbers": list(q.id_numbers), "notes": read.notes}


def match_entities(state: AppState, queries: dict[str, dict[str, Any]], options: MatchOptions,
                   ignored: list[str]) -> dict[str, Any]:
    """Screen every query of a batch; a query that cannot be read gets status 400, the others go on."""
    screener = state.require_screener()
    if not queries:
        raise BadRequest("No queries provided.")
    if len(queries) > options.max_queries:
        raise BadRequest(f"Too many queries in one batch (limit: {options.max_queries})")
    notes = [f"{name} is a yente scoring option Kenning does not use; ignored" for name in ignored]
    algo = _algorithm(options.algorithm, notes)
    threshold = algo.threshold if options.threshold is None else options.threshold
    cutoff = min(options.cutoff, threshold)
    scope = resolve_scope(options.dataset, options.include_dataset, options.exclude_dataset, state.datasets)
    found: dict[str, tuple[ReadQuery, list[Result]]] = {}
    responses: dict[str, Any] = {}
    for key, example in queries.items():
        try:
            read = read_example(example["schema"], example["properties"], scope)
            results = [] if scope.empty else screen_parties(screener, read.query, limit=options.limit,
                                                             threshold=threshold, algorithm=algo.name)
        except InputError as exc:
            responses[key] = _failed(example, exc.message)
            continue
        found[key] = (read, [r for r in results if r.score > cutoff])
    entities = state.entities.get_many(r.id for _read, results in found.values() for r in results)
    for key, (read, results) in found.items():
        responses[key] = {"status": 200, "results": [_scored(r, entities.get(r.id)) for r in results],
                          "total": {"value": sum(r.match for r in results), "relation": "eq"},
                          "query": _query_echo(queries[key]), "kenning": _read_info(read)}
    ordered = {key: responses[key] for key in queries}
    searched = [] if scope.empty else list(scope.datasets or state.datasets)
    return {"responses": ordered, "matcher": feature_docs(algo), "limit": options.limit,
            "kenning": {"algorithm": algo.name, "threshold": threshold, "cutoff": cutoff, "datasets": searched,
                        "notes": notes}}
