"""Stored stories: membership rows (why a report joined, its features, its day and anchor) and story rows.

The stories stage (:mod:`kenning.news.stories.placing`) decides where reports go; these functions only
read and write the rows, with the features as the JSON dicts the stage made of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from kenning.news.model import ArticleResult
from kenning.news.storage.articles import load_article
from kenning.news.storage.tables import news_articles, news_stories, news_story_members

__all__ = ["Member", "ensure_story", "insert_member", "member_features", "touch_stories",
           "unanchored_undated", "update_member"]

#: A membership row as the stories stage writes it: article, story, score, evidence, features, day, anchor.
Member = tuple[str, str, float, dict[str, Any], dict[str, Any], str | None, str | None]


def member_features(conn: Connection, low: str | None = None, high: str | None = None,
                    ) -> dict[str, list[dict[str, Any]]]:
    """Story id → the stored features of its members; with ``low``/``high`` only members whose day lies
    between them, and undated members."""
    query = select(news_story_members.c.story_id, news_story_members.c.features)
    if low is not None and high is not None:
        query = query.where(news_story_members.c.day.is_(None) | news_story_members.c.day.between(low, high))
    stories: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute(query):
        stories.setdefault(row.story_id, []).append(row.features)
    return stories


def unanchored_undated(conn: Connection, story_ids: Iterable[str]) -> list[tuple[ArticleResult, str]]:
    """Stored undated reports never anchored, in these stories, whose story has a dated report: each with
    the story's first day."""
    found: list[tuple[ArticleResult, str]] = []
    wanted = sorted(set(story_ids))
    if not wanted:
        return found
    rows = conn.execute(select(news_story_members.c.article_id, news_story_members.c.story_id).join(
        news_articles, news_articles.c.id == news_story_members.c.article_id).where(
        news_story_members.c.story_id.in_(wanted), news_articles.c.published.is_(None),
        news_story_members.c.anchor.is_(None))).all()
    for row in rows:
        first = conn.execute(select(func.min(news_story_members.c.day)).where(
            news_story_members.c.story_id == row.story_id, news_story_members.c.day.is_not(None))).scalar()
        result = load_article(conn, row.article_id)
        if first and result is not None:
            found.append((result, str(first)))
    return found


def insert_member(conn: Connection, member: Member, added_at: dt.datetime) -> None:
    """The membership row of a stored report (the report itself must be stored first)."""
    article_id, story_id, score, evidence, features, day, anchor = member
    conn.execute(news_story_members.insert().values(
        article_id=article_id, story_id=story_id, score=score, evidence=evidence, features=features, day=day,
        anchor=anchor, added_at=added_at))


def update_member(conn: Connection, article_id: str, features: dict[str, Any], day: str | None,
                  anchor: str) -> None:
    """New features, day and anchor of a stored member re-read against its story's date."""
    conn.execute(news_story_members.update().where(news_story_members.c.article_id == article_id).values(
        features=features, day=day, anchor=anchor))


def ensure_story(conn: Connection, story_id: str, title: str | None, day: str | None, now: dt.datetime) -> None:
    """The row of a story, created with this title and day when it does not exist yet."""
    if conn.execute(select(news_stories.c.id).where(news_stories.c.id == story_id)).first() is None:
        conn.execute(news_stories.insert().values(
            id=story_id, title=title, first_date=day, last_date=day, size=0, created_at=now, updated_at=now))


def touch_stories(conn: Connection, story_ids: Iterable[str], now: dt.datetime) -> None:
    """Refresh the rows of these stories from their members (size, first and last day)."""
    for story_id in sorted(set(story_ids)):
        size, first, last = conn.execute(select(
            func.count(), func.min(news_story_members.c.day), func.max(news_story_members.c.day)).where(
            news_story_members.c.story_id == story_id)).one()
        if not size:
            continue
        conn.execute(news_stories.update().where(news_stories.c.id == story_id).values(
            size=size, first_date=first, last_date=last, updated_at=now))
