"""Targets are names of parties, never fragments: the check on what the words are, over many cases."""

from __future__ import annotations

import pytest

from kenning.news.events.party_names import is_party_name, trim_name
from kenning.news.model import EntityLink, Span, Target

FRAGMENTS = ["Limited", "LLC", "Co., Ltd.", "Joint-Stock Company", "S.A. de C.V.", "one vessel", "eight aircraft",
             "several companies", "network", "Shipping", "Peace", "Office of Foreign Assets Control",
             "the U.S. Treasury", "OFAC", "Usmanov’s superyacht", "Usmanov's", "GPB Executives",
             "Sberbank Executives"]
NAMES = ["Rosneft", "Bank Melli", "Lady Leila", "9H-MAO", "Rise Property Investments", "Bank of Canada",
         "Sadio Camara", "President Putin", "Joint Stock Company Plasma", "Barza Style & Mode Co., Limited"]


@pytest.mark.parametrize("words", FRAGMENTS)
def test_fragments_are_no_party(words: str) -> None:
    assert not is_party_name(Target(words))


@pytest.mark.parametrize("words", NAMES)
def test_names_are_parties(words: str) -> None:
    assert is_party_name(Target(words))


@pytest.mark.parametrize("words", ["Wagner", "Hamas"])
def test_one_word_names_the_nlp_stage_marked_keep_their_word(words: str) -> None:
    assert is_party_name(Target(words, mention=0)) and not is_party_name(Target(words.upper(), mention=0))


def test_a_linked_target_is_a_party_whatever_its_words() -> None:
    link = EntityLink("us_ofac_sdn-1", "us_ofac_sdn", "1", 0.9, "SHIPPING", "Organization")
    assert is_party_name(Target("Shipping", links=[link]))


@pytest.mark.parametrize(("words", "name"), [
    ("Joint-Stock Company 810 Aircraft Repair Plant repairs helicopters",
     "Joint-Stock Company 810 Aircraft Repair Plant"),
    ("FSB pursuant to E.O. 13382, E.O.", "FSB"),
    ("Central Bank of Iran", "Central Bank of Iran"),
    ("Abu al Hassan, who", "Abu al Hassan"),
    ("Vympel State Engineering Design Bureau JSC develops aircraft armament",
     "Vympel State Engineering Design Bureau JSC"),
])
def test_names_read_from_running_text_end_at_the_first_word_that_is_no_part_of_a_name(words: str, name: str) -> None:
    span = trim_name(Span(10, 10 + len(words), words))
    assert span is not None and (span.text, span.start, span.end) == (name, 10, 10 + len(name))
