"""Reads of stored news for the read models of :mod:`kenning.news.views`: stories with their members, an
entity's mentions and the events that target it, one article with its story and copies."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.engine import Connection

from kenning.news.storage.tables import (
    ensure_news_tables,
    news_articles,
    news_duplicates,
    news_event_targets,
    news_events,
    news_links,
    news_stories,
    news_story_members,
)
from kenning.store import Store
from kenning.store.sameas import same_as_cluster

__all__ = ["article_row", "entity_mentions", "story_rows"]


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


def story_rows(store: Store, story_id: str | None = None,
               ) -> tuple[list[Row[Any]], dict[str, list[dict[str, Any]]]]:
    """Every story row (or the one of ``story_id``: an empty list when unknown) and each one's members."""
    ensure_news_tables(store)
    query = select(news_stories)
    if story_id is not None:
        query = query.where(news_stories.c.id == story_id)
    with store.connect() as conn:
        rows = list(conn.execute(query))
        members = _members(conn, [r.id for r in rows])
    return rows, members


def _target_events(conn: Connection, ids: Collection[str]) -> dict[str, list[dict[str, Any]]]:
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


def entity_mentions(store: Store, entity_id: str) -> tuple[list[Row[Any]], dict[str, list[dict[str, Any]]]]:
    """The stored links to an entity or to its same-as entities, with their articles, and per article the
    events where one of them is a target."""
    ensure_news_tables(store)
    with store.connect() as conn:
        ids = same_as_cluster(conn, entity_id)
        query = (select(news_links, news_articles.c.title, news_articles.c.outlet, news_articles.c.published,
                        news_articles.c.url)
                 .join(news_articles, news_articles.c.id == news_links.c.article_id)
                 .where(news_links.c.entity_id.in_(ids)))
        rows = list(conn.execute(query))
        events = _target_events(conn, ids)
    return rows, events


def article_row(store: Store, article_id: str) -> tuple[Row[Any] | None, Any, list[Row[Any]]]:
    """A stored article's row (None when unknown), its story membership and its known copies."""
    ensure_news_tables(store)
    with store.connect() as conn:
        row = conn.execute(select(news_articles).where(news_articles.c.id == article_id)).first()
        if row is None:
            return None, None, []
        member = conn.execute(select(news_story_members.c.story_id, news_story_members.c.anchor).where(
            news_story_members.c.article_id == article_id)).first()
        copies = list(conn.execute(select(news_duplicates).where(news_duplicates.c.article_id == article_id)
                                   .order_by(news_duplicates.c.id)))
    return row, member, copies
