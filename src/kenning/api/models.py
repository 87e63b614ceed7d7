"""Request and response models of the yente-compatible routes, field for field as yente defines them.

Names, types and defaults follow yente's ``EntityResponse``, ``ScoredEntityResponse``, ``EntityExample``,
``EntityMatchQuery``, ``EntityMatches``, ``EntityMatchResponse``, ``SearchResponse`` and
``AlgorithmResponse``. Kenning adds one field, ``kenning``, that yente clients ignore: the explanation in
words, the listed name that matched, same-as links, and notes on how the request was read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from kenning.api import examples as ex

__all__ = [
    "Algorithm",
    "AlgorithmResponse",
    "EntityExample",
    "EntityMatchQuery",
    "EntityMatchResponse",
    "EntityMatches",
    "EntityResponse",
    "ErrorResponse",
    "FeatureDoc",
    "FeatureResult",
    "InvalidResponse",
    "ScoredEntityResponse",
    "SearchResponse",
    "TotalSpec",
]


class ErrorResponse(BaseModel):
    """Every error: one message for people."""

    detail: str = Field(..., examples=["no entity 'us_ofac_sdn-0' in the current list versions"])


class InvalidResponse(BaseModel):
    """Bad input: Kenning's message, or FastAPI's list of validation errors for malformed parameters."""

    detail: str | list[dict[str, Any]] = Field(..., examples=["name is empty"])


class EntityResponse(BaseModel):
    """A listed party: FtM properties, its list, and when Kenning first saw, last saw and last saw it change."""

    model_config = ConfigDict(populate_by_name=True)

    id: str = Field(..., examples=["us_ofac_sdn-40969"])
    caption: str = Field(..., examples=["MASLOV, Ivan Aleksandrovich"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, list[Any]] = Field(..., examples=[{"name": ["MASLOV, Ivan Aleksandrovich"]}])
    datasets: list[str] = Field([], examples=[["us_ofac_sdn"]])
    referents: list[str] = Field([], description="The other lists' entries of the same party (recorded same-as "
                                 "links); the result is the party's best-scoring entry.")
    target: bool = Field(False, description="Whether the entity is a listed party (not a record about one).")
    first_seen: datetime | None = Field(None, examples=["2026-11-23T21:21:10+00:00"])
    last_seen: datetime | None = Field(None, examples=["2026-11-23T21:21:10+00:00"])
    last_change: datetime | None = Field(None, examples=["2026-11-23T21:21:10+00:00"])


class FeatureResult(BaseModel):
    """One feature's score and why (yente's ``FeatureResult``; ``detail`` is Kenning's explanation)."""

    detail: str | None = Field(None, examples=["query 1982-07-11 and listed 1982-07-11: the same day"])
    score: float = Field(..., examples=[1.0])
    query: str | None = Field(None, description="The query value the feature used (names only).")
    candidate: str | None = Field(None, description="The listed value the feature used (names only).")


class KenningResult(BaseModel):
    """Kenning's own details of one result (a field yente clients ignore)."""

    dataset: str
    source_id: str
    matched_name: str = Field(..., description="The best pairing of a query name with a listed name, explained.")
    explanation: str = Field(..., description="Every feature's explanation, in words.")
    weights: dict[str, float] = Field({}, description="The weight each feature had in the score.")
    same_as: list[str] = Field([], description="Entities of other lists recorded as the same party.")
    entries: list[dict[str, Any]] = Field([], description="Every list's entry of the party, best first, each with "
                                          "its own score (empty when one list carries the party).")
    links: list[dict[str, Any]] = Field([], description="The same-as links that join the entries, with their "
                                        "method, score and evidence.")


class ScoredEntityResponse(EntityResponse):
    """One candidate with its score, verdict and per-feature explanations."""

    score: float = Field(0.99, examples=[0.9265])
    features: dict[str, float] = Field(..., description="Feature scores. Deprecated in yente: use `explanations`.")
    explanations: dict[str, FeatureResult] = Field(..., description="Each feature's score and its explanation.")
    match: bool = Field(False, description="Whether the score is at or above the threshold.")
    token: str | None = None
    kenning: KenningResult | None = None


