"""Publication dates from a header value or from the first words of a report.

Only explicit calendar dates count: ISO ``2023-07-25``, ``July 24, 2023``, ``24 July 2023``,
``Nov. 19, 2019`` and RFC 2822 header dates. A relative date ("yesterday") or a date without a year
is never turned into a publication date, and today's date is never assumed.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from functools import cache

from kenning.news.datafile import data_mapping

__all__ = ["FoundDate", "find_text_date", "parse_date_value"]


@dataclass(frozen=True)
class FoundDate:
    """A date (ISO ``YYYY-MM-DD``) and the words it was read from."""

    date: str
    text: str


@dataclass(frozen=True)
class _Rules:
    months: dict[str, int]
    window: int
    min_year: int
    pattern: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = data_mapping("ingest_dates.yml")
    months = {str(k).lower(): int(v) for k, v in data["months"].items()}
    names = "|".join(sorted(months, key=len, reverse=True))
    pattern = re.compile(
        r"\b(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))\b"
        rf"|\b(?P<mdy>(?P<m1>{names})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}}))\b"
        rf"|\b(?P<dmy>(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{names})\.?,?\s+(?P<y2>\d{{4}}))\b",
        re.IGNORECASE)
    return _Rules(months, int(data["window"]), int(data["min_year"]), pattern)


def _plausible(year: int, month: int, day: int) -> str | None:
    """The ISO date when it exists and lies between ``min_year`` and tomorrow, else None."""
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if year < _rules().min_year or date > dt.date.today() + dt.timedelta(days=1):
        return None
    return date.isoformat()


def _from_match(match: re.Match[str]) -> FoundDate | None:
    months = _rules().months
    if match.group("iso"):
        iso = _plausible(int(match["iy"]), int(match["im"]), int(match["id"]))
        return FoundDate(iso, match["iso"]) if iso else None
    if match.group("mdy"):
        iso = _plausible(int(match["y1"]), months[match["m1"].lower()], int(match["d1"]))
        return FoundDate(iso, match["mdy"]) if iso else None
    iso = _plausible(int(match["y2"]), months[match["m2"].lower()], int(match["d2"]))
    return FoundDate(iso, match["dmy"]) if iso else None


def find_text_date(text: str) -> FoundDate | None:
    """The first plausible explicit date in the first ``window`` characters of ``text``, if any.

    Covers a byline stamp ("date 2023-07-25 July 25, 2023 11:25 pm") and a dateline
    ("WASHINGTON, July 24, 2023 —"); the window comes from ``data/ingest_dates.yml``.
    """
    for match in _rules().pattern.finditer(text[: _rules().window]):
        found = _from_match(match)
        if found is not None:
            return found
    return None


def parse_date_value(value: str) -> str | None:
    """The ISO date a header or metadata value names (ISO, ISO datetime, RFC 2822 or words), or None."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return _plausible(parsed.year, parsed.month, parsed.day)
    except ValueError:
        pass
    try:
        stamp = email.utils.parsedate_to_datetime(value)
        return _plausible(stamp.year, stamp.month, stamp.day)
    except (TypeError, ValueError, IndexError):
        pass
    match = _rules().pattern.search(value)
    found = _from_match(match) if match else None
    return found.date if found else None
