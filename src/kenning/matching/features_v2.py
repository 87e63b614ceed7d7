"""Feature functions ``kenning-v2`` adds or changes. Small and pure; each docstring is the explanation.

- :func:`birth_date_v2`: like v1's, but a date *one slip away* (one digit mistyped, two digits swapped,
  day and month swapped, an impossible day or month, a few days or one year off) weakens the match a
  little instead of vetoing it; a really different date still counts against it.
- :func:`weak_name`: a name too weak to match alone (a one-word alias, an alias the list flags as weak,
  a lone common given name, a common full name) is said so, and the algorithm asks for a qualifier.
"""

from __future__ import annotations

from calendar import monthrange
from functools import lru_cache

from kenning.matching.features import Verdict
from kenning.matching.similarity import Prepared
from kenning.names import Commonness, common_name

__all__ = ["SLIP", "birth_date_v2", "date_slip", "weak_name"]

#: The score of a birth date one slip away (between support, above 0, and conflict, -1).
SLIP = -0.25


def _valid(date: str) -> bool:
    if len(date) != 10:
        return True
    year, month, day = int(date[:4]), int(date[5:7]), int(date[8:10])
    return 1 <= month <= 12 and 1 <= day <= monthrange(year, month)[1]


def date_slip(a: str, b: str) -> str | None:
    """How ``a`` is one slip away from ``b`` (full dates ``YYYY-MM-DD``, ``a`` possibly impossible), or None."""
    if len(a) != 10 or len(b) != 10 or not (a[:4] + a[5:7] + a[8:]).isdigit():
        return None
    da, db = a[:4] + a[5:7] + a[8:], b[:4] + b[5:7] + b[8:]
    diff = [k for k in range(8) if da[k] != db[k]]
    if a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]:
        return "day and month swapped"
    if len(diff) == 1:
        return "one digit differs"
    if len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]:
        return "two digits swapped"
    if not _valid(a) and a[:4] == b[:4] and (a[5:7] == b[5:7] or a[8:10] == b[8:10]):
        return "an impossible day or month"
    if a[:7] == b[:7] and abs(int(a[8:10]) - int(b[8:10])) <= 3:
        return "a few days apart"
    if a[4:] == b[4:] and abs(int(a[:4]) - int(b[:4])) == 1:
        return "one year apart"
    return None


def _relation(a: str, b: str) -> tuple[float, str]:
    """(score, words): 1 same day, 2/3 same month, 1/3 same year, SLIP one slip away, -1 different."""
    if a == b and len(a) == 10:
        return 1.0, "the same day"
    common = min(len(a), len(b))
    if a[:common] == b[:common]:
        return (2 / 3, "the same month") if common >= 7 else (1 / 3, "the same year")
    slip = date_slip(a, b)
    if slip is not None:
        return SLIP, f"one slip away ({slip})"
    if common < 10 and a[:4].isdigit() and b[:4].isdigit() and abs(int(a[:4]) - int(b[:4])) <= 1:
        return SLIP, "one slip away (a year apart)"
    return -1.0, ""


@lru_cache(maxsize=1 << 16)  # pure; monitoring compares the same dates over and over
def birth_date_v2(query: tuple[str, ...], listed: tuple[str, ...]) -> Verdict | None:
    """Birth dates: the same day is strong support, the same month or year weaker; a date one slip away
    (a mistyped or swapped digit, day and month swapped, an impossible day or month, a few days or a year
    off) weakens the match a little; a listed date that differs from every query date more than that is
    strong counter-evidence. Nothing is said when either side has no date."""
    if not query or not listed:
        return None
    best, words, pair = -2.0, "", ("", "")
    for a in query:
        for b in listed:
            score, said = _relation(a, b)
            if score > best:
                best, words, pair = score, said, (a, b)
    if best > -1:
        return Verdict(best, f"query {pair[0]} and listed {pair[1]}: {words}")
    return Verdict(-1.0, f"query {', '.join(query)} conflicts with listed {', '.join(listed)}")


def weak_name(query: Prepared, listed: Prepared, prop: str, person: bool, given_top: int,
              surname_top: int) -> str | None:
    """Names too weak to match alone: a one-word name of a person, an alias the list itself flags as weak,
    a lone common given name, or a common full name (every part frequent in one country) need a birth
    date, a country or an identifier that supports the match."""
    if prop == "weakAlias":
        return f"{listed.original!r} is an alias the list flags as weak"
    if person and len(_strong(listed)) == 1:
        return f"{listed.original!r} is a one-word name"
    if not person:
        return None
    strong = _strong(query)
    if len(strong) == 1 and any(len(t) == 1 and not w for t, w in zip(query.raw, query.weak, strict=True)):
        return None  # "A. H. Mahmoud": initials beside one name are not a lone given name
    common = _common(strong, given_top, surname_top) or _common(_strong(query, True), given_top, surname_top)
    if common is not None:
        return f"{query.original!r} is {common.describe()}"
    return None


def _strong(name: Prepared, canonical: bool = False) -> tuple[str, ...]:
    tokens = name.tokens if canonical else name.raw
    return tuple(t for t, weak in zip(tokens, name.weak, strict=True) if not weak and len(t) > 1)


@lru_cache(maxsize=1 << 14)
def _common(tokens: tuple[str, ...], given_top: int, surname_top: int) -> Commonness | None:
    return common_name(tokens, given_top, surname_top)
