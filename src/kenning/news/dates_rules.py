"""The date phrase tables of ``data/events_dates.yml``, checked and compiled into one pattern.

The master pattern has one named group per kind of date phrase (``full``, ``monthyear``, ``monthday``,
``year``, ``month``, ``weekday``, ``relative``, ``ago``, ``anaphoric``), tried in that order at each
position, so the longest reading of "on June 20, 2017" wins over "June 20" and over "2017".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kenning.errors import ConfigError
from kenning.news.datafile import data_mapping

__all__ = ["DATA_FILE", "DateRules", "date_rules"]

DATA_FILE = "events_dates.yml"
_GRAINS = frozenset({"day", "week", "month", "year"})
_MODES = frozenset({"previous", "current", "next"})


@dataclass(frozen=True)
class DateRules:
    """The phrase tables, keyed as :mod:`kenning.news.dates` looks them up, and the compiled pattern."""

    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int, bool]]
    anaphoric: dict[str, tuple[str, int]]
    ago_units: dict[str, str]
    numbers: dict[str, int]
    modifiers: dict[str, str]
    future_days: int
    pattern: re.Pattern[str]


def _alternation(words: list[str], *, ignore_case: bool) -> str:
    """A regex alternation of ``words``, longest first; spaces match any run of whitespace."""
    parts = [r"\s+".join(re.escape(w) for w in word.split()) for word in sorted(words, key=len, reverse=True)]
    body = "|".join(parts)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def _grain(name: str, value: Any) -> str:
    if value not in _GRAINS:
        raise ConfigError(f"{DATA_FILE}: {name}: unknown grain {value!r}")
    return str(value)


def _tables(data: dict[str, Any]) -> dict[str, Any]:
    """The YAML sections, type-checked; a wrong entry is a ConfigError naming it."""
    try:
        relative = {" ".join(k.lower().split()): (_grain(k, v["grain"]), int(v["offset"]), bool(v.get("exact")))
                    for k, v in data["relative"].items()}
        anaphoric = {" ".join(k.lower().split()): (_grain(k, v["grain"]), int(v["offset"]))
                     for k, v in data["anaphoric"].items()}
        modifiers = {str(k).lower(): str(v) for k, v in data["modifiers"].items()}
        if not set(modifiers.values()) <= _MODES:
            raise ConfigError(f"{DATA_FILE}: modifiers must map to one of {sorted(_MODES)}")
        return {
            "months": {str(k): int(v) for k, v in data["months"].items()},
            "weekdays": {str(k): int(v) for k, v in data["weekdays"].items()},
            "relative": relative, "anaphoric": anaphoric, "modifiers": modifiers,
            "ago_units": {str(k).lower(): _grain(k, v) for k, v in data["ago_units"].items()},
            "numbers": {str(k).lower(): int(v) for k, v in data["numbers"].items()},
            "qualifiers": [str(q) for q in data["qualifiers"]],
            "prepositions": [str(p) for p in data["prepositions"]],
            "future_days": int(data["future_days"]),
        }
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{DATA_FILE}: missing or malformed entry: {exc}") from exc


def _pattern(t: dict[str, Any]) -> re.Pattern[str]:
    """The master pattern over every kind of date phrase."""
    month = _alternation(list(t["months"]), ignore_case=False) + r"\.?"
    weekday = _alternation(list(t["weekdays"]), ignore_case=False)
    prep = _alternation(t["prepositions"], ignore_case=True)
    qual = _alternation(t["qualifiers"], ignore_case=True)
    mod = _alternation(list(t["modifiers"]), ignore_case=True)
    year = r"(?:19|20)\d{2}"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    kinds = [
        rf"(?P<full>(?:{prep}\s+)?(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
        rf"|(?P<f1_month>{month})\s+(?P<f1_day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<f1_year>{year})"
        rf"|(?P<f2_day>\d{{1,2}})(?:st|nd|rd|th|er)?\s+(?:of\s+)?(?P<f2_month>{month}),?\s+(?P<f2_year>{year})))",
        rf"(?P<monthyear>(?:{prep}\s+)?(?:{qual}[\s-]+)?(?P<my_month>{month}),?\s+(?:of\s+)?(?P<my_year>{year}))",
        rf"(?P<monthday>(?:{prep}\s+)?(?P<md_month>{month})\s+(?P<md_day>{day}))(?![\d,]*\s*\d)",
        rf"(?P<daymonth>(?:{prep}\s+)?(?P<dm_day>\d{{1,2}})(?:st|nd|rd|th|er)?\s+(?:of\s+)?(?P<dm_month>{month}))"
        r"(?!,?\s*\d)",
        rf"(?P<year>(?:{prep}\s+(?:{qual}[\s-]+)?|{qual}[\s-]+)(?P<y_year>{year}))",
        rf"(?P<month>(?:{prep}\s+(?:{qual}[\s-]+)?|(?P<m_mod>{mod})\s+|{qual}[\s-]+)(?P<m_month>{month}))(?!\s*\d)",
        rf"(?P<weekday>(?:(?P<w_mod>{mod})\s+|{prep}\s+)?(?P<w_day>{weekday}))",
        rf"(?P<relative>{_alternation(list(t['relative']), ignore_case=True)})",
        rf"(?P<ago>(?P<ago_n>\d+|{_alternation(list(t['numbers']), ignore_case=True)})\s+"
        rf"(?P<ago_unit>{_alternation(list(t['ago_units']), ignore_case=True)})\s+(?i:ago))",
        rf"(?P<anaphoric>{_alternation(list(t['anaphoric']), ignore_case=True)})",
    ]
    return re.compile(r"\b(?:" + "|".join(kinds) + r")(?![\w-])")


@cache
def date_rules(language: str = "en") -> DateRules:
    """The checked tables and the compiled master pattern of ``language`` (read once per process): English
    from ``events_dates.yml``, another language from ``events_dates_<language>.yml`` (same sections)."""
    tables = _tables(data_mapping(DATA_FILE if language == "en" else f"events_dates_{language}.yml"))
    return DateRules(months=tables["months"], weekdays=tables["weekdays"], relative=tables["relative"],
                     anaphoric=tables["anaphoric"], ago_units=tables["ago_units"], numbers=tables["numbers"],
                     modifiers=tables["modifiers"], future_days=tables["future_days"], pattern=_pattern(tables))
