"""The story pages' models: the story list, and one story's sources side by side with its facts by status.

Both read :mod:`kenning.news.service` (``list_stories``, ``story_report``), the same read models the API
returns; this module only arranges them for the page: one column per source, facts grouped by status
with each source's words in its column and the sentence they come from, the words highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from kenning.store import Store
from kenning.web.highlight import Part, highlight, sentence_parts
from kenning.web.labels import LABELS

__all__ = ["Cell", "EventView", "FactGroup", "FactView", "SourceColumn", "StoryPage", "StoryRow", "opening",
           "source_label", "stories_page", "story_page"]

#: The order of the fact groups on the page: disagreements first, then what adds up, then the rest.
STATUS_ORDER = ("conflicting", "complementary", "agreed", "single-source")
#: Groups shown folded (a details element) because they are long and least surprising.
FOLDED = frozenset({"single-source"})


def source_label(article: dict[str, Any]) -> str:
    """How a report is named on the page: its outlet, else the file or address it came from."""
    if article.get("outlet"):
        return str(article["outlet"])
    source = article.get("source") or article.get("url")
    if source:
        return PurePath(str(source)).name or str(source)
    return "unnamed outlet"


def opening(article: dict[str, Any], limit: int = 100) -> str:
    """A title for an untitled report: its first line, cut at a word near ``limit`` characters."""
    line = next((ln.strip() for ln in str(article.get("text") or "").splitlines() if ln.strip()), "")
    if not line:
        return "Untitled report"
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class StoryRow:
    id: str
    title: str
    first_date: str
    last_date: str
    size: int
    outlets: list[str]
    #: Reports whose outlet is not known.
    unnamed: int


def stories_page(store: Store) -> list[StoryRow]:
    """Every story, latest first."""
    from kenning.news.service import list_stories

    return [StoryRow(id=s["id"], title=s["title"] or s["id"], first_date=s["first_date"] or "",
                     last_date=s["last_date"] or "", size=int(s["size"]), outlets=list(s["outlets"]),
                     unnamed=sum(1 for a in s["articles"] if not a.get("outlet"))) for s in list_stories(store)]


@dataclass(frozen=True)
class SourceColumn:
    id: str
    label: str
    title: str
    published: str
    url: str | None


@dataclass(frozen=True)
class Cell:
    """One source's statement of a fact: its words, their comparable form, and the sentence."""

    value: str
    normalized: str | None
    sentence: list[Part]


@dataclass(frozen=True)
class FactView:
    about: str
    status: str
    note: str
    kind: str
    #: One list per source column: what that source says about the fact (empty: nothing).
    cells: list[list[Cell]]


@dataclass(frozen=True)
class FactGroup:
    status: str
    label: str
    facts: list[FactView]
    folded: bool


@dataclass(frozen=True)
class EventView:
    authority: str
    date: str
    background: bool
    sources: int
    #: (name, dossier id or None, each source's words for the target joined)
    targets: list[tuple[str, str | None, str]]


@dataclass
class StoryPage:
    id: str
    title: str
    first_date: str
    last_date: str
    sources: list[SourceColumn]
    counts: list[tuple[str, str, int]]
    groups: list[FactGroup]
    events: list[EventView]


def _cell(statement: dict[str, Any]) -> Cell:
    ev = statement["evidence"]
    words = [(ev["words_start"], ev["words_end"])] if ev.get("words_start") is not None else []
    if words:
        parts = sentence_parts(ev["text"], int(ev["start"]), words)
    else:
        at = ev["text"].find(statement["value"]) if statement["value"] else -1
        parts = highlight(ev["text"], [(at, at + len(statement["value"]))] if at >= 0 else [])
    normalized = statement.get("normalized")
    return Cell(value=statement["value"], normalized=normalized if normalized != statement["value"] else None,
                sentence=parts)


def _fact(fact: dict[str, Any], order: dict[str, int]) -> FactView:
    cells: list[list[Cell]] = [[] for _ in order]
    for statement in fact["statements"]:
        column = order.get(statement["source"])
        if column is not None:
            cells[column].append(_cell(statement))
    return FactView(about=fact["about"], status=fact["status"], note=fact.get("note") or "", kind=fact["kind"],
                    cells=cells)


def _event(event: dict[str, Any]) -> EventView:
    targets = []
    for target in event["targets"]:
        words = "; ".join(dict.fromkeys(v["words"] for v in target["sources"].values()))
        targets.append((target["name"], target.get("entity_id"), words))
    return EventView(authority=event["authority"], date=event["date"] or "undated",
                     background=bool(event["background"]), sources=len(event["sources"]), targets=targets)


def story_page(store: Store, story_id: str) -> StoryPage:
    """One story's reconciliation arranged for the page (NotFoundError for an unknown story)."""
    from kenning.news.service import get_article, story_report

    report = story_report(store, story_id)
    story = report["story"]
    sources = [SourceColumn(id=a["id"], label=source_label(a),
                            title=a.get("title") or opening(get_article(store, a["id"])["article"]),
                            published=a.get("published") or "undated", url=a.get("url"))
               for a in report["articles"]]
    order = {s.id: i for i, s in enumerate(sources)}
    facts = [_fact(f, order) for f in report["facts"]]
    labels = LABELS["fact_statuses"]
    groups = [FactGroup(status, labels.get(status, status), [f for f in facts if f.status == status],
                        status in FOLDED) for status in STATUS_ORDER]
    counts = [(status, labels.get(status, status), int(report["counts"].get(status, 0))) for status in STATUS_ORDER]
    return StoryPage(id=story_id, title=story["title"] or story_id, first_date=story["first_date"] or "",
                     last_date=story["last_date"] or "", sources=sources, counts=counts,
                     groups=[g for g in groups if g.facts], events=[_event(e) for e in report["events"]])
