"""Changes of a quantity as claims, in English and French: one ``change`` predicate whatever the words,
normalised to a percentage or a factor; generated over subjects × constructions × amounts (numbers in
digits and in words)."""

from __future__ import annotations

import itertools

import pytest

from kenning.news.events.extract import extract_events
from kenning.news.model import ArticleResult
from kenning.news.nlp.models import Resources
from newskit import build, french, french_resources

EN_SUBJECTS = ["civilian deaths", "the number of attacks", "exports of gold", "fuel prices"]
#: (sentence template, normalised change)
EN_FORMS = [
    ("{s} have tripled since 2021.", "x3"), ("{s} have doubled since 2021.", "x2"),
    ("{s} quadrupled last year.", "x4"), ("{s} rose by 278 percent since 2021.", "+278%"),
    ("{s} increased by 45% last year.", "+45%"), ("{s} fell by thirty percent last year.", "-30%"),
    ("{s} dropped 12 per cent in May.", "-12%"), ("{s} increased threefold since 2021.", "x3"),
    ("{s} rose 5-fold in two years.", "x5"), ("{s} were multiplied by four.", "x4"),
]
FR_SUBJECTS = [("le nombre de victimes civiles", "a"), ("les exportations d'or", "ont"),
               ("le prix du carburant", "a"), ("le nombre d'attaques", "a")]
FR_FORMS = [
    ("{s} {aux} triplé depuis 2021.", "x3"), ("{s} {aux} doublé depuis 2021.", "x2"),
    ("{s} {aux} quadruplé l'an dernier.", "x4"), ("{s} {aux} augmenté de 278 % depuis 2021.", "+278%"),
    ("{s} {aux} augmenté de 278% depuis 2021.", "+278%"), ("{s} {aux} baissé de trente pour cent en un an.", "-30%"),
    ("{s} {aux} chuté de 12 % en mai.", "-12%"), ("{s} {aux} progressé de vingt-cinq pour cent.", "+25%"),
    ("{s} {aux} été multiplié par trois.", "x3"),
]


@pytest.fixture(scope="module")
def res() -> Resources:
    return french_resources()


def _changes(result: ArticleResult) -> list[tuple[str, str | None]]:
    return [(c.subject, c.normalized) for c in extract_events(result).claims if c.predicate == "change"]


def test_english_changes_of_every_construction() -> None:
    cases = list(itertools.product(EN_SUBJECTS, EN_FORMS))
    wrong = []
    for subject, (form, value) in cases:
        text = form.format(s=subject[:1].upper() + subject[1:])
        found = _changes(build(text, []))
        if [(s.lower(), v) for s, v in found] != [(subject, value)]:
            wrong.append((text, found))
    assert len(wrong) <= len(cases) // 20, wrong  # at most 5% missed or misread


def test_french_changes_of_every_construction(res: Resources) -> None:
    cases = list(itertools.product(FR_SUBJECTS, FR_FORMS))
    wrong = []
    for (subject, aux), (form, value) in cases:
        text = form.format(s=subject[:1].upper() + subject[1:], aux=aux)
        found = _changes(french(text, res))
        if [(s.lower(), v) for s, v in found] != [(subject, value)]:
            wrong.append((text, found))
    assert len(wrong) <= len(cases) // 20, wrong


@pytest.mark.parametrize(("text", "subject", "value"), [
    ("There was a 278 percent increase in civilian deaths.", "civilian deaths", "+278%"),
    ("Cette situation a provoqué une augmentation de 278 % du nombre de victimes civiles.",
     "nombre de victimes civiles", "+278%"),
    ("On note une baisse de 40 % des exportations d'or.", "exportations d'or", "-40%"),
])
def test_nouns_of_change_with_what_changed(text: str, subject: str, value: str, res: Resources) -> None:
    result = french(text, res) if "Cette" in text or "On note" in text else build(text, [])
    assert [(s.lower(), v) for s, v in _changes(result)] == [(subject, value)]


@pytest.mark.parametrize("text", [
    "It rose by 30 percent.",                       # a pronoun: nothing says what changed
    "Prices were 30 percent higher than in May.",   # no verb of change
    "Il a augmenté de 30 %.",
    "Les États-Unis multiplient les sanctions contre Wagner.",  # multiplier without a factor
    "Le taux de participation était de 45 %.",
])
def test_no_change_without_a_subject_or_an_amount(text: str, res: Resources) -> None:
    result = french(text, res) if any(w in text.split() for w in ("Il", "Les", "Le")) else build(text, [])
    assert _changes(result) == []
