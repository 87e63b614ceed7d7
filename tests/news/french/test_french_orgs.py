"""An organisation a French report names by a generic head and its name ("le groupe Wagner", "la banque
Mehr"), over every listed organisation of the bundled SDN named "<NAME> <GENERIC>" or "<GENERIC> <NAME>":
one ORG from the head to the name, whatever the model made of the name, asked of the screener in the lists'
order, and linked."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.french_linking_data import ORG_FORMS, org_cases

from kenning.matching import Screener
from kenning.news.article import Article
from kenning.news.link.linker import link
from kenning.news.nlp.french import annotate_french, french_resources, load_french
from kenning.news.nlp.french_orgs import listed_form
from kenning.news.nlp.gazetteer import gazetteer
from kenning.news.nlp.models import Resources
from kenning.news.nlp.ruler import ListNames


@pytest.fixture(scope="module")
def res() -> Resources:
    """The French stage without the list ruler: the model and the rules do the work."""
    return Resources(load_french(), gazetteer("fr"), ListNames("none"), frozenset(), {}, "fr")


def _orgs(text: str, res: Resources) -> list[str]:
    result = annotate_french(Article.create(text, "t.txt", language="fr"), res)
    return [m.text for m in result.mentions if m.label == "ORG"]


def test_a_generic_head_and_a_listed_name_are_one_organisation(res: Resources) -> None:
    cases = org_cases()
    assert len(cases) > 150
    missed = [c.text for c in cases if c.name.split(" ", 1)[1].removeprefix("l'") not in _orgs(c.text, res)
              and c.name.removeprefix("l'") not in _orgs(c.text, res)]
    assert len(missed) <= 0.03 * len(cases), missed[:20]


def test_what_follows_a_head_is_not_always_a_name(res: Resources) -> None:
    assert "groupe accuse Wagner" not in " ".join(_orgs("Le groupe accuse Wagner d'exactions au Mali.", res))
    assert _orgs("L'organisation Human Rights Watch a publié un rapport.", res) == ["Human Rights Watch"]
    assert _orgs("La société a été sanctionnée par Washington.", res) == []


def test_the_lists_order_of_a_head_and_a_name() -> None:
    for form, (english, head) in ORG_FORMS.items():
        words = head.split()[1:] if not head.startswith("l'") else [head.removeprefix("l'"), *head.split()[1:]]
        assert listed_form(" ".join((*words, "Sayyaf"))) == f"Sayyaf {english.lower()}", form
    assert listed_form("groupe paramilitaire Wagner") == "Wagner group"
    assert listed_form("Groupes Wagner") == "Wagner group"
    assert listed_form("Wagner") is None
    assert listed_form("groupe") is None


@pytest.mark.slow
def test_an_organisation_named_by_a_french_head_is_linked(bundled_home: Path) -> None:
    cases = org_cases()[::3]
    screener = Screener.open()
    missed, wrong = [], []
    for case in cases:
        result = link(annotate_french(Article.create(case.text, "t.txt", language="fr"), french_resources()),
                      screener)
        ids = {k.id for m in result.mentions for k in m.links}
        right = {case.list_id, *screener.same_as(case.list_id)}
        if not ids & right:
            missed.append(case.text)
        english = ORG_FORMS[case.form][0].lower()
        asked = [str(k.evidence["query"]) for m in result.mentions for k in m.links if k.id in right]
        if any(not q.endswith(english) for q in asked):
            wrong.append(case.text)  # the link says which name was asked
    assert len(missed) <= 0.05 * len(cases), missed[:20]
    assert not wrong, wrong[:5]
