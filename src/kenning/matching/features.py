"""Feature functions of the matcher. Each is small and pure; its docstring is the explanation users see.

A feature returns a :class:`Verdict`: a score and a sentence saying why. How the verdicts combine into
one score is the business of a versioned algorithm (``algorithms/kenning_v1.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from kenning.matching import core
from kenning.matching.similarity import (
    INITIAL,
    MIN_PAIR,
    PHONETIC,
    WEAK_WEIGHT,
    MatrixFn,
    Memo,
    Prepared,
    fill_memo,
    prepare,
    token_similarity,
)

__all__ = [
    "INITIAL",
    "MIN_PAIR",
    "PHONETIC",
    "WEAK_WEIGHT",
    "Memo",
    "NameMatch",
    "Prepared",
    "Verdict",
    "birth_date",
    "country",
    "fill_memo",
    "identifier",
    "name_match",
    "name_score",
    "part_pairs",
    "prepare",
    "token_similarity",
]

@dataclass(frozen=True, slots=True)
class Verdict:
    """A feature's result: ``score`` in the feature's own scale, and the reason in words."""

    score: float
    detail: str


@dataclass(frozen=True, slots=True)
class NameMatch:
    """How two names line up: the score, the paired parts and the parts left over on each side."""

    score: float
    pairs: tuple[tuple[str, str, float], ...]
    query_left: tuple[str, ...]
    candidate_left: tuple[str, ...]
    #: How pairings that are not plain spellings were read ("yevg: the start of yevgeniy...").
    notes: tuple[str, ...] = ()

    def describe(self, query: str, candidate: str) -> str:
        parts = ", ".join(f"{a}={b} ({s:.2f})" if a != b else f"{a} ({s:.2f})" for a, b, s in self.pairs)
        text = f"{query!r} ~ {candidate!r}: {parts or 'no parts pair up'}"
        if self.notes:
            text += "; " + "; ".join(self.notes)
        if self.query_left:
            text += f"; not in the listed name: {' '.join(self.query_left)}"
        if self.candidate_left:
            text += f"; listed name also has: {' '.join(self.candidate_left)}"
        return text


def part_pairs(q: Prepared, c: Prepared, memo: Memo, matrix: MatrixFn | None = None) -> list[tuple[float, int, int]]:
    """Every (similarity, query part, listed part) pairing of two names at least :data:`MIN_PAIR`, best
    first, read from the query's memo (filled with ``matrix`` when the listed name is new to it)."""
    person = q.person or c.person
    out = []
    for j, (token, raw) in enumerate(zip(c.tokens, c.raw, strict=True)):
        found = memo.get((token, raw, person))
        if found is None:
            fill_memo(q, [c], memo, matrix)
            found = memo[(token, raw, person)]
        for i, s in found:
            out.append((s, i, j))
    out.sort(reverse=True)
    return out


def _align(q: Prepared, c: Prepared, extra_penalty: float, chosen: list[tuple[int, int, float]] | None,
           memo: Memo | None = None) -> tuple[float, set[int], set[int]]:
    used_q: set[int] = set()
    used_c: set[int] = set()
    matched, strong = 0.0, False
    for s, i, j in part_pairs(q, c, {} if memo is None else memo):
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        if chosen is not None:
            chosen.append((i, j, s))
        matched += s * (q.weights[i] + c.weights[j]) / 2
        strong = strong or (s >= 0.8 and not q.weak[i] and len(q.tokens[i]) > 1)
    if not strong:
        return 0.0, used_q, used_c
    left_c = c.total - sum(c.weights[j] for j in used_c)
    total = q.total + extra_penalty * min(left_c, 1.0)
    return (min(matched / total, 1.0) if total else 0.0), used_q, used_c


def name_score(query: Prepared, candidate: Prepared, extra_penalty: float, memo: Memo | None = None) -> float:
    """The name score alone (the fast path of :func:`name_match`); ``memo`` caches part pairings per query.
    With a memo, the compiled core (:mod:`kenning.matching.core`) scores it when built."""
    compiled = core.first_pass
    if memo is not None and compiled is not None:
        score, state = compiled(query, candidate, memo, query.person or candidate.person, extra_penalty, False, None)
        if state == 0:
            return score
    return _align(query, candidate, extra_penalty, None, memo)[0]


