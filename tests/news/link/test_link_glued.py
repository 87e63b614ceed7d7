"""Two listed names the French model reads as one ("le copain de Poutine Yevgeny Prigozhin", "le patron de
Wagner Evgueni Prigojine"), split by the lists, over many real listed people and organisations (the generated
glued and glued_orgs sets of ``bench.french_linking``); and names that are one person stay whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.french_linking_data import glued_cases, glued_org_cases, listed_people

from kenning.matching import Screener
from kenning.news.article import Article
from kenning.news.link.linker import link
from kenning.news.model import ArticleResult, Mention
from kenning.news.nlp.french import annotate_french, french_resources


def _linked(text: str, screener: Screener) -> ArticleResult:
    return link(annotate_french(Article.create(text, "t.txt", language="fr"), french_resources()), screener)


@pytest.mark.slow
def test_a_surname_glued_to_a_full_name_is_split_and_the_full_name_linked(bundled_home: Path) -> None:
    cases = glued_cases()[::12]
    assert len(cases) > 140
    screener = Screener.open()
    missed, unsaid = [], []
    for case in cases:
        result = _linked(case.text, screener)
        right = {case.list_id, *screener.same_as(case.list_id)}
        links = [k for m in result.mentions for k in m.links if k.id in right]
        if not links:
            missed.append(case.text)
        split = [m for m in result.mentions if m.links and any(k.evidence.get("split_from") for k in m.links)]
        if any(result.article.text[m.start:m.end] != m.text for m in split):
            unsaid.append(case.text)  # a split mention keeps offsets into the text
    assert len(missed) <= 0.06 * len(cases), missed[:20]
    assert not unsaid, unsaid[:5]


@pytest.mark.slow
def test_an_organisation_word_glued_to_a_full_name_is_split(bundled_home: Path) -> None:
    cases = glued_org_cases()[::12]
    assert len(cases) > 140
    screener = Screener.open()
    missed = []
    for case in cases:
        result = _linked(case.text, screener)
        right = {case.list_id, *screener.same_as(case.list_id)}
        person = [m for m in result.mentions if any(k.id in right for k in m.links)]
        if not person or person[0].label != "PERSON":
            missed.append(case.text)
    assert len(missed) <= 0.12 * len(cases), missed[:20]


@pytest.mark.slow
def test_a_listed_full_name_is_not_split(bundled_home: Path) -> None:
    """Listed people named in full with three words or more link whole (never read as two people)."""
    people = [p for p in listed_people() if len(p.given) == 2][::6]
    assert len(people) > 100
    screener = Screener.open()
    split = []
    for person in people:
        result = _linked(f"Les avoirs de {' '.join((*person.given, person.surname))} sont gelés.", screener)
        if any(k.evidence.get("split_from") for m in result.mentions for k in m.links):
            split.append(person)
    assert len(split) <= 0.01 * len(people), split[:10]


@pytest.mark.slow
def test_a_part_of_punctuation_only_is_not_asked(bundled_home: Path) -> None:
    """A mention the NER closed on a dash ("Ibrahim Ali Zed -"): the part "-" has nothing to screen."""
    text = "The man Ibrahim Ali Zed - an official - was named."
    start, end = text.index("Ibrahim"), text.index(" an official")
    mention = Mention(text=text[start:end], label="PERSON", start=start, end=end, sentence=0)
    result = ArticleResult(article=Article.create(text, "t.txt", language="en"), mentions=[mention])
    assert link(result, Screener.open()).mentions
