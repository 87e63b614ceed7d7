"""Korean names in Hangul, romanised as the sanctions lists write them (rules in ``data/hangul.yml``).

A Hangul syllable is one code point made of an initial consonant, a vowel and an optional final
consonant; each part has one romanisation, and initials between voiced sounds are voiced. A name word
of two to four syllables reads as a one-syllable surname and a hyphenated given name, which the name
analysis splits into parts and also keeps joined: ``"김정은"`` -> ``"kim jong-un"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kenning.errors import ConfigError
from kenning.names._data import read_yaml

__all__ = ["hangul_tables", "is_hangul_syllable", "romanize_hangul"]

_FIRST, _LAST = 0xAC00, 0xD7A3
_VOWELS, _FINALS = 21, 28


@dataclass(frozen=True, slots=True)
class _Tables:
    initials: tuple[str, ...]
    vowels: tuple[str, ...]
    finals: tuple[str, ...]
    voiced: dict[str, str]
    voiced_after: frozenset[str]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = read_yaml("hangul.yml")
    try:
        tables = _Tables(tuple(str(x) for x in data["initials"]), tuple(str(x) for x in data["vowels"]),
                         tuple(str(x) for x in data["finals"]), {str(k): str(v) for k, v in data["voiced"].items()},
                         frozenset(str(x) for x in data["voiced_after"]))
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"names data file hangul.yml is incomplete: {exc!r}") from exc
    if (len(tables.initials), len(tables.vowels), len(tables.finals)) != (19, _VOWELS, _FINALS):
        raise ConfigError("hangul.yml needs 19 initials, 21 vowels and 28 finals")
    return tables


def hangul_tables() -> _Tables:
    """The romanisation tables of ``data/hangul.yml`` (initials, vowels, finals as the lists write them)."""
    return _tables()


def is_hangul_syllable(char: str) -> bool:
    """Whether ``char`` is a precomposed Hangul syllable."""
    return _FIRST <= ord(char) <= _LAST


def _syllable(char: str, previous_final: str | None, tables: _Tables) -> tuple[str, str]:
    """(romanised syllable, its final) of one Hangul syllable; ``previous_final`` is None at a word start."""
    code = ord(char) - _FIRST
    initial = tables.initials[code // (_VOWELS * _FINALS)]
    vowel = tables.vowels[(code % (_VOWELS * _FINALS)) // _FINALS]
    final = tables.finals[code % _FINALS]
    if previous_final is not None and previous_final in tables.voiced_after:
        initial = tables.voiced.get(initial, initial)
    return initial + vowel + final, final


@lru_cache(maxsize=1 << 14)
def romanize_hangul(word: str) -> str:
    """A word of Hangul syllables in Latin letters: surname and hyphenated given name for a 2-4 syllable
    word, else the syllables hyphenated. Characters that are not Hangul syllables are dropped."""
    tables = _tables()
    syllables: list[str] = []
    previous: str | None = None
    for char in word:
        if not is_hangul_syllable(char):
            continue
        text, previous = _syllable(char, previous, tables)
        syllables.append(text)
    if 2 <= len(syllables) <= 4:
        return f"{syllables[0]} {'-'.join(syllables[1:])}"
    return "-".join(syllables)
