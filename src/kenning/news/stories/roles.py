"""Roles across reports: comparing the roles two reports give a person, and naming role-only mentions.

A role is read as a set of words (``data/reconcile_roles.yml``): case-folded, spellings made one
("defense" → "defence"), words that say nothing about the office and ranks dropped, so "Minister of
Defense" and "Defence Minister" are one role and "Chief of Staff of the Air Force" is "Air Force chief of
staff". Its *heads* (the nouns of ``nlp_roles.yml`` ``heads``: minister, chief, head...) and *modifiers*
(deputy, vice, acting, former...) matter most: the modifiers pick another office of the same head.

:func:`compare_roles` says whether two roles agree (same words), complement each other (one is the other
with more words: "deputy chief of staff" / "Air Force deputy chief of staff") or conflict (anything else).

:func:`find_role_phrases` finds, in one report's text, a role said without a name ("Mali's defence
minister, air force chief and the deputy chief of staff") that matches the role another report gives a
named person: the phrase must hold one of the role's heads, no word outside the role but modifiers and
function words, exactly the role's modifiers, and two words or the whole role. Each phrase goes to the
role it covers best; a phrase that two people's roles cover equally well names no one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from kenning.errors import ConfigError
from kenning.news.datafile import data_mapping
from kenning.news.model import Span

__all__ = ["RoleMatch", "RoleWords", "compare_roles", "find_role_phrases", "role_words"]

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?(?:\.[^\W_]+)*\.?")
_POSSESSIVE = re.compile(r"['’]s$")
#: Characters allowed between two words of one role phrase.
_JOINERS = frozenset(" \t\n-")


@dataclass(frozen=True)
class _Vocabulary:
    equivalents: dict[str, str]
    modifiers: frozenset[str]
    ignore: frozenset[str]
    joiners: frozenset[str]
    heads: frozenset[str]
    ranks: frozenset[str]


def _words(data: dict[str, object], key: str, file: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"news data file {file}: `{key}` must be a list of words")
    return frozenset(v.lower() for v in value)


@cache
def _vocabulary() -> _Vocabulary:
    mine = data_mapping("reconcile_roles.yml")
    nlp = data_mapping("nlp_roles.yml")
    equivalents = mine.get("equivalents") or {}
    if not isinstance(equivalents, dict):
        raise ConfigError("news data file reconcile_roles.yml: `equivalents` must be a mapping")
    heads = frozenset(w for phrase in _words(nlp, "heads", "nlp_roles.yml") for w in phrase.split())
    return _Vocabulary(equivalents={str(k).lower(): str(v).lower() for k, v in equivalents.items()},
                       modifiers=_words(mine, "modifiers", "reconcile_roles.yml"),
                       ignore=_words(mine, "ignore", "reconcile_roles.yml"),
                       joiners=_words(mine, "joiners", "reconcile_roles.yml"), heads=heads,
                       ranks=_words(nlp, "ranks", "nlp_roles.yml"))


def _norm(word: str) -> str:
    vocab = _vocabulary()
    word = _POSSESSIVE.sub("", word.lower().replace("’", "'")).strip(".")
    return vocab.equivalents.get(word, word)


@dataclass(frozen=True)
class RoleWords:
    """A role as words: all of them, its heads and its modifiers."""

    words: frozenset[str]
    heads: frozenset[str]
    modifiers: frozenset[str]


def role_words(role: str) -> RoleWords:
    """The words of a role (see the module docstring)."""
    vocab = _vocabulary()
    words = set()
    for raw in _TOKEN.findall(role):
        word = _norm(raw)
        rank = word in vocab.ranks and word not in vocab.modifiers
        if not word or word in vocab.ignore or word in vocab.joiners or rank:
            continue
        words.add(word)
    modifiers = words & vocab.modifiers
    heads = (words & vocab.heads) - modifiers or words & vocab.heads
    return RoleWords(frozenset(words), frozenset(heads), frozenset(modifiers))


def compare_roles(left: str, right: str) -> str:
    """``agreed``, ``complementary`` (one is the other with more words) or ``conflicting``."""
    a, b = role_words(left).words, role_words(right).words
    if a == b:
        return "agreed"
    if a and b and (a < b or b < a):
        return "complementary"
    return "conflicting"


@dataclass(frozen=True)
class RoleMatch:
    """A role said without a name, and the key of the named person whose role it matches."""

    key: str
    span: Span
    score: float


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _norm(m.group())) for m in _TOKEN.finditer(text)]


def _phrase(text: str, tokens: list[tuple[int, int, str]], at: int, role: RoleWords) -> tuple[int, int]:
    """The widest run of tokens around ``at`` made of the role's words, modifiers and joiners."""
    vocab = _vocabulary()
    allowed = role.words | vocab.modifiers | vocab.joiners

    def joined(i: int, j: int) -> bool:
        return all(c in _JOINERS for c in text[tokens[i][1]:tokens[j][0]])

    first = last = at
    while first > 0 and tokens[first - 1][2] in allowed and joined(first - 1, first):
        first -= 1
    while last + 1 < len(tokens) and tokens[last + 1][2] in allowed and joined(last, last + 1):
        last += 1
    while first < at and tokens[first][2] in vocab.joiners:
        first += 1
    while last > at and tokens[last][2] in vocab.joiners:
        last -= 1
    return first, last


def _score(tokens: list[tuple[int, int, str]], first: int, last: int, role: RoleWords) -> float:
    """How much of ``role`` the phrase covers (0 when it cannot be that role)."""
    vocab = _vocabulary()
    words = {t[2] for t in tokens[first:last + 1]} - vocab.joiners
    if not words <= role.words | vocab.modifiers or (words & vocab.modifiers) != role.modifiers:
        return 0.0
    if len(words) < 2 and words != role.words:
        return 0.0
    return len(words) / len(role.words)


def find_role_phrases(text: str, roles: Mapping[str, str] | Iterable[tuple[str, str]],
                      offset: int = 0) -> list[RoleMatch]:
    """Role-only phrases of ``text`` and whose role each one names.

    ``roles`` maps a person's key to a role, or lists (key, role) pairs when one person has several roles
    (as different reports give them). ``offset`` is added to the spans, for a ``text`` cut from a longer one.
    """
    tokens = _tokens(text)
    pairs = roles.items() if isinstance(roles, Mapping) else roles
    readable = [(key, role_words(role)) for key, role in pairs if role]
    best: dict[tuple[int, int], list[tuple[float, str]]] = {}
    for at, (_start, _end, word) in enumerate(tokens):
        for key, role in readable:
            if word not in role.heads:
                continue
            first, last = _phrase(text, tokens, at, role)
            score = _score(tokens, first, last, role)
            if score > 0:
                best.setdefault((first, last), []).append((score, key))
    found = []
    for (first, last), scored in sorted(best.items()):
        scored.sort(key=lambda item: (-item[0], item[1]))
        top = scored[0]
        if any(s == top[0] and k != top[1] for s, k in scored[1:]):
            continue
        start, end = tokens[first][0], tokens[last][1]
        found.append(RoleMatch(top[1], Span(start + offset, end + offset, text[start:end]), round(top[0], 3)))
    return _widest(found)


def _widest(found: list[RoleMatch]) -> list[RoleMatch]:
    """Drop a phrase that lies inside a longer one found for the same person."""
    kept = []
    for match in found:
        inside = any(o is not match and o.key == match.key and o.span.start <= match.span.start
                     and match.span.end <= o.span.end and (o.span.end - o.span.start) > (match.span.end -
                                                                                         match.span.start)
                     for o in found)
        if not inside:
            kept.append(match)
    return kept
