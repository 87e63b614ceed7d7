"""How the report names dates and authorities for people: dates in words with their precision, one name
per body with its chain of parents.

* :func:`date_words` — "24 July 2023", "week of 17 July 2023", "July 2023", "2023": never an ISO week;
  with the first and last day it stands for, which the JSON carries;
* :func:`machine_date` — the comparable form of a date in JSON: the ISO day, month or year, and a week
  as its interval of days ("2023-07-17/2023-07-23", ISO 8601);
* :func:`authority_chain` — a body and the bodies above it, each by its one short name
  (``data/reconcile_authorities.yml``): OFAC → US Treasury → United States.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from kenning.errors import ConfigError, InputError
from kenning.news.datafile import data_mapping
from kenning.news.dates import date_interval
from kenning.news.events.vocabulary import authorities

__all__ = ["DateWords", "authority_chain", "date_words", "event_key_date", "lineage", "list_name", "machine_date",
           "short_name"]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
AUTHORITIES_FILE = "reconcile_authorities.yml"


@dataclass(frozen=True)
class DateWords:
    """A date for people (``text``), its precision (day, week, month, year) and the days it covers."""

    text: str
    precision: str
    start: dt.date
    end: dt.date
    approx: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "precision": self.precision, "from": self.start.isoformat(),
                "to": self.end.isoformat(), "approx": self.approx}


def _day(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def date_words(value: str | None, approx: bool = False) -> DateWords | None:
    """The words and range of an ISO date value (day, week, month or year); None when unknown or unreadable."""
    if not value:
        return None
    try:
        start, end = date_interval(value)
    except InputError:
        return None
    if start == end:
        precision, text = "day", _day(start)
    elif "-W" in value:
        precision, text = "week", f"week of {_day(start)}"
    elif start.month == end.month and start.year == end.year:
        precision, text = "month", f"{_MONTHS[start.month - 1]} {start.year}"
    elif start.year == end.year and start.month == 1 and end.month == 12:
        precision, text = "year", str(start.year)
    else:
        precision, text = "range", f"{_day(start)} to {_day(end)}"
    return DateWords(text, precision, start, end, approx)


def machine_date(value: str | None) -> str | None:
    """A date as JSON carries it: ISO day, month or year as given; a week as its ISO interval of days."""
    if not value or "-W" not in value:
        return value
    try:
        start, end = date_interval(value)
    except InputError:
        return value
    return f"{start.isoformat()}/{end.isoformat()}"


@cache
def _short_names() -> dict[str, str]:
    table = data_mapping(AUTHORITIES_FILE).get("short")
    if not isinstance(table, dict):
        raise ConfigError(f"news data file {AUTHORITIES_FILE}: `short` must map authority names to short names")
    known = {a.name for a in authorities()}
    for name in table:
        if name not in known:
            raise ConfigError(f"news data file {AUTHORITIES_FILE}: {name!r} is not an authority of "
                              "events_authorities.yml")
    return {str(k): str(v) for k, v in table.items()}


def list_name(dataset: str) -> str:
    """The short name of a list ("SDN"), else its dataset code."""
    names = data_mapping(AUTHORITIES_FILE).get("lists") or {}
    return str(names.get(dataset, dataset)) if isinstance(names, dict) else dataset


def short_name(authority: str) -> str:
    """The one name a body is shown under (its full name when the table gives none)."""
    return _short_names().get(authority, authority)


def lineage(authority: str) -> list[str]:
    """The body and every body above it, most specific first, by their full names."""
    parents = {a.name: a.parent for a in authorities()}
    chain: list[str] = []
    current: str | None = authority
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def authority_chain(authority: str) -> list[str]:
    """The body and every body above it, most specific first, by their short names."""
    return list(dict.fromkeys(short_name(name) for name in lineage(authority)))


def event_key_date(value: str | None) -> str:
    """The date part of an event's key: the ISO day, month or year; ``week-<its Monday>`` for a week."""
    if not value:
        return "undated"
    if "-W" in value:
        found = date_words(value)
        return f"week-{found.start.isoformat()}" if found else value
    return value
