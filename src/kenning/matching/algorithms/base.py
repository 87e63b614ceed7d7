"""What an algorithm is: a name, a documented threshold, its declared features, and a scoring function."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from kenning.matching.records import EntityRecord, NameRecord, QueryRecord
from kenning.matching.similarity import Memo, Prepared
from kenning.matching.types import FeatureScore

__all__ = ["Algorithm", "Feature", "NamePair", "Scored", "with_name_detail"]

#: The best pairing a verdict was scored on: the query name, the listed name, the query name's memo.
NamePair = tuple[Prepared, NameRecord, Memo]


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
    #: The names the name feature was scored on (None: no listed name paired), so that the verdict can be
    #: explained later without scoring it again (:meth:`Algorithm.explained`); not part of equality.
    pair: NamePair | None = field(default=None, compare=False, repr=False)
    #: The algorithm's own record of how the pair's parts lined up, when it has one worth keeping.
    reading: object | None = field(default=None, compare=False, repr=False)
    #: Whether the verdict is already explained (its name feature has its sentence).
    explained: bool = field(default=True, compare=False, repr=False)


def with_name_detail(verdict: Scored, detail: str) -> Scored:
    """``verdict`` explained: its name feature (``"name"``) with the sentence ``detail``, which is also the
    matched name's description."""
    name = replace(verdict.explanation["name"], detail=detail)
    return Scored(verdict.score, {**verdict.explanation, "name": name}, detail, verdict.pair, verdict.reading)


class ScoreFn(Protocol):
    """(query, candidate, the candidate names to compare or None for all, whether to explain, and the floor
    below which the verdict need not be exact: None, always exact) -> verdict."""

    def __call__(self, query: QueryRecord, candidate: EntityRecord, names: Sequence[NameRecord] | None = None,
                 explain: bool = True, floor: float | None = None) -> Scored: ...


#: (query, every listed name about to be scored): compute the part similarities in one vectorised pass.
PrefillFn = Callable[[QueryRecord, Sequence[Prepared]], None]
#: (query, candidate, the candidate names to compare or None for all, the floor asked for) -> a number the
#: score cannot exceed (which may be looser when it is below the floor).
CeilingFn = Callable[[QueryRecord, EntityRecord, Sequence[NameRecord] | None, float], float]
#: (an unexplained verdict that carries its name pair) -> the same verdict explained in words.
ExplainFn = Callable[[Scored], Scored]


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
    #: Explains a verdict from the pairing it was scored on; None: :meth:`explained` scores it again.
    explain: ExplainFn | None = None
    #: An upper bound of ``score``, cheaper than scoring (after ``prefill``): a candidate whose ceiling is
    #: below the threshold cannot match (monitoring skips it). None: no bound, every candidate is scored.
    ceiling: CeilingFn | None = None

    def __post_init__(self) -> None:
        names = [feature.name for feature in self.features]
        if len(set(names)) != len(names):
            raise ValueError(f"algorithm {self.name!r} declares a feature twice: {names}")

    def explained(self, query: QueryRecord, candidate: EntityRecord, names: Sequence[NameRecord] | None,
                  verdict: Scored) -> Scored:
        """``verdict`` (of ``query`` against ``candidate`` on ``names``) with its explanation in words: the
        verdict itself when it is explained, else made from the name pairing it carries (the same words and
        numbers as scoring again with ``explain=True``, at the cost of one alignment), else scored again."""
        if verdict.explained:
            return verdict
        if self.explain is not None:
            return self.explain(verdict)
        return self.score(query, candidate, names, True)

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
