"""The comparison rules of reconciliation, one by one, on values taken from real reports."""

from __future__ import annotations

import pytest

from kenning.news.reconcile.values import (
    describe_parties,
    number_value,
    overall,
    relate_announcers,
    relate_authorities,
    relate_dates,
    relate_measures,
    relate_numbers,
    relate_parties,
    relate_text,
)
from kenning.news.reconcile.vocabulary import joint_government, party_kinds, predicates
from kenning.news.stories.roles import compare_roles, find_role_phrases, role_words

SENTENCE = "They are Mali’s defence minister, air force chief and the deputy chief of staff, says US Secretary Blinken."
NAMED = [("camara", "Defence Minister"), ("diarra", "Air Force chief of staff"),
         ("bagayoko", "Air Force deputy chief of staff")]


def test_role_words_fold_spelling_order_and_ranks() -> None:
    assert role_words("Minister of Defense").words == role_words("Defence Minister").words == {"defence", "minister"}
    assert role_words("Chief of Staff of the Air Force").words == role_words("Air Force chief of staff").words
    deputy = role_words("Lieutenant Colonel, Air Force Deputy Chief of Staff")
    assert deputy.modifiers == {"deputy"} and deputy.heads == {"chief"} and "colonel" not in deputy.words


@pytest.mark.parametrize(("left", "right", "status"), [
    ("Minister of Defense", "Defence Minister", "agreed"),
    ("deputy chief of staff", "Air Force deputy chief of staff", "complementary"),
    ("air force chief", "Chief of Staff of the Air Force", "complementary"),
    ("Defence Minister", "Foreign Minister", "conflicting"),
    ("chief of staff", "deputy chief of staff", "complementary"),
])
def test_compare_roles(left: str, right: str, status: str) -> None:
    assert compare_roles(left, right) == status


def test_role_only_phrases_go_to_the_role_they_cover_best() -> None:
    found = [(m.key, m.span.text, m.span.start) for m in find_role_phrases(SENTENCE, NAMED, offset=100)]
    assert found == [("camara", "defence minister", 100 + SENTENCE.index("defence")),
                     ("diarra", "air force chief", 100 + SENTENCE.index("air force")),
                     ("bagayoko", "deputy chief of staff", 100 + SENTENCE.index("deputy"))]


def test_a_deputy_is_not_the_chief_and_a_tie_names_no_one() -> None:
    only_chief = find_role_phrases("the deputy chief of staff", [("diarra", "Air Force chief of staff")])
    assert only_chief == []
    tie = find_role_phrases("the defence minister", [("a", "Defence Minister"), ("b", "Minister of Defense")])
    assert tie == []
    same_person = find_role_phrases("the defence minister", [("a", "Defence Minister"), ("a", "Minister of Defense")])
    assert [m.key for m in same_person] == ["a"]
    assert find_role_phrases("the minister said", NAMED) == []


def test_dates() -> None:
    assert relate_dates("2023-07-24", "2023-07-24")[0] == "agreed"
    assert relate_dates("2023-07-24", "2023-07")[0] == "complementary"
    assert relate_dates("2023-07-20", "2023-W29")[0] == "complementary"
    assert relate_dates("2021-05", "2020")[0] == "conflicting"
    assert relate_dates("2023-07-24", "2023-07-25")[0] == "conflicting"
    assert relate_dates("2023-07-24", "2023-07-25", slack_days=2)[0] == "complementary"


def test_bodies_and_announcers() -> None:
    assert joint_government("Office of Foreign Assets Control") == "United States"
    assert joint_government("Office of Financial Sanctions Implementation") == "United Kingdom"
    assert relate_authorities("U.S. Department of the Treasury", "Office of Foreign Assets Control") == (
        "complementary", "one body is part of the other")
    assert relate_authorities("U.S. Department of State", "HM Treasury")[0] == "conflicting"
    status, note = relate_announcers("US Secretary of State Antony Blinken", "U.S. Treasury statement")
    assert status == "complementary" and "announce its sanctions together" in note
    assert relate_announcers("the Treasury", "U.S. Treasury statement")[0] == "agreed"
    assert relate_announcers("the Foreign Office", "U.S. Treasury statement")[0] == "conflicting"
    assert relate_announcers("three diplomats", "an official")[0] == "complementary"


def test_what_was_targeted() -> None:
    uk_a, uk_b = describe_parties("13 individuals", 13), describe_parties("13 individuals and businesses", 13)
    assert uk_a == (13, frozenset({"person"})) and uk_b == (13, frozenset({"person", "organization"}))
    assert relate_parties(uk_a, uk_b)[0] == "conflicting"
    assert relate_parties(uk_a, describe_parties("thirteen people", 13))[0] == "agreed"
    twelve = describe_parties("12 individuals", 12)
    assert relate_parties(uk_a, twelve) == ("conflicting", "different numbers (13 / 12)")
    assert relate_parties(describe_parties("individuals", None), describe_parties("businesses", None))[0] == (
        "complementary")
    officials = describe_parties("three top Malian officials", 3)
    assert relate_parties(officials, describe_parties("Mali's Defence Minister and two officials", 3))[0] == "agreed"
    assert {kind for _pattern, kind in party_kinds()} == {"person", "organization", "vessel", "aircraft"}


def test_numbers_measures_and_text() -> None:
    assert number_value("1,000") == 1000.0 and number_value("3 thousand") == 3000.0 and number_value("dozens") is None
    assert relate_numbers("1,000", "1000")[0] == "agreed"
    assert relate_numbers("500", "300")[0] == "conflicting"
    assert relate_numbers("dozens", "500")[0] == "complementary"
    assert relate_measures(frozenset({"designation"}), frozenset({"designation", "asset freeze"}))[0] == (
        "complementary")
    assert relate_text("facilitating Wagner", "facilitating the deployment of Wagner")[0] == "complementary"
    assert relate_text("killings", "elections")[0] == "complementary"


def test_overall_takes_the_worst_pair() -> None:
    values = ["2020", "2020", "2021-05"]
    assert overall(values, relate_dates)[0] == "conflicting"
    assert overall(["2020", "2020"], relate_dates) == ("agreed", "every source says the same")


def test_claim_predicates_are_read_from_the_data_file() -> None:
    took = next(p for p in predicates() if p.name == "took power")
    assert took.value == "date"
    for words in ("seized power in May 2021", "since seizing power", "Since taking power", "came to power"):
        assert any(p.search(words) for p in took.patterns), words
