"""Numbers written in words or digits: "13", "1,000", "nine", "twenty-five", "2.5 million", "a dozen".

The word tables live in ``data/events_numbers.yml``; they serve target counts ("13 individuals") and the
numeric facts of :mod:`kenning.news.events.claims` ("some 1,000 troops").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kenning.errors import ConfigError
from kenning.news.datafile import data_mapping

__all__ = ["NumberWords", "number_words", "parse_number"]

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class NumberWords:
    """The number word tables."""

    words: dict[str, int]
    approximate: frozenset[str]
    factors: dict[str, float]


@cache
def number_words() -> NumberWords:
    """The tables of ``events_numbers.yml``."""
    data = data_mapping("events_numbers.yml")
    try:
        return NumberWords({str(k).lower(): int(v) for k, v in data["words"].items()},
                           frozenset(str(w).lower() for w in data["approximate"]),
                           {str(k).lower(): float(v) for k, v in data["factors"].items()})
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"events_numbers.yml: missing or malformed entry: {exc}") from exc


def parse_number(text: str) -> float | None:
    """The value of a number phrase, or None when it is not one ("twenty-five" → 25, "2 million" → 2e6)."""
    words = number_words().words
    total, current = 0.0, 0.0
    parts = [p for p in re.split(r"[\s-]+", text.strip().lower()) if p and p != "and"]
    if not parts:
        return None
    for part in parts:
        if _DIGITS.match(part):
            current += float(part.replace(",", ""))
        elif part in words:
            value = words[part]
            if value >= 1000:
                total += max(current, 1.0) * value
                current = 0.0
            elif value == 100:
                current = max(current, 1.0) * value
            else:
                current += value
        elif part == "a" and len(parts) > 1:
            continue
        else:
            return None
    return total + current
