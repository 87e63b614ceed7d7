"""The story model: how the signals of two reports add up to the chance that they tell one event.

``data/stories_model.yml`` holds a logistic model fitted on the dev part of the story dev set
(``python -m bench.stories_dev --fit``): one weight per signal and an intercept, the probability from
which reports are one story (the average-link threshold), the window of days in which a story is open to
new reports, and the day distance assumed for an undated report. A second set of weights is used when
sentence embeddings are on. The headline-event rules (a matching sanctions action joins two reports whose
words differ; two different actions keep apart reports that read alike) and their probabilities are there
too, and the rate at which one outlet reports one event again more than a month later (measured on dev).
A missing or wrong value is a ConfigError naming the file.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from kenning import settings
from kenning.errors import ConfigError
from kenning.news.datafile import data_mapping

__all__ = ["SIGNALS", "StoryModel", "story_model"]

MODEL_FILE = "stories_model.yml"
#: The signals a model may weigh (``embedding`` only when embeddings are on).
SIGNALS = ("text", "lead", "names", "people", "places", "days", "embedding")


@dataclass(frozen=True)
class StoryModel:
    """Weights per signal, intercept and the grouping settings (see the module docstring)."""

    weights: Mapping[str, float]
    intercept: float
    threshold: float
    window_days: int
    undated_days: float
    event_joins_from: float
    event_probability: float
    event_apart_probability: float
    outlet_after_days: int
    outlet_probability: float

    def probability(self, signals: Mapping[str, float]) -> float:
        """The logistic probability of one story from the signals (missing ones count as 0)."""
        z = self.intercept + sum(w * signals.get(name, 0.0) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    @property
    def embeddings(self) -> bool:
        """Whether the model weighs sentence embeddings."""
        return "embedding" in self.weights


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"news data file {MODEL_FILE}: {what} must be a number, not {value!r}")
    return float(value)


def _weights(raw: Any, what: str) -> tuple[dict[str, float], float, float]:
    if not isinstance(raw, dict) or not isinstance(raw.get("weights"), dict):
        raise ConfigError(f"news data file {MODEL_FILE}: {what} needs `weights`, `intercept` and `threshold`")
    weights = {str(k): _number(v, f"{what} weight {k!r}") for k, v in raw["weights"].items()}
    unknown = set(weights) - set(SIGNALS)
    if unknown:
        raise ConfigError(f"news data file {MODEL_FILE}: unknown signals in {what}: {', '.join(sorted(unknown))}")
    return weights, _number(raw.get("intercept"), f"{what} intercept"), _number(raw.get("threshold"),
                                                                             f"{what} threshold")


def load_model(data: Mapping[str, Any], embeddings: bool) -> StoryModel:
    """The model a mapping of ``stories_model.yml``'s shape describes (with or without embeddings)."""
    weights, intercept, threshold = _weights(data.get("with_embeddings") if embeddings else data.get("model"),
                                             "with_embeddings" if embeddings else "model")
    events = data.get("events") or {}
    outlet = data.get("same_outlet") or {}
    return StoryModel(weights=weights, intercept=intercept, threshold=threshold,
                      window_days=int(_number(data.get("window_days"), "window_days")),
                      undated_days=_number(data.get("undated_days"), "undated_days"),
                      event_joins_from=_number(events.get("joins_from"), "events.joins_from"),
                      event_probability=_number(events.get("probability"), "events.probability"),
                      event_apart_probability=_number(events.get("apart_probability"), "events.apart_probability"),
                      outlet_after_days=int(_number(outlet.get("after_days"), "same_outlet.after_days")),
                      outlet_probability=_number(outlet.get("probability"), "same_outlet.probability"))


@cache
def _cached(embeddings: bool) -> StoryModel:
    return load_model(data_mapping(MODEL_FILE), embeddings)


def story_model(embeddings: bool | None = None) -> StoryModel:
    """Kenning's model (with embeddings when ``embeddings`` is true, or by default when they are turned on)."""
    return _cached(settings.STORY_EMBEDDINGS if embeddings is None else embeddings)
