"""A listed person's bare surname after the French title of their listed position ("le président Poutine"),
over every SDN individual whose listed position starts with a title (the generated titled set of
``bench.french_linking``): the French stage finds the name whatever the model made of it, and the linker
takes the title as the surname's confirmation when it singles out one listed bearer of the name, never
when two share the name and the title."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.french_linking_data import TEMPLATES, titled_cases, titled_people

from kenning.matching import Screener
from kenning.news.article import Article
from kenning.news.link.linker import link
from kenning.news.model import ArticleResult
from kenning.news.nlp.french import annotate_french, french_resources, load_french
from kenning.news.nlp.gazetteer import gazetteer
from kenning.news.nlp.models import Resources
from kenning.news.nlp.ruler import ListNames


def test_a_capitalised_word_after_a_title_is_a_person() -> None:
    """Without the list ruler: the model calls many of these a place, or nothing, or the tagger a pronoun."""
    res = Resources(load_french(), gazetteer("fr"), ListNames("none"), frozenset(), {}, "fr")
    people = titled_people()
    assert len(people) > 150
    templates = sorted(TEMPLATES.values())
    missed = []
    for n, (_id, surname, title) in enumerate(people):
        text = templates[n % len(templates)].format(n=f"{title} {surname}")
        result = annotate_french(Article.create(text[0].upper() + text[1:], "t.txt", language="fr"), res)
        if not any(m.label == "PERSON" and m.text == surname for m in result.mentions):
            missed.append(text)
    assert len(missed) <= 0.03 * len(people), missed[:20]


def _linked(text: str, screener: Screener) -> ArticleResult:
    return link(annotate_french(Article.create(text, "t.txt", language="fr"), french_resources()), screener)


@pytest.mark.slow
def test_a_surname_its_title_singles_out_is_linked(bundled_home: Path) -> None:
    cases = titled_cases()
    assert len(cases) > 100
    screener = Screener.open()
    hits = wrong = 0
    for case in cases:
        right = {case.list_id, *screener.same_as(case.list_id)}
        links = [k for m in _linked(case.text, screener).mentions for k in m.links]
        hits += any(k.id in right for k in links)
        wrong += sum(k.id not in right for k in links)
        assert all("its title is its listed position" in " ".join(k.evidence.get("confirmed_by", []))
                   for k in links if k.id in right and "same_as" not in k.evidence), case.text
    assert hits >= 0.6 * len(cases), hits
    assert wrong <= 0.03 * len(cases), wrong


@pytest.mark.slow
def test_a_title_two_listed_bearers_of_the_name_hold_links_neither(bundled_home: Path) -> None:
    shared = {(surname, title) for _id, surname, title in titled_people(shared=True)}
    assert len(shared) >= 3
    screener = Screener.open()
    for surname, title in sorted(shared):
        result = _linked(f"Selon Washington, {title} {surname} aurait facilité ces transferts.", screener)
        assert not [k.id for m in result.mentions if m.text == surname for k in m.links], (title, surname)
