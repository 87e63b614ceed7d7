"""The compiled scoring core gives the pure-Python reference's name scores, for both algorithms.

Pairs are generated (fixed seed) the way screening meets them: a listed name and a variant of it (parts
reordered, dropped, mistyped, as initials, split, joined, cut short, a legal form or particle added) or
another name sharing parts, for people and organisations. ``bench.screening_identical`` checks the same
on every case of the screening dev set.
"""

from __future__ import annotations

import random

import pytest

from kenning.matching import core
from kenning.matching.align_v2 import name_score_v2
from kenning.matching.features import Memo, Prepared, fill_memo, name_score, prepare
from kenning.matching.similarity_v2 import similarity_matrix_v2
from kenning.names import analyze

PARTS = ["mohammed", "muhammad", "ali", "hassan", "kim", "jong", "un", "sergei", "sergey", "ivanovich", "petrov",
         "petrova", "abdul", "rahman", "al", "bin", "garcia", "maria", "luisa", "vladimir", "vladimirovich",
         "yevgeniy", "prigozhin", "viktor", "bout", "ahmad", "ahmed", "hussein", "sadio", "awmohamed", "chen",
         "wei", "zhang", "juan", "carlos", "lopez", "rosneft", "petroleum", "trading", "shipping", "global"]
FORMS = ["", "llc", "ltd", "jsc", "co"]


def _variant(rng: random.Random, parts: list[str]) -> list[str]:
    out = list(parts)
    kind = rng.randrange(9)
    k = rng.randrange(len(out))
    if kind == 0:
        rng.shuffle(out)
    elif kind == 1 and len(out) > 1:
        del out[k]
    elif kind == 2 and len(out[k]) > 3:
        p = rng.randrange(1, len(out[k]) - 1)
        out[k] = out[k][:p] + out[k][p + 1] + out[k][p] + out[k][p + 2:]
    elif kind == 3:
        out[k] = out[k][0]
    elif kind == 4 and len(out[k]) > 4:
        out[k:k + 1] = [out[k][:2], out[k][2:]]
    elif kind == 5 and k + 1 < len(out):
        out[k:k + 2] = [out[k] + out[k + 1]]
    elif kind == 6:
        out[-1] = out[-1][: max(3, len(out[-1]) - 3)]
    elif kind == 7:
        out.append(rng.choice(FORMS[1:]) if rng.random() < 0.5 else "al")
    else:
        out = rng.sample(PARTS, rng.randint(1, 4)) + out[:1]
    return out


def _pairs(count: int) -> list[tuple[Prepared, Prepared]]:
    rng = random.Random(20261203)
    found = []
    for _ in range(count):
        schema = rng.choice(["Person", "Person", "Company", "LegalEntity"])
        listed = rng.sample(PARTS, rng.randint(1, 4))
        query = _variant(rng, listed)
        a, b = analyze(" ".join(query), schema), analyze(" ".join(listed), schema)
        if not a.is_empty and not b.is_empty:
            found.append((prepare(a), prepare(b)))
    return found


PAIRS = _pairs(4000)


def test_the_compiled_core_is_built() -> None:
    """``make`` builds it; without it screening would silently run the slower reference."""
    assert core.COMPILED


@pytest.mark.parametrize("penalty", [0.5, 0.0])
def test_kenning_v1_name_scores_equal_the_reference(penalty: float) -> None:
    differ = []
    for q, c in PAIRS:
        memo: Memo = {}
        fill_memo(q, [c], memo)
        fast = name_score(q, c, penalty, memo)
        with core.python_reference():
            slow = name_score(q, c, penalty, memo)
        if abs(fast - slow) > 1e-9:
            differ.append((q.original, c.original, fast, slow))
    assert not differ
    assert sum(1 for q, c in PAIRS if name_score(q, c, penalty, {}) > 0) > len(PAIRS) // 3  # real matches too


def test_kenning_v2_name_scores_equal_the_reference() -> None:
    differ, other_readings = [], 0
    for q, c in PAIRS:
        memo: Memo = {}
        fill_memo(q, [c], memo, similarity_matrix_v2)
        assert core.first_pass is not None
        _score, state = core.first_pass(q, c, memo, q.person or c.person, 0.5, True, lambda p: p[:1])
        other_readings += state == 1
        fast = name_score_v2(q, c, 0.5, memo)
        with core.python_reference():
            slow = name_score_v2(q, c, 0.5, memo)
        if abs(fast - slow) > 1e-9:
            differ.append((q.original, c.original, fast, slow))
    assert not differ
    assert 0 < other_readings < len(PAIRS)  # both the compiled path and the hand-back were exercised


def test_a_listed_part_missing_from_the_memo_is_handed_back() -> None:
    q, c = PAIRS[0]
    assert core.first_pass is not None
    assert core.first_pass(q, c, {}, q.person, 0.5, False, None) == (0.0, 2)
    memo: Memo = {}
    with core.python_reference():
        expected = name_score(q, c, 0.5, {})
    assert name_score(q, c, 0.5, memo) == pytest.approx(expected, abs=1e-12)
    assert memo  # the Python path filled it
