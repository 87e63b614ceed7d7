"""How alike two name parts are, and names prepared for scoring.

The rules (each pair of parts is compared in its canonical form and as written, the better counts):
equal parts score 1; a few typing errors score 1 - 0.6 x edits / length, where the edits allowed grow
with length (none up to 3 letters, 1 up to 7, 2 up to 11, 3 beyond; a swap of two neighbouring letters is
one edit); the same phonetic key with at least 60 % of the letters in common scores 0.85; in people's
names a single-letter initial scores 0.75 against a part starting with it. Parts are compared a whole
query at a time with rapidfuzz's ``cdist`` (C, vectorised), and the pairings are memoised per query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from kenning.names import NameAnalysis, phonetic_key

__all__ = ["INITIAL", "MIN_PAIR", "PHONETIC", "WEAK_WEIGHT", "Matrix", "MatrixFn", "Memo", "Prepared", "fill_memo",
           "initials_matrix", "prepare", "similarity_matrix", "token_similarity"]

#: Similarity of a single-letter initial to a name part starting with that letter.
INITIAL = 0.75
#: Similarity of two spellings with the same phonetic key (and most letters in common).
PHONETIC = 0.85
#: Weight of a weak part (legal form, stop word, name particle) relative to a strong one.
WEAK_WEIGHT = 0.2
#: Lowest part similarity counted as a pairing at all.
MIN_PAIR = 0.5

Matrix = npt.NDArray[np.float64]
#: Per query name: for a listed part (canonical, as written, whether initials count), the query parts
#: it pairs with and how well.
Memo = dict[tuple[str, str, bool], tuple[tuple[int, float], ...]]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A name ready for scoring: its parts (canonical and as written), which are weak, their weights."""

    original: str
    tokens: tuple[str, ...]
    raw: tuple[str, ...]
    weak: tuple[bool, ...]
    weights: tuple[float, ...]
    total: float
    person: bool
    #: Index of the part written last (which a length limit may have cut short), -1 if none.
    final: int = -1


#: Endings of patronymics: they say less about who someone is than a given name or surname does.
_PATRONYMIC = ("ovich", "evich", "ovych", "evych", "ovic", "ovna", "evna", "ivna", "ichna")


def prepare(analysis: NameAnalysis, rarity: dict[str, float] | None = None) -> Prepared:
    """Weigh a name's parts once: weak parts little, initials and patronymics half, rare parts more than
    common ones."""
    person = analysis.kind == "person"
    weights = []
    for token, weak in zip(analysis.canonical, analysis.weak, strict=True):
        weight = WEAK_WEIGHT if weak else (rarity.get(token, 1.0) if rarity else 1.0)
        half = len(token) == 1 or (analysis.kind in ("person", "entity") and len(token) > 6
                                   and token.endswith(_PATRONYMIC))
        weights.append(weight * (0.5 if half else 1.0))
    return Prepared(analysis.original, analysis.canonical, analysis.tokens, analysis.weak, tuple(weights),
                    sum(weights), person, -1 if analysis.final is None else analysis.final)


def _lengths(parts: Sequence[str]) -> npt.NDArray[np.int64]:
    return np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))


def _matrix(a: Sequence[str], b: Sequence[str]) -> Matrix:
    distance = cdist(a, b, scorer=OSA.distance, dtype=np.int32)
    la, lb = _lengths(a)[:, None], _lengths(b)[None, :]
    longest = np.maximum(np.maximum(la, lb), 1)
    allowed = (longest >= 4).astype(np.int64) + (longest >= 8) + (longest >= 12)
    score = np.where(distance <= allowed, 1.0 - 0.6 * distance / longest, 0.0)
    keys_a = np.array([phonetic_key(x) for x in a], dtype=object)[:, None]
    keys_b = np.array([phonetic_key(x) for x in b], dtype=object)[None, :]
    sounds = (keys_a == keys_b) & (la > 2) & (lb > 2) & (distance <= 0.4 * longest)
    return np.where(sounds & (score < PHONETIC), PHONETIC, score)


def initials_matrix(matrix: Matrix, a: Sequence[str], b: Sequence[str]) -> Matrix:
    """``matrix`` with every pair that involves a one-letter part scored as an initial (people's names)."""
    la, lb = _lengths(a)[:, None], _lengths(b)[None, :]
    single = (la == 1) | (lb == 1)
    if not single.any():
        return matrix
    first_a = np.array([x[:1] for x in a], dtype=object)[:, None]
    first_b = np.array([x[:1] for x in b], dtype=object)[None, :]
    initial = np.where(first_a == first_b, np.where(la == lb, 1.0, INITIAL), 0.0)
    return np.where(single, initial, matrix)


def similarity_matrix(q_tokens: Sequence[str], q_raw: Sequence[str], c_tokens: Sequence[str],
                      c_raw: Sequence[str], person: bool = False) -> Matrix:
    """Similarity of every query part with every listed part (canonical or as written, the better)."""
    matrix = _matrix(q_tokens, c_tokens)
    if list(q_raw) != list(q_tokens) or list(c_raw) != list(c_tokens):
        matrix = np.maximum(matrix, _matrix(q_raw, c_raw))
    return initials_matrix(matrix, q_tokens, c_tokens) if person else matrix


def token_similarity(a: str, b: str, person: bool = False) -> float:
    """Two parts (one of each side), by the rules above."""
    return float(similarity_matrix([a], [a], [b], [b], person)[0, 0])


#: (query parts, as written, listed parts, as written, person) -> similarity of every pair.
MatrixFn = Callable[[Sequence[str], Sequence[str], Sequence[str], Sequence[str], bool], Matrix]


def fill_memo(query: Prepared, names: Iterable[Prepared], memo: Memo, matrix: MatrixFn | None = None) -> None:
    """Compute, in one vectorised pass, the pairings of the query's parts with every part of ``names``
    that the memo does not have yet (by ``matrix``, default :func:`similarity_matrix`)."""
    wanted: dict[tuple[str, str, bool], None] = {}
    for name in names:
        person = query.person or name.person
        for token, raw in zip(name.tokens, name.raw, strict=True):
            if (token, raw, person) not in memo:
                wanted[(token, raw, person)] = None
    if not wanted:
        return
    parts = list(dict.fromkeys((t, r) for t, r, _p in wanted))
    column = {part: j for j, part in enumerate(parts)}
    tokens, raws = [t for t, _r in parts], [r for _t, r in parts]
    plain = (matrix or similarity_matrix)(query.tokens, query.raw, tokens, raws, False)
    people = initials_matrix(plain, query.tokens, tokens) if any(p for _t, _r, p in wanted) else plain
    for flag, scores in ((False, plain), (True, people)):
        rows, cols = np.nonzero(scores >= MIN_PAIR)
        found: dict[int, list[tuple[int, float]]] = {}
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            found.setdefault(j, []).append((i, float(scores[i, j])))
        for token, raw, person in wanted:
            if person == flag:
                memo[(token, raw, person)] = tuple(found.get(column[(token, raw)], ()))
