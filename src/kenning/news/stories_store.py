"""Stories in the store: placing new reports in stories, re-reading undated reports, keeping story rows.

:func:`place` compares new reports with the stored members of candidate stories (those whose reports'
days lie within :data:`~kenning.news.stories.WINDOW_DAYS` of the new ones, and undated ones) through
:func:`~kenning.news.stories.assign`, using the features stored with each membership, so no stored
result is parsed again. An undated report that joins a story with a dated report gets that report's date
as its *anchor* and its events are read again against it (:func:`~kenning.news.events.extract_events`
with ``anchor``): "last week" in an undated report of the 2023-07-25 story is the week before that day.
A stored undated report of a story that only now gets a dated report is re-read the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from kenning.news.model import ArticleResult
from kenning.news.stories import WINDOW_DAYS, Assignment, assign
from kenning.news.stories_features import Canon, StoryFeatures, story_features
from kenning.store.news import load_article, news_articles, news_stories, news_story_members
from kenning.store.schema import sameas

__all__ = [
    "Placement",
    "ensure_story",
    "place",
    "reanchor",
    "same_as_canon",
    "save_placement",
    "stale_undated",
    "touch_stories",
    "update_member",
]

#: Characters of a report's first sentence used as its story's title when it has none.
TITLE_CHARS = 120


def same_as_canon(conn: Connection) -> Canon:
    """Entity id → the smallest id of its cross-list same-as cluster (itself when it has none)."""
    parent: dict[str, str] = {}

    def root(item: str) -> str:
        while parent.get(item, item) != item:
            item = parent[item]
        return item

    for left, right in conn.execute(select(sameas.c.left_id, sameas.c.right_id)):
        a, b = root(left), root(right)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return root


@dataclass
class Placement:
    """A new report, where it goes, its features, and the date its relative dates were read against."""

    result: ArticleResult
    assignment: Assignment
    features: StoryFeatures
    anchor: str | None = None


def _candidates(conn: Connection, days: Sequence[str | None]) -> dict[str, list[StoryFeatures]]:
    """Stored members of the stories a report with one of ``days`` may join."""
    query = select(news_story_members.c.story_id, news_story_members.c.features)
    known = [dt.date.fromisoformat(d) for d in days if d]
    if known and len(known) == len(days):
        low = (min(known) - dt.timedelta(days=WINDOW_DAYS)).isoformat()
        high = (max(known) + dt.timedelta(days=WINDOW_DAYS)).isoformat()
        query = query.where(news_story_members.c.day.is_(None) | news_story_members.c.day.between(low, high))
    stories: dict[str, list[StoryFeatures]] = {}
    for row in conn.execute(query):
        stories.setdefault(row.story_id, []).append(StoryFeatures.from_dict(row.features))
    return stories


def _anchor(story: Sequence[StoryFeatures], placed: Assignment) -> str | None:
    """The date an undated report is read against: the report it matched, else the story's first day."""
    days = {f.id: f.day for f in story}
    matched = placed.evidence.get("with")
    if isinstance(matched, str) and days.get(matched):
        return days[matched]
    dated = sorted(d for d in days.values() if d)
    return dated[0] if dated else None


def place(conn: Connection, results: Sequence[ArticleResult], canon: Canon | None = None) -> list[Placement]:
    """Where each new report goes (stories stored or started in this batch), and undated reports' anchors."""
    features = {r.article.id: story_features(r, canon) for r in results}
    stories = _candidates(conn, [f.day for f in features.values()])
    assignments = assign(list(features.values()), stories)
    members: dict[str, list[StoryFeatures]] = {k: list(v) for k, v in stories.items()}
    for placed in assignments:
        members.setdefault(placed.story_id, []).append(features[placed.article_id])
    by_id = {r.article.id: r for r in results}
    placements = []
    for placed in assignments:
        result = by_id[placed.article_id]
        anchor = None if result.article.published else _anchor(members[placed.story_id], placed)
        placements.append(Placement(result, placed, features[placed.article_id], anchor))
    return placements


def reanchor(result: ArticleResult, anchor: str, canon: Canon | None = None) -> StoryFeatures:
    """Read an undated report's events again against ``anchor``; its new features."""
    from kenning.news.events import extract_events

    extract_events(result, anchor=anchor)
    return story_features(result, canon)


def stale_undated(conn: Connection, story_ids: Iterable[str]) -> list[tuple[ArticleResult, str]]:
    """Stored undated reports never anchored, in these stories, that now have a dated report: each with the
    story's first day (call after the batch's memberships are written)."""
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


def save_placement(conn: Connection, placement: Placement, added_at: dt.datetime) -> None:
    """The membership row of a stored report (the report itself must be stored first)."""
    placed = placement.assignment
    evidence = dict(placed.evidence)
    conn.execute(news_story_members.insert().values(
        article_id=placed.article_id, story_id=placed.story_id, score=placed.score, evidence=evidence,
        features=placement.features.to_dict(), day=placement.features.day, anchor=placement.anchor,
        added_at=added_at))


def update_member(conn: Connection, article_id: str, features: StoryFeatures, anchor: str) -> None:
    """New features and anchor of a stored member re-read against its story's date."""
    conn.execute(news_story_members.update().where(news_story_members.c.article_id == article_id).values(
        features=features.to_dict(), day=features.day, anchor=anchor))


def _title(result: ArticleResult | None) -> str | None:
    if result is None:
        return None
    if result.article.title:
        return result.article.title
    first = result.sentences[0].text if result.sentences else result.article.text
    return first if len(first) <= TITLE_CHARS else first[:TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def ensure_story(conn: Connection, placement: Placement, now: dt.datetime) -> None:
    """The row of the story a report goes to, created (titled after the report) when the report starts it."""
    story_id = placement.assignment.story_id
    if conn.execute(select(news_stories.c.id).where(news_stories.c.id == story_id)).first() is None:
        conn.execute(news_stories.insert().values(
            id=story_id, title=_title(placement.result), first_date=placement.features.day,
            last_date=placement.features.day, size=0, created_at=now, updated_at=now))


def touch_stories(conn: Connection, story_ids: Iterable[str], now: dt.datetime) -> None:
    """Create or refresh the rows of these stories from their members (size, first and last day)."""
    for story_id in sorted(set(story_ids)):
        size, first, last = conn.execute(select(
            func.count(), func.min(news_story_members.c.day), func.max(news_story_members.c.day)).where(
            news_story_members.c.story_id == story_id)).one()
        if not size:
            continue
        conn.execute(news_stories.update().where(news_stories.c.id == story_id).values(
            size=size, first_date=first, last_date=last, updated_at=now))
