"""Spelling-tolerant keys for single name tokens: ending folding and a phonetic skeleton.

Both work on normalised tokens (``a-z0-9``) and are cached per token. The rules are data:
``data/endings.csv`` (surname and patronymic endings) and ``data/phonetic.csv`` (sound classes).
The public :func:`kenning.names.phonetic_key` applies :func:`skeleton` to the token's canonical form,
so that given-name variants from the equivalence table always share a key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kenning.errors import ConfigError
from kenning.names._data import read_csv

__all__ = ["Ending", "consonant_key", "consonant_keys", "fold_ending", "is_vowelless", "ocr_fold",
           "skeleton", "spelled_keys", "split_ending"]

_VOWELS = frozenset("aeiouy")
_PLAIN_VOWELS = frozenset("aeiou")


@dataclass(frozen=True, slots=True)
class Ending:
    """One row of ``endings.csv``: ``suffix`` becomes ``replacement`` after ``min_stem`` letters."""

    suffix: str
    replacement: str
    min_stem: int
    stem_is_name: bool


@lru_cache(maxsize=1)
def _endings() -> tuple[Ending, ...]:
    rows = read_csv("endings.csv", ("suffix", "replacement", "min_stem", "stem"))
    try:
        endings = [Ending(r["suffix"], r["replacement"], int(r["min_stem"]), r["stem"] == "yes") for r in rows]
    except ValueError as exc:
        raise ConfigError(f"endings.csv: min_stem must be a number: {exc}") from exc
    return tuple(sorted(endings, key=lambda e: -len(e.suffix)))


@lru_cache(maxsize=1 << 17)
def split_ending(token: str) -> tuple[str, Ending] | None:
    """``(stem, ending)`` for the longest ending of ``endings.csv`` that ``token`` carries, else ``None``."""
    if not token.isalpha():
        return None
    for ending in _endings():
        if token.endswith(ending.suffix) and len(token) - len(ending.suffix) >= ending.min_stem:
            return token[: -len(ending.suffix)], ending
    return None


def fold_ending(token: str) -> str:
    """``token`` with its surname or patronymic ending in one spelling.

    ``"viktorovitch"``, ``"viktorovic"`` and ``"viktorovych"`` -> ``"viktorovich"``;
    ``"perfilyev"`` and ``"perfiliev"`` -> ``"perfilev"``; ``"ivanoff"`` -> ``"ivanov"``;
    ``"zelenskyy"`` -> ``"zelensky"``; ``"vitalii"`` -> ``"vitaly"``.
    """
    found = split_ending(token)
    if found is None:
        return token
    stem, ending = found
    return stem + ending.replacement


@dataclass(frozen=True, slots=True)
class _Rules:
    final: tuple[tuple[str, str], ...]
    pattern: re.Pattern[str]
    classes: dict[str, str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    final: list[tuple[str, str]] = []
    classes: dict[str, str] = {}
    for row in read_csv("phonetic.csv", ("pattern", "replacement")):
        pattern, replacement = row["pattern"], row["replacement"]
        if pattern.endswith("$"):
            final.append((pattern[:-1], replacement))
        elif pattern in classes:
            raise ConfigError(f"phonetic.csv: the pattern {pattern!r} appears twice")
        else:
            classes[pattern] = replacement
    alternatives = sorted(classes, key=lambda p: (-len(p), p))
    compiled = re.compile("|".join(re.escape(p) for p in alternatives))
    return _Rules(tuple(sorted(final, key=lambda f: -len(f[0]))), compiled, classes)


@lru_cache(maxsize=1 << 17)
def skeleton(token: str) -> str:
    """The phonetic skeleton of one normalised token, e.g. ``"prigozhin"`` -> ``"PRHJN"``.

    Surname endings are folded, word-final spellings unified (``-ine`` -> ``-in``, ``-ah`` -> ``-a``),
    then sound classes replace letters (kh/h/g -> H, zh/j/dzh -> J, sh/ch/tch -> X, v/w/f -> F,
    d/t -> T, b/p -> P, ts/tz/z -> Z, x -> KS...). Vowels (with ``y``) are dropped, except that a
    leading vowel becomes ``A``; repeated classes collapse. Digits are kept. So ``"yevgeniy"`` and
    ``"evgeny"`` both give ``"AFHN"``; ``"perfilyev"``, ``"perfilev"``, ``"perfiliev"`` give ``"PRFLF"``.
    """
    rules = _rules()
    word = fold_ending(token)
    for suffix, replacement in rules.final:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            word = word[: -len(suffix)] + replacement
            break
    classed = rules.pattern.sub(lambda m: rules.classes[m.group()], word)
    out: list[str] = []
    for index, char in enumerate(classed):
        if char in _VOWELS:
            if index == 0:
                out.append("A")
            continue
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out)


@lru_cache(maxsize=4)
def _replacements(name: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """A ``pattern,replacement`` table of ``data/`` as (one regex, longest pattern first; the table)."""
    rows = read_csv(name, ("pattern", "replacement"))
    table = {row["pattern"]: row["replacement"] for row in rows}
    alternatives = sorted(table, key=lambda p: (-len(p), p))
    return re.compile("|".join(re.escape(p) for p in alternatives)), table


@lru_cache(maxsize=1 << 17)
def ocr_fold(token: str) -> str:
    """``token`` with the characters OCR confuses (``data/ocr.csv``) in one form: ``"karnal"`` and
    ``"kamal"`` -> ``"kamal"``; ``"5adio"`` -> ``"sadlo"``; ``"ivan"`` and ``"lvan"`` -> ``"lvan"``."""
    pattern, table = _replacements("ocr.csv")
    return pattern.sub(lambda m: table[m.group()], token)


@lru_cache(maxsize=1 << 17)
def consonant_key(token: str, w_is_vowel: bool = False, merge_all: bool = False) -> str:
    """The consonant classes of a normalised token (``data/consonants.csv``), vowels and ``y`` dropped,
    doubled letters collapsed (not across a vowel: ``"aziz"`` -> ``"ZZ"``): ``"haqqani"`` and ``"hqany"`` ->
    ``"HKN"``; ``"darvish"`` and ``"drwysh"`` -> ``"TRFX"``.
    With ``w_is_vowel``, ``w`` is read as the vowel it often stands for in romanised Arabic (``"jwady"`` ->
    ``"JT"``, as ``"djouadi"``); with ``merge_all``, repeats collapse across vowels too (``"haddadi"`` ->
    ``"HT"``, as ``"hddd"`` written without them)."""
    pattern, table = _replacements("consonants.csv")
    word = token.lstrip("aeiouy")
    if w_is_vowel:
        word = word.replace("w", "")
    out: list[str] = []
    previous = ""
    for piece in pattern.findall(word):
        code = table[piece]
        if code != "-" and (code != previous or not out):
            out.append(code)
        if code != "-" or not merge_all:
            previous = code
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def consonant_keys(token: str) -> frozenset[str]:
    """The consonant keys a part written without vowels may stand for: ``w`` as a consonant or a vowel,
    and a joined Arabic article (``"altyb"``: al-Tayeb) with or without it."""
    forms = [token]
    if token.startswith("al") and len(token) > 4:
        forms.append(token[2:])
    return frozenset(k for form in forms for w in (False, True) if len(k := consonant_key(form, w)) >= 2)


def spelled_keys(token: str) -> tuple[str, str]:
    """The consonant keys of a spelled-out part that a vowel-less spelling is compared with: repeats
    collapsed only when adjacent ("aziz" -> "ZZ"), and across vowels too ("haddadi" -> "HT")."""
    return consonant_key(token), consonant_key(token, merge_all=True)


def is_vowelless(token: str) -> bool:
    """Whether a token is spelt without (most of) its vowels, as romanised Arabic or Persian script and a
    hurried hand write names: no vowel after its first letter ("mhmd", "prgzhn", "abdl"), or from five
    letters at most one vowel in four ("qasmy", "ashaqzy")."""
    if len(token) < 2 or not token.isalpha():
        return False
    vowels = sum(char in _PLAIN_VOWELS for char in token[1:])
    return vowels == 0 or (len(token) >= 5 and 4 * vowels <= len(token))
