"""Reading birth dates as people type them: ``1959-08-9``, ``9/8/1959``, ``09.08.1959``, ``9 Aug 1959``,
``Aug 1959``, ``1959``.

:func:`read_date` returns the ISO readings of a value (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``). Numbers
are kept as written even when the day or month cannot exist (``1968-13-30``): the matcher treats such a
date as a likely slip of a real one rather than discarding it. ``D/M/Y`` and ``M/D/Y`` cannot be told apart
when both numbers are 12 or less; both readings are returned (day first, as most of the world writes),
and the matcher takes the one that fits. A value that is no date raises :class:`InputError` saying why.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from kenning.datafiles import parse_mapping
from kenning.errors import InputError

__all__ = ["read_date"]

_MONTHS_FILE = Path(__file__).parent / "data" / "months.yml"
_ISO = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_MY = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_WORDS = re.compile(r"[a-z]+|\d+")
_FIRST_YEAR, _LAST_YEAR = 1800, 2100


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    data = parse_mapping(_MONTHS_FILE.read_text(encoding="utf-8"), f"data file {_MONTHS_FILE.name}")
    return {str(name): int(number) for number, names in data.items() for name in names}


def _month(word: str) -> int | None:
    months = _months()
    if word in months:
        return months[word]
    if len(word) >= 3:
        found = {n for name, n in months.items() if name.startswith(word)}
        if len(found) == 1:
            return found.pop()
    return None


def _iso(year: str, month: str | int | None = None, day: str | int | None = None) -> str:
    if not _FIRST_YEAR <= int(year) <= _LAST_YEAR:
        raise InputError(f"the year {year} is not a plausible birth year")
    out = year
    for part in (month, day):
        if part is None:
            break
        number = int(part)
        if not 0 <= number <= 99:
            raise InputError(f"{number} is not a day or month")
        out += f"-{number:02d}"
    return out


def _numeric(text: str) -> tuple[str, ...] | None:
    if found := _ISO.match(text):
        return (_iso(found[1], found[2], found[3]),)
    if found := _DMY.match(text):
        first, second, year = int(found[1]), int(found[2]), found[3]
        if first > 12 >= second:
            return (_iso(year, second, first),)
        if second > 12 >= first:
            return (_iso(year, first, second),)
        readings = (_iso(year, second, first), _iso(year, first, second))
        return tuple(dict.fromkeys(readings))
    if found := _MY.match(text):
        return (_iso(found[2], found[1]),)
    return None


def _worded(text: str) -> tuple[str, ...] | None:
    words = _WORDS.findall(text)
    months = [(i, m) for i, w in enumerate(words) if w.isalpha() and (m := _month(w)) is not None]
    years = [w for w in words if w.isdigit() and len(w) == 4]
    if len(months) != 1 or len(years) != 1 or any(w.isalpha() and _month(w) is None for w in words):
        return None
    days = [w for w in words if w.isdigit() and len(w) <= 2]
    if len(days) > 1:
        return None
    return (_iso(years[0], months[0][1], days[0] if days else None),)


def read_date(value: str) -> tuple[str, ...]:
    """The ISO reading(s) of a birth date as typed; InputError naming the value when it is no date."""
    text = unicodedata.normalize("NFKD", value.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace(",", " ").strip()
    if not text:
        raise InputError("the birth date is empty")
    try:
        found = _numeric(text.replace(" ", "")) or _worded(text)
    except InputError as exc:
        raise InputError(f"birth date {value!r}: {exc}") from exc
    if found is None:
        raise InputError(f"birth date {value!r} is not a date (e.g. 1959-08-09, 9/8/1959, 9 Aug 1959, 1959)")
    return found
