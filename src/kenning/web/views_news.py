"""News on the dossier and the article page: mentions in their sentences, highlighted; events by date.

Reads :func:`kenning.news.service.entity_news` (every mention of a party or of its same-as parties, with
its sentence and offsets, and the events of that report where the party is a target) and
:func:`kenning.news.service.get_article`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from kenning.errors import InputError
from kenning.news.dates import date_interval
from kenning.news.reconcile.wording import date_words, lineage, short_name
from kenning.store import Store
from kenning.web.highlight import Part, highlight, linked_parts
from kenning.web.views_entity import Dossier, TimelineItem, dossier, with_release
from kenning.web.views_roles import RoleReference, role_references
from kenning.web.views_stories import opening, source_label

__all__ = ["ArticlePage", "MentionGroup", "Sentence", "article_page", "dossier_page"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of a report with the party's mentions marked (``role``: named only by that role)."""

    start: int
    parts: list[Part]
    score: float | None
    role: str | None = None


@dataclass
class MentionGroup:
    """The mentions of one party in one report."""

    article_id: str
    label: str
    title: str
    published: str
    url: str | None
    sentences: list[Sentence] = field(default_factory=list)


def _new_group(art: dict[str, Any]) -> MentionGroup:
    return MentionGroup(article_id=art["id"], label=source_label(art), title=art.get("title") or "",
                        published=art.get("published") or "undated", url=art.get("url"))


def _group(mentions: list[dict[str, Any]], roles: list[RoleReference]) -> list[MentionGroup]:
    groups: dict[str, MentionGroup] = {}
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
    sentences: dict[tuple[str, int], str] = {}
    scores: dict[tuple[str, int], float] = {}
    for m in mentions:
        art = m["article"]
        if art["id"] not in groups:
            groups[art["id"]] = _new_group(art)
        key = (art["id"], int(m["sentence"]["start"]))
        sentences[key] = m["sentence"]["text"]
        spans.setdefault(key, []).append((int(m["highlight"]["start"]), int(m["highlight"]["end"])))
        scores[key] = max(scores.get(key, 0.0), float(m["score"]))
    order = {article_id: i for i, article_id in enumerate(groups)}
    for key in sorted(sentences, key=lambda k: (order[k[0]], k[1])):
        groups[key[0]].sentences.append(Sentence(key[1], highlight(sentences[key], spans[key]), scores[key]))
    for ref in roles:
        group = groups.setdefault(ref.article["id"], _new_group(ref.article))
        group.sentences.append(Sentence(ref.start, ref.parts, None, ref.words))
    undated = "9999"
    return sorted(groups.values(), key=lambda g: g.published if g.published != "undated" else undated)


