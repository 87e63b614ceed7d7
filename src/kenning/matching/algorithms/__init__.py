"""Scoring algorithms, versioned side by side: a published version is never edited in place."""

from __future__ import annotations

from kenning.errors import InputError
from kenning.matching.algorithms import kenning_v1
from kenning.matching.algorithms.base import Algorithm, Feature

__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "Algorithm", "Feature", "get_algorithm"]

ALGORITHMS: dict[str, Algorithm] = {kenning_v1.ALGORITHM.name: kenning_v1.ALGORITHM}
DEFAULT_ALGORITHM = kenning_v1.ALGORITHM.name


def get_algorithm(name: str | None) -> Algorithm:
    """The algorithm called ``name`` (default: the newest)."""
    key = name or DEFAULT_ALGORITHM
    if key not in ALGORITHMS:
        raise InputError(f"unknown algorithm {key!r}; available: {', '.join(sorted(ALGORITHMS))}")
    return ALGORITHMS[key]
