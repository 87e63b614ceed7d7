"""Citizenship claims in English and French, generated over people × constructions × countries, and numbers
written in French words."""

from __future__ import annotations

import itertools

import pytest

from kenning.news.events.extract import extract_events
from kenning.news.events.numbers import parse_number
from kenning.news.model import ArticleResult
from kenning.news.nlp.models import Resources
from newskit import build, french, french_resources

PEOPLE = ["Sadio Camara", "Ivan Maslov", "Amadou Touré"]
EN_COUNTRIES = [("French", "fr"), ("Russian", "ru"), ("Malian", "ml"), ("American", "us")]
EN_FORMS = ["Colonel {p}, Minister of Defense, who also holds {d} nationality, was sanctioned on Monday.",
            "{p} is a {d} citizen, the Treasury said.", "The Treasury sanctioned {d} national {p} on Thursday.",
            "{p}, a {d} citizen, was sanctioned on Monday.", "{p} holds {d} citizenship."]
#: (masculine, feminine) demonyms and the code.
FR_COUNTRIES = [("français", "française", "fr"), ("russe", "russe", "ru"), ("malien", "malienne", "ml"),
                ("américain", "américaine", "us")]
FR_FORMS = ["Les sanctions visent {p}, qui détient également la nationalité {f}.",
            "Selon Washington, le colonel {p}, ministre de la Défense, détient la nationalité {f}.",
            "{p} est citoyen {m}, selon le Trésor.",
            "{p}, un ressortissant {m}, a été sanctionné lundi.",
            "Le Trésor a sanctionné le colonel {p}. Il est, selon Washington, citoyen {m}."]


@pytest.fixture(scope="module")
def res() -> Resources:
    return french_resources()


def _citizenships(result: ArticleResult) -> list[tuple[str, str | None]]:
    return [(c.subject, c.normalized) for c in extract_events(result).claims if c.predicate == "citizenship"]


def test_english_citizenship_of_every_construction() -> None:
    cases = list(itertools.product(PEOPLE, EN_COUNTRIES, EN_FORMS))
    wrong = []
    for person, (demonym, code), form in cases:
        text = form.format(p=person, d=demonym)
        found = _citizenships(build(text, [(person, "PERSON")]))
        if found != [(person, code)]:
            wrong.append((text, found))
    assert len(wrong) <= len(cases) // 20, wrong


def test_french_citizenship_of_every_construction(res: Resources) -> None:
    cases = list(itertools.product(PEOPLE, FR_COUNTRIES, FR_FORMS))
    wrong = []
    for person, (masculine, feminine, code), form in cases:
        text = form.format(p=person, m=masculine, f=feminine)
        found = _citizenships(french(text, res))
        if found != [(person, code)]:
            wrong.append((text, found))
    assert len(wrong) <= len(cases) // 20, wrong


@pytest.mark.parametrize("text", [
    "Les sanctions interdisent aux ressortissants américains de traiter avec eux.",
    "Une double nationalité jamais dévoilée par l'intéressé.",
    "Les citoyens maliens ont manifesté à Bamako.",
])
def test_no_citizenship_without_a_named_holder_or_a_country(text: str, res: Resources) -> None:
    assert _citizenships(french(text, res)) == []


def test_no_citizenship_of_a_group_in_english() -> None:
    text = "The sanctions bar American citizens and companies from doing business with Sadio Camara."
    assert _citizenships(build(text, [("Sadio Camara", "PERSON")])) == []


def test_a_linked_holder_is_named_by_the_entry_in_reading_order() -> None:
    result = build("Sadio Camara, who also holds French nationality, was sanctioned.", [("Sadio Camara", "PERSON")],
                   links={"Sadio Camara": "42618"})
    result.mentions[0].links[0].caption = "CAMARA, Sadio"
    assert _citizenships(result) == [("Sadio Camara", "fr")]


@pytest.mark.parametrize(("words", "value"), [
    ("trois", 3), ("onze", 11), ("vingt", 20), ("vingt et un", 21), ("vingt-cinq", 25), ("trente-deux", 32),
    ("soixante-dix", 70), ("soixante-dix-sept", 77), ("quatre-vingts", 80), ("quatre-vingt-dix", 90),
    ("quatre-vingt-dix-neuf", 99), ("cent", 100), ("deux cents", 200), ("deux cent cinquante", 250),
    ("mille", 1000), ("trois mille", 3000), ("mille deux cents", 1200), ("1 000", 1000), ("12 500", 12500),
    ("1.000", 1000), ("2,5 millions", 2_500_000), ("278", 278), ("une dizaine", 10), ("une centaine", 100),
])
def test_french_numbers_in_words_and_digits(words: str, value: float) -> None:
    assert parse_number(words, "fr") == value


@pytest.mark.parametrize(("words", "value"), [("1,000", 1000), ("2.5 million", 2_500_000), ("twenty-five", 25),
                                              ("a dozen", 12), ("one hundred and five", 105)])
def test_english_numbers_keep_their_conventions(words: str, value: float) -> None:
    assert parse_number(words) == value


@pytest.mark.parametrize(("words", "count"), [("trois hauts responsables maliens", 3),
                                              ("deux officiers maliens", 2), ("vingt-cinq responsables", 25)])
def test_a_group_counted_in_french_words(words: str, count: int, res: Resources) -> None:
    result = extract_events(french(f"Le Trésor américain a sanctionné {words} ce 24 juillet 2023.", res))
    assert [e.target_count for e in result.events] == [count]
