"""A group the action describes without naming it, after the locution "à l'encontre de" or under "une série
de sanctions" ("a annoncé lundi une série de sanctions à l'encontre de trois hauts responsables maliens"):
over many generated cases (templates × authorities × date phrases × groups), the sentence gives its action,
dated, with the group and its count. Before, "encontre" (not the group noun under it) was the argument, and
the parse hangs the locution on "série", not on "sanctions": no action at all."""

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
AUTHORITIES = [("le Trésor américain", "a", "U.S. Department of the Treasury"),
               ("les États-Unis", "ont", "United States"),
               ("l'Union européenne", "a", "European Union")]
GROUPS = [("trois hauts responsables maliens", 3), ("deux militaires maliens", 2), ("trois officiers de l'armée", 3),
          ("deux hommes d'affaires russes", 2)]
TEMPLATES = [
    "{A} {a} annoncé {D} une série de sanctions à l'encontre de {G}.",
    "{A} {a} pris {D} des sanctions à l'encontre de {G}.",
    "{A} {a} annoncé {D} une série de sanctions visant {G}.",
    "{A} {a} adopté {D} une série de sanctions contre {G}.",
]


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources(load_french(), gazetteer("fr"), ListNames("none"), frozenset(), {}, "fr")


def test_a_described_group_after_a_locution_or_a_series(res: Resources) -> None:
    failed, total = [], 0
    for template, (date, day), (subject, aux, authority), (group, count) in itertools.product(
            TEMPLATES, DATES, AUTHORITIES, GROUPS):
        text = template.format(A=subject, a=aux, D=date, G=group)
        text = text[0].upper() + text[1:]
        article = Article.create(text, "t.txt", language="fr", published=PUBLISHED, published_source="header")
        events = [e for e in extract_events(annotate_french(article, res)).events if not e.background]
        got = [(e.authority, e.date, e.target_count) for e in events]
        total += 1
        if (authority, day, count) not in got or not any(e.target_description for e in events):
            failed.append(f"{text} -> {got}")
    assert len(failed) <= 0.1 * total, "\n".join(failed)
