"""Equivalence classes of given names, surname and patronymic endings, phonetic keys."""

from __future__ import annotations

import pytest

from kenning.names import canonical_token, phonetic_key
from kenning.names.canonical import given_name_table
from kenning.names.phonetic import fold_ending, skeleton

GROUPS = [
    ["mohammed", "muhammad", "mohamed", "mohamad", "mohammad", "muhammed", "mukhammad"],
    ["aleksandr", "alexander", "aleksander", "oleksandr", "alexandre"],
    ["yevgeny", "evgeny", "yevgeniy", "evgeniy", "yevgeni"],
    ["sergei", "sergey", "serhiy"],
    ["vitaly", "vitalii", "vitalij", "vitaliy"],
    ["yuri", "yury", "yuriy", "iurii"],
    ["dmitry", "dmitri", "dmitriy", "dmytro"],
    ["abdul", "abd", "abdel"],
    ["hussein", "husayn", "hussain", "husain"],
    ["osama", "usama"],
    ["yusuf", "youssef", "yousef", "josef"],
]


@pytest.mark.parametrize("group", GROUPS, ids=lambda g: g[0])
def test_given_name_variants_share_one_canonical_form(group: list[str]) -> None:
    assert len({canonical_token(name) for name in group}) == 1
    assert len({phonetic_key(name) for name in group}) == 1


def test_different_names_stay_apart() -> None:
    assert canonical_token("hasan") != canonical_token("husayn")
    assert canonical_token("muhammad") != canonical_token("mahmud")
    assert canonical_token("jamal") != canonical_token("jamil")
    assert canonical_token("umar") != canonical_token("amr")
    assert canonical_token("chan") != canonical_token("chen")


@pytest.mark.parametrize(
    ("variants", "folded"),
    [
        (["viktorovitch", "viktorovich", "viktorovic", "viktorovych"], "viktorovich"),
        (["perfilyev", "perfilev", "perfiliev", "perfiljev"], "perfilev"),
        (["ivanoff", "ivanov", "ivanow"], "ivanov"),
        (["ivanovna", "ivanovna"], "ivanovna"),
        (["zelenskyy", "zelensky", "zelenskiy", "zelenskii", "zelenski", "zelenskyi"], "zelensky"),
        (["sergeyevich", "sergeevich", "sergeievich"], "sergeovich"),
    ],
)
def test_endings_fold_to_one_form(variants: list[str], folded: str) -> None:
    assert {fold_ending(v) for v in variants} == {folded}


def test_short_words_keep_their_ending() -> None:
    assert fold_ending("kiev") == "kiev"
    assert fold_ending("lev") == "lev"
    assert fold_ending("ov") == "ov"


def test_patronymics_built_on_given_names() -> None:
    forms = {canonical_token(t) for t in ["aleksandrovich", "alexandrovich", "aleksandrovitch", "oleksandrovych"]}
    assert forms == {"aleksandrovich"}
    assert canonical_token("sergeyevich") == canonical_token("serhiyovych")
    assert canonical_token("nikolaevich") == canonical_token("mykolayovych")


@pytest.mark.parametrize(
    "group",
    [
        ["perfilyev", "perfilev", "perfiliev"],
        ["prigozhin", "prigojine"],
        ["yevgeniy", "evgeny"],
        ["aleksandrovich", "alexandrovich", "aleksandrovitch"],
        ["khasan", "hasan", "gasan"],
        ["tsoy", "tzoy"],
        ["zhukov", "joukov"],
        ["shoygu", "choigou"],
        ["fatimah", "fatima"],
    ],
    ids=lambda g: g[0],
)
def test_phonetic_key_joins_transliteration_spellings(group: list[str]) -> None:
    assert len({phonetic_key(t) for t in group}) == 1


def test_skeleton_values() -> None:
    assert skeleton("prigozhin") == "PRHJN"
    assert skeleton("yevgeniy") == "AFHN"
    assert skeleton("alexandrovich") == "ALKSNTRFX"
    assert skeleton("a") == "A"
    assert skeleton("1975") == "1975"


def test_phonetic_keys_still_separate_names() -> None:
    assert phonetic_key("ivanov") != phonetic_key("petrov")
    assert phonetic_key("camara") != phonetic_key("diarra")


def test_table_is_consistent() -> None:
    table = given_name_table()
    assert len(table) > 2000
    for canonical in set(table.values()):
        assert table[canonical] == canonical
