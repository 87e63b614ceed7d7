"""The given-name table builder: mining, guards, and that the shipped table is up to date."""

from __future__ import annotations

from collections import Counter

import pytest

from kenning import settings
from kenning.names.build_tables import _Groups, build_table, main, mine_alias_pairs, render
from kenning.names.corpus import PersonNames


def test_alias_pairs_need_same_position_and_likeness() -> None:
    people = [
        PersonNames("a", ["PERFILEV, Vitalii Viktorovich", "PERFILEV, Vitaly Viktorovich", "Mike Jones"]),
        PersonNames("b", ["IVANOV, Vitaliy", "IVANOV, Vitaly", "IVANOVA, Mila"]),
    ]
    support, frequency = mine_alias_pairs(people)
    assert support[("vitalii", "vitaly")] == 1
    assert support[("vitaliy", "vitaly")] == 1
    assert ("ivanov", "ivanova") not in support  # feminine forms are not one name
    assert ("mila", "vitaliy") not in support
    assert frequency["vitaly"] == 2


def test_groups_respect_seeds_and_different_pairs() -> None:
    seeds = [["hasan", "hassan"], ["husayn", "hussein"]]
    groups = _Groups(seeds, [["hasan", "husayn"]], Counter({"hasen": 3}))
    assert groups.union("hasen", "hasan")
    assert not groups.union("hassan", "hussein")  # two seed groups never join
    assert not groups.union("hasen", "husayn")  # a "different" pair never joins
    assert groups.find("hasan") != groups.find("husayn")
    table = groups.table(Counter())
    assert table["hasen"] == table["hassan"] == "hasan"
    assert table["hussein"] == "husayn"


def test_anchors_stop_drifting_chains() -> None:
    groups = _Groups([["abdullah", "abdulla"]], [], Counter({"adl": 5, "adel": 9}))
    assert groups.union("adel", "adl")
    assert not groups.union("abdulla", "adl")


def test_render_sorts_by_class() -> None:
    text = render({"b": "a", "a": "a", "c": "c", "d": "c"})
    assert text.splitlines()[-4:] == ["a,a", "b,a", "c,c", "d,c"]


@pytest.mark.slow
def test_shipped_table_is_up_to_date() -> None:
    table, report = build_table(settings.DATA_DIR / "lists")
    assert table["mukhammad"] == "muhammad"
    assert len(report) > 500
    assert main(["--check"]) == 0
