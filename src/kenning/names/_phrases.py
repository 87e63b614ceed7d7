"""Longest-match lookup of multi-token phrases (titles, legal forms, name phrases) in a token list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from kenning.errors import ConfigError
from kenning.names.normalize import normalize

__all__ = ["PhraseIndex"]

V = TypeVar("V")


class PhraseIndex(Generic[V]):
    """Phrases (token sequences) mapped to values, found by their first token in O(1).

    Phrases are given as text in any script and normalised with :func:`normalize`, so the table
    and the names it is applied to always agree on spelling.
    """

    def __init__(self, source: str, phrases: Iterable[tuple[str, V]]) -> None:
        self._values: dict[tuple[str, ...], V] = {}
        for text, value in phrases:
            key = tuple(normalize(text).split())
            if not key:
                raise ConfigError(f"{source}: the entry {text!r} is empty once normalised")
            if self._values.get(key, value) != value:
                raise ConfigError(f"{source}: {text!r} is given two different values")
            self._values[key] = value
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for key in self._values:
            by_first.setdefault(key[0], []).append(key)
        self._by_first = {first: sorted(keys, key=len, reverse=True) for first, keys in by_first.items()}

    def __contains__(self, token: object) -> bool:
        """Whether some phrase starts with ``token``."""
        return token in self._by_first

    def match(self, tokens: Sequence[str], start: int) -> tuple[int, V] | None:
        """``(length, value)`` of the longest phrase at ``tokens[start:]``, else ``None``."""
        keys = self._by_first.get(tokens[start])
        if keys is None:
            return None
        for key in keys:
            end = start + len(key)
            if end <= len(tokens) and tuple(tokens[start:end]) == key:
                return len(key), self._values[key]
        return None

    def values(self) -> set[V]:
        """Every value of the index."""
        return set(self._values.values())
