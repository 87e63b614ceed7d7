"""kenning-v2's bound of what other readings can give is an upper bound of the score they do give, and
scoring with a floor leaves every verdict at or above the floor exactly as it was.

Pairs are generated (fixed seed) the way screening meets them (``test_core``'s variants: parts reordered,
dropped, mistyped, as initials, split, joined, cut short, a legal form or particle added, other names).
"""

from __future__ import annotations

import pytest
from test_core import PAIRS

from kenning.matching import core
from kenning.matching.algorithms import kenning_v2
from kenning.matching.align_v2 import _align, _first_letter
from kenning.matching.features import Memo, Prepared, fill_memo
from kenning.matching.records import EntityRecord, NameRecord, QueryRecord
from kenning.matching.similarity_v2 import similarity_matrix_v2
from kenning.matching.types import Query


@pytest.mark.parametrize("penalty", [0.5, 0.0])
def test_the_bound_is_never_below_the_score(penalty: float) -> None:
    bounded = 0
    for q, c in PAIRS:
        memo: Memo = {}
        fill_memo(q, [c], memo, similarity_matrix_v2)
        exact, _reading, _ = _align(q, c, penalty, memo)
        bound, _none, is_exact = _align(q, c, penalty, memo, enough=lambda _b: False)
        if not is_exact:
            bounded += 1
            assert bound >= exact, (q.original, c.original, bound, exact)
    assert bounded > 300  # the generated pairs do reach the other readings


def _record(q: Prepared) -> QueryRecord:
    return QueryRecord(Query(names=(q.original,)), (), (q,), (), frozenset(), frozenset(), ({},))


@pytest.mark.parametrize("floor", [0.5, 0.7, 0.85])
def test_a_floor_changes_only_verdicts_below_it(floor: float) -> None:
    lowered = 0
    for n, (q, c) in enumerate(PAIRS):
        candidate = EntityRecord(f"x-{n}", "x", "Person" if c.person else "Company", c.original,
                                 (NameRecord(0, "name", c),), (), frozenset(), frozenset())
        exact = kenning_v2.score(_record(q), candidate, None, False).score
        floored = kenning_v2.score(_record(q), candidate, None, False, floor).score
        if exact >= floor or floored >= floor:
            assert floored == exact, (q.original, c.original)
        lowered += floored != exact
    assert lowered > 0  # the floor does skip work on these pairs


def test_the_compiled_core_gives_the_same_bound() -> None:
    """The compiled first pass returns the bound when other readings are due: the reference's number."""
    assert core.first_pass is not None
    compared = 0
    for q, c in PAIRS:
        memo: Memo = {}
        fill_memo(q, [c], memo, similarity_matrix_v2)
        score, state = core.first_pass(q, c, memo, q.person or c.person, 0.5, True, _first_letter)
        if state == 1:
            bound, _none, is_exact = _align(q, c, 0.5, memo, enough=lambda _b: False)
            assert not is_exact and score == bound, (q.original, c.original, score, bound)
            compared += 1
    assert compared > 300


@pytest.mark.parametrize("floor", [0.5, 0.7, 0.85])
def test_the_ceiling_is_never_below_the_score(floor: float) -> None:
    """Monitoring skips a candidate whose ceiling is below the threshold: the ceiling must never be below
    the exact score, whatever qualifiers the pair has (birth dates the same, one slip away or conflicting;
    countries shared or not; an identifier shared)."""
    dates = [(), ("1970-01-01",), ("1970-01-02",), ("1981-05-17",)]
    countries = [frozenset(), frozenset({"ru"}), frozenset({"ir"})]
    ids = [frozenset(), frozenset({"AB12345"})]
    skipped = reached = 0
    for n, (q, c) in enumerate(PAIRS):
        candidate = EntityRecord(f"x-{n}", "x", "Person" if c.person else "Company", c.original,
                                 (NameRecord(0, "name", c),), ("1970-01-01",), frozenset({"ru"}),
                                 frozenset({"AB12345"}))
        record = QueryRecord(Query(names=(q.original,)), (), (q,), dates[n % 4], countries[n % 3], ids[n % 2], ({},))
        kenning_v2.prefill(record, [c])
        exact = kenning_v2.score(record, candidate, None, False).score
        top = kenning_v2.ceiling(record, candidate, None, floor)
        assert top >= exact - 1e-12, (q.original, c.original, top, exact)
        skipped += top < floor
        reached += exact >= floor
    assert skipped > 100 and reached > 100  # the generated pairs fall on both sides
