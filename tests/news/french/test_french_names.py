"""Classes of French person-name forms the French NLP stage reads whole, each over many real listed names
(without the list ruler, so the model and the mending rules do the work): the surname in capitals first,
the order inverted, a name the model cuts in pieces; and what must stay out of a name (a role's end)."""

from __future__ import annotations

import pytest
from bench.french_linking_data import listed_people

from kenning.news.article import Article
from kenning.news.nlp.french import annotate_french, load_french
from kenning.news.nlp.gazetteer import gazetteer
from kenning.news.nlp.models import Resources
from kenning.news.nlp.ruler import ListNames

SENTENCES = ["Les avoirs de {n} aux États-Unis sont désormais gelés.",
             "Selon Washington, {n} aurait facilité les activités du groupe dans le pays.",
             "Interrogé par la presse, {n} n'a pas souhaité réagir à ces accusations."]


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources(load_french(), gazetteer("fr"), ListNames("none"), frozenset(), {}, "fr")


def _people(text: str, res: Resources) -> list[str]:
    result = annotate_french(Article.create(text, "t.txt", language="fr"), res)
    return [m.text for m in result.mentions if m.label == "PERSON"]


def _share_whole(form: str, res: Resources) -> tuple[float, list[str]]:
    people = listed_people()[::40]  # about 45 names, African and Russian programmes
    missed, total = [], 0
    for n, person in enumerate(people):
        given = " ".join(person.given)
        name = {"caps_first": f"{person.surname.upper()} {given}", "inverted": f"{person.surname} {given}"}[form]
        text = SENTENCES[n % len(SENTENCES)].format(n=name)
        total += 1
        if name not in _people(text, res):
            missed.append(text)
    return 1 - len(missed) / total, missed


@pytest.mark.parametrize("form", ["caps_first", "inverted"])
def test_a_listed_name_in_a_french_form_is_one_person(res: Resources, form: str) -> None:
    share, missed = _share_whole(form, res)
    assert share >= 0.85, missed


def test_the_end_of_a_role_stays_out_of_the_name(res: Resources) -> None:
    for text, name in [("Washington a sanctionné l'actuel ministre de la Défense Sadio Camara.", "Sadio Camara"),
                       ("Le colonel Sadio Camara, ministre de la Défense, a démenti.", "Sadio Camara"),
                       ("Lundi Vladimir Poutine a répondu.", "Vladimir Poutine")]:
        assert name in _people(text, res), text
