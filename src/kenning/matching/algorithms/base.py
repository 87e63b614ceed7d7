"""What an algorithm is: a name, a documented threshold, and a scoring function with explanations."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kenning.matching.records import EntityRecord, NameRecord, QueryRecord
from kenning.matching.types import FeatureScore

__all__ = ["Algorithm", "Scored"]


@dataclass(frozen=True, slots=True)
class Scored:
    """An algorithm's verdict on one candidate."""

    score: float
    explanation: dict[str, FeatureScore]
    matched_name: str


#: (query, candidate, the candidate names to compare or None for all, whether to explain) -> verdict
ScoreFn = Callable[[QueryRecord, EntityRecord, Sequence[NameRecord] | None, bool], Scored]


@dataclass(frozen=True)
class Algorithm:
    """A versioned scoring algorithm. ``features`` maps each feature name to its explanation."""

    name: str
    threshold: float
    description: str
    features: dict[str, str]
    score: ScoreFn
