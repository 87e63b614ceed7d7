"""Pairwise scores among a set of reports: each signal, and the model's probability of one story.

Signals of two reports (each in [0, 1] but ``days``):

* ``text`` / ``lead`` — TF-IDF cosines of their words and of their leads (:mod:`.text`), boilerplate left
  out (:mod:`.features`);
* ``names`` — TF-IDF cosine of the people, organisations, places and nationalities they name, linked list
  entities as their same-as cluster; ``people`` and ``places`` — of the people alone and the places alone;
* ``days`` — ``log(1 + days apart)`` (an undated report counts as ``undated_days`` away);
* ``embedding`` — cosine of their openings' sentence embeddings, when the model uses them;
* ``event`` — agreement of their headline sanctions events (:func:`~.signals.event_match`).

The probability is the model's logistic combination (:mod:`.model`), then the sanctions events have
their say: a headline event match from ``event_joins_from`` raises it to at least ``event_probability``,
since two reports of one sanctions action may share few words (one names the officials, the other only
their offices); and two reports that both lead with a sanctions action, where no action of one can be an
action of the other (another country, dates that cannot be one day, other targets), are at most
``event_apart_probability`` alike: press releases of one ministry read alike, action after action. An
undated report whose action the rule matched to another report's is apart from what that one is apart
from (it tells that action, not another; when it matches actions that cannot be one, it tells the one it
agrees with most, and is joined to that one only). Two reports whose dated lead actions cannot be one day
are more than unlikely: they are never grouped (:meth:`StoryScorer.apart`), however many reports lie between
them. A pair in two languages that these rules do not decide counts for nothing when groups are compared
(:meth:`StoryScorer.weights`).
Last, two reports of one outlet more than ``outlet_after_days`` apart are at most ``outlet_probability``
alike: an outlet reports an event again weeks later only rarely (the rate measured on the dev set).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from kenning.news.stories.features import StoryFeatures
from kenning.news.stories.model import StoryModel, story_model
from kenning.news.stories.signals import actions_apart, days_apart, event_match
from kenning.news.stories.text import Frequencies, TfidfSpace

__all__ = ["PairScore", "StoryScorer"]


@dataclass(frozen=True)
class PairScore:
    """How much two reports look like one event, and why: each signal and the probability."""

    text: float
    lead: float
    names: float
    people: float
    places: float
    days: float
    event: float
    score: float
    embedding: float | None = None
    shared: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: round(float(getattr(self, name)), 4) for name in (
            "score", "text", "lead", "names", "people", "places", "days", "event")}
        data["shared"] = list(self.shared)
        if self.embedding is not None:
            data["embedding"] = round(self.embedding, 4)
        return data


#: The vector signals and the feature each compares.
VECTOR_SIGNALS = ("text", "lead", "names", "people", "places")
_FIELDS = {"text": "terms", "lead": "lead", "names": "names", "people": "people", "places": "places"}


class StoryScorer:
    """Pairwise signals and probabilities among a fixed set of reports: all pairs (:meth:`signals`,
    :meth:`matrix`), the pairs of some reports with all (:meth:`matrix` with ``rows``), or one pair."""

    def __init__(self, reports: Sequence[StoryFeatures], model: StoryModel | None = None,
                 frequencies: Frequencies | None = None) -> None:
        self.model = model or story_model()
        self.reports = list(reports)
        self.row = {r.id: i for i, r in enumerate(self.reports)}
        self._vectors = {}
        for name in VECTOR_SIGNALS:
            documents = [getattr(r, _FIELDS[name]) for r in self.reports]
            self._vectors[name] = TfidfSpace(documents, frequencies).matrix(documents)
        self._embedding: npt.NDArray[np.float64] | None = None
        if self.model.embeddings and self.reports and all(r.embedding is not None for r in self.reports):
            self._embedding = np.array([r.embedding for r in self.reports], dtype=np.float64)
        self._ordinals = np.array([dt.date.fromisoformat(r.day).toordinal() if r.day else np.nan
                                   for r in self.reports], dtype=np.float64)
        self._with_events = [j for j, r in enumerate(self.reports) if r.events]
        self._events: dict[tuple[int, int], float] = {}
        self._partners: dict[int, list[int]] = {}

    def _days(self, i: int, j: int) -> float:
        apart = days_apart(self.reports[i].day, self.reports[j].day)
        return math.log1p(self.model.undated_days if apart is None else apart)

    def _event(self, i: int, j: int) -> float:
        key = (min(i, j), max(i, j))
        if key not in self._events:
            a, b = self.reports[i], self.reports[j]
            self._events[key] = max((event_match(x, y) for x in a.events for y in b.events), default=0.0)
        return self._events[key]

    def _same_action(self, i: int) -> list[int]:
        """The reports whose headline action report ``i``'s is taken to be (the event rule joins them): every
        match, but for an undated report whose action matches reports of actions that cannot be one (the
        May and the January action both target Wagner), only its best matches: without a day of its own, the
        action it tells is the one it agrees with most."""
        if i not in self._partners:
            found = [j for j in self._with_events if j != i and self._event(i, j)
                     >= self.model.event_joins_from] if self.reports[i].events else []
            if self.reports[i].day is None and any(self._event(j, k) == 0.0 for j in found for k in found):
                best = max(self._event(i, j) for j in found)
                found = [j for j in found if self._event(i, j) == best]
            self._partners[i] = found
        return self._partners[i]

    def _told(self, i: int, j: int) -> bool:
        """Whether report ``i``'s action can be report ``j``'s: a dated report's always, an undated one's when
        ``j`` is among the reports whose action it is taken to be (:meth:`_same_action`)."""
        return self.reports[i].day is not None or j in self._same_action(i)

    def _decision(self, i: int, j: int) -> str | None:
        """What the headline-event rules say of a pair (see the module docstring): ``joined``, ``apart``
        (an undated report whose action is another's is apart from the reports that other is apart from; a
        dated report has its own day and action, so one wrong reading of a report its action matches does
        not make it apart from the rest) or nothing."""
        if not (self.reports[i].events and self.reports[j].events):
            return None
        if self._event(i, j) >= self.model.event_joins_from and self._told(i, j) and self._told(j, i):
            return "joined"
        apart = self._event(i, j) == 0.0 or (self.reports[i].day is None and any(
            self._event(k, j) == 0.0 for k in self._same_action(i))) or (self.reports[j].day is None and any(
            self._event(i, k) == 0.0 for k in self._same_action(j)))
        return "apart" if apart else None

    def _events_rule(self, score: float, i: int, j: int) -> float:
        """The probability after the headline-event rules."""
        decision = self._decision(i, j)
        if decision == "joined":
            return max(score, self.model.event_probability)
        return min(score, self.model.event_apart_probability) if decision == "apart" else score

    def _outlet_rule(self, score: float, i: int, j: int) -> float:
        """The probability after the same-outlet rule (see the module docstring)."""
        a, b = self.reports[i], self.reports[j]
        apart = days_apart(a.day, b.day)
        if a.outlet and a.outlet == b.outlet and apart is not None and apart > self.model.outlet_after_days:
            return min(score, self.model.outlet_probability)
        return score

    def signals(self, rows: Sequence[int] | None = None) -> dict[str, npt.NDArray[np.float64]]:
        """Signals of the pairs of ``rows`` (default: every report) with every report, one matrix per signal
        (``embedding`` only when the model uses it)."""
        chosen = list(range(len(self.reports))) if rows is None else list(rows)
        found = {name: np.asarray((vectors[chosen] @ vectors.T).toarray(), dtype=np.float64)
                 for name, vectors in self._vectors.items()}
        apart = np.abs(self._ordinals[chosen][:, None] - self._ordinals[None, :])
        found["days"] = np.log1p(np.where(np.isnan(apart), self.model.undated_days, apart))
        if self._embedding is not None:
            found["embedding"] = self._embedding[chosen] @ self._embedding.T
        return found

    def matrix(self, rows: Sequence[int] | None = None) -> npt.NDArray[np.float64]:
        """Probabilities of the pairs of ``rows`` (default: every report) with every report; a report with
        itself is 0."""
        model = self.model
        chosen = list(range(len(self.reports))) if rows is None else list(rows)
        z = np.full((len(chosen), len(self.reports)), model.intercept)
        for name, values in self.signals(chosen).items():
            z = z + model.weights.get(name, 0.0) * values
        scores = 1.0 / (1.0 + np.exp(-np.clip(z, -60, 60)))
        for n, i in enumerate(chosen):
            if self.reports[i].events:
                for j in self._with_events:
                    if j != i:
                        scores[n, j] = self._events_rule(float(scores[n, j]), i, j)
        names: dict[str, int] = {}
        outlets = np.array([names.setdefault(r.outlet, len(names) + 1) if r.outlet else 0 for r in self.reports])
        apart = np.abs(self._ordinals[chosen][:, None] - self._ordinals[None, :])
        same = (outlets[chosen][:, None] == outlets[None, :]) & (outlets[chosen][:, None] != 0)
        capped = same & (np.nan_to_num(apart, nan=0.0) > model.outlet_after_days)
        ruled: npt.NDArray[np.float64] = np.where(capped, np.minimum(scores, model.outlet_probability), scores)
        ruled[np.arange(len(chosen)), chosen] = 0.0
        return ruled

    def apart(self) -> npt.NDArray[np.bool_]:
        """Pairs of reports that cannot be one story, whatever the reports between them: their dated
        headline actions cannot be one day (:func:`~.signals.actions_apart`). Average link never groups them
        (:func:`~.cluster.average_link`), so a report without a date or action of its own does not chain two
        events' reports into one story. None when the model lets apart actions be alike (``apart_probability``
        1: the rules off)."""
        found = np.zeros((len(self.reports), len(self.reports)), dtype=bool)
        if self.model.event_apart_probability >= 1.0:
            return found
        for n, i in enumerate(self._with_events):
            for j in self._with_events[n + 1:]:
                if actions_apart(self.reports[i].events, self.reports[j].events):
                    found[i, j] = found[j, i] = True
        return found

    def weights(self) -> npt.NDArray[np.float64]:
        """How much each pair counts when average link compares two groups: 1, but 0 for two reports in
        different languages of which the headline-event rules say nothing. Their words cannot be compared
        (a French and an English report of one event share few), so their probability says nothing either:
        counted, the French reports of an action without an action read would keep its English reports
        out of their story, however well the actions match."""
        found = np.ones((len(self.reports), len(self.reports)))
        codes: dict[str, int] = {}
        language = np.array([codes.setdefault(r.language, len(codes) + 1) if r.language else 0
                             for r in self.reports])
        across = (language[:, None] != language[None, :]) & (language[:, None] > 0) & (language[None, :] > 0)
        for i, j in zip(*np.nonzero(np.triu(across)), strict=True):
            if self._decision(int(i), int(j)) is None:
                found[i, j] = found[j, i] = 0.0
        return found

    def pair(self, left: str, right: str) -> PairScore:
        """The signals and probability of two reports given by id."""
        i, j = self.row[left], self.row[right]
        signals = {name: float(vectors[i].multiply(vectors[j]).sum()) for name, vectors in self._vectors.items()}
        signals["days"] = self._days(i, j)
        if self._embedding is not None:
            signals["embedding"] = float(self._embedding[i] @ self._embedding[j])
        event = self._event(i, j)
        score = self._outlet_rule(self._events_rule(self.model.probability(signals), i, j), i, j)
        shared = tuple(sorted(self.reports[i].entities & self.reports[j].entities))
        return PairScore(signals["text"], signals["lead"], signals["names"], signals["people"], signals["places"],
                         signals["days"], event, score, signals.get("embedding"), shared)
