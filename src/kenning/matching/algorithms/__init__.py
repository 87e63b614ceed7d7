"""Scoring algorithms, versioned side by side: a published version is never edited in place."""

from __future__ import annotations

from kenning.errors import InputError
from kenning.matching.algorithms import kenning_v1, kenning_v2
from kenning.matching.algorithms.base import Algorithm, Feature

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "Algorithm", "Feature", "get_algorithm"]

ALGORITHMS: dict[str, Algorithm] = {a.name: a for a in (kenning_v1.ALGORITHM, kenning_v2.ALGORITHM)}
#: The newest algorithm, used when a caller names none (kenning-v1 stays available by name).
DEFAULT_ALGORITHM = kenning_v2.ALGORITHM.name


def get_algorithm(name: str | None) -> Algorithm:
    """The algorithm called ``name`` (default: the newest)."""
    key = name or DEFAULT_ALGORITHM
    if key not in ALGORITHMS:
        raise InputError(f"unknown algorithm {key!r}; available: {', '.join(sorted(ALGORITHMS))}")
    return ALGORITHMS[key]
