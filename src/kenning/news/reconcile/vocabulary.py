"""The reconciliation vocabularies of ``data/reconcile_*.yml``, checked once and compiled.

* ``reconcile_announcers.yml`` — bodies of one government that announce its sanctions together;
* ``reconcile_parties.yml`` — words for kinds of party (individuals, businesses, vessels...);
* ``reconcile_claims.yml`` — predicates of checkable statements outside sanctions events, and subjects;
* ``reconcile_roles.yml`` — read by :mod:`.reconcile_roles`.

A missing section, a bad pattern or an announcing body the authority table does not know is a
:class:`~kenning.errors.ConfigError` naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kenning.errors import ConfigError
from kenning.news.datafile import data_mapping
from kenning.news.events.vocabulary import authorities

__all__ = ["Predicate", "joint_government", "party_kinds", "predicates", "quantities", "several_values", "subjects"]

_ANNOUNCERS = "reconcile_announcers.yml"
_PARTIES = "reconcile_parties.yml"
_CLAIMS = "reconcile_claims.yml"


def _list(file: str, value: Any, what: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise ConfigError(f"news data file {file}: {what} must be a non-empty list")
    return value


@cache
def _governments() -> dict[str, str]:
    """Authority name → the government whose bodies announce together."""
    known = {a.name for a in authorities()}
    out: dict[str, str] = {}
    for group in _list(_ANNOUNCERS, data_mapping(_ANNOUNCERS).get("joint"), "`joint`"):
        government = group.get("government") if isinstance(group, dict) else None
        bodies = group.get("bodies") if isinstance(group, dict) else None
        for body in _list(_ANNOUNCERS, bodies, f"bodies of {government!r}"):
            if body not in known:
                raise ConfigError(f"news data file {_ANNOUNCERS}: {body!r} is not an authority of "
                                  "events_authorities.yml")
            out[str(body)] = str(government)
    return out


def joint_government(authority: str) -> str | None:
    """The government an authority (or the body above it) announces for together with others; None if none."""
    parents = {a.name: a.parent for a in authorities()}
    governments = _governments()
    name: str | None = authority
    seen: set[str] = set()
    while name is not None and name not in seen:
        if name in governments:
            return governments[name]
        seen.add(name)
        name = parents.get(name)
    return None


@cache
def party_kinds() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(whole-word pattern, kind) for every party word, longest words first."""
    kinds = data_mapping(_PARTIES).get("kinds")
    if not isinstance(kinds, dict) or not kinds:
        raise ConfigError(f"news data file {_PARTIES}: `kinds` must be a mapping")
    pairs = [(str(word).lower(), str(kind)) for kind, words in kinds.items()
             for word in _list(_PARTIES, words, f"kind {kind!r}")]
    pairs.sort(key=lambda p: -len(p[0]))
    return tuple((re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE), kind) for word, kind in pairs)


@dataclass(frozen=True)
class Predicate:
    """A kind of checkable statement: its name, value type (``date``/``number``), patterns, and whether
    what it states can happen more than once (a coup can; a founding cannot)."""

    name: str
    value: str
    patterns: tuple[re.Pattern[str], ...]
    repeatable: bool = False


@cache
def predicates() -> tuple[Predicate, ...]:
    """The claim predicates of ``reconcile_claims.yml``."""
    found = []
    for entry in _list(_CLAIMS, data_mapping(_CLAIMS).get("predicates"), "`predicates`"):
        if not isinstance(entry, dict) or entry.get("value") not in ("date", "number"):
            raise ConfigError(f"news data file {_CLAIMS}: each predicate needs a name and a value of date or "
                              f"number: {entry!r}")
        try:
            patterns = tuple(re.compile(p, re.IGNORECASE) for p in _list(_CLAIMS, entry.get("patterns"),
                                                                          "`patterns`"))
        except re.error as exc:
            raise ConfigError(f"news data file {_CLAIMS}: bad pattern in {entry.get('name')!r}: {exc}") from exc
        found.append(Predicate(str(entry["name"]), str(entry["value"]), patterns, bool(entry.get("repeatable"))))
    return tuple(found)


@cache
def subjects() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(whole-phrase pattern, subject) for every subject word, longest first."""
    return _phrases("subjects")


@cache
def quantities() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(whole-phrase pattern, quantity) for the words of every quantity whose changes are compared, in any
    language ("civilian deaths", "victimes civiles"), longest first."""
    return _phrases("quantities")


@cache
def several_values() -> frozenset[str]:
    """Predicates a subject may hold several values of at once (citizenship): different values add up."""
    return frozenset(str(p) for p in data_mapping(_CLAIMS).get("several_values") or [])


def _phrases(section: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    table = data_mapping(_CLAIMS).get(section) or {}
    if not isinstance(table, dict):
        raise ConfigError(f"news data file {_CLAIMS}: `{section}` must be a mapping")
    pairs = [(str(word), str(name)) for name, words in table.items()
             for word in _list(_CLAIMS, words, f"{section} {name!r}")]
    pairs.sort(key=lambda p: -len(p[0]))
    return tuple((re.compile(r"\b" + r"\s+".join(map(re.escape, w.split())) + r"\b", re.IGNORECASE), n)
                 for w, n in pairs)
