"""Classes of French action sentences the event reader takes from the dependency parse, each over many
generated cases (names × authorities × date phrases): a class passes when nearly all its cases give the
expected authority, day and targets (the parser is statistical: one case in ten may still fall)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import pytest

from kenning.news.article import Article
from kenning.news.events.extract import extract_events
from kenning.news.nlp.french import annotate_french, load_french
from kenning.news.nlp.gazetteer import gazetteer
from kenning.news.nlp.models import Resources
from kenning.news.nlp.ruler import ListNames

PUBLISHED = "2023-07-27"  # a Thursday
#: (date phrase, the day it names)
DATES = [("ce mardi", "2023-07-25"), ("le 26 juillet", "2023-07-26"), ("mercredi 26 juillet", "2023-07-26")]
#: (subject, "a"/"ont", canonical authority)
AUTHORITIES = [("le Trésor américain", "a", "U.S. Department of the Treasury"), ("Washington", "a", "United States"),
               ("l'Union européenne", "a", "European Union")]
NAMES = [("Sadio Camara", "Alou Boi Diarra"), ("Ivan Maslov", "Adama Bagayoko"),
         ("Abdoulaye Miskine", "Francois Bozize")]


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources(load_french(), gazetteer("fr"), ListNames("none"), frozenset(), {}, "fr")


def _failures(template: str, res: Resources, *, two: bool = False) -> tuple[list[str], int]:
    """The cases of ``template`` ({A} {a} {D} {X} {Y}) whose action is not the expected one, and their count."""
    failed, total = [], 0
    for (date, day), (subject, aux, authority), (first, second) in itertools.product(DATES, AUTHORITIES, NAMES):
        text = template.format(A=subject, a=aux, D=date, X=first, Y=second)
        text = text[0].upper() + text[1:]
        article = Article.create(text, "t.txt", language="fr", published=PUBLISHED, published_source="header")
        events = [e for e in extract_events(annotate_french(article, res)).events if not e.background]
        want = {first, second} if two else {first}
        got = [(e.authority, e.date, {t.name for t in e.targets}) for e in events]
        total += 1
        if (authority, day, want) not in got:
            failed.append(f"{text} -> {got}")
    return failed, total


def _check(templates: Iterable[str], res: Resources, *, two: bool = False, floor: float = 0.9) -> None:
    failed, total = [], 0
    for template in templates:
        f, n = _failures(template, res, two=two)
        failed, total = failed + f, total + n
    assert len(failed) <= (1 - floor) * total, "\n".join(failed)


def test_a_date_between_the_verb_and_its_object(res: Resources) -> None:
    """The parser hangs the object on the date phrase ("a imposé ce mardi des sanctions à X": "sanctions"
    under "mardi"): it is still the verb's."""
    _check(["{A} {a} imposé {D} des sanctions à {X}.", "{A} {a} annoncé {D} des sanctions contre {X}.",
            "{A} {a} sanctionné {D} {X}."], res)


def test_relative_clauses_on_the_targets(res: Resources) -> None:
    """"X, qui a été sanctionné par A" and "X, que A a sanctionné": the relative pronoun stands for X."""
    _check(["{X}, qui a été sanctionné {D} par {A}, a rejeté ces accusations.",
            "{X}, que {A} {a} sanctionné {D}, a dénoncé une décision injuste."], res, floor=0.85)


def test_the_owner_of_frozen_assets(res: Resources) -> None:
    """"a gelé les avoirs de X", "le gel des avoirs de X": the owner is the target (a name under another
    noun otherwise is not: "le chef du groupe Wagner")."""
    _check(["{A} {a} gelé {D} les avoirs de {X}.", "{A} {a} ordonné {D} le gel des avoirs de {X}."], res)


def test_infinitive_and_gerund_actions_act_through_the_governing_subject(res: Resources) -> None:
    _check(["{A} {a} décidé {D} de sanctionner {X}.", "{A} {a} annoncé {D} avoir sanctionné {X}.",
            "{A} {a} pris des mesures {D} en sanctionnant {X}."], res)


def test_se_voir_imposer_keeps_its_subject_a_target(res: Resources) -> None:
    _check(["{D}, {X} se voit imposer des sanctions par {A}."], res)


def test_an_enumeration_the_parse_breaks(res: Resources) -> None:
    """"X et le colonel Y" after the verb, "X et Y, qui ont été sanctionnés": every name of the list."""
    _check(["{A} {a} gelé {D} les avoirs de {X} et du colonel {Y}.",
            "{A} {a} imposé {D} des sanctions à {X} et au général {Y}.",
            "{X} et {Y}, qui ont été sanctionnés {D} par {A}, ont rejeté ces accusations."], res, two=True)


def test_a_targeting_participle_on_the_verb(res: Resources) -> None:
    """"a annoncé ce mardi des sanctions visant X" ("visant" hung on the verb, not on "sanctions")."""
    _check(["{A} {a} annoncé {D} des sanctions visant {X}."], res)


def test_a_sentence_the_segmenter_cut_before_its_object(res: Resources) -> None:
    """"A a sanctionné mercredi 26 juillet X, role, et Y, role.": the segmenter ends the sentence after the
    date; the names of the next piece, up to its verb, are the objects the cut took away."""
    _check(["{A} {a} sanctionné {D} {X}, ancien gouverneur de la banque centrale, et {Y}, patron de l'armée de l'air.",
            "{A} {a} sanctionné {D} {X}, conseiller du président, et {Y}, ministre de la Défense."], res, two=True,
           floor=0.8)


def test_a_finished_sentence_lends_no_names_to_the_next(res: Resources) -> None:
    """A cued sentence that ends with its full stop keeps its own targets: the next sentence's names are not
    taken even when the action names none ("Londres a pris des sanctions." then "X a réagi.")."""
    for (subject, aux, _), (first, _second) in itertools.product(AUTHORITIES, NAMES):
        text = f"{subject[0].upper()}{subject[1:]} {aux} sanctionné ce mardi. {first} a dénoncé une décision injuste."
        article = Article.create(text, "t.txt", language="fr", published=PUBLISHED, published_source="header")
        for event in extract_events(annotate_french(article, res)).events:
            assert first not in {t.name for t in event.targets}, text
