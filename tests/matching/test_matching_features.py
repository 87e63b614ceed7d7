"""Feature functions: each rule of the docstrings users read, on real names."""

from __future__ import annotations

from kenning.matching import features as f
from kenning.names import analyze


def _p(name: str, schema: str = "Person") -> f.Prepared:
    return f.prepare(analyze(name, schema))


def test_token_similarity_rules() -> None:
    assert f.token_similarity("perfilev", "perfilev") == 1.0
    assert 0.85 <= f.token_similarity("pikalov", "pikaloff") < 1.0
    assert f.token_similarity("yevgeny", "evgeny") >= 0.85
    assert f.token_similarity("sadio", "state") < f.MIN_PAIR
    assert f.token_similarity("ivan", "igor") == 0.0
    assert f.token_similarity("camara", "kamara") >= 0.85


def test_name_order_does_not_matter_and_comma_means_surname_first() -> None:
    swapped = f.name_score(_p("Smith John"), _p("John Smith"), 0.5)
    same = f.name_score(_p("John Smith"), _p("John Smith"), 0.5)
    assert swapped == same == 1.0
    assert f.name_score(_p("Sadio Camara"), _p("CAMARA, Sadio"), 0.5) == 1.0


def test_missing_parts_cost_and_surname_alone_is_not_enough() -> None:
    full = _p("MASLOV, Ivan Aleksandrovich")
    assert f.name_score(_p("Ivan Maslov"), full, 0.5) >= 0.8
    assert f.name_score(_p("Maslov"), full, 0.5) < 0.7
    assert f.name_score(_p("Igor Maslov"), full, 0.5) < 0.7


def test_initials_pair_with_names() -> None:
    match = f.name_match(_p("S. Camara"), _p("Sadio Camara"), 0.5)
    assert ("s", "sadio", f.INITIAL) in match.pairs
    assert match.score > 0.7


def test_weak_tokens_do_not_carry_a_match() -> None:
    assert f.name_score(_p("CORP", "Company"), _p("ACME CORP", "Company"), 0.5) == 0.0
    wagner = f.name_score(_p("Wagner Group", "Organization"), _p("WAGNER GROUP", "Organization"), 0.5)
    assert wagner == 1.0


def test_explanation_names_pairs_and_leftovers() -> None:
    text = f.name_match(_p("Ivan Maslov"), _p("MASLOV, Ivan Aleksandrovich"), 0.5).describe("a", "b")
    assert "maslov (1.00)" in text and "listed name also has: aleksandrovich" in text


def test_birth_dates() -> None:
    same = f.birth_date(("1979-03-22",), ("1979-03-22",))
    assert same is not None and same.score == 1.0
    year = f.birth_date(("1979",), ("1979-03-22",))
    assert year is not None and 0 < year.score < 1
    conflict = f.birth_date(("1990-01-01",), ("1979-03-22",))
    assert conflict is not None and conflict.score < 0 and "conflicts" in conflict.detail
    assert f.birth_date((), ("1979",)) is None


def test_countries_and_identifiers() -> None:
    shared = f.country(frozenset({"ml"}), frozenset({"ml", "fr"}))
    assert shared is not None and shared.score == 1.0
    other = f.country(frozenset({"ru"}), frozenset({"ml"}))
    assert other is not None and other.score < 0
    ident = f.identifier(frozenset({"DA0004031"}), frozenset({"DA0004031"}))
    assert ident is not None and ident.score == 1.0
    assert f.identifier(frozenset({"X1234"}), frozenset({"DA0004031"})) is None
