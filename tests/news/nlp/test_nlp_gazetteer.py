"""The country, capital, demonym and organisation gazetteer."""

from __future__ import annotations

import pytest

from kenning.news.nlp.gazetteer import gazetteer


@pytest.mark.parametrize(("text", "label", "code"), [
    ("Mali", "GPE", "ml"), ("MALI", "GPE", "ml"), ("US", "GPE", "us"), ("U.S.", "GPE", "us"),
    ("UK", "GPE", "gb"), ("Britain", "GPE", "gb"), ("Russia", "GPE", "ru"), ("Russian Federation", "GPE", "ru"),
    ("CAR", "GPE", "cf"), ("Central African Republic", "GPE", "cf"), ("DRC", "GPE", "cd"),
    ("Ivory Coast", "GPE", "ci"), ("Côte d’Ivoire", "GPE", "ci"), ("Malian", "NORP", "ml"),
    ("Russian", "NORP", "ru"), ("Bamako", "GPE", "ml"), ("Moscow", "GPE", "ru"), ("Bangui", "GPE", "cf"),
])
def test_places_have_label_and_country(text: str, label: str, code: str) -> None:
    place = gazetteer().lookup_text(text)
    assert place is not None
    assert (place.label, place.code) == (label, code)


def test_acronyms_match_only_as_written() -> None:
    assert gazetteer().lookup_text("car") is None
    assert gazetteer().lookup_text("us") is None
    assert gazetteer().lookup_text("mali") is None


def test_organisations_and_their_acronyms() -> None:
    hrw = gazetteer().lookup_text("HRW")
    assert hrw is not None
    assert (hrw.label, hrw.name) == ("ORG", "Human Rights Watch")
    ofac = gazetteer().lookup_text("Office of Foreign Assets Control")
    assert ofac is not None
    assert ofac.code == "us"


def test_country_names() -> None:
    assert gazetteer().country_name("ml") == "Mali"
    assert gazetteer().country_name("cf") == "Central African Republic"
    assert gazetteer().country_name("us") == "United States"
