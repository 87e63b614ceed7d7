"""Placing new reports in stories, merging or splitting stored stories, and re-reading undated reports.

:func:`place` reads what the store knows — how often each word occurs in stored reports, which sentences
each outlet repeats (its boilerplate), and the stored members of every story still open (a member within
:attr:`~.model.StoryModel.window_days` of a new report, or undated) — and groups the new reports with them
(:func:`~kenning.news.stories.grouping.assign`). The result (:class:`Batch`) says where each new report goes,
which stored reports change story, and which stories were merged or split; :func:`save_batch` writes it.

An undated report that joins a story with a dated report gets that report's date as its *anchor* and its
events are read again against it (:func:`reanchor`): "last week" in an undated report of the 2023-07-25
story is the week before that day. A stored undated report of a story that only now gets a dated report is
re-read the same way. The rows are read and written by :mod:`kenning.news.storage`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection

from kenning.news.model import ArticleResult
from kenning.news.storage import counts
from kenning.news.storage import stories as rows
from kenning.news.stories.boilerplate import Boilerplate, backfill_counts
from kenning.news.stories.cluster import StoryChange
from kenning.news.stories.features import Canon, StoryFeatures, story_features
from kenning.news.stories.grouping import Assignment, Grouping, assign
from kenning.news.stories.model import StoryModel, story_model
from kenning.news.stories.text import Frequencies
from kenning.store.sameas import same_as_pairs

__all__ = ["Batch", "Placement", "anchor_for", "batch_frequencies", "place", "placements_of", "read_undated",
           "reanchor", "same_as_canon", "save_batch", "stale_undated", "update_member"]

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


@dataclass
class Batch:
    """Where a batch of new reports goes, the stored reports that change story, and the merges and splits."""

    placements: list[Placement]
    moves: dict[str, str] = field(default_factory=dict)
    changes: list[StoryChange] = field(default_factory=list)
    boilerplate: Boilerplate | None = None

    @property
    def touched(self) -> set[str]:
        """Every story a report joined, left or was moved into."""
        found = {p.assignment.story_id for p in self.placements} | set(self.moves.values())
        return found | {c.story_id for c in self.changes} | {c.other_id for c in self.changes}


def _candidates(conn: Connection, days: Sequence[str | None], window: int) -> dict[str, list[StoryFeatures]]:
    """Every stored member of the stories a report with one of ``days`` may join (whole stories)."""
    known = [dt.date.fromisoformat(d) for d in days if d]
    low = high = None
    if known and len(known) == len(days):
        low = (min(known) - dt.timedelta(days=window)).isoformat()
        high = (max(known) + dt.timedelta(days=window)).isoformat()
    open_stories = set(rows.member_features(conn, low, high))
    return {story: [StoryFeatures.from_dict(f) for f in found]
            for story, found in rows.member_features(conn, only=open_stories).items()}


def anchor_for(story: Sequence[StoryFeatures], placed: Assignment) -> str | None:
    """The date an undated report is read against: the report it matched, else the story's first day."""
    days = {f.id: f.day for f in story}
    matched = placed.evidence.get("with")
    if isinstance(matched, str) and days.get(matched):
        return days[matched]
    dated = sorted(d for d in days.values() if d)
    return dated[0] if dated else None


def _frequencies(conn: Connection, features: Sequence[StoryFeatures],
                 stories: dict[str, list[StoryFeatures]]) -> Frequencies:
    """Document frequencies of every term compared, over the stored reports and the new ones."""
    wanted = {t for f in features for t in (*f.terms, *f.names)}
    wanted |= {t for members in stories.values() for f in members for t in (*f.terms, *f.names)}
    return batch_frequencies(features, counts.term_counts(conn, wanted), counts.count_reports(conn))


def batch_frequencies(features: Sequence[StoryFeatures], known: Mapping[str, int] | None = None,
                      reports: int = 0) -> Frequencies:
    """Document frequencies of the words and names of ``features`` added to ``known`` ones of ``reports``
    stored reports: what every vector of the scorer weighs by, in the store and in memory alike."""
    found = Counter(known or {})
    for f in features:
        found.update({*f.terms, *f.names})
    return found, reports + len(features)


