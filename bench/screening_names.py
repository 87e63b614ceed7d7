"""Name handling of the screening benchmarks, written independently of :mod:`kenning.names`.

The dev set must not be built with the matcher it measures: negatives verified or cross-list pairs
found by Kenning's own matcher would make the matcher look good by construction. So this module
folds names with ``normality`` (ICU, to ASCII), compares name parts by the coarse spelling skeleton
of ``bench/data/screening_rules.yml``, a small edit distance or an initial, and answers one question
for a name: which listed parties carry a name that covers it, or that it covers ("Ivan Petrov" is
covered by "PETROV, Ivan Sergeyevich"; "Ali Hassan" is covered by "Ali Hassan al-Tikriti").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from normality import ascii_text
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

__all__ = ["RULES", "ListedNames", "fold", "name_tokens", "parts_alike", "skeleton", "strong_tokens"]

DATA = Path(__file__).parent / "data"
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@cache
def rules() -> dict[str, Any]:
    """The dev set's own rule file (variants, skeleton, titles, legal forms)."""
    loaded: dict[str, Any] = yaml.safe_load((DATA / "screening_rules.yml").read_text(encoding="utf-8"))
    return loaded


RULES = rules()
_TITLES = frozenset(RULES["titles"])
_PARTICLES = frozenset(RULES["particles"])
_SKELETON = [(re.compile(p), r) for p, r in RULES["skeleton"]]


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Any script to lower-case ASCII words separated by single spaces."""
    return " ".join(_NON_ALNUM.sub(" ", (ascii_text(text) or "").lower()).split())


def name_tokens(text: str) -> tuple[str, ...]:
    """Folded name parts without titles and ranks."""
    return tuple(t for t in fold(text).split() if t not in _TITLES)


def strong_tokens(text: str) -> tuple[str, ...]:
    """Name parts that identify: no titles, no particles (al, bin, van, de...)."""
    return tuple(t for t in name_tokens(text) if t not in _PARTICLES)


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """A coarse spelling skeleton: kh/h, zh/j, sh/ch/tch, v/w/f, ou/u/o, y/i, e/a and doubled letters fold."""
    out = token
    for pattern, replacement in _SKELETON:
        out = pattern.sub(replacement, out)
    return out or token


@lru_cache(maxsize=500_000)
def parts_alike(a: str, b: str) -> bool:
    """Two folded name parts that may be the same name: an initial, the same skeleton, or from four
    letters one edit (from nine letters two) apart, letters or skeletons."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if a.isdigit() or b.isdigit():
        return False
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return True
    longest = max(len(a), len(b))
    allowed = 0 if longest < 4 else 1 if longest < 9 else 2
    return allowed > 0 and min(Levenshtein.distance(a, b), Levenshtein.distance(sa, sb)) <= allowed


def covered(inner: tuple[str, ...], outer: tuple[str, ...]) -> int:
    """How many parts of ``inner`` pair with distinct alike parts of ``outer``; -1 if any is left over."""
    used: set[int] = set()
    for token in sorted(inner, key=len, reverse=True):
        match = next((j for j, other in enumerate(outer) if j not in used and parts_alike(token, other)), None)
        if match is None:
            return -1
        used.add(match)
    return len(inner)


def names_near_identical(a: str, b: str) -> bool:
    """Two names whose parts all pair up one way or the other, with at least two strong parts paired."""
    ta, tb = strong_tokens(a), strong_tokens(b)
    if not ta or not tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return covered(short, long_) >= 2


@dataclass(frozen=True)
class _Name:
    party: str
    schema: str
    tokens: tuple[str, ...]


class ListedNames:
    """Every name of every listed party, for the coverage check of negatives and variants."""

    def __init__(self, names: Iterable[tuple[str, str, str]]) -> None:
        """``names``: (party id, schema, name) triples, any script."""
        self._names: list[_Name] = []
        self._by_token: dict[str, list[int]] = defaultdict(list)
        self._vocab: tuple[list[str], list[str]] | None = None
        for party, schema, name in names:
            tokens = strong_tokens(name)
            if not tokens:
                continue
            position = len(self._names)
            self._names.append(_Name(party, schema, tokens))
            for token in set(tokens):
                self._by_token[token].append(position)

    def _vocabulary(self) -> tuple[list[str], list[str]]:
        if self._vocab is None:
            words = sorted(self._by_token)
            self._vocab = (words, [skeleton(w) for w in words])
        return self._vocab

    @lru_cache(maxsize=100_000)  # noqa: B019 - one instance per run, kept for the run
    def _alike_vocabulary(self, token: str) -> tuple[str, ...]:
        words, skeletons = self._vocabulary()
        if len(token) == 1:
            return tuple(t for t in words if t[0] == token)
        found = {token[0]} & self._by_token.keys()
        for probe, choices in ((token, words), (skeleton(token), skeletons)):
            for _choice, _distance, index in process.extract(probe, choices, scorer=Levenshtein.distance,
                                                            score_cutoff=2, limit=None):
                if parts_alike(token, words[index]):
                    found.add(words[index])
        return tuple(sorted(found))

    def covering(self, name: str, persons_only: bool = False) -> list[str]:
        """Parties with a name that covers ``name`` or that ``name`` covers (two or more parts); sorted."""
        tokens = strong_tokens(name)
        if not tokens:
            return []
        candidates: set[int] = set()
        for token in tokens:
            for other in self._alike_vocabulary(token):
                candidates.update(self._by_token[other])
        found = set()
        for position in candidates:
            listed = self._names[position]
            if persons_only and listed.schema not in ("Person", "LegalEntity"):
                continue
            if covered(tokens, listed.tokens) > 0 or (len(listed.tokens) >= 2 and covered(listed.tokens, tokens) > 0):
                found.add(listed.party)
        return sorted(found)

    def exact(self, name: str) -> list[str]:
        """Parties with a name of exactly these strong parts (any order)."""
        tokens = sorted(strong_tokens(name))
        if not tokens:
            return []
        positions = self._by_token.get(tokens[0], [])
        return sorted({self._names[p].party for p in positions if sorted(self._names[p].tokens) == tokens})
