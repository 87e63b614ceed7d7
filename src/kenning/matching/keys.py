"""Retrieval keys of a name: what the candidate index stores and looks up.

A name part yields its canonical form (``c``), its phonetic key (``p``) and, for parts of four letters
or more, its one-letter deletions (``d``, SymSpell-style: two names share a ``d`` key when their parts
are one or two typing errors apart). Weak parts (legal forms, stop words) and initials retrieve nothing
unless the name has nothing else.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from kenning.names import NameAnalysis

__all__ = ["KEY_WEIGHTS", "birth_keys", "hash_key", "name_keys", "part_keys", "token_keys", "typo_keys"]

#: How much a shared key of each kind says about two names being the same (``b``: a full birth date,
#: which helps an initials-only query find its party among many namesakes).
KEY_WEIGHTS = {"c": 1.0, "p": 0.7, "d": 0.45, "b": 0.3}


@lru_cache(maxsize=200_000)
def hash_key(key: str) -> int:
    """A stable 63-bit hash (the same in every process, unlike ``hash()``)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little") >> 1


def _deletions(token: str) -> set[str]:
    out = {token}
    if len(token) >= 4:
        out.update(token[:i] + token[i + 1:] for i in range(len(token)))
    return out


def part_keys(analysis: NameAnalysis) -> list[tuple[int, str, list[str]]]:
    """Per retrievable part: its position in the name, its canonical form and its exact keys (canonical
    and phonetic). Monitoring's reverse index needs the position; :func:`token_keys` does not."""
    has_strong = not analysis.is_weak_only
    out = []
    for i, (token, phonetic, weak) in enumerate(zip(analysis.canonical, analysis.phonetic, analysis.weak,
                                                     strict=True)):
        if (weak and has_strong) or len(token) < 2:
            continue
        out.append((i, token, ["c" + token] + (["p" + phonetic] if len(phonetic) >= 2 else [])))
    return out


def token_keys(analysis: NameAnalysis) -> list[tuple[str, list[str]]]:
    """Per retrievable part: its exact keys (canonical and phonetic) and its typo keys (deletions)."""
    return [(token, exact) for _i, token, exact in part_keys(analysis)]


def birth_keys(dates: tuple[str, ...]) -> list[str]:
    """Keys of full birth dates (partial dates are too common to help retrieval)."""
    return ["b" + d for d in dates if len(d) == 10]


def typo_keys(token: str) -> list[str]:
    """The deletion keys of one part."""
    return ["d" + variant for variant in sorted(_deletions(token))]


def name_keys(analysis: NameAnalysis) -> dict[str, float]:
    """Every retrieval key of one name with its kind's weight (the best weight if a key repeats)."""
    keys: dict[str, float] = {}

    def put(key: str) -> None:
        weight = KEY_WEIGHTS[key[0]]
        if keys.get(key, 0.0) < weight:
            keys[key] = weight

    for token, exact in token_keys(analysis):
        for key in exact + typo_keys(token):
            put(key)
    for compound in analysis.compounds:
        put("c" + compound)
    return keys
