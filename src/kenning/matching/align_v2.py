"""``kenning-v2``'s alignment of two names: v1's pairing of parts, then other readings.

First the parts pair one to one, best similarity first (as in v1, with v2's part similarity). When parts
are left over, four more readings join the competition and the pairing is made again, best first:

- a part **split by a stray space** ("Sad io", "Vik torovich"): two neighbouring query parts joined
  compared with one listed part;
- a **missing space, hyphen or particle** ("AWMOHAMED" for "AW-MOHAMED"): one query part compared with
  two neighbouring listed parts joined;
- a **truncated last part** ("PRIGOZHIN, Yevg"): the part written last, three letters or more and not
  itself a known name of five letters or more ("Serra" is a surname, not a cut "Serrano"), is the start
  of a listed part (a known name cut before a patronymic ending, "Vladimir" of "Vladimirovich", counts);
  it scores :data:`PREFIX_BASE` plus up to :data:`PREFIX_SPAN` by how much of the listed part it covers,
  and the explanation says so. When the last part is the start of the listed part it pairs with (by
  this reading or by spelling), the listed parts the query lacks cost nothing: the cut explains them;
- a **loose pairing** of two parts left over on both sides that start alike and share most letters
  (two typing errors in one part: "Juns" for "Juan") at :data:`LOOSE`.

Joined readings score their similarity times :data:`JOIN` and count as one part. The name score is then
v1's: the weighted share of the query's parts found, listed parts the query lacks costing a little.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from kenning.matching import core
from kenning.matching.features import NameMatch, part_pairs
from kenning.matching.similarity import Memo, Prepared
from kenning.matching.similarity_v2 import similarity_matrix_v2, token_similarity_v2
from kenning.names import is_known_name
from kenning.names.phonetic import ocr_fold, split_ending

__all__ = ["JOIN", "PREFIX_BASE", "PREFIX_SPAN", "Reading", "name_bounded_v2", "name_match_v2", "name_reading_v2",
           "name_score_v2",
           "one_to_one_match_v2"]

#: A joined reading's similarity is multiplied by this (a little less sure than a part as written).
JOIN = 0.95
#: A truncated last part: this much, plus PREFIX_SPAN times the share of the listed part it covers.
PREFIX_BASE, PREFIX_SPAN = 0.7, 0.25
#: Shortest truncated part read as a prefix; from this many letters a part that is itself a known name
#: ("Serra") is not read as cut short ("Serrano").
MIN_PREFIX, KNOWN_NAME_LETTERS = 3, 5
#: Shortest ending read as a patronymic one (-ovich, -evna...; not the feminine -a of Orlova).
PATRONYMIC_ENDING = 4
#: Lowest similarity at which a joined or truncated reading counts.
MIN_EXTRA = 0.8
#: A joined reading is compared only with a part at most this many letters longer or shorter.
MAX_LENGTH_GAP = 3
#: Two parts left over on both sides that start alike and share most letters ("juns" / "juan" after two
#: typing errors) pair loosely at this similarity; from this many letters, at this normalised similarity.
LOOSE, MIN_LOOSE, LOOSE_SIMILARITY = 0.6, 4, 0.6


@dataclass(slots=True)
class _Pairing:
    score: float
    query: tuple[int, ...]
    listed: tuple[int, ...]
    note: str = ""


@dataclass(slots=True)
class Reading:
    """How the parts of two names paired once other readings were tried (kept to explain the score)."""

    chosen: list[_Pairing] = field(default_factory=list)
    used_q: set[int] = field(default_factory=set)
    used_c: set[int] = field(default_factory=set)

    def take(self, pairing: _Pairing) -> None:
        if self.used_q.intersection(pairing.query) or self.used_c.intersection(pairing.listed):
            return
        self.used_q.update(pairing.query)
        self.used_c.update(pairing.listed)
        self.chosen.append(pairing)


def _prefix(q: Prepared, c: Prepared, i: int, j: int) -> _Pairing | None:
    short, full = q.raw[i], c.raw[j]
    if not short.isalpha() or not _looks_cut(short, full, c.tokens[j].startswith(q.tokens[i])):
        return None
    score = PREFIX_BASE + PREFIX_SPAN * len(short) / len(full)
    return _Pairing(score, (i,), (j,), f"{short}: read as the start of {full} (the last part looks cut short)")


def _looks_cut(short: str, full: str, canonical_prefix: bool = False) -> bool:
    """Whether the query's last part ``short`` reads as the listed part ``full`` cut short: its start (as
    written, or in canonical form), three letters or more, and not itself a known name of five letters or
    more ("Serra" is not "Serrano", "Orlov" not "Orlova") unless ``full`` is that name with a patronymic
    ending ("Vladimir" of "Vladimirovich")."""
    if len(short) < MIN_PREFIX or len(full) <= len(short) or not (full.startswith(short) or canonical_prefix):
        return False
    if len(short) < KNOWN_NAME_LETTERS or not is_known_name(short):
        return True
    split = split_ending(full)
    return (split is not None and split[1].stem_is_name and len(split[1].suffix) >= PATRONYMIC_ENDING
            and split[0].startswith(short[: len(split[0])]))


def _joined(joined: str, parts: tuple[int, int], others: list[tuple[int, str]], person: bool, query_side: bool,
            note: str) -> list[_Pairing]:
    """Pairings of two neighbouring parts of one side, joined, with single parts of the other side."""
    found = []
    for k, other in others:
        if abs(len(joined) - len(other)) > MAX_LENGTH_GAP:
            continue
        s = JOIN * (token_similarity_v2(joined, other, person) if query_side
                    else token_similarity_v2(other, joined, person))
        if s >= MIN_EXTRA:
            found.append(_Pairing(s, parts, (k,), f"{note}, {other}") if query_side
                         else _Pairing(s, (k,), parts, f"{other}: {note}"))
    return found


def _extras(q: Prepared, c: Prepared, left_q: list[int], left_c: list[int],
            taken_q: frozenset[int] = frozenset(), taken_c: frozenset[int] = frozenset()) -> list[_Pairing]:
    """Joined, truncated and loose readings of the parts ``left_q`` and ``left_c`` (``taken_*``: those of
    them a first pairing found, which only joined and truncated readings may take over)."""
    person = q.person or c.person
    found: list[_Pairing] = []
    for i, i2 in itertools.pairwise(left_q):
        if i2 == i + 1:
            found.extend(_joined(q.raw[i] + q.raw[i2], (i, i2), [(j, c.raw[j]) for j in left_c], person, True,
                                 f"{q.raw[i]} {q.raw[i2]}: read as one part"))
    for j, j2 in itertools.pairwise(left_c):
        if j2 == j + 1:
            found.extend(_joined(c.raw[j] + c.raw[j2], (j, j2), [(i, q.raw[i]) for i in left_q], person, False,
                                 f"read as {c.raw[j]} {c.raw[j2]} joined"))
    if q.final in left_q:
        found.extend(p for j in left_c if (p := _prefix(q, c, q.final, j)) is not None)
    unpaired_c = [j for j in left_c if j not in taken_c]
    for i in left_q:
        if i in taken_q or q.weak[i] or len(q.raw[i]) < MIN_LOOSE:
            continue
        for j in unpaired_c:
            if _loosely_alike(q.raw[i], c.raw[j]):
                found.append(_Pairing(LOOSE, (i,), (j,), f"{q.raw[i]}~{c.raw[j]}: spelt quite differently"))
    found.sort(key=lambda p: -p.score)
    return found


def _loosely_alike(a: str, b: str) -> bool:
    """The same first and last letters, four letters or more, and at least 60 % of the letters in common
    ("arney" / "andrey", not "abbas" / "akbar" nor "zhao" / "zhang")."""
    return (a[:1] == b[:1] and a[-1:] == b[-1:] and len(b) >= MIN_LOOSE and a.isalpha()
            and Levenshtein.normalized_similarity(a, b) >= LOOSE_SIMILARITY)


def _align(q: Prepared, c: Prepared, extra_penalty: float, memo: Memo, always_state: bool = False,
           enough: Callable[[float], bool] | None = None) -> tuple[float, Reading | None, bool]:
    """(name score, how the parts paired when other readings were tried or ``always_state``, exact). When
    other readings would be tried and ``enough`` says the bound of the score they could reach
    (:func:`_bound`) is not enough, they are not: the bound is returned, not exact."""
    pairs = part_pairs(q, c, memo, similarity_matrix_v2)
    used_q: set[int] = set()
    used_c: set[int] = set()
    chosen: list[tuple[float, int, int]] = []
    for s, i, j in pairs:
        if i not in used_q and j not in used_c:
            used_q.add(i)
            used_c.add(j)
            chosen.append((s, i, j))
    if not _worth_more(q, c, used_q, used_c, chosen):
        if not always_state:
            return _score_singles(q, c, extra_penalty, chosen, used_c), None, True
        state = Reading()
        for s, i, j in chosen:
            state.take(_Pairing(s, (i,), (j,)))
        return _score(q, c, extra_penalty, state), state, True
    unsure_q = {i for s, i, _j in chosen if s < JOIN}
    unsure_c = {j for s, _i, j in chosen if s < JOIN}
    left_q = [i for i in range(len(q.tokens)) if i not in used_q or i in unsure_q]
    left_c = [j for j in range(len(c.tokens)) if j not in used_c or j in unsure_c]
    if not _may_read_otherwise(q, c, left_q, left_c):
        if not always_state:
            return _score_singles(q, c, extra_penalty, chosen, used_c), None, True
        left_q = left_c = []
    elif enough is not None and not enough(bound := _bound(q, c, pairs, left_q, left_c, used_q, used_c)):
        return bound, None, False
    extras = _extras(q, c, left_q, left_c, frozenset(used_q), frozenset(used_c))
    state = Reading()
    for pairing in sorted([_Pairing(s, (i,), (j,)) for s, i, j in pairs] + extras, key=lambda p: -p.score):
        state.take(pairing)
    return _score(q, c, extra_penalty, state), state, True


def _bound(q: Prepared, c: Prepared, pairs: list[tuple[float, int, int]], left_q: list[int], left_c: list[int],
           used_q: set[int], used_c: set[int]) -> float:
    """An upper bound of the score the other readings can give, computed without trying them.

    The score is (sum over pairings of similarity x mean weight of both sides) / (the query's weight, a
    joined query pairing counting its two parts' mean once, plus the cost of listed parts left over). Each
    query part is given the best ratio any pairing holding it could have — its pairings by spelling, and
    the other readings its letters allow at their highest similarity (:data:`JOIN`; a loose one
    :data:`LOOSE`), with the heaviest listed part left over — and counted whole or, where two neighbouring
    parts left over may be read as one, at half weight, whichever is higher."""
    qw, cw = q.weights, c.weights
    if not left_c or min(qw, default=0.0) <= 0:
        return 1.0
    rho = [0.0] * len(qw)
    for s, i, j in pairs:
        rho[i] = max(rho[i], s * (qw[i] + cw[j]) / (2 * qw[i]))
    heaviest = max(cw[j] for j in left_c)
    joined_c = [len(c.raw[j]) + len(c.raw[j + 1]) for j in left_c if j + 1 in left_c]
    loose_c = {(c.raw[j][:1], c.raw[j][-1:]) for j in left_c if j not in used_c and len(c.raw[j]) >= MIN_LOOSE}
    halves: set[int] = set()
    for i in left_q:
        part, best = q.raw[i], 0.0
        if any(abs(n - len(part)) <= MAX_LENGTH_GAP for n in joined_c) or (i == q.final and any(
                c.raw[j].startswith(part) or c.tokens[j].startswith(q.tokens[i]) for j in left_c)):
            best = JOIN
        elif i not in used_q and not q.weak[i] and len(part) >= MIN_LOOSE and (part[:1], part[-1:]) in loose_c:
            best = LOOSE
        rho[i] = max(rho[i], best * (qw[i] + heaviest) / (2 * qw[i]))
        if i + 1 in left_q and any(abs(len(part) + len(q.raw[i + 1]) - len(c.raw[j])) <= MAX_LENGTH_GAP
                                   for j in left_c):
            mean = (qw[i] + qw[i + 1]) / 2
            rho[i] = rho[i + 1] = max(rho[i], rho[i + 1], JOIN * (mean + heaviest) / (2 * mean))
            halves.update((i, i + 1))
    return min(_best_share(qw, rho, halves), 1.0) + 1e-9


def _best_share(weights: tuple[float, ...], rho: list[float], halves: set[int]) -> float:
    """max of sum(d_i w_i rho_i) / sum(d_i w_i) with d_i 1, or 1/2 for the parts in ``halves``: the parts
    of the highest ratios count whole, the rest of ``halves`` half (every split tried)."""
    flexible = sorted(sorted(halves), key=lambda i: -rho[i])
    top, bottom = 0.0, 0.0
    for i, (w, r) in enumerate(zip(weights, rho, strict=True)):
        if i not in halves:
            top, bottom = top + w * r, bottom + w
    best = 0.0
    for k in range(len(flexible) + 1):
        num = top + sum(weights[i] * rho[i] for i in flexible[:k]) + sum(weights[i] * rho[i] / 2 for i in flexible[k:])
        den = bottom + sum(weights[i] for i in flexible[:k]) + sum(weights[i] / 2 for i in flexible[k:])
        best = max(best, num / den if den > 0 else 0.0)
    return best


def _may_read_otherwise(q: Prepared, c: Prepared, left_q: list[int], left_c: list[int]) -> bool:
    """A cheap test that some other reading can exist: parts that start alike on both sides, OCR
    look-alikes read as one letter (a joined reading starts with its first part, a cut or loosely spelt
    part with the listed part's letter: "5TASHlNA" may be "Stashina")."""
    if not left_q or not left_c:
        return False
    firsts = {_first_letter(c.raw[j]) for j in left_c}
    return any(_first_letter(q.raw[i]) in firsts for i in left_q)


@lru_cache(maxsize=1 << 16)
def _first_letter(part: str) -> str:
    """The first letter of a part as OCR may have misread it ("rn" is "m", "5" is "s")."""
    return ocr_fold(part[:2])[:1]


def _worth_more(q: Prepared, c: Prepared, used_q: set[int], used_c: set[int],
                chosen: list[tuple[float, int, int]]) -> bool:
    """Whether other readings may do better: a query part is left over, or a listed part is while some
    pairing is less than sure."""
    if len(used_q) < len(q.tokens):
        return bool(c.tokens)
    return len(used_c) < len(c.tokens) and any(s < JOIN for s, _i, _j in chosen)


def _score_singles(q: Prepared, c: Prepared, extra_penalty: float, chosen: list[tuple[float, int, int]],
                   used_c: set[int]) -> float:
    """v1's score of a one-to-one pairing (the fast path of :func:`_score`)."""
    matched, strong = 0.0, False
    for s, i, j in chosen:
        matched += s * (q.weights[i] + c.weights[j]) / 2
        strong = strong or (s >= 0.8 and not q.weak[i] and len(q.tokens[i]) > 1)
    if not strong:
        return 0.0
    left_c = c.total - sum(c.weights[j] for j in used_c)
    total = q.total + extra_penalty * min(left_c, 1.0)
    return min(matched / total, 1.0) if total > 0 else 0.0


def _score(q: Prepared, c: Prepared, extra_penalty: float, state: Reading) -> float:
    matched, total, strong = 0.0, q.total, False
    for p in state.chosen:
        wq = sum(q.weights[i] for i in p.query) / len(p.query)
        wc = sum(c.weights[j] for j in p.listed) / len(p.listed)
        matched += p.score * (wq + wc) / 2
        total -= sum(q.weights[i] for i in p.query) - wq
        strong = strong or (p.score >= 0.8 and any(not q.weak[i] and len(q.tokens[i]) > 1 for i in p.query))
    if not strong:
        return 0.0
    left_c = c.total - sum(c.weights[j] for j in state.used_c)
    cut_short = any(p.query == (q.final,) and len(p.listed) == 1 and _looks_cut(q.raw[q.final], c.raw[p.listed[0]])
                    for p in state.chosen)
    total += 0.0 if cut_short else extra_penalty * min(left_c, 1.0)
    return min(matched / total, 1.0) if total > 0 else 0.0


def name_score_v2(query: Prepared, candidate: Prepared, extra_penalty: float, memo: Memo) -> float:
    """The name score alone (the fast path of :func:`name_match_v2`): the compiled core's first pass when
    built (:mod:`kenning.matching.core`), the other readings in Python when it says they may do better."""
    return name_reading_v2(query, candidate, extra_penalty, memo)[0]


def name_reading_v2(query: Prepared, candidate: Prepared, extra_penalty: float,
                    memo: Memo) -> tuple[float, Reading | None]:
    """The name score and, when other readings were tried, how the parts paired (for
    :func:`name_match_v2` to explain without trying them again; None: a one-to-one pairing)."""
    compiled = core.first_pass
    if compiled is not None:
        person = query.person or candidate.person
        score, state = compiled(query, candidate, memo, person, extra_penalty, True, _first_letter)
        if state == 0:
            return score, None
    score, reading, _exact = _align(query, candidate, extra_penalty, memo)
    return score, reading


def name_bounded_v2(query: Prepared, candidate: Prepared, extra_penalty: float, memo: Memo,
                    enough: Callable[[float], bool] | None) -> tuple[float, Reading | None, bool]:
    """:func:`name_reading_v2`, and whether the score is exact: when other readings would be tried and
    ``enough`` rejects the upper bound of what they could reach (:func:`_bound`), that bound is returned
    instead (not exact) and they are not tried."""
    compiled = core.first_pass
    if compiled is not None:
        person = query.person or candidate.person
        score, state = compiled(query, candidate, memo, person, extra_penalty, True, _first_letter)
        if state == 0:
            return score, None, True
        if state == 1:  # the score is the bound
            if enough is not None and not enough(score):
                return score, None, False
            return _align(query, candidate, extra_penalty, memo)
    return _align(query, candidate, extra_penalty, memo, enough=enough)


def name_match_v2(query: Prepared, candidate: Prepared, extra_penalty: float, memo: Memo,
                  reading: Reading | None = None) -> NameMatch:
    """Names: parts paired in any order by spelling, sound, initials, OCR look-alikes and consonants; parts
    split by a stray space or run together read as one, and a last part cut short read as the start of
    a listed part (the explanation says so). The score is the weighted share of the query's parts found
    in the listed name; listed parts the query lacks cost a little, up to one part's worth; weak parts
    (legal forms, particles, suffixes such as Jr. or III, honorifics) count for little; a name must pair
    at least one strong part well to score at all."""
    if reading is None:
        score, state, _exact = _align(query, candidate, extra_penalty, memo, always_state=True)
        assert state is not None
    else:
        score, state = _score(query, candidate, extra_penalty, reading), reading
    return _as_match(query, candidate, score, state)


def one_to_one_match_v2(query: Prepared, candidate: Prepared, extra_penalty: float, memo: Memo) -> NameMatch:
    """:func:`name_match_v2` of a pair that scoring read one to one (no other reading was tried: the
    compiled first pass's score was final), without trying the other readings again."""
    state = Reading()
    for s, i, j in part_pairs(query, candidate, memo, similarity_matrix_v2):
        if i not in state.used_q and j not in state.used_c:
            state.take(_Pairing(s, (i,), (j,)))
    return _as_match(query, candidate, _score(query, candidate, extra_penalty, state), state)


def _as_match(query: Prepared, candidate: Prepared, score: float, state: Reading) -> NameMatch:
    pairs = tuple((" ".join(query.tokens[i] for i in p.query), " ".join(candidate.tokens[j] for j in p.listed),
                   p.score) for p in state.chosen)
    notes = tuple(p.note for p in state.chosen if p.note)
    return NameMatch(score, pairs, tuple(t for i, t in enumerate(query.tokens) if i not in state.used_q),
                     tuple(t for j, t in enumerate(candidate.tokens) if j not in state.used_c), notes)
