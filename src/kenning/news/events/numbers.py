"""Numbers written in words or digits, in English or French: "13", "1,000", "nine", "twenty-five",
"2.5 million", "a dozen"; "trois", "vingt-cinq", "quatre-vingt-dix", "deux cents", "1 000", "2,5 millions".

The word tables live in ``data/events_numbers.yml`` (English) and ``data/events_numbers_fr.yml`` (French);
they serve target counts ("13 individuals", "trois hauts responsables"), the numeric facts of
:mod:`kenning.news.events.claims` ("some 1,000 troops") and the factors of changes ("tripled", "a triplé").
Digits are read by the language's conventions: "1,000" is a thousand in English, "2,5" two and a half in
French, where thousands are grouped by spaces ("1 000") or full stops ("1.000").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kenning.errors import ConfigError
from kenning.news.datafile import data_mapping

__all__ = ["NumberWords", "number_words", "parse_number"]

_DIGITS = {"en": re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$"),
           "fr": re.compile(r"^\d{1,3}(?:[.\u202f\u00a0]\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$")}
_FILES = {"en": "events_numbers.yml", "fr": "events_numbers_fr.yml"}


@dataclass(frozen=True)
class NumberWords:
    """The number word tables of one language."""

    words: dict[str, int]
    approximate: frozenset[str]
    factors: dict[str, float]
    joiners: frozenset[str] = frozenset({"and"})


@cache
def number_words(language: str = "en") -> NumberWords:
    """The tables of ``events_numbers.yml`` (or the file of ``language``; English for any other)."""
    name = _FILES.get(language, _FILES["en"])
    data = data_mapping(name)
    try:
        return NumberWords({str(k).lower(): int(v) for k, v in data["words"].items()},
                           frozenset(str(w).lower() for w in data["approximate"]),
                           {str(k).lower(): float(v) for k, v in data["factors"].items()},
                           frozenset(str(w).lower() for w in data.get("joiners", ["and"])))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{name}: missing or malformed entry: {exc}") from exc


def _digits(part: str, language: str) -> float | None:
    """The value of a number in digits written by ``language``'s conventions, or None."""
    pattern = _DIGITS.get(language, _DIGITS["en"])
    if not pattern.match(part):
        return None
    if language == "fr":
        return float(re.sub(r"[.\u202f\u00a0]", "", part).replace(",", "."))
    return float(part.replace(",", ""))


def _parts(text: str, table: NumberWords) -> list[str]:
    """The words of a number phrase; words the table holds together ("quatre-vingt", "une dizaine") stay one."""
    out: list[str] = []
    for word in text.strip().lower().split():
        out.extend([word] if word in table.words else [p for p in word.split("-") if p])
    joined: list[str] = []
    for part in out:
        glued = next((f"{joined[-1]}{mark}{part}" for mark in (" ", "-")
                      if joined and f"{joined[-1]}{mark}{part}" in table.words), None)
        if glued is not None:
            joined[-1] = glued
        else:
            joined.append(part)
    return [p for p in joined if p not in table.joiners]


def parse_number(text: str, language: str = "en") -> float | None:
    """The value of a number phrase, or None when it is not one ("twenty-five" → 25, "2 million" → 2e6,
    "quatre-vingt-dix" → 90, "deux cents" → 200, "1 000" → 1000 in French)."""
    table = number_words(language)
    words = table.words
    if language == "fr":  # "1 000": thousands grouped by a space
        text = re.sub(r"(?<=\d)[ \u202f\u00a0](?=\d{3}\b)", "", text)
    parts = _parts(text, table)
    if not parts:
        return None
    total, current = 0.0, 0.0
    for part in parts:
        value = _digits(part, language)
        if value is not None:
            current += value
        elif part in words:
            number = words[part]
            if number >= 1000:
                total += max(current, 1.0) * number
                current = 0.0
            elif number == 100:
                current = max(current, 1.0) * number
            else:
                current += number
        elif part == "a" and len(parts) > 1:
            continue
        else:
            return None
    return total + current
