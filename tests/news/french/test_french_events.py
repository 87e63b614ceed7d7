"""French reports through the French NLP and events stages: people with their roles, and sanctions events
in the English schema, on sentences built from templates (roles × names × constructions)."""

from __future__ import annotations

import itertools

import pytest

from kenning.news.article import Article
from kenning.news.events.extract import extract_events
from kenning.news.model import ArticleResult
from kenning.news.nlp.french import annotate_french, load_french
from kenning.news.nlp.gazetteer import french_forms, gazetteer
from kenning.news.nlp.models import Resources
from kenning.news.nlp.ruler import ListNames

ROLES = [("le ministre de la Défense", "ministre de la Défense"), ("le général", "général"),
         ("le colonel", "colonel"), ("l'actuel ministre de la Défense", "ministre de la Défense")]
NAMES = ["Sadio Camara", "Ivan Maslov", "Jean-Pierre Dubois", "Amadou Touré"]


@pytest.fixture(scope="module")
def res() -> Resources:
    """The French pipeline without list knowledge (no store)."""
    return Resources(load_french(), gazetteer("fr"), ListNames("none"), frozenset(), {}, "fr")


def _read(text: str, res: Resources, published: str | None = "2023-07-25") -> ArticleResult:
    article = Article.create(text, "t.txt", language="fr", published=published,
                             published_source="header" if published else None)
    return extract_events(annotate_french(article, res))


@pytest.mark.parametrize(("role", "name"), list(itertools.product(ROLES, NAMES)))
def test_role_before_a_name_is_cut_off_and_kept(role: tuple[str, str], name: str, res: Resources) -> None:
    result = _read(f"Le Trésor américain a sanctionné ce 24 juillet 2023 {role[0]} {name}.", res)
    people = [m for m in result.mentions if m.label == "PERSON"]
    assert [(m.text, m.role) for m in people] == [(name, role[1])]
    (event,) = result.events
    assert (event.authority, event.date, [t.name for t in event.targets]) == (
        "U.S. Department of the Treasury", "2023-07-24", [name])


@pytest.mark.parametrize("name", NAMES)
def test_passive_with_agent(name: str, res: Resources) -> None:
    (event,) = _read(f"{name} a été sanctionné par les États-Unis le 24 juillet 2023.", res).events
    assert (event.authority_country, event.date, [t.name for t in event.targets]) == ("us", "2023-07-24", [name])


def test_described_group_enumerated_after_a_colon_without_the_reason(res: Resources) -> None:
    text = ("Washington a sanctionné trois hauts responsables maliens ce 24 juillet 2023 pour avoir aidé au "
            "déploiement de Wagner au Mali : le ministre de la Défense Sadio Camara, le général Alou Boï Diarra "
            "et le colonel Adama Bagayoko.")
    (event,) = _read(text, res).events
    assert [t.name for t in event.targets] == ["Sadio Camara", "Alou Boï Diarra", "Adama Bagayoko"]
    assert (event.target_count, event.target_description) == (3, "trois hauts responsables maliens")
    assert event.authority == "United States" and event.date == "2023-07-24"


@pytest.mark.parametrize("name", NAMES)
def test_pluperfect_is_background(name: str, res: Resources) -> None:
    result = _read(f"Deux mois plus tôt, {name} avait été sanctionné par le Trésor américain.", res)
    assert [e.background for e in result.events] == [True]


@pytest.mark.parametrize("measure", ["leurs avoirs aux États-Unis seront gelés",
                                     "le gel de leurs avoirs aux États-Unis"])
def test_measures_by_their_english_names(measure: str, res: Resources) -> None:
    (event,) = _read(f"Le Trésor américain a sanctionné Sadio Camara ce lundi, avec {measure}.", res).events
    assert "asset freeze" in event.measures


def test_function_words_and_common_nouns_are_no_names(res: Resources) -> None:
    text = ("Pour Washington, ces officiers ont facilité l'enracinement de Wagner. Les trois officiels verront "
            "leurs éventuels avoirs gelés. Les Autorités de la Transition ont protesté.")
    found = {(m.text, m.label) for m in _read(text, res).mentions}
    assert ("Washington", "GPE") in found
    assert not {t for t, label in found if label in ("PERSON", "ORG")} & {"Pour Washington", "éventuels avoirs",
                                                                           "Autorités", "Washington"}


@pytest.mark.parametrize(("word", "forms"), [
    ("malien", ["malien", "malienne", "maliens", "maliennes"]), ("français", ["français", "française", "françaises"]),
    ("américain", ["américain", "américaine", "américains", "américaines"]), ("belge", ["belge", "belges"])])
def test_french_demonym_forms(word: str, forms: list[str]) -> None:
    assert french_forms(word) == forms
    assert all(gazetteer("fr").lookup_text(f) is not None for f in forms)


ADVERBS = ["déjà", "auparavant", "précédemment"]
SUBJECTS = ["Le Trésor américain a", "Washington a", "Les États-Unis ont"]
ACTIONS = ["{adverb} sanctionné {name}", "{adverb} imposé des sanctions à {name}"]


def test_an_action_said_to_be_earlier_is_background(res: Resources) -> None:
    """The passé composé with "déjà" (or "auparavant", "précédemment": ``background_adverbs``) tells an earlier
    action, as "already" does in English; without the adverb the same sentence is today's action. (The parse
    loses some of these sentences altogether: most must give an event.)"""
    found = 0
    cases = list(itertools.product(ADVERBS, SUBJECTS, ACTIONS, NAMES))
    for adverb, subject, action, name in cases:
        earlier = _read(f"{subject} {action.format(adverb=adverb, name=name)}.", res).events
        today = _read(f"{subject} {action.format(adverb='', name=name)}.".replace("  ", " "), res).events
        assert all(e.background for e in earlier) and not any(e.background for e in today), (adverb, subject, name)
        found += bool(earlier)
    assert found >= 0.75 * len(cases)


@pytest.mark.parametrize(("name", "other"), list(itertools.product(NAMES[:2], ["Brahim Traoré", "Jean-Pierre Dubois"])))
def test_a_second_object_of_the_verb_is_another_clause(name: str, other: str, res: Resources) -> None:
    """A comma-spliced clause whose subject the parse hangs on the sanctions verb as a second object
    ("..., qui gèlent les avoirs de X, le dirigeant Y, a nié ...") gives no target: a verb has one object."""
    text = (f"Les États-Unis ont gelé les avoirs de {name}, le dirigeant par intérim du Burkina Faso, {other}, "
            "a nié en mai la présence des forces russes dans le pays.")
    for event in _read(text, res).events:
        assert other not in [t.name for t in event.targets]
