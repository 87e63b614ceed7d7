"""What an algorithm is: a name, a documented threshold, its declared features, and a scoring function."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kenning.matching.records import EntityRecord, NameRecord, QueryRecord
from kenning.matching.similarity import Prepared
from kenning.matching.types import FeatureScore

__all__ = ["Algorithm", "Feature", "Scored"]


@dataclass(frozen=True, slots=True)
class Feature:
    """One feature an algorithm scores, declared as data: its name in explanations, its published weight
    (the effect it has when it supports a match; yente's ``coefficient``) and the explanation users read."""

    name: str
    weight: float
    explanation: str

    @classmethod
    def documented(cls, name: str, weight: float, fn: Callable[..., object]) -> Feature:
        """A feature explained by the docstring of the function that computes it, on one line."""
        return cls(name, weight, " ".join((fn.__doc__ or "").split()))


@dataclass(frozen=True, slots=True)
class Scored:
    """An algorithm's verdict on one candidate."""

    score: float
    explanation: dict[str, FeatureScore]
    matched_name: str


#: (query, candidate, the candidate names to compare or None for all, whether to explain) -> verdict
ScoreFn = Callable[[QueryRecord, EntityRecord, Sequence[NameRecord] | None, bool], Scored]
#: (query, every listed name about to be scored): compute the part similarities in one vectorised pass.
PrefillFn = Callable[[QueryRecord, Sequence[Prepared]], None]


def _no_prefill(_query: QueryRecord, _names: Sequence[Prepared]) -> None:
    """Nothing computed ahead (each name's similarities are computed when first scored)."""


@dataclass(frozen=True)
class Algorithm:
    """A versioned scoring algorithm. ``features`` declares, in order, every feature its explanations name."""

    name: str
    threshold: float
    description: str
    features: tuple[Feature, ...]
    score: ScoreFn
    prefill: PrefillFn = _no_prefill

    def __post_init__(self) -> None:
        names = [feature.name for feature in self.features]
        if len(set(names)) != len(names):
            raise ValueError(f"algorithm {self.name!r} declares a feature twice: {names}")

    def feature(self, name: str) -> Feature:
        """The declared feature called ``name``; KeyError if the algorithm has none of that name."""
        for feature in self.features:
            if feature.name == name:
                return feature
        raise KeyError(f"algorithm {self.name!r} has no feature {name!r}")

    @property
    def explanations(self) -> dict[str, str]:
        """Each declared feature's explanation by feature name, in declaration order."""
        return {feature.name: feature.explanation for feature in self.features}