def name_match(query: Prepared, candidate: Prepared, extra_penalty: float, memo: Memo | None = None) -> NameMatch:
    """Names: parts paired in any order (SURNAME, Given = Given Surname) by spelling, sound and initials.

    The score is the weighted share of the query's parts found in the listed name; listed parts the query
    lacks (middle names, patronymics) cost a little, up to one part's worth; query parts the listed name
    lacks cost fully. Weak parts (legal forms such as LLC, stop words) count for little, and a name must
    pair at least one strong part well to score at all.
    """
    chosen: list[tuple[int, int, float]] = []
    score, used_q, used_c = _align(query, candidate, extra_penalty, chosen, memo)
    pairs = tuple((query.tokens[i], candidate.tokens[j], s) for i, j, s in chosen)
    return NameMatch(score, pairs, tuple(t for i, t in enumerate(query.tokens) if i not in used_q),
                     tuple(t for j, t in enumerate(candidate.tokens) if j not in used_c))


def _near_day(a: str, b: str) -> bool:
    """The same year with day and month swapped, or the same month a few days apart: a slip in writing
    the date more likely than another person."""
    if len(a) != 10 or len(b) != 10 or a[:4] != b[:4]:
        return False
    if a[5:7] == b[8:10] and a[8:10] == b[5:7]:
        return True
    return a[:7] == b[:7] and abs(int(a[8:10]) - int(b[8:10])) <= 3


def _date_relation(a: str, b: str) -> int:
    """3 same day, 2 same month, 1 same year, 0 near (a year apart, or a likely slip), -1 conflict."""
    if a == b and len(a) == 10:
        return 3
    common = min(len(a), len(b))
    if a[:common] == b[:common]:
        return 2 if common >= 7 else 1
    if _near_day(a, b):
        return 0
    if a[:4].isdigit() and b[:4].isdigit() and abs(int(a[:4]) - int(b[:4])) <= 1 and common < 10:
        return 0
    return -1


def birth_date(query: tuple[str, ...], listed: tuple[str, ...]) -> Verdict | None:
    """Birth dates: the same day is strong support, the same month or year weaker; a listed date
    that differs from every query date (by more than a year when only the year is known) is strong
    counter-evidence. Day and month swapped, or a few days apart, reads as a slip and says nothing; so
    does no date on either side."""
    if not query or not listed:
        return None
    best, best_pair = -2, ("", "")
    for a in query:
        for b in listed:
            relation = _date_relation(a, b)
            if relation > best:
                best, best_pair = relation, (a, b)
    words = {3: "the same day", 2: "the same month", 1: "the same year", 0: "close (a likely slip or a year apart)"}
    if best >= 0:
        return Verdict(best / 3, f"query {best_pair[0]} and listed {best_pair[1]}: {words[best]}")
    return Verdict(-1.0, f"query {', '.join(query)} conflicts with listed {', '.join(listed)}")


def country(query: frozenset[str], listed: frozenset[str]) -> Verdict | None:
    """Countries (nationality, citizenship, addresses, flag): a shared country supports the match;
    listed countries that all differ from the query's weaken it a little."""
    if not query or not listed:
        return None
    shared = query & listed
    if shared:
        return Verdict(1.0, f"shared country: {', '.join(sorted(shared))}")
    return Verdict(-1.0, f"query {', '.join(sorted(query))} vs listed {', '.join(sorted(listed))}")


def identifier(query: frozenset[str], listed: frozenset[str]) -> Verdict | None:
    """Identifier numbers (passport, national ID, tax, registration, IMO...): the same number, ignoring
    spaces and punctuation, is strong evidence of the same party."""
    if not query or not listed:
        return None
    shared = query & listed
    if shared:
        return Verdict(1.0, f"same number: {', '.join(sorted(shared))}")
    return None
