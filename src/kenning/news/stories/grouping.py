"""Stories: the reports of one event, from different outlets, grouped — incrementally, with stable ids.

:func:`assign` takes new reports and the stored members of the stories they may join, scores every pair
(:class:`~.score.StoryScorer`: words, leads, names, days apart, optionally sentence embeddings, combined by
the fitted model of ``data/stories_model.yml``, and headline sanctions events), groups them all by average
link (:func:`~.cluster.average_link`; two reports whose dated actions cannot be one day are never in one
group, :meth:`~.score.StoryScorer.apart`) and names the groups (:func:`~.cluster.settle`): a stored story keeps
its id, a new group gets ``story-<its first report>``, and when the new reports show that two stories
were one (a report bridging them) or that one was two, the stories are merged or split, and said so
(:class:`~.cluster.StoryChange`). Only the stored stories a new report may belong to are grouped again
(a member at least :data:`RELEVANT_FROM` likely to be one story with a new report); the others stay as
they are. Grouping those again, rather than only placing the new report, makes the result nearly the
same whichever order the reports came in (``bench.stories_dev`` measures both).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from kenning.news.stories.cluster import StoryChange, average_link, settle, story_id_for
from kenning.news.stories.features import StoryFeatures
from kenning.news.stories.model import StoryModel, story_model
from kenning.news.stories.score import StoryScorer
from kenning.news.stories.text import Frequencies

__all__ = ["RELEVANT_FROM", "Assignment", "Grouping", "assign", "group", "story_id_for", "time_order"]

#: Probability of one story with a new report from which a stored story is grouped again with it.
RELEVANT_FROM = 0.05


@dataclass
class Assignment:
    """Where a new report went: its story, whether it started it, and the evidence."""

    article_id: str
    story_id: str
    new_story: bool
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "story_id": self.story_id, "new_story": self.new_story,
                "score": round(self.score, 4), "evidence": self.evidence}


@dataclass
class Grouping:
    """The new reports' stories, the stored reports that changed story, and the merges and splits."""

    assignments: list[Assignment]
    moves: dict[str, str] = field(default_factory=dict)
    changes: list[StoryChange] = field(default_factory=list)


def time_order(reports: Sequence[StoryFeatures]) -> dict[str, int]:
    """Report id → its rank in time (dated reports by day, undated ones last, ties by id)."""
    ranked = sorted(reports, key=lambda r: (r.day is None, r.day or "", r.id))
    return {r.id: i for i, r in enumerate(ranked)}


def _evidence(scorer: StoryScorer, scores: npt.NDArray[np.float64], report: str,
              group: Sequence[str]) -> tuple[float, dict[str, Any]]:
    """The report's strongest pair inside its story, or the closest report outside when it is alone."""
    row = scores[scorer.row[report]].copy()
    row[scorer.row[report]] = -1.0
    others = [o for o in group if o != report]
    if others:
        best = max(others, key=lambda o: (row[scorer.row[o]], o))
        pair = scorer.pair(report, best)
        return pair.score, {"with": best, **pair.to_dict()}
    if len(scorer.reports) < 2:
        return 1.0, {"started": True}
    closest = scorer.reports[int(np.argmax(row))].id
    return 1.0, {"started": True, "closest": closest, **scorer.pair(report, closest).to_dict()}


def assign(new: Sequence[StoryFeatures], stories: Mapping[str, Sequence[StoryFeatures]],
           model: StoryModel | None = None, frequencies: Frequencies | None = None) -> Grouping:
    """Place new reports among the stored stories given (see the module docstring)."""
    model = model or story_model()
    stored = {r.id: story for story, reports in stories.items() for r in reports}
    fresh = [r for r in new if r.id not in stored]
    everything = list({r.id: r for reports in stories.values() for r in reports}.values()) + fresh
    scorer = StoryScorer(everything, model, frequencies)
    if stored and fresh:
        near = scorer.matrix([scorer.row[r.id] for r in fresh])
        relevant = {stored[everything[j].id] for j in np.nonzero((near >= RELEVANT_FROM).any(axis=0))[0]
                    if everything[j].id in stored}
        if len(relevant) < len(stories):
            stored = {a: story for a, story in stored.items() if story in relevant}
            everything = [r for r in everything if r.id in stored] + fresh
            scorer = StoryScorer(everything, model, frequencies)
    ids = [r.id for r in everything]
    scores = scorer.matrix()
    groups = [[ids[i] for i in g] for g in average_link(scores, model.threshold, scorer.apart(),
                                                                scorer.weights())]
    order = time_order(everything)
    where, changes = settle(groups, stored, order)
    group_of = {a: g for g in groups for a in g}
    placed = []
    for report in sorted(fresh, key=lambda r: order[r.id]):
        score, evidence = _evidence(scorer, scores, report.id, group_of[report.id])
        story = where[report.id]
        placed.append(Assignment(report.id, story, story not in stories, score, evidence))
    moves = {a: where[a] for a, story in stored.items() if where[a] != story}
    return Grouping(placed, moves, changes)


def group(reports: Sequence[StoryFeatures], model: StoryModel | None = None,
          frequencies: Frequencies | None = None) -> list[list[str]]:
    """The stories of a set of reports, all new: lists of report ids, each list in time order."""
    order = time_order(reports)
    stories: dict[str, list[str]] = {}
    for placed in assign(reports, {}, model, frequencies).assignments:
        stories.setdefault(placed.story_id, []).append(placed.article_id)
    return [sorted(s, key=lambda a: order[a]) for s in stories.values()]
