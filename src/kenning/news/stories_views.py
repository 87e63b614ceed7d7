"""Read models of stored news: the story list, one story's reconciliation, an entity's news, one article.

These are the JSON-ready dicts the CLI prints, the API returns and the web pages render; the service
module (:mod:`kenning.news.service`) re-exports them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.engine import Connection

from kenning.errors import NotFoundError
from kenning.news.reconcile import reconcile
from kenning.news.stories_store import same_as_canon
from kenning.store import Store
from kenning.store.news import (
    ensure_news_tables,
    load_results,
    news_articles,
    news_duplicates,
    news_event_targets,
    news_events,
    news_links,
    news_stories,
    news_story_members,
)
from kenning.store.schema import sameas

__all__ = ["entity_news", "get_article", "list_stories", "same_as_cluster", "story_report"]


def _brief(row: Any) -> dict[str, Any]:
    return {"id": row.id, "title": row.title, "outlet": row.outlet, "published": row.published, "url": row.url}


def _members(conn: Connection, story_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    query = (select(news_story_members.c.story_id, news_story_members.c.score, news_story_members.c.evidence,
                    news_story_members.c.anchor, news_articles.c.id, news_articles.c.title, news_articles.c.outlet,
                    news_articles.c.published, news_articles.c.url)
             .join(news_articles, news_articles.c.id == news_story_members.c.article_id)
             .where(news_story_members.c.story_id.in_(story_ids))
             .order_by(news_articles.c.published, news_articles.c.id))
    out: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute(query):
        out.setdefault(row.story_id, []).append({**_brief(row), "score": round(row.score, 4),
                                                 "evidence": row.evidence, "anchor": row.anchor})
    return out


def _story(row: Any, members: list[dict[str, Any]]) -> dict[str, Any]:
    outlets = list(dict.fromkeys(m["outlet"] for m in members if m["outlet"]))
    return {"id": row.id, "title": row.title, "first_date": row.first_date, "last_date": row.last_date,
            "size": row.size, "outlets": outlets, "articles": members, "updated_at": row.updated_at.isoformat()}


def list_stories(store: Store) -> list[dict[str, Any]]:
    """Every story, the latest first (by last day; undated ones last), with its reports."""
    ensure_news_tables(store)
    with store.connect() as conn:
        rows = list(conn.execute(select(news_stories)))
        members = _members(conn, [r.id for r in rows])
    rows.sort(key=lambda r: (r.last_date is not None, r.last_date or "", r.id), reverse=True)
    return [_story(r, members.get(r.id, [])) for r in rows]


def story_report(store: Store, story_id: str) -> dict[str, Any]:
    """The reconciliation report of one story (:func:`kenning.news.reconcile.reconcile`), with its reports."""
    ensure_news_tables(store)
    with store.connect() as conn:
        row = conn.execute(select(news_stories).where(news_stories.c.id == story_id)).first()
        if row is None:
            raise NotFoundError(f"no story {story_id!r}; `kenning stories` lists them")
        members = _members(conn, [story_id]).get(story_id, [])
        results = load_results(conn, [m["id"] for m in members])
        canon = same_as_canon(conn)
    report = reconcile(results, story_id, canon).to_dict()
    report["story"] = _story(row, members)
    return report


def same_as_cluster(conn: Connection, entity_id: str) -> set[str]:
    """``entity_id`` and every entity linked to it by same-as links, transitively."""
    found, todo = {entity_id}, [entity_id]
    while todo:
        current = todo.pop()
        query = select(sameas.c.left_id, sameas.c.right_id).where(
            or_(sameas.c.left_id == current, sameas.c.right_id == current))
        for left, right in conn.execute(query):
            for other in (left, right):
                if other not in found:
                    found.add(other)
                    todo.append(other)
    return found


def _target_events(conn: Connection, ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Per article, the events where one of ``ids`` is a target, with dates and the role given."""
    query = (select(news_events.c.article_id, news_events.c.position, news_events.c.authority,
                    news_events.c.authority_country, news_events.c.date, news_events.c.date_approx,
                    news_events.c.background, news_events.c.measures, news_event_targets.c.role,
                    news_event_targets.c.entity_id)
             .join(news_event_targets, news_event_targets.c.event_id == news_events.c.id)
             .where(news_event_targets.c.entity_id.in_(ids)).order_by(news_events.c.date))
    out: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute(query):
        events = out.setdefault(row.article_id, [])
        if any(e["event"] == row.position for e in events):
            continue
        events.append({"event": row.position, "authority": row.authority, "authority_country":
                       row.authority_country, "date": row.date, "date_approx": row.date_approx,
                       "background": row.background, "measures": row.measures, "role": row.role,
                       "entity_id": row.entity_id})
    return out


def entity_news(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """Every mention of an entity (or of its same-as entities) in stored news, oldest report first.

    Each item: the article (id, title, outlet, published, url), the mention (text, offsets, score, which
    entity), its sentence with the mention's offsets inside it (``highlight``) for highlighting, and the
    events of that article where the entity is a target, with their dates — the dossier's timeline.
    """
    ensure_news_tables(store)
    with store.connect() as conn:
        ids = same_as_cluster(conn, entity_id)
        query = (select(news_links, news_articles.c.title, news_articles.c.outlet, news_articles.c.published,
                        news_articles.c.url)
                 .join(news_articles, news_articles.c.id == news_links.c.article_id)
                 .where(news_links.c.entity_id.in_(ids)))
        rows = list(conn.execute(query))
        events = _target_events(conn, ids)
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


def get_article(store: Store, article_id: str) -> dict[str, Any]:
    """One stored article: the article, its pipeline result, its story and its known copies."""
    ensure_news_tables(store)
    with store.connect() as conn:
        row = conn.execute(select(news_articles).where(news_articles.c.id == article_id)).first()
        if row is None:
            raise NotFoundError(f"no article {article_id!r} in the store")
        member = conn.execute(select(news_story_members.c.story_id, news_story_members.c.anchor).where(
            news_story_members.c.article_id == article_id)).first()
        copies = conn.execute(select(news_duplicates).where(news_duplicates.c.article_id == article_id)
                              .order_by(news_duplicates.c.id)).all()
    return {"article": row.article, "result": row.result, "added_at": row.added_at.isoformat(),
            "story": {"id": member.story_id, "anchor": member.anchor} if member else None,
            "duplicates": [{"id": c.duplicate_id, "kind": c.kind, "similarity": c.similarity, "source": c.source,
                            "url": c.url, "outlet": c.outlet, "added_at": c.added_at.isoformat()} for c in copies]}