def place(conn: Connection, results: Sequence[ArticleResult], canon: Canon | None = None,
          model: StoryModel | None = None) -> Batch:
    """Where each new report goes, and what changes for the stored stories (see the module docstring)."""
    model = model or story_model()
    backfill_counts(conn)
    boilerplate = Boilerplate.read(conn, results)
    features = {r.article.id: boilerplate.features(r, canon, model.embeddings) for r in results}
    stories = _candidates(conn, [f.day for f in features.values()], model.window_days)
    grouping = assign(list(features.values()), stories, model, _frequencies(conn, list(features.values()), stories))
    return Batch(placements_of(results, grouping, features, stories), grouping.moves, grouping.changes, boilerplate)


def placements_of(results: Sequence[ArticleResult], grouping: Grouping, features: Mapping[str, StoryFeatures],
                  stories: Mapping[str, Sequence[StoryFeatures]] | None = None) -> list[Placement]:
    """Each new report with its assignment, features and the date an undated one is read against (its
    story's, :func:`anchor_for`), the story's members being its stored reports (``stories``) and new ones."""
    members: dict[str, list[StoryFeatures]] = {}
    for story, reports in (stories or {}).items():
        for report in reports:
            members.setdefault(grouping.moves.get(report.id, story), []).append(report)
    for placed in grouping.assignments:
        members.setdefault(placed.story_id, []).append(features[placed.article_id])
    by_id = {r.article.id: r for r in results}
    placements = []
    for placed in grouping.assignments:
        result = by_id[placed.article_id]
        anchor = None if result.article.published else anchor_for(members[placed.story_id], placed)
        placements.append(Placement(result, placed, features[placed.article_id], anchor))
    return placements


def reanchor(result: ArticleResult, anchor: str, canon: Canon | None = None,
             boilerplate: Boilerplate | None = None) -> StoryFeatures:
    """Read an undated report's events again against ``anchor``; its new features."""
    from kenning.news.events.extract import extract_events

    extract_events(result, anchor=anchor)
    if boilerplate is not None:
        return boilerplate.features(result, canon, False)
    return story_features(result, canon)


def read_undated(placements: Sequence[Placement], canon: Canon | None,
                 boilerplate: Boilerplate | None) -> bool:
    """Read each undated report placed in a story with a dated one against that story's date (its events
    resolve "lundi", "last week") and take its new features; whether any was. The store and the in-memory
    grouping (:func:`~.memory.group_results`) both do this, so both see the same events."""
    anchored = [p for p in placements if p.anchor is not None]
    for placement in anchored:
        placement.features = reanchor(placement.result, placement.anchor or "", canon, boilerplate)
    return bool(anchored)


def stale_undated(conn: Connection, story_ids: Iterable[str]) -> list[tuple[ArticleResult, str]]:
    """Stored undated reports of these stories never anchored, now that their story has a dated report:
    each with the story's first day, to :func:`reanchor` (call after the batch's memberships are written)."""
    return rows.unanchored_undated(conn, story_ids)


def save_batch(conn: Connection, batch: Batch, stored: set[str], added_at: dt.datetime) -> None:
    """Write the stories of a batch: new story rows, memberships of the new reports that were ``stored``
    (the reports themselves are written first), stored reports moved, merges and splits, and the counts."""
    for placement in batch.placements:
        if placement.result.article.id not in stored:
            continue
        placed, features = placement.assignment, placement.features
        rows.ensure_story(conn, placed.story_id, _title(placement.result), features.day, added_at)
        rows.insert_member(conn, (placed.article_id, placed.story_id, placed.score, dict(placed.evidence),
                                  features.to_dict(), features.day, placement.anchor), added_at)
    for article, story in batch.moves.items():
        rows.ensure_story(conn, story, rows.member_title(conn, article), None, added_at)
        rows.move_member(conn, article, story)
    for change in batch.changes:
        rows.record_change(conn, change.kind, change.story_id, change.other_id, change.articles, added_at)
    if batch.boilerplate is not None:
        batch.boilerplate.count(conn, [p.result for p in batch.placements if p.result.article.id in stored],
                                {p.result.article.id: p.features for p in batch.placements})
    rows.touch_stories(conn, batch.touched, added_at)


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
