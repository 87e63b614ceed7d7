"""Hyphenated French compounds stay one token ("état-major"), so role phrases that hold one are read whole,
before or after a name; inverted pronouns ("dit-il") and two names joined by a hyphen stay apart."""

from __future__ import annotations

import itertools

import pytest

from kenning.news.article import Article
from kenning.news.events.extract import extract_events
from kenning.news.nlp.french import annotate_french, load_french
from kenning.news.nlp.gazetteer import tokenizer
from kenning.news.nlp.hyphens import is_compound
from kenning.news.nlp.models import Resources
from newskit import french_resources

ROLES = ["chef d'état-major de l'armée de l'air", "chef d'état-major adjoint de l'armée de l'air",
         "chef d'état-major général des armées", "sous-chef d'état-major", "chef d'état-major particulier",
         "lieutenant-colonel", "chef d'état-major de l'armée de terre"]
NAMES = ["Alou Boi Diarra", "Adama Bagayoko", "Amadou Touré"]
FORMS = ["Le Trésor américain a sanctionné ce lundi le {role} {name}.",
         "Le Trésor américain a sanctionné le {role} {name}.",
         "Le Trésor américain a sanctionné {name}, {role}, pour son rôle dans le déploiement de mercenaires."]


@pytest.fixture(scope="module")
def res() -> Resources:
    return french_resources()


@pytest.mark.parametrize("word", ["état-major", "Etat-major", "lieutenant-colonel", "Lieutenant-colonel",
                                  "russo-ukrainienne", "franco-malien", "chef-adjoint", "ex-ministre",
                                  "haut-gradés", "sous-préfet"])
def test_compounds_stay_whole(word: str) -> None:
    assert is_compound(word)
    assert [t.text for t in load_french().tokenizer(word)] == [word]
    assert [t.text for t in tokenizer("fr")(f"le {word}")] == ["le", word]


@pytest.mark.parametrize(("text", "tokens"), [
    ("dit-il", ["dit", "-il"]), ("a-t-il", ["a", "-t", "-il"]), ("est-ce", ["est", "-ce"]),
    ("Mali-Russie", ["Mali", "-", "Russie"]), ("2021-2022", ["2021", "-", "2022"]),
    ("donne-le", ["donne", "-", "le"]),
])
def test_pronouns_names_and_numbers_stay_apart(text: str, tokens: list[str]) -> None:
    assert not is_compound(text)
    assert [t.text for t in load_french().tokenizer(text)] == tokens


def test_role_phrases_with_a_hyphenated_word_are_read_whole(res: Resources) -> None:
    cases = list(itertools.product(ROLES, NAMES, FORMS))
    wrong = []
    for role, name, form in cases:
        text = form.format(role=role, name=name)
        article = Article.create(text, "t.txt", language="fr", published="2023-07-25", published_source="header")
        result = extract_events(annotate_french(article, res))
        people = [(m.text, m.role) for m in result.mentions if m.label == "PERSON"]
        targets = [(t.name, t.role) for e in result.events for t in e.targets]
        if people != [(name, role)] or targets != [(name, role)]:
            wrong.append((text, people, targets))
    assert len(wrong) <= len(cases) // 10, wrong
