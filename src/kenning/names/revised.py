"""Korean names written in South Korea's Revised Romanization, read as the sanctions lists write them.

The lists write North Korean names in McCune-Reischauer style (``KIM, Jong Un``); a query from a South
Korean document writes the same Hangul in the Revised Romanization (``Gim Jeong-eun``, ``Bak Bong-ju``).
Both romanise the same syllables (``data/hangul.yml``: ``rr_initials``, ``rr_vowels``, ``rr_finals``), so a
Latin name of two to four syllables whose every word splits into Revised-Romanization syllables, and
which spells as only that romanisation does (eo, eu, a surname such as Gim, Bak or Do), is given the
lists' spelling of those syllables as a second reading: ``"Gim Jeong-eun"`` -> ``"kim jong-un"``. A name
written as one word reads so when it is three syllables that each start with a consonant
(``"Singeumcheol"`` -> ``"sin kum-chol"``, a surname and a given name as the lists write them).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from kenning.errors import ConfigError
from kenning.names._data import read_yaml
from kenning.names.hangul import hangul_tables

__all__ = ["revised_reading"]

_WORD = re.compile(r"[A-Za-z]+")
_SEPARATORS = frozenset(" ,-'.")
_VOWELS = frozenset("aeiou")
_VOICED = frozenset("gdb")
_MARKER = re.compile("eo|eu")
#: A Korean full name has a surname of one or two syllables and a given name of one or two.
MIN_SYLLABLES, MAX_SYLLABLES = 2, 4
#: Words longer than this are not read as syllables (a Korean name word has at most four syllables).
MAX_WORD = 16


@lru_cache(maxsize=1)
def _syllables() -> dict[str, str]:
    """Every Revised-Romanization syllable spelling and its McCune-Reischauer spelling (the first one
    in table order where two syllables share a spelling)."""
    data, tables = read_yaml("hangul.yml"), hangul_tables()
    try:
        initials = [[str(x) for x in spellings] for spellings in data["rr_initials"]]
        vowels = [str(x) for x in data["rr_vowels"]]
        finals = [[str(x) for x in spellings] for spellings in data["rr_finals"]]
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"names data file hangul.yml lacks the Revised Romanization tables: {exc!r}") from exc
    if (len(initials), len(vowels), len(finals)) != (19, 21, 28):
        raise ConfigError("hangul.yml needs 19 rr_initials, 21 rr_vowels and 28 rr_finals")
    out: dict[str, str] = {}
    for a, starts in enumerate(initials):
        for b, vowel in enumerate(vowels):
            for c, ends in enumerate(finals):
                listed = tables.initials[a] + tables.vowels[b] + tables.finals[c]
                for initial, final in itertools.product(starts, ends):
                    out.setdefault(initial + vowel + final, listed)
    return out


@lru_cache(maxsize=1)
def _longest() -> int:
    """The length of the longest syllable spelling (computed once: the table has thousands of spellings)."""
    return max(len(s) for s in _syllables())


@lru_cache(maxsize=1 << 14)
def _split_word(word: str) -> tuple[str, ...] | None:
    """The lists' spellings of the syllables of ``word`` split as Revised Romanization: the fewest
    syllables, then the fewest that start with a vowel after the first ("sin-geum", not "sing-eum")."""
    if len(word) > MAX_WORD:
        return None
    table, longest = _syllables(), _longest()
    best: dict[int, tuple[int, int, tuple[str, ...]]] = {0: (0, 0, ())}
    for end in range(1, len(word) + 1):
        options = [(best[start][0] + 1, best[start][1] + (start > 0 and word[start] in _VOWELS),
                    (*best[start][2], table[word[start:end]]))
                   for start in range(max(0, end - longest), end)
                   if start in best and word[start:end] in table]
        if options:
            best[end] = min(options, key=lambda o: (o[0], o[1]))
    found = best.get(len(word))
    return None if found is None else found[2]


def _one_word(split: tuple[str, ...]) -> str | None:
    """A name written as one word: three syllables, each starting with a consonant."""
    if len(split) != 3 or any(s[:1] in _VOWELS for s in split):
        return None
    return f"{split[0]} {split[1]}-{split[2]}"


def _looks_revised(words: list[str], read: list[tuple[str, ...]]) -> bool:
    """Spellings only the Revised Romanization writes: the vowels eo and eu, or a one-syllable word (a
    surname) starting with g, d or b ("Gim", "Bak", "Do")."""
    return (any(_MARKER.search(w) for w in words)
            or any(len(r) == 1 and w[:1] in _VOICED for w, r in zip(words, read, strict=True)))


def revised_reading(text: str) -> str | None:
    """The lists' spelling of a Latin name of two to four syllables whose words all read as Revised
    Romanization syllables and spell as only it does ("Gim Jeong-eun" -> "kim jong-un", "Singeumcheol" ->
    "sin kum-chol"); else None."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words or not set(_WORD.sub("", text)) <= _SEPARATORS:
        return None
    read = [_split_word(w) for w in words]
    if any(r is None for r in read):
        return None
    split = [r for r in read if r is not None]
    if not _looks_revised(words, split):
        return None
    if len(words) == 1:
        return _one_word(split[0])
    if not MIN_SYLLABLES <= sum(len(r) for r in split) <= MAX_SYLLABLES:
        return None
    spelt = iter("".join(r) for r in split)
    return _WORD.sub(lambda _m: next(spelt), text).lower()
