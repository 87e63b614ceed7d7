"""Dates in news text: find date words and resolve them against the article's date.

A resolved date is a :class:`DateValue` whose ``value`` is as precise as the words: an ISO day
(``2023-07-24``), an ISO week (``2023-W29`` for "last week"), a month (``2023-05``) or a year
(``2022``). Relative words ("Monday", "last week", "In January", "last August") need the article's
date (the *anchor*); without one they stay unresolved rather than being read against today's date.
Anaphoric words ("That same month") are read against the date the text gave just before.

``approx`` is True when the value is coarser than a day or was read from relative words; only absolute
days ("on June 20, 2017") and "today" are exact. The phrase tables live in ``data/events_dates.yml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kenning.errors import InputError
from kenning.news.dates_rules import DateRules, date_rules

__all__ = ["DateValue", "FoundDate", "date_interval", "date_within", "find_dates", "parse_anchor",
           "resolve_phrase"]

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True)
class DateValue:
    """A resolved date: ``value`` at ``grain`` (day, week, month, year) and whether it is approximate."""

    value: str
    grain: str
    approx: bool


@dataclass(frozen=True)
class FoundDate:
    """Date words found in a text, where they are, and what they resolved to (None: not resolvable)."""

    text: str
    start: int
    end: int
    kind: str
    value: DateValue | None


def parse_anchor(published: str | None) -> dt.date | None:
    """The article's publication date as a ``date`` (None when unknown); a malformed one is an InputError."""
    if published is None:
        return None
    try:
        return dt.date.fromisoformat(published)
    except ValueError as exc:
        raise InputError(f"publication date {published!r} is not YYYY-MM-DD") from exc


def find_dates(text: str, anchor: dt.date | None, previous: DateValue | None = None,
               offset: int = 0, language: str = "en") -> list[FoundDate]:
    """Every date phrase in ``text`` in reading order, each resolved; anaphora chain to the one before.

    ``offset`` is added to the spans (pass a sentence's start to get article offsets); ``previous`` is
    the last date the text gave before ``text`` began; ``language`` picks the phrase tables (``en``, ``fr``).
    """
    rules = date_rules(language)
    found = []
    for match in rules.pattern.finditer(text):
        kind = match.lastgroup or ""
        value = _resolve(match, kind, rules, anchor, previous)
        found.append(FoundDate(match.group(0), match.start() + offset, match.end() + offset, kind, value))
        if value is not None:
            previous = value
    return found


def resolve_phrase(words: str, anchor: dt.date | None, previous: DateValue | None = None,
                   language: str = "en") -> DateValue | None:
    """The date ``words`` name when the whole string is one date phrase, else None."""
    rules = date_rules(language)
    match = rules.pattern.fullmatch(words.strip())
    if match is None:
        return None
    return _resolve(match, match.lastgroup or "", rules, anchor, previous)


def date_interval(value: str) -> tuple[dt.date, dt.date]:
    """First and last day a date value covers (``2023`` → Jan 1 to Dec 31; ``2023-W29`` → Mon to Sun)."""
    week = _WEEK.match(value)
    try:
        if week:
            first = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
            return first, first + dt.timedelta(days=6)
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            return first, _add_months(first, 1) - dt.timedelta(days=1)
        day = dt.date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        raise InputError(f"{value!r} is not a date value (YYYY, YYYY-MM, YYYY-Www or YYYY-MM-DD)") from exc
    return day, day


def date_within(inner: str, outer: str) -> bool:
    """True when every day of ``inner`` lies in ``outer`` (``2023-07-20`` is within ``2023-W29``)."""
    first, last = date_interval(inner)
    lo, hi = date_interval(outer)
    return lo <= first and last <= hi


def _resolve(match: re.Match[str], kind: str, rules: DateRules, anchor: dt.date | None,
             previous: DateValue | None) -> DateValue | None:
    """Dispatch a match of the master pattern to the resolver of its kind."""
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if kind == "full":
        return _full(groups, rules)
    if kind == "monthyear":
        year, month = int(groups["my_year"]), rules.months[_month_key(groups["my_month"])]
        return DateValue(f"{year:04d}-{month:02d}", "month", True) if _valid_year(year) else None
    if kind == "year":
        year = int(groups["y_year"])
        return DateValue(f"{year:04d}", "year", True) if _valid_year(year) else None
    if anchor is None and kind != "anaphoric":
        return None
    if kind == "monthday":
        return _month_day(groups, rules, anchor)
    if kind == "daymonth":
        return _month_day({"md_month": groups["dm_month"], "md_day": groups["dm_day"]}, rules, anchor)
    if kind == "month":
        return _month_only(groups, rules, anchor)
    if kind == "weekday":
        return _weekday(groups, rules, anchor)
    if kind == "relative":
        return _relative(groups["relative"], rules, anchor)
    if kind == "ago":
        return _ago(groups, rules, anchor)
    if kind == "anaphoric" and previous is not None:
        return _anaphoric(groups["anaphoric"], rules, previous)
    return None


