"""Stories from pairwise probabilities: average-link clustering, and stable story ids across runs.

:func:`average_link` joins, again and again, the two groups of reports whose mean pairwise probability is
highest, while it reaches the threshold. Unlike joining any two reports above it (single link), a group
then needs most of its reports to look like the other's, so a chain of look-alike reports (shootings in one
city, one month) does not become one story. Pairs marked ``apart`` (reports that cannot tell one event: their
dated actions cannot be one day) are never brought into one group, whatever the reports between them: the
constraint holds for every pair of the group (complete link), so reports without a date or action of their
own cannot bridge two events.

A pair may also count for nothing in the mean (``weights`` 0): two reports in different languages whose
words cannot be compared and of which nothing else tells (:meth:`~.score.StoryScorer.weights`). Two groups
are then as alike as the mean of the pairs that do count, and never joined when no pair counts.

:func:`settle` names the groups when some reports were already in stories: a stored story keeps its id on
the group holding most of its reports (ties: the one holding its first report); a group two stories keep
their ids on is one story under the id of the one with more reports there, or the older one (the other
is *merged* into it); reports of a story left in another group are *split* off into a story of their
own. A group with no stored story is a new story ``story-<its first report>``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["StoryChange", "average_link", "settle", "story_id_for"]


def story_id_for(article_id: str) -> str:
    """The id of the story a report starts."""
    return f"story-{article_id}"


@dataclass
class StoryChange:
    """Stories found to be one (``merged``: ``story_id`` went into ``other_id``) or two (``split``:
    ``other_id`` was split off ``story_id``), with the reports that moved."""

    kind: str
    story_id: str
    other_id: str
    articles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "story_id": self.story_id, "other_id": self.other_id,
                "articles": list(self.articles)}


def average_link(scores: npt.NDArray[np.float64], threshold: float, apart: npt.NDArray[np.bool_] | None = None,
                 weights: npt.NDArray[np.float64] | None = None) -> list[list[int]]:
    """Groups of row indices (each sorted; groups ordered by their first index); no group holds two rows
    ``apart`` marks (a symmetric boolean matrix); ``weights`` (symmetric, default all 1) say how much each
    pair counts in the mean of two groups."""
    count = len(scores)
    if count == 0:
        return []
    counts = np.ones((count, count)) if weights is None else np.array(weights, dtype=np.float64, copy=True)
    np.fill_diagonal(counts, 0.0)
    sums = np.array(scores, dtype=np.float64, copy=True) * counts
    cannot = np.zeros((count, count), dtype=bool) if apart is None else np.array(apart, dtype=bool, copy=True)
    alive = np.ones(count, dtype=bool)
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    while True:
        mean = np.divide(sums, counts, out=np.full((count, count), -1.0), where=counts > 0)
        mean[~alive, :] = -1.0
        mean[:, ~alive] = -1.0
        mean[cannot] = -1.0
        np.fill_diagonal(mean, -1.0)
        best = int(np.argmax(mean))
        i, j = divmod(best, count)
        if mean[i, j] < threshold:
            break
        keep, gone = min(i, j), max(i, j)
        sums[keep, :] += sums[gone, :]
        sums[:, keep] += sums[:, gone]
        sums[keep, keep] = 0.0
        counts[keep, :] += counts[gone, :]
        counts[:, keep] += counts[:, gone]
        counts[keep, keep] = 0.0
        cannot[keep, :] |= cannot[gone, :]
        cannot[:, keep] |= cannot[:, gone]
        alive[gone] = False
        members[keep] += members.pop(gone)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _claims(groups: Sequence[Sequence[str]], stored: Mapping[str, str], order: Mapping[str, int],
            ) -> dict[str, tuple[int, int]]:
    """Stored story → the group that keeps its id (most of its reports, ties to its first report) and how
    many of its reports that group holds."""
    where = {article: g for g, group in enumerate(groups) for article in group}
    by_story: dict[str, list[str]] = {}
    for article, story in stored.items():
        if article in where:
            by_story.setdefault(story, []).append(article)
    claims = {}
    for story, articles in by_story.items():
        counts = Counter(where[a] for a in articles)
        first = where[min(articles, key=lambda a: order[a])]
        best = max(counts, key=lambda g: (counts[g], g == first, -g))
        claims[story] = (best, counts[best])
    return claims


def settle(groups: Sequence[Sequence[str]], stored: Mapping[str, str], order: Mapping[str, int],
           ) -> tuple[dict[str, str], list[StoryChange]]:
    """Each report's story id, and the merges and splits (see the module docstring).

    ``stored``: report → its story for the reports that are in one; ``order``: report → its place in
    time (earlier first), which decides a new story's id."""
    claims = _claims(groups, stored, order)
    first: dict[str, int] = {}
    for article, story in stored.items():
        first[story] = min(first.get(story, order[article]), order[article])
    owner: dict[int, str] = {}
    changes: list[StoryChange] = []
    for story, (g, _size) in sorted(claims.items(), key=lambda item: (-item[1][1], first[item[0]], item[0])):
        if g in owner:
            moved = [a for a in groups[g] if stored.get(a) == story]
            changes.append(StoryChange("merged", story, owner[g], moved))
        else:
            owner[g] = story
    taken = set(stored.values())
    assigned: dict[str, str] = {}
    for g, group in enumerate(groups):
        story_id = owner.get(g)
        if story_id is None:
            earliest = min(group, key=lambda a: order[a])
            story_id = story_id_for(earliest)
            n = 1
            while story_id in taken:
                n += 1
                story_id = f"{story_id_for(earliest)}-{n}"
            taken.add(story_id)
        for article in group:
            assigned[article] = story_id
        for old in sorted({stored[a] for a in group if a in stored} - {story_id}):
            if claims[old][0] != g:
                moved = [a for a in group if stored.get(a) == old]
                changes.append(StoryChange("split", old, story_id, moved))
    return assigned, changes
