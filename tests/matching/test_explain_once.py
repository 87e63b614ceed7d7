"""Results are explained from the pairing ranking found, not scored a second time, and the explanation
is the same, word for word and number for number, as scoring the entry again with ``explain=True``.

Queries are generated (fixed seed) from names on the bundled lists the way screening meets them: parts
reordered, dropped, mistyped, cut short, given as initials, run together; with and without a birth date
and a country; people, organisations and any kind of party; and names on no list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kenning.matching import Screener
from kenning.matching.algorithms import kenning_v1, kenning_v2
from kenning.matching.parties import screen_parties
from kenning.matching.types import Result
from screenkit import generated_queries

pytestmark = pytest.mark.slow

ALGORITHMS = ("kenning-v2", "kenning-v1")


def _as_compared(result: Result) -> tuple[object, ...]:
    features = {k: (v.score, v.weight, v.detail, v.query, v.candidate) for k, v in result.explanation.items()}
    return result.to_dict(), features, result.matched_name


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_explanations_equal_scoring_again(bundled_home: Path, algorithm: str) -> None:
    screener = Screener.open()
    compared = 0
    for query in generated_queries(screener, 300):
        ranking, scored = screener.rank(query, 10, None, algorithm)
        for scoring in scored[:10]:
            again = ranking.algorithm.score(ranking.record, scoring.entity, scoring.names or None, True)
            expected = screener._result(scoring.entity, again, ranking.cutoff)
            assert _as_compared(screener.result(ranking, scoring, True)) == _as_compared(expected), query
            compared += 1
    assert compared > 1000


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_screening_scores_each_candidate_once(bundled_home: Path, algorithm: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Each ranked candidate's names are scored once: explaining the results scores none again."""
    module = kenning_v2 if algorithm == "kenning-v2" else kenning_v1
    calls: list[int] = []
    scored_by = module._best_name

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return scored_by(*args, **kwargs)  # type: ignore[arg-type]

    screener = Screener.open()
    for query in generated_queries(screener, 60, seed=7):
        calls.clear()
        monkeypatch.setattr(module, "_best_name", counting)
        results = screener.screen(query, limit=10, algorithm=algorithm)
        monkeypatch.setattr(module, "_best_name", scored_by)
        ranking, _ranked = screener.rank(query, 10, None, algorithm)
        assert len(calls) == len(screener.candidates(ranking.record))
        assert all(r.explanation["name"].detail for r in results)


def test_party_results_are_explained_as_before(bundled_home: Path) -> None:
    """One result per party: the party's best entry is explained the same way (its other entries too)."""
    screener = Screener.open()
    for query in generated_queries(screener, 80, seed=11):
        ranking, _scored = screener.rank(query, 5, None, None)
        for result in screen_parties(screener, query, limit=5):
            entity = screener.entity(result.id)
            assert entity is not None
            names = [s.names for s in _scored if s.entity.id == result.id]
            again = ranking.algorithm.score(ranking.record, entity, (names[0] if names else ()) or None, True)
            expected = screener._result(entity, again, ranking.cutoff)
            assert _as_compared(result)[1:] == _as_compared(expected)[1:], query
