"""Stories: the reports of one event, from different outlets, grouped — incrementally, with stable ids.

Two reports tell the same event when their words, the parties they name and their headline sanctions
events agree (:class:`StoryScorer`):

* ``text`` — mean of the TF-IDF cosines of the whole texts and of the leads (:mod:`.stories_text`);
* ``entities`` — weighted Jaccard of the named parties' keys (:mod:`.stories_features`), each key weighted
  by its inverse document frequency, so a party every report names (a ministry, a well-known group) says
  little and a person named by two reports says a lot;
* ``event`` — the best agreement of two headline events: same authority country, dates that can be the
  same day, and shared targets (0.5 + half the overlap); or, when one side leaves targets unnamed (names
  none, or fewer than the count it states) and the counts do not differ, the roles of the other side's
  targets said there without names ("Mali's defence minister" for a named "Defence Minister": 0.5 + half
  the share of roles found; 0.5 when none is found, 0.25 when a country is unknown); a different country,
  incompatible dates, complete disjoint lists of named targets or different counts give 0.

Reports whose days are more than :data:`WINDOW_DAYS` apart are never in one story. The score is
``W_TEXT·text + W_ENTITIES·entities + W_EVENT·event``; a report joins the story holding its best-scoring
report when that score reaches :data:`THRESHOLD`, else it starts a story ``story-<its id>``
(:class:`Weights` holds these numbers, for benchmarks that compare other settings). New reports
are placed in day order (undated ones last, so they see every dated story), each one then available to
the next: :func:`assign` is the same whether reports arrive one by one or in a batch, and a story's id
never changes once given.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kenning.errors import InputError
from kenning.news.dates import date_interval
from kenning.news.stories.features import EventKey, StoryFeatures
from kenning.news.stories.roles import find_role_phrases
from kenning.news.stories.text import TfidfSpace

__all__ = [
    "DEFAULT_WEIGHTS",
    "THRESHOLD",
    "WINDOW_DAYS",
    "Assignment",
    "PairScore",
    "StoryScorer",
    "TextSimilarity",
    "Weights",
    "assign",
    "date_range",
    "dates_compatible",
    "group",
    "story_id_for",
]

#: Reports published (or whose headline event happened) further apart than this are never one story.
WINDOW_DAYS = 7
#: Two event dates within this many days of each other can be the same day told differently.
DATE_SLACK_DAYS = 2
W_TEXT = 0.5
W_ENTITIES = 0.2
W_EVENT = 0.3
#: Score from which a report joins a story.
THRESHOLD = 0.3


@dataclass(frozen=True)
class Weights:
    """How the signals add up, the day window and the joining threshold (the defaults are Kenning's)."""

    text: float = W_TEXT
    entities: float = W_ENTITIES
    event: float = W_EVENT
    window_days: int | None = WINDOW_DAYS
    threshold: float = THRESHOLD


DEFAULT_WEIGHTS = Weights()
#: A text similarity of two reports by id, to use instead of TF-IDF (e.g. sentence embeddings).
TextSimilarity = Callable[[str, str], float]

def date_range(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day a date value stands for (:func:`kenning.news.dates.date_interval`); None if unreadable."""
    if not value:
        return None
    try:
        return date_interval(value)
    except InputError:
        return None


def dates_compatible(left: str | None, right: str | None, slack_days: int = DATE_SLACK_DAYS) -> bool | None:
    """Whether two dates can name the same day (ranges overlap within ``slack_days``); None if one is unknown."""
    a, b = date_range(left), date_range(right)
    if a is None or b is None:
        return None
    slack = dt.timedelta(days=slack_days)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def story_id_for(article_id: str) -> str:
    """The id of the story a report starts."""
    return f"story-{article_id}"


@dataclass(frozen=True)
class PairScore:
    """How much two reports look like one event, and why."""

    text: float
    entities: float
    event: float
    score: float
    shared: tuple[str, ...] = ()
    #: Why the pair cannot be one story ("12 days apart"), when it cannot.
    gate: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), "text": round(self.text, 4), "entities": round(self.entities, 4),
                "event": round(self.event, 4), "shared": list(self.shared), "gate": self.gate}


def _event_match(a: EventKey, b: EventKey) -> float:
    """Agreement of two headline events (see the module docstring)."""
    if a.country and b.country and a.country != b.country:
        return 0.0
    if dates_compatible(a.date, b.date) is False:
        return 0.0
    shared = a.targets & b.targets
    if shared:
        return 0.5 + 0.5 * min(1.0, len(shared) / min(len(a.targets), len(b.targets)))
    if a.count is not None and b.count is not None and a.count != b.count:
        return 0.0
    if a.targets and b.targets and not (a.open or b.open):
        return 0.0
    for named, described in ((a, b), (b, a)):
        if named.roles and described.open and described.text:
            roles = [(str(i), role) for i, role in enumerate(named.roles)]
            found = {m.key for m in find_role_phrases(described.text, roles)}
            if found:
                return 0.5 + 0.5 * len(found) / len(roles)
    return 0.5 if a.country and b.country else 0.25


class StoryScorer:
    """Pairwise scores among a fixed set of reports (the stored members of candidate stories and the new)."""

    def __init__(self, reports: Sequence[StoryFeatures], weights: Weights = DEFAULT_WEIGHTS,
                 text: TextSimilarity | None = None) -> None:
        self.weights = weights
        self._text = text
        self.reports = {r.id: r for r in reports}
        self._row = {r.id: i for i, r in enumerate(reports)}
        full = TfidfSpace([r.terms for r in reports])
        lead = TfidfSpace([r.lead for r in reports])
        self._full = full.matrix([r.terms for r in reports])
        self._lead = lead.matrix([r.lead for r in reports])
        df = Counter(key for r in reports for key in r.entities)
        total = len(reports)
        self._weight = {key: _idf(total, count) for key, count in df.items()}

    def _entities(self, a: StoryFeatures, b: StoryFeatures) -> tuple[float, tuple[str, ...]]:
        shared = a.entities & b.entities
        union = a.entities | b.entities
        if not union:
            return 0.0, ()
        total = sum(self._weight.get(k, 1.0) for k in union)
        score = sum(self._weight.get(k, 1.0) for k in shared) / total
        return score, tuple(sorted(shared))

    def text(self, left: str, right: str) -> float:
        """Mean of the whole-text and lead cosines of two reports (or the similarity given instead)."""
        if self._text is not None:
            return self._text(left, right)
        i, j = self._row[left], self._row[right]
        full = float(self._full[i].multiply(self._full[j]).sum())
        lead = float(self._lead[i].multiply(self._lead[j]).sum())
        return (full + lead) / 2

    def pair(self, left: str, right: str) -> PairScore:
        """The score of two reports (0 with a ``gate`` when their days are too far apart)."""
        a, b = self.reports[left], self.reports[right]
        text = self.text(left, right)
        entities, shared = self._entities(a, b)
        event = max((_event_match(x, y) for x in a.events for y in b.events), default=0.0)
        w = self.weights
        score = w.text * text + w.entities * entities + w.event * event
        gate = None
        if a.day and b.day and w.window_days is not None:
            apart = abs((dt.date.fromisoformat(a.day) - dt.date.fromisoformat(b.day)).days)
            if apart > w.window_days:
                gate = f"{apart} days apart"
        return PairScore(text, entities, event, 0.0 if gate else score, shared, gate)


def _idf(total: int, count: int) -> float:
    return math.log((1 + total) / (1 + count)) + 1.0


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


def _order(report: StoryFeatures) -> tuple[bool, str, str]:
    return (report.day is None, report.day or "", report.id)


def assign(new: Sequence[StoryFeatures], stories: Mapping[str, Sequence[StoryFeatures]],
           weights: Weights = DEFAULT_WEIGHTS, text: TextSimilarity | None = None) -> list[Assignment]:
    """Place each new report in an existing story or a new one (see the module docstring)."""
    members: dict[str, list[StoryFeatures]] = {sid: list(reports) for sid, reports in stories.items()}
    everything = [r for reports in members.values() for r in reports] + list(new)
    scorer = StoryScorer(everything, weights, text)
    threshold = weights.threshold
    placed: list[Assignment] = []
    for report in sorted(new, key=_order):
        best: tuple[float, str, str, PairScore] | None = None
        for story_id in sorted(members):
            for other in members[story_id]:
                pair = scorer.pair(report.id, other.id)
                if best is None or pair.score > best[0]:
                    best = (pair.score, story_id, other.id, pair)
        if best is not None and best[0] >= threshold:
            score, story_id, other_id, pair = best
            placed.append(Assignment(report.id, story_id, False, score, {"with": other_id, **pair.to_dict()}))
        else:
            story_id = story_id_for(report.id)
            closest = {"closest": best[2], **best[3].to_dict()} if best is not None else {}
            placed.append(Assignment(report.id, story_id, True, 1.0, {"started": True, **closest}))
        members.setdefault(story_id, []).append(report)
    return placed


def group(reports: Sequence[StoryFeatures], weights: Weights = DEFAULT_WEIGHTS,
          text: TextSimilarity | None = None) -> list[list[str]]:
    """The stories of a set of reports, all new: lists of report ids, each list in placement order."""
    stories: dict[str, list[str]] = {}
    for placed in assign(reports, {}, weights, text):
        stories.setdefault(placed.story_id, []).append(placed.article_id)
    return list(stories.values())