def _news_timeline(mentions: list[dict[str, Any]], article_href: Callable[[str], str],
                   titles: dict[str, str]) -> list[TimelineItem]:
    """Reports about the party, and the sanctions actions they credit to it: each action once (by body's
    country and date), with every outlet that tells it."""
    items: dict[tuple[str, ...], TimelineItem] = {}
    actions: dict[tuple[str, str], list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for m in mentions:
        art = m["article"]
        if art.get("published") and ("article", art["id"]) not in items:
            title = titles.get(art["id"]) or "untitled report"
            when = date_words(art["published"])
            items[("article", art["id"])] = TimelineItem(str(art["published"]), "news",
                                                         f"Reported by {source_label(art)}: {title}",
                                                         article_href(art["id"]), when.text if when else "")
        for event in m["events"]:
            if event.get("date"):
                key = (str(event.get("authority_country") or event["authority"]), str(event["date"]))
                if all(e is not event for e, _a in actions.get(key, [])):
                    actions.setdefault(key, []).append((event, art))
    for (country, date), told in _one_per_action(actions).items():
        items[("event", country, date)] = _action_item(date, told, article_href)
    return list(items.values())


def _one_per_action(actions: dict[tuple[str, str], list[Any]]) -> dict[tuple[str, str], list[Any]]:
    """Actions of one country whose dates can be one ("January 2023" and "26 January 2023") as one, under
    the most precise date."""
    merged: dict[tuple[str, str], list[Any]] = {}
    spans = {key: _interval(key[1]) for key in actions}
    for country, date in sorted(actions, key=lambda k: (_length(spans[k]), k)):
        same = next((k for k in merged if k[0] == country and _inside(spans[k], spans[(country, date)])), None)
        if same is None:
            merged[(country, date)] = list(actions[(country, date)])
        else:
            merged[same] += actions[(country, date)]
    return merged


def _interval(value: str) -> tuple[dt.date, dt.date] | None:
    """The days a timeline date covers (an ISO day, month, year or ``first/last`` interval)."""
    try:
        if "/" in value:
            first, last = value.split("/", 1)
            return dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        return date_interval(value)
    except (InputError, ValueError):
        return None


def _length(span: tuple[dt.date, dt.date] | None) -> int:
    return 10**6 if span is None else (span[1] - span[0]).days


def _inside(fine: tuple[dt.date, dt.date] | None, coarse: tuple[dt.date, dt.date] | None) -> bool:
    return fine is not None and coarse is not None and coarse[0] <= fine[0] and fine[1] <= coarse[1]


def _action_item(date: str, told: list[tuple[dict[str, Any], dict[str, Any]]],
                 article_href: Callable[[str], str]) -> TimelineItem:
    """One sanctions action told by one report or more."""
    first, article = told[0]
    authority = short_name(max((e["authority"] for e, _a in told), key=lambda a: (len(lineage(a)), a)))
    measures = ", ".join(dict.fromkeys(m for e, _a in told for m in e.get("measures") or [])) or "sanctions"
    role = next((f" as {e['role']}" for e, _a in told if e.get("role")), "")
    outlets = ", ".join(dict.fromkeys(source_label(a) for _e, a in told))
    approximate = all(e.get("date_approx") for e, _a in told)
    text = f"{authority}: {measures}{role}{' (approximate date)' if approximate else ''}, according to {outlets}"
    return TimelineItem(date, "event", text, article_href(article["id"]), first.get("date_words") or "")


def _dedupe(timeline: list[TimelineItem]) -> list[TimelineItem]:
    """The timeline by date, each item once (same date, kind and text)."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for item in sorted(timeline, key=lambda i: i.date):
        key = (item.date, item.kind, item.text)
        if key not in seen:
            seen.add(key)
            out.append(item if item.when else replace(item, when=_words(item.date)))
    return out


def _words(value: str) -> str:
    found = date_words(value.split("/", maxsplit=1)[0] if "/" in value else value)
    return found.text if found else value


def dossier_page(store: Store, entity_id: str, article_href: Callable[[str], str]) -> tuple[Dossier,
                                                                                           list[MentionGroup]]:
    """The dossier (:func:`kenning.web.views_entity.dossier`) with the party's news: its mentions by report
    (oldest first), and the reports and events about it added to its timeline.

    ``article_href`` gives the article page's address of an article id.
    """
    from kenning.news.service import entity_news, get_article, release_listing

    page = dossier(store, entity_id)
    mentions = entity_news(store, entity_id)
    releases = {row.entity_id: found for row in page.sanctions if row.listing_source in ("", "first-version")
                and (found := release_listing(row.entity_id, mentions)) is not None}
    page.sanctions = with_release(page.sanctions, releases)
    roles = role_references(store, entity_id, {m["article"]["id"] for m in mentions}, article_href)
    groups = _group(mentions, roles)
    for group in groups:
        if not group.title:
            group.title = opening(get_article(store, group.article_id)["article"])
    titles = {g.article_id: g.title for g in groups}
    timeline = page.timeline + _news_timeline(mentions, article_href, titles) + [r.event for r in roles if r.event]
    page.timeline = _dedupe(timeline)
    return page, groups


@dataclass
class ArticlePage:
    id: str
    label: str
    title: str
    published: str
    url: str | None
    story_id: str | None
    #: The whole text, mentions linked to a list entity marked with that entity's id.
    parts: list[tuple[str, str | None]]
    #: (entity id, caption, the words of its first mention)
    linked: list[tuple[str, str, str]]
    duplicates: int


def article_page(store: Store, article_id: str) -> ArticlePage:
    """One stored report with every mention linked to a list entity marked (NotFoundError if unknown)."""
    from kenning.news.service import get_article

    data = get_article(store, article_id)
    article, result = data["article"], data["result"]
    spans: list[tuple[int, int, str]] = []
    linked: dict[str, tuple[str, str, str]] = {}
    for mention in result.get("mentions", []):
        links = mention.get("links") or []
        if not links:
            continue
        best = max(links, key=lambda link: float(link["score"]))
        spans.append((int(mention["start"]), int(mention["end"]), str(best["id"])))
        linked.setdefault(best["id"], (best["id"], best["caption"], mention["text"]))
    story = data.get("story")
    return ArticlePage(id=article_id, label=source_label(article), title=article.get("title") or opening(article),
                       published=article.get("published") or "undated", url=article.get("url"),
                       story_id=story["id"] if story else None,
                       parts=linked_parts(article.get("text") or "", spans),
                       linked=sorted(linked.values(), key=lambda item: item[1]),
                       duplicates=len(data.get("duplicates") or []))
