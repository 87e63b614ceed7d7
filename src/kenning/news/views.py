"""Read models of stored news: the story list, one story's reconciliation, an entity's news, one article.

These are the JSON-ready dicts the CLI prints, the API returns and the web pages render; the service
module (:mod:`kenning.news.service`) re-exports them. The rows come from :mod:`kenning.news.storage`.
"""

from __future__ import annotations

import re
from typing import Any

from kenning.errors import NotFoundError
from kenning.news.events.authority import publisher_authority
from kenning.news.events.facts import listing_measures
from kenning.news.listcheck import list_checker
from kenning.news.reconcile import reconcile
from kenning.news.reconcile.summary import credited
from kenning.news.reconcile.wording import date_words, machine_date
from kenning.news.storage import article_row, entity_mentions, load_results, story_rows
from kenning.news.storage.stories import merged_into, story_changes
from kenning.news.stories.boilerplate import backfill_counts, repeated_elsewhere
from kenning.news.stories.placing import same_as_canon
from kenning.sources.base import load_catalogue
from kenning.store import Store
from kenning.store.listing import ListingDate, listing_date

__all__ = ["entity_news", "get_article", "list_stories", "listing_of", "release_listing", "story_report"]

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _story(row: Any, members: list[dict[str, Any]]) -> dict[str, Any]:
    outlets = list(dict.fromkeys(m["outlet"] for m in members if m["outlet"]))
    return {"id": row.id, "title": row.title, "first_date": row.first_date, "last_date": row.last_date,
            "size": row.size, "outlets": outlets, "articles": members, "updated_at": row.updated_at.isoformat()}


def list_stories(store: Store) -> list[dict[str, Any]]:
    """Every story, the latest first (by last day; undated ones last), with its reports."""
    rows, members = story_rows(store)
    rows.sort(key=lambda r: (r.last_date is not None, r.last_date or "", r.id), reverse=True)
    return [_story(r, members.get(r.id, [])) for r in rows]


def story_report(store: Store, story_id: str) -> dict[str, Any]:
    """The reconciliation report of one story (:func:`kenning.news.reconcile.reconcile`), with its reports,
    its targets checked against the stored lists, and its merges and splits. A story merged into another
    leads to that one (``merged_from`` says so)."""
    rows, members = story_rows(store, story_id)
    asked = story_id
    if not rows:
        with store.connect() as conn:
            target = merged_into(conn, story_id)
        if target is not None:
            story_id = target
            rows, members = story_rows(store, story_id)
    if not rows:
        raise NotFoundError(f"no story {asked!r}; `kenning stories` lists them")
    mine = members.get(story_id, [])
    with store.engine.begin() as conn:
        backfill_counts(conn)
        results = load_results(conn, [m["id"] for m in mine])
        canon = same_as_canon(conn)
        boilerplate = repeated_elsewhere(conn, results)
        changes = story_changes(conn, story_id)
    report = reconcile(results, story_id, canon, boilerplate, list_checker(store)).to_dict()
    report["story"] = _story(rows[0], mine)
    report["changes"] = changes
    report["merged_from"] = asked if asked != story_id else None
    return report