def _day_number(text: str) -> int:
    """``"5"``, ``"5th"``, ``"21st"`` -> the day of the month."""
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits else 0


def _full(groups: dict[str, str], rules: DateRules) -> DateValue | None:
    """An absolute day: ``June 20, 2017``, ``20 June 2017`` or ``2017-06-20``."""
    if "iso" in groups:
        year, month, day = (int(p) for p in groups["iso"].split("-"))
    else:
        form = "f1" if "f1_month" in groups else "f2"
        year = int(groups[f"{form}_year"])
        month = rules.months[_month_key(groups[f"{form}_month"])]
        day = _day_number(groups[f"{form}_day"])
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return DateValue(value.isoformat(), "day", False) if _valid_year(year) else None


def _month_day(groups: dict[str, str], rules: DateRules, anchor: dt.date | None) -> DateValue | None:
    """``on June 20``: this year's, or last year's when that would lie too far after the anchor."""
    assert anchor is not None
    month, day = rules.months[_month_key(groups["md_month"])], _day_number(groups["md_day"])
    for year in (anchor.year, anchor.year - 1):
        try:
            value = dt.date(year, month, day)
        except ValueError:
            return None
        if value <= anchor + dt.timedelta(days=rules.future_days):
            return DateValue(value.isoformat(), "day", True)
    return None


def _month_only(groups: dict[str, str], rules: DateRules, anchor: dt.date | None) -> DateValue | None:
    """``In January``, ``last August``, ``next March``: the month picked relative to the anchor's month."""
    assert anchor is not None
    month = rules.months[_month_key(groups["m_month"])]
    mode = rules.modifiers.get((groups.get("m_mod") or "").lower(), "current")
    year = anchor.year
    if mode == "next":
        year = anchor.year + 1 if month <= anchor.month else anchor.year
    elif month > anchor.month or (mode == "previous" and month == anchor.month):
        year = anchor.year - 1
    return DateValue(f"{year:04d}-{month:02d}", "month", True)


def _weekday(groups: dict[str, str], rules: DateRules, anchor: dt.date | None) -> DateValue | None:
    """``Monday``: the latest such day up to the anchor (``last Monday`` excludes the anchor's own day)."""
    assert anchor is not None
    weekday = rules.weekdays[groups["w_day"]]
    mode = rules.modifiers.get((groups.get("w_mod") or "").lower(), "current")
    back = (anchor.weekday() - weekday) % 7
    if mode == "next":
        value = anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    else:
        if mode == "previous" and back == 0:
            back = 7
        value = anchor - dt.timedelta(days=back)
    return DateValue(value.isoformat(), "day", True)


def _relative(words: str, rules: DateRules, anchor: dt.date | None) -> DateValue | None:
    """``today``, ``last week``, ``earlier this year``... from the relative phrase table."""
    assert anchor is not None
    grain, offset, exact = rules.relative[_phrase_key(words)]
    return _shift(anchor, grain, offset, approx=not exact)


def _ago(groups: dict[str, str], rules: DateRules, anchor: dt.date | None) -> DateValue | None:
    """``two weeks ago``, ``3 days ago``."""
    assert anchor is not None
    raw = groups["ago_n"].lower()
    count = int(raw) if raw.isdigit() else rules.numbers[raw]
    return _shift(anchor, rules.ago_units[groups["ago_unit"].lower()], -count, approx=True)


def _anaphoric(words: str, rules: DateRules, previous: DateValue) -> DateValue | None:
    """``That same month``: the previous date kept to the phrase's grain, shifted by its offset."""
    grain, offset = rules.anaphoric[_phrase_key(words)]
    order = ("day", "week", "month", "year")
    if order.index(previous.grain) > order.index(grain) or (previous.grain == "week" and grain != "week"):
        return None
    first, _ = date_interval(previous.value)
    return _shift(first, grain, offset, approx=True)


def _shift(day: dt.date, grain: str, offset: int, approx: bool) -> DateValue:
    """The period of ``grain`` that is ``offset`` periods from the one containing ``day``."""
    if grain == "day":
        return DateValue((day + dt.timedelta(days=offset)).isoformat(), "day", approx)
    if grain == "week":
        year, week, _ = (day + dt.timedelta(weeks=offset)).isocalendar()
        return DateValue(f"{year:04d}-W{week:02d}", "week", True)
    if grain == "month":
        moved = _add_months(day.replace(day=1), offset)
        return DateValue(f"{moved.year:04d}-{moved.month:02d}", "month", True)
    return DateValue(f"{day.year + offset:04d}", "year", True)


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _valid_year(year: int) -> bool:
    return 1900 <= year <= 2100


def _month_key(name: str) -> str:
    """``Sept.`` → ``Sept`` (the table holds names without the dot)."""
    return name.rstrip(".").capitalize()


def _phrase_key(words: str) -> str:
    """A relative or anaphoric phrase as its table key: lower case, single spaces."""
    return " ".join(words.lower().split())

