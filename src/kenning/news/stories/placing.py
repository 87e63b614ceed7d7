"""Placing new reports in stories, and re-reading undated reports against their story's date.

:func:`place` compares new reports with the stored members of candidate stories (those whose reports'
days lie within :data:`~kenning.news.stories.grouping.WINDOW_DAYS` of the new ones, and undated ones)
through :func:`~kenning.news.stories.grouping.assign`, using the features stored with each membership, so
no stored result is parsed again. An undated report that joins a story with a dated report gets that
report's date as its *anchor* and its events are read again against it
(:func:`~kenning.news.events.extract.extract_events` with ``anchor``): "last week" in an undated report
of the 2023-07-25 story is the week before that day. A stored undated report of a story that only now
gets a dated report is re-read the same way. The rows are read and written by
:mod:`kenning.news.storage.stories`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from kenning.news.model import ArticleResult
from kenning.news.storage import stories as rows
from kenning.news.stories.features import Canon, StoryFeatures, story_features
from kenning.news.stories.grouping import WINDOW_DAYS, Assignment, assign
from kenning.store.sameas import same_as_pairs

__all__ = [
    "Placement",
    "place",
    "reanchor",
    "same_as_canon",
    "save_placement",
    "stale_undated",
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

    for left, right in same_as_pairs(conn):
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
    known = [dt.date.fromisoformat(d) for d in days if d]
    low = high = None
    if known and len(known) == len(days):
        low = (min(known) - dt.timedelta(days=WINDOW_DAYS)).isoformat()
        high = (max(known) + dt.timedelta(days=WINDOW_DAYS)).isoformat()
    return {story: [StoryFeatures.from_dict(f) for f in found]
            for story, found in rows.member_features(conn, low, high).items()}


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
    from kenning.news.events.extract import extract_events

    extract_events(result, anchor=anchor)
    return story_features(result, canon)


def stale_undated(conn: Connection, story_ids: Iterable[str]) -> list[tuple[ArticleResult, str]]:
    """Stored undated reports of these stories never anchored, now that their story has a dated report:
    each with the story's first day, to :func:`reanchor` (call after the batch's memberships are written)."""
    return rows.unanchored_undated(conn, story_ids)


def save_placement(conn: Connection, placement: Placement, added_at: dt.datetime) -> None:
    """The story row (created, titled after the report, when the report starts it) and the membership row
    of a stored report (the report itself must be stored first)."""
    placed, features = placement.assignment, placement.features
    rows.ensure_story(conn, placed.story_id, _title(placement.result), features.day, added_at)
    rows.insert_member(conn, (placed.article_id, placed.story_id, placed.score, dict(placed.evidence),
                              features.to_dict(), features.day, placement.anchor), added_at)


def update_member(conn: Connection, result: ArticleResult, features: StoryFeatures, anchor: str) -> None:
    """New features and anchor of a stored member re-read against its story's date."""
    rows.update_member(conn, result.article.id, features.to_dict(), features.day, anchor)


def _title(result: ArticleResult | None) -> str | None:
    if result is None:
        return None
    if result.article.title:
        return result.article.title
    first = result.sentences[0].text if result.sentences else result.article.text
    return first if len(first) <= TITLE_CHARS else first[:TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"