class TotalSpec(BaseModel):
    """A count (for ``/match``: the number of results that are matches)."""

    value: int = Field(..., examples=[2])
    relation: str = Field("eq", examples=["eq"])


class EntityExample(BaseModel):
    """One query: an FtM schema and properties, like an entity the API returns."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(None, examples=["my-entity-id"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(..., examples=[{"name": ["Ivan Maslov"],
                                                                   "birthDate": ["1982-07-11"]}])


class EntityMatchQuery(BaseModel):
    """A batch of queries by example, keyed by names the client chooses."""

    weights: dict[str, float] = Field({}, description="yente's feature weights; Kenning's versioned algorithms "
                                      "do not take weights, so these are ignored (with a note).")
    config: dict[str, str | int | float | bool | None] = Field({}, description="yente's algorithm options; "
                                                                "ignored likewise.")
    queries: dict[str, EntityExample] = Field(..., examples=[ex.MATCH_REQUEST["queries"]])


class KenningQueryInfo(BaseModel):
    """How Kenning read one query (a field yente clients ignore)."""

    names: list[str] = []
    birth_dates: list[str] = []
    countries: list[str] = []
    id_numbers: list[str] = []
    notes: list[str] = Field([], description="Values that were ignored, and why.")


class EntityMatches(BaseModel):
    """The results of one query; ``status`` 400 with ``detail`` when the query itself cannot be used."""

    status: int = Field(200, examples=[200])
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample
    detail: str | None = Field(None, description="Why the query failed (status 400 only).")
    kenning: KenningQueryInfo | None = None


class FeatureDoc(BaseModel):
    """What one feature measures (its docstring), its weight, and where it is documented."""

    description: str | None
    coefficient: float
    url: str


class KenningMatchInfo(BaseModel):
    """How Kenning ran the batch (a field yente clients ignore)."""

    algorithm: str = Field(..., examples=["kenning-v1"])
    threshold: float = Field(..., examples=[0.7])
    cutoff: float = Field(..., examples=[0.5])
    datasets: list[str] = Field(..., description="The lists searched.")
    notes: list[str] = Field([], description="E.g. a yente algorithm name mapped to Kenning's default.")


class EntityMatchResponse(BaseModel):
    """yente's match response: one entry per query, the matcher's feature docs, and the limit used."""

    responses: dict[str, EntityMatches]
    matcher: dict[str, FeatureDoc]
    limit: int = Field(..., examples=[5])
    kenning: KenningMatchInfo | None = None


class SearchFacetItem(BaseModel):
    """One value of a facet and how many results have it."""

    name: str = Field(..., examples=["us_ofac_sdn"])
    label: str = Field(..., examples=["US OFAC Specially Designated Nationals"])
    count: int = Field(1, examples=[3])


class SearchFacet(BaseModel):
    """Counts of the results by one field."""

    label: str = Field(..., examples=["Data sources"])
    values: list[SearchFacetItem]


class SearchResult(EntityResponse):
    """A search hit: the entity, with Kenning's score and the listed name that matched."""

    kenning: dict[str, Any] | None = None


class SearchResponse(BaseModel):
    """yente's search response."""

    limit: int = Field(..., examples=[10])
    offset: int = Field(0, examples=[0])
    total: TotalSpec
    results: list[SearchResult]
    facets: dict[str, SearchFacet]


class AlgorithmDocs(BaseModel):
    """An algorithm's documentation in yente's ``AlgorithmDocs`` shape."""

    name: str
    description: str | None = None
    config: dict[str, Any] = {}
    features: dict[str, FeatureDoc]


class Algorithm(BaseModel):
    """One versioned scoring algorithm: its threshold and each feature's explanation."""

    name: str = Field(..., examples=["kenning-v1"])
    description: str | None = None
    threshold: float = Field(..., examples=[0.7])
    features: dict[str, FeatureDoc]
    docs: AlgorithmDocs


class AlgorithmResponse(BaseModel):
    """Every algorithm, the default, and the best (the same, for now)."""

    algorithms: list[Algorithm]
    default: str = Field(..., examples=["kenning-v1"])
    best: str = Field(..., examples=["kenning-v1"])
