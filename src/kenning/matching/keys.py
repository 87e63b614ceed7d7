"""Retrieval keys of a name: what the candidate index stores and looks up.

A name part yields its canonical form (``c``), its phonetic key (``p``), its OCR-folded form (``o``:
"karnal" meets "kamal"), its consonant skeleton (``k``: "mhmd" meets "muhammad") and, for parts of four
letters or more, its one-letter deletions (``d``, SymSpell-style: two names share a ``d`` key when their
parts are one or two typing errors apart). Weak parts (legal forms, stop words) and initials retrieve
nothing unless the name has nothing else. A query looks up its parts' ``c`` and ``p`` keys and each pair
of neighbouring parts joined (``c``: "aw mohamed" meets "AWMOHAMED"); the ``d``, ``o`` and ``k`` keys only
for parts no listed name has as they are.
"""

from __future__ import annotations

import hashlib
import itertools
from functools import lru_cache

from kenning.names import NameAnalysis, canonical_token, consonant_keys, is_vowelless, ocr_fold, spelled_keys

__all__ = ["KEY_WEIGHTS", "birth_keys", "exact_keys", "hash_key", "joined_keys", "name_keys", "ocr_keys",
           "part_keys", "token_keys", "typo_keys", "vowelless_keys"]

#: How much a shared key of each kind says about two names being the same (``b``: a full birth date,
#: which helps an initials-only query find its party among many namesakes).
KEY_WEIGHTS = {"c": 1.0, "p": 0.7, "d": 0.45, "b": 0.3, "o": 0.6, "k": 0.5}


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
        out.append((i, token, exact_keys(token, phonetic)))
    return out


def exact_keys(token: str, phonetic: str) -> list[str]:
    """One part's exact keys: its canonical form and, when it has one, its phonetic key."""
    return ["c" + token] + (["p" + phonetic] if len(phonetic) >= 2 else [])


def token_keys(analysis: NameAnalysis) -> list[tuple[str, list[str]]]:
    """Per retrievable part: its exact keys (canonical and phonetic) and its typo keys (deletions)."""
    return [(token, exact) for _i, token, exact in part_keys(analysis)]


def birth_keys(dates: tuple[str, ...]) -> list[str]:
    """Keys of full birth dates (partial dates are too common to help retrieval)."""
    return ["b" + d for d in dates if len(d) == 10]


def typo_keys(token: str) -> list[str]:
    """The deletion, OCR and consonant keys of one part (looked up for parts no listed name has exactly)."""
    keys = ["d" + variant for variant in sorted(_deletions(token))]
    keys.append("o" + ocr_fold(token))
    keys.extend("k" + key for key in dict.fromkeys(spelled_keys(token)) if len(key) >= 2)
    return keys


def ocr_keys(token: str) -> list[str]:
    """The OCR key a query part with a digit in it looks up ("j0", "reza1")."""
    return ["o" + ocr_fold(token)] if len(token) >= 2 and not token.isalpha() else []


def vowelless_keys(token: str) -> list[str]:
    """The consonant keys a query part written without its vowels looks up."""
    return ["k" + key for key in sorted(consonant_keys(token))] if is_vowelless(token) else []


def joined_keys(analysis: NameAnalysis) -> list[str]:
    """Each pair of neighbouring parts of a query joined (a missing space or hyphen)."""
    tokens = [t for t in analysis.tokens if t.isalpha()]
    return ["c" + canonical_token(a + b) for a, b in itertools.pairwise(tokens)]


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
    for raw, weak in zip(analysis.tokens, analysis.weak, strict=True):
        if not weak and len(raw) >= 2:
            put("o" + ocr_fold(raw))
    for compound in analysis.compounds:
        put("c" + compound)
    for joined in joined_keys(analysis):
        put(joined)
    return keys