def entity_news(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """Every mention of an entity (or of its same-as entities) in stored news, oldest report first.

    Each item: the article (id, title, outlet, published, url), the mention (text, offsets, score, which
    entity), its sentence with the mention's offsets inside it (``highlight``) for highlighting, and the
    events of that article where the entity is a target, with their dates — the dossier's timeline.
    """
    rows, events = entity_mentions(store, entity_id)
    events = _credited_events(store, events)
    mentions: dict[tuple[str, int], dict[str, Any]] = {}
    for row in rows:
        key = (row.article_id, row.mention)
        known = mentions.get(key)
        if known is not None:
            known["entity_ids"].append(row.entity_id)
            continue
        mentions[key] = {
            "article": {"id": row.article_id, "title": row.title, "outlet": row.outlet, "published": row.published,
                        "url": row.url},
            "text": row.text, "label": row.label, "start": row.start, "end": row.end, "score": round(row.score, 4),
            "entity_ids": [row.entity_id],
            "sentence": {"start": row.sentence_start, "end": row.sentence_end, "text": row.sentence_text},
            "highlight": {"start": row.start - row.sentence_start, "end": row.end - row.sentence_start},
            "events": events.get(row.article_id, [])}
    return sorted(mentions.values(), key=lambda m: (m["article"]["published"] or "9999", m["article"]["id"],
                                                   m["start"]))


def release_listing(entity_id: str, mentions: list[dict[str, Any]]) -> ListingDate | None:
    """The earliest day an official release (a report whose publisher speaks for an authority, such as a
    Treasury press release, of the country of ``entity_id``'s list) names ``entity_id`` as listed that day:
    an exactly dated event of the release's own country, not background, with a listing measure and the
    entry itself among its linked targets. ``mentions`` are :func:`entity_news` items."""
    source = load_catalogue().get(entity_id.partition("-")[0])
    listing = listing_measures()
    found: list[tuple[str, str]] = []
    for mention in mentions:
        article = mention["article"]
        official = publisher_authority(article.get("outlet"))
        if official is None or source is None or official.country != source.country:
            continue
        for event in mention["events"]:
            day = str(event.get("date") or "")
            if (event.get("entity_id") == entity_id and not event.get("background") and not event.get("date_approx")
                    and _DAY.fullmatch(day) and event.get("authority_country") == official.country
                    and listing & set(event.get("measures") or [])):
                title = article.get("title") or article["id"]
                found.append((day, f"named as designated on {day} in {article['outlet']}'s release “{title}”"))
    if not found:
        return None
    day, detail = min(found)
    return ListingDate(day, "release", detail)


def listing_of(store: Store, entity_id: str, listed: str | None,
               mentions: list[dict[str, Any]] | None = None) -> ListingDate | None:
    """The listing date of a sanction of ``entity_id`` with its source, trying the sources in the order of
    :data:`kenning.store.listing.SOURCES`: the list file, the SDN history, an official release among the
    stored news (``mentions``, read when not given), the first stored version holding the entry."""
    stored = listing_date(store, entity_id, listed)
    if stored is not None and stored.source != "first-version":
        return stored
    release = release_listing(entity_id, entity_news(store, entity_id) if mentions is None else mentions)
    return release or stored


def _credited_events(store: Store, events: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Per article, the events that credit the party as their own target (:func:`~.reconcile.summary.credited`:
    not a party the report says was sanctioned before, named outside today's sentences), with the date in
    words."""
    with store.connect() as conn:
        results = {r.article.id: r for r in load_results(conn, sorted(events))}
    kept: dict[str, list[dict[str, Any]]] = {}
    for article_id, found in events.items():
        result = results.get(article_id)
        for event in found:
            position = int(event["event"])
            if result is not None and 0 <= position < len(result.events):
                own = credited(result, result.events[position])
                if not any(link.id == event["entity_id"] for target in own for link in target.links[:1]):
                    continue
            when = date_words(event.get("date"), bool(event.get("date_approx")))
            kept.setdefault(article_id, []).append({**event, "date": machine_date(event.get("date")),
                                                    "date_words": when.text if when else None})
    return kept


def get_article(store: Store, article_id: str) -> dict[str, Any]:
    """One stored article: the article, its pipeline result, its story and its known copies."""
    row, member, copies = article_row(store, article_id)
    if row is None:
        raise NotFoundError(f"no article {article_id!r} in the store")
    return {"article": row.article, "result": row.result, "added_at": row.added_at.isoformat(),
            "story": {"id": member.story_id, "anchor": member.anchor} if member else None,
            "duplicates": [{"id": c.duplicate_id, "kind": c.kind, "similarity": c.similarity, "source": c.source,
                            "url": c.url, "outlet": c.outlet, "added_at": c.added_at.isoformat()} for c in copies]}
