"""The story pages' models: the story list, and one story: its summary first, then its facts by status.

Both read :mod:`kenning.news.service` (``list_stories``, ``story_report``), the same read models the API
returns; this module only arranges them for the page, in the order people read a story: who was
sanctioned, by whom and when (each target checked against the stored lists); then conflicts, possibly
different events and complementary facts, open; then the agreed and single-source facts, folded, with
each source's words in its column and the sentence they come from, the words highlighted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kenning.news.ingest.outlets import outlet_name
from kenning.news.reconcile.wording import date_words
from kenning.store import Store
from kenning.web.highlight import Part, highlight, sentence_parts
from kenning.web.labels import LABELS

__all__ = ["ActionView", "Cell", "FactGroup", "FactView", "SourceColumn", "StoryPage", "StoryRow", "TargetView",
           "opening", "source_label", "stories_page", "story_page"]

#: The order of the fact groups on the page: disagreements first, then what adds up, then the rest.
STATUS_ORDER = ("conflicting", "possibly-different", "complementary", "agreed", "single-source")
#: Groups shown folded (a details element): long and least surprising.
FOLDED = frozenset({"agreed", "single-source"})
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


def source_label(article: dict[str, Any]) -> str:
    """How a report is named on the page: its outlet (a known outlet's name for a bare domain), never a file."""
    return outlet_name(article.get("outlet"), article.get("url")) or "outlet unknown"


def opening(article: dict[str, Any], limit: int = 100) -> str:
    """A title for an untitled report: its first line that reads as a sentence (not a dateline or a
    heading), else its first line, cut at a word near ``limit`` characters."""
    lines = [ln.strip() for ln in str(article.get("text") or "").splitlines() if ln.strip()]
    line = next((ln for ln in lines if len(ln.split()) >= 5 and _SENTENCE_END.search(ln)), lines[0] if lines else "")
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
    #: ISO 639-1 code of the report's language (None: unknown), for ``lang`` on its words.
    language: str | None = None


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
class TargetView:
    """A target of an action: its name, dossier id, each source's words and its check against the lists."""

    name: str
    entity_id: str | None
    words: str
    check: str
    status: str


@dataclass(frozen=True)
class ActionView:
    """One summary line: when, which body (with its chain), what, the targets and who tells it."""

    when: str
    authorities: str
    chain: str
    measures: str
    what: list[str]
    what_status: str
    targets: list[TargetView]
    sources: list[str]
    headline: bool


@dataclass
class StoryPage:
    id: str
    title: str
    dates: str
    sources: list[SourceColumn]
    counts: list[tuple[str, str, int]]
    groups: list[FactGroup]
    summary: list[ActionView]
    left_out: int
    changes: list[str]


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


def _action(item: dict[str, Any], labels: dict[str, str]) -> ActionView:
    targets = []
    for target in item["targets"]:
        check = target.get("check") or {}
        words = "; ".join(w for w in target["words"] if w != target["name"])
        targets.append(TargetView(target["name"], check.get("entity_id") or target.get("entity_id"), words,
                                  check.get("text") or "not linked to a list entry", check.get("status") or "none"))
    what = item.get("what") or {}
    chain = item.get("authority_chain") or []
    authorities = item.get("authorities") or [item["authority"]]
    return ActionView(when=item["date"]["text"] if item.get("date") else "no date given",
                      authorities=", ".join(authorities), chain=" → ".join(chain) if len(authorities) == 1 else "",
                      measures=", ".join(item.get("measures") or []) or "sanctions", what=list(what.get("words") or []),
                      what_status=str(what.get("status") or ""), targets=targets,
                      sources=[labels.get(s, s) for s in item["sources"]], headline=bool(item["headline"]))


def _dates(story: dict[str, Any]) -> str:
    first, last = date_words(story.get("first_date")), date_words(story.get("last_date"))
    if first is None:
        return "undated"
    return first.text if last is None or last.text == first.text else f"{first.text} – {last.text}"


def _change(change: dict[str, Any], story_id: str) -> str:
    count = len(change["articles"])
    if change["kind"] == "merged":
        return f"{change['story_id']} was merged into this story ({count} report{'s' if count != 1 else ''})"
    if change["other_id"] == story_id:
        return f"split off {change['story_id']} ({count} report{'s' if count != 1 else ''})"
    return f"{change['other_id']} was split off this story ({count} report{'s' if count != 1 else ''})"


def story_page(store: Store, story_id: str) -> StoryPage:
    """One story's reconciliation arranged for the page (NotFoundError for an unknown story)."""
    from kenning.news.service import get_article, story_report

    report = story_report(store, story_id)
    story = report["story"]
    sources = [SourceColumn(id=a["id"], label=source_label(a),
                            title=a.get("title") or opening(get_article(store, a["id"])["article"]),
                            published=a.get("published_words") or "undated", url=a.get("url"),
                            language=a.get("language"))
               for a in report["articles"]]
    order = {s.id: i for i, s in enumerate(sources)}
    facts = [_fact(f, order) for f in report["facts"]]
    labels = LABELS["fact_statuses"]
    groups = [FactGroup(status, labels.get(status, status), [f for f in facts if f.status == status],
                        status in FOLDED) for status in STATUS_ORDER]
    counts = [(status, labels.get(status, status), int(report["counts"].get(status, 0))) for status in STATUS_ORDER]
    names = {s.id: s.label for s in sources}
    return StoryPage(id=report["story_id"], title=story["title"] or report["story_id"], dates=_dates(story),
                     sources=sources, counts=counts, groups=[g for g in groups if g.facts],
                     summary=[_action(item, names) for item in report.get("summary") or []],
                     left_out=sum((report.get("left_out") or {}).values()),
                     changes=[_change(c, report["story_id"]) for c in report.get("changes") or []])
