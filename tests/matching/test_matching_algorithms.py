"""Scoring algorithms declared as data: every feature they emit is declared with a weight and an
explanation, and the name feature names the two strings it compared."""

from __future__ import annotations

from pathlib import Path

import pytest

from kenning.matching import Query, Screener, compare_queries
from kenning.matching import features as f
from kenning.matching.algorithms import ALGORITHMS, Algorithm, Feature, get_algorithm

#: (query, listed party) pairs that together raise every feature, both supporting and conflicting.
CASES = [
    (Query.build("Ivan Maslov", schema="Person", birth_dates=["1982-07-11"], countries=["ru"],
                 id_numbers=["731 849 424"]),
     Query.build("MASLOV, Ivan Aleksandrovich", schema="Person", birth_dates=["1982-07-11"], countries=["ru"],
                 id_numbers=["731849424"])),
    (Query.build("Ivan Maslov", schema="Person", birth_dates=["1990-01-01"], countries=["fr"]),
     Query.build("Ivan MASLOV", schema="Person", birth_dates=["1982-07-11"], countries=["ru"])),
    (Query.build("Ivan Maslov", schema="Person", birth_dates=["1982"]),
     Query.build("Ivan Maslov", schema="Person", birth_dates=["1983-02-01"])),
    (Query.build("Acme Trading", schema="Company"), Query.build("Ivan Maslov", schema="Company")),
    (Query.build("Maria Garcia", schema="Person"), Query.build("GARCIA, Maria", schema="Person")),
]


@pytest.mark.parametrize("algo", ALGORITHMS.values(), ids=list(ALGORITHMS))
def test_every_emitted_feature_is_declared_with_a_weight_and_an_explanation(algo: Algorithm) -> None:
    declared = {feature.name: feature for feature in algo.features}
    assert declared, f"{algo.name} declares no features"
    for feature in algo.features:
        assert feature.weight != 0 and feature.explanation.strip(), feature
    emitted: set[str] = set()
    for query, listed in CASES:
        scored, _threshold = compare_queries(query, listed, algo.name)
        assert set(scored.explanation) <= set(declared)
        emitted |= set(scored.explanation)
        for name, fs in scored.explanation.items():
            if fs.score > 0:
                assert fs.weight == declared[name].weight, f"{name} supports with an undeclared weight"
    assert emitted == set(declared), "the cases should raise every declared feature"


def test_kenning_v2_is_the_default_and_v1_stays_available() -> None:
    assert get_algorithm(None).name == "kenning-v2"
    assert get_algorithm("kenning-v1").name == "kenning-v1"
    assert [f.name for f in get_algorithm(None).features] == ["name", "birth_date", "country", "identifier",
                                                              "weak_name"]


def test_kenning_v1_features_are_its_documented_functions() -> None:
    algo = get_algorithm("kenning-v1")
    assert [feature.name for feature in algo.features] == ["name", "birth_date", "country", "identifier"]
    assert algo.feature("birth_date") == Feature("birth_date", 0.6, " ".join((f.birth_date.__doc__ or "").split()))
    assert algo.feature("name").weight == 0.95 and algo.feature("identifier").weight == 0.8
    assert algo.explanations["country"] == algo.feature("country").explanation
    with pytest.raises(KeyError):
        algo.feature("gender")
    with pytest.raises(ValueError, match="declares a feature twice"):
        Algorithm("twice", 0.5, "", (algo.features[0], algo.features[0]), algo.score)


@pytest.mark.parametrize(("query", "listed", "expected"), [
    (Query.build("Ivan Maslov", schema="Person"), Query.build("MASLOV, Ivan Aleksandrovich", schema="Person"),
     ("Ivan Maslov", "MASLOV, Ivan Aleksandrovich")),
    (Query.build(["John Smith", "Sadio Camara"], schema="Person"), Query.build("CAMARA, Sadio", schema="Person"),
     ("Sadio Camara", "CAMARA, Sadio")),
    (Query.build("WAGNER GROUP", schema="Organization"),
     Query.build(["Acme Holdings", "Wagner Group"], schema="Organization"), ("WAGNER GROUP", "Wagner Group")),
    (Query.build("  Patrick O'Brien ", schema="Person"), Query.build('Patrick "Paddy" O\'BRIEN', schema="Person"),
     ("Patrick O'Brien", 'Patrick "Paddy" O\'BRIEN')),
    (Query.build("Acme Trading", schema="Company"), Query.build("Ivan Maslov", schema="Company"), (None, None)),
])
def test_name_feature_names_the_compared_strings(query: Query, listed: Query,
                                                 expected: tuple[str | None, str | None]) -> None:
    scored, _threshold = compare_queries(query, listed)
    name = scored.explanation["name"]
    assert (name.query, name.candidate) == expected
    if expected[0] is not None:
        assert name.detail.startswith(f"{name.query!r} ~ {name.candidate!r}: ")
    assert all(fs.query is None and fs.candidate is None for key, fs in scored.explanation.items() if key != "name")


#: Screening queries with, for one listed party, the query name and listed name of its best pairing.
SCREENED = [
    (Query.build("Ivan Maslov", schema="Person", birth_dates=["1982-07-11"]), "us_ofac_sdn-40969",
     ("Ivan Maslov", "MASLOV, Ivan Aleksandrovich")),
    (Query.build("Wagner Group"), "gb_ofsi-15033", ("Wagner Group", "WAGNER GROUP")),
    (Query.build(["Johnny Walker", "Evgeny Prigozhin"], schema="Person"), "us_ofac_sdn-21171",
     ("Evgeny Prigozhin", "PRIGOZHIN, Evgeny")),
]


@pytest.mark.slow
def test_screening_results_name_the_compared_strings(bundled_home: Path) -> None:
    screener = Screener.open()
    for query, listed_id, expected in SCREENED:
        explained = screener.screen(query, limit=5)
        by_id = {r.id: r.explanation["name"] for r in explained}
        assert (by_id[listed_id].query, by_id[listed_id].candidate) == expected
        for name in by_id.values():
            assert name.query in query.names
            assert name.detail.startswith(f"{name.query!r} ~ {name.candidate!r}: ")
        quiet = screener.screen(query, limit=5, explain=False)
        assert {r.id: (r.explanation["name"].query, r.explanation["name"].candidate) for r in quiet} == \
               {key: (name.query, name.candidate) for key, name in by_id.items()}
