"""The search page's model: one name screened against every loaded list, each result with its reasons."""

from __future__ import annotations

from dataclasses import dataclass, field

from kenning.errors import InputError
from kenning.matching import Query, Result, Screener
from kenning.matching.algorithms import get_algorithm
from kenning.store import Store
from kenning.store.service import status
from kenning.web.labels import LABELS, dataset_label

__all__ = ["Hit", "ListInfo", "Reason", "SearchPage", "lists_loaded", "search_page"]

#: Results shown for one search.
SEARCH_LIMIT = 15


@dataclass(frozen=True)
class Reason:
    """One feature's part in a score: what it measures, its score and weight, and why in words."""

    feature: str
    about: str
    score: float
    weight: float
    detail: str


@dataclass(frozen=True)
class Hit:
    id: str
    caption: str
    schema: str
    dataset: str
    list_label: str
    source_id: str
    score: float
    match: bool
    reasons: list[Reason]
    same_as: list[tuple[str, str]]


@dataclass
class SearchPage:
    q: str
    schema: str
    birth_date: str
    country: str
    schema_options: list[tuple[str, str]]
    algorithm: str
    threshold: float
    hits: list[Hit] = field(default_factory=list)
    error: str | None = None
    searched: bool = False

    @property
    def matches(self) -> int:
        return sum(1 for h in self.hits if h.match)

    @property
    def qualified(self) -> bool:
        """Whether a birth date or country was given (the form then shows those fields open)."""
        return bool(self.birth_date or self.country)


def _hit(result: Result, about: dict[str, str]) -> Hit:
    reasons = [Reason(name, about.get(name, ""), fs.score, fs.weight, fs.detail)
               for name, fs in result.explanation.items()]
    same_as = [(other, dataset_label(other.split("-", 1)[0])) for other in result.same_as]
    return Hit(id=result.id, caption=result.caption, schema=result.schema, dataset=result.dataset,
               list_label=dataset_label(result.dataset), source_id=result.source_id, score=result.score,
               match=result.match, reasons=reasons, same_as=same_as)


def search_page(screener: Screener | None, q: str, schema: str | None = None, birth_date: str = "",
                country: str = "") -> SearchPage:
    """Screen ``q`` (any script) as ``schema`` (default: any kind of party), optionally with a birth date
    and a country that confirm or refute each candidate; bad input becomes ``error``."""
    options = list(LABELS["search_schemas"].items())
    chosen = schema if schema in LABELS["search_schemas"] else "Thing"
    algo = get_algorithm(None)
    page = SearchPage(q=q, schema=chosen, birth_date=birth_date.strip(), country=country.strip(),
                      schema_options=options, algorithm=algo.name, threshold=algo.threshold)
    if not q.strip() or screener is None:
        return page
    page.searched = True
    try:
        query = Query.build(q, schema=chosen, birth_dates=[page.birth_date] if page.birth_date else [],
                            countries=[page.country] if page.country else [])
        results = screener.screen(query, limit=SEARCH_LIMIT)
    except InputError as exc:
        page.error = str(exc)
        return page
    page.hits = [_hit(r, algo.explanations) for r in results]
    return page


@dataclass(frozen=True)
class ListInfo:
    """One loaded list, for the home page: what a search covers."""

    label: str
    title: str
    parties: int
    published: str
    versions: int
    #: ``current``, ``overdue``, ``retired`` or ``undated``, and the sentence ``kenning lists status`` prints.
    state: str = "undated"
    freshness: str = ""


def lists_loaded(store: Store) -> list[ListInfo]:
    """The lists a search covers, with their publication dates and freshness (the same service as
    ``kenning lists status``)."""
    return [ListInfo(label=dataset_label(name), title=info["title"], parties=sum(info["by_schema"].values()),
                     published=info["publication_date"] or "unknown", versions=info["versions_stored"],
                     state=info["freshness"]["state"], freshness=info["freshness"]["line"])
            for name, info in status(store).items()]
