"""An organisation named in a target's role ("X, le chef de Wagner au Mali", "membre du groupe Y",
"responsable de la société Z") qualifies the target, it is not one more target: over many generated cases
(templates × authorities × date phrases × names × listed organisations), the events name the organisation
as a target almost never, and the person nearly always. Before the rule, the enumeration reading took the
name after "le chef de" for one more listed name, and the parse of "le groupe X" hid its preposition."""

from __future__ import annotations

import itertools

import pytest

from kenning.news.article import Article
from kenning.news.events.extract import extract_events
from kenning.news.nlp.french import annotate_french, load_french
from kenning.news.nlp.gazetteer import gazetteer
from kenning.news.nlp.models import Resources
from kenning.news.nlp.ruler import ListNames

PUBLISHED = "2023-07-27"  # a Thursday
DATES = [("ce mardi", "2023-07-25"), ("le 26 juillet", "2023-07-26"), ("lundi 24 juillet", "2023-07-24")]
AUTHORITIES = [("le Trésor américain", "a", "U.S. Department of the Treasury"), ("Washington", "a", "United States"),
               ("l'Union européenne", "a", "European Union")]
PEOPLE = ["Ivan Maslov", "Sadio Camara", "Abdoulaye Miskine", "Alou Boi Diarra"]
#: One-word names of listed organisations (OFAC SDN entities), and the group Wagner itself.
ORGANISATIONS = ["Wagner", "Badica", "Boldrex", "Alaxy", "Compliga", "Lobaye"]
TEMPLATES = [
    "{A} {a} sanctionné {D} {X}, le chef de {O} au Mali.",
    "{X}, le chef de {O} au Mali, a été sanctionné par {A} {D}.",
    "{A} {a} sanctionné {D} {X}, membre du groupe {O}.",
    "{A} {a} imposé {D} des sanctions à {X}, responsable de la société {O}.",
    "{X}, directeur de {O}, a été visé {D} par des sanctions imposées par {A}.",
    "{A} {a} sanctionné {D} le chef du groupe {O}, {X}.",
]


@pytest.fixture(scope="module")
def read() -> list[tuple[str, str, list[set[str]]]]:
    """(text, organisation, target names of each action that is not background) for every case."""
    res = Resources(load_french(), gazetteer("fr"), ListNames("none"), frozenset(), {}, "fr")
    out = []
    cases = itertools.product(TEMPLATES, DATES, AUTHORITIES, PEOPLE)
    for n, (template, (date, _), (subject, aux, _), person) in enumerate(cases):
        organisation = ORGANISATIONS[n % len(ORGANISATIONS)]
        text = template.format(A=subject, a=aux, D=date, X=person, O=organisation)
        text = text[0].upper() + text[1:]
        article = Article.create(text, "t.txt", language="fr", published=PUBLISHED, published_source="header")
        events = [e for e in extract_events(annotate_french(article, res)).events if not e.background]
        out.append((text, organisation, [{t.name for t in e.targets} for e in events]))
    return out


def test_an_organisation_in_a_role_is_no_target(read: list[tuple[str, str, list[set[str]]]]) -> None:
    wrong = [f"{text} -> {targets}" for text, organisation, targets in read
             if any(organisation in names for names in targets)]
    assert len(wrong) <= 0.03 * len(read), "\n".join(wrong)


def test_the_holder_of_the_role_stays_the_target(read: list[tuple[str, str, list[set[str]]]]) -> None:
    missed = [f"{text} -> {targets}" for text, _, targets in read
              if not any(any(p in name for name in names) for names in targets for p in PEOPLE if p in text)]
    assert len(missed) <= 0.15 * len(read), "\n".join(missed)
