"""Dates as OFAC's legacy files write them, turned into ISO values FtM accepts.

OFAC writes ``10 Dec 1948``, ``Dec 1948`` or ``1948``, qualifies some with ``circa`` and gives
ranges as ``1960 to 1965``, ``01 Jan 1960 to 31 Dec 1962``, ``BETWEEN 1960 AND 1965`` or
``circa 1960-1962``. :func:`parse_date` keeps the known parts only: a full date stays a day, a
range becomes the years it spans (each year when the range is at most ten years wide, else its two
ends) and a range inside one month or one year becomes that month or year. ``exact`` tells the
caller whether the ISO values say everything the source said, so that it can keep the original
wording somewhere readable when they do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from kenning.model import MAX_EACH_YEAR_SPAN, year_span

__all__ = ["MAX_EACH_YEAR_SPAN", "DateValue", "parse_date"]

#: Ranges at most this many years wide give every year they span; wider ones only their two ends.

_CIRCA = re.compile(r"^(?:circa|approximately|approx\.|about|ca\.)\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"^between\s+(.+?)\s+and\s+(.+)$", re.IGNORECASE)
_TO = re.compile(r"^(.+?)\s+(?:to|-|–)\s+(.+)$", re.IGNORECASE)
_YEAR_DASH = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{4})$")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_FORMATS = (("%d %b %Y", 10), ("%d %B %Y", 10), ("%b %Y", 7), ("%B %Y", 7), ("%Y-%m-%d", 10),
            ("%Y-%m", 7), ("%Y", 4))


@dataclass(frozen=True)
class DateValue:
    """ISO values for one date expression, and whether they render it without loss."""

    values: tuple[str, ...]
    exact: bool


def _single(text: str) -> str | None:
    """One date in any of OFAC's forms as an ISO prefix (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""
    cleaned = " ".join(text.replace(",", " ").split()).rstrip(".")
    if _YEAR.search(cleaned) is None:
        return None
    for fmt, width in _FORMATS:
        try:
            parsed = datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
        return parsed.date().isoformat()[:width]
    return None


def _span(start: str, end: str) -> tuple[str, ...]:
    """The ISO values standing for the range ``start``..``end`` (both ISO prefixes)."""
    if start == end:
        return (start,)
    if start[:7] == end[:7] and len(start) >= 7:
        return (start[:7],)
    return tuple(year_span(int(start[:4]), int(end[:4])))


def _range(text: str) -> tuple[str, ...] | None:
    """A range's ISO values, or None when ``text`` is not a range of two readable dates."""
    match = _YEAR_DASH.match(text) or _BETWEEN.match(text) or _TO.match(text)
    if match is None:
        return None
    start, end = _single(match.group(1)), _single(match.group(2))
    if start is None or end is None:
        return None
    return _span(start, end)


def parse_date(text: str) -> DateValue:
    """Parse one OFAC date expression; ``values`` is empty when nothing in it is a date.

    >>> parse_date("22 Mar 1979")
    DateValue(values=('1979-03-22',), exact=True)
    >>> parse_date("circa 1979")
    DateValue(values=('1979',), exact=False)
    >>> parse_date("1960 to 1962").values
    ('1960', '1961', '1962')
    """
    body = text.strip().rstrip(".").strip()
    circa = _CIRCA.match(body)
    if circa is not None:
        body = body[circa.end():]
    single = _single(body)
    if single is not None:
        return DateValue((single,), exact=circa is None)
    spanned = _range(body)
    if spanned is not None:
        return DateValue(spanned, exact=False)
    return DateValue((), exact=False)
