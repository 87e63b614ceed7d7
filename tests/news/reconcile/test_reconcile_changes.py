"""Changes compared across reports and languages: percentages and factors as one kind of quantity, the
quantity named in either language, values a subject can hold several of, and facts only one language's
reports state."""

from __future__ import annotations

import pytest

from kenning.news.article import Article
from kenning.news.model import ArticleResult, Claim, Span
from kenning.news.reconcile.claims import claim_facts, story_claims, subject_key
from kenning.news.reconcile.values import change_factor, relate_changes


@pytest.mark.parametrize(("left", "right", "status"), [
    ("+278%", "x3", "conflicting"),      # x3.78 is not x3
    ("+278%", "x4", "complementary"),    # x3.78 rounds to x4
    ("+200%", "x3", "agreed"), ("+100%", "x2", "agreed"), ("x3", "x3", "agreed"),
    ("+278%", "+280%", "agreed"),        # the same figure rounded
    ("+278%", "+150%", "conflicting"), ("x2", "x3", "conflicting"),
    ("+50%", "-20%", "conflicting"), ("-50%", "x0.5", "agreed"), ("+160%", "x3", "complementary"),
])
def test_percentages_and_factors_compare_as_factors(left: str, right: str, status: str) -> None:
    assert relate_changes(left, right)[0] == status
    assert relate_changes(right, left)[0] == status


def test_a_factor_word_that_matches_a_misread_percentage_is_noted() -> None:
    status, note = relate_changes("+278%", "x3")
    assert status == "conflicting" and "x3.78" in note and "share of the start" in note


@pytest.mark.parametrize(("value", "factor"), [("+278%", (3.78, True)), ("-30%", (0.7, True)), ("x3", (3.0, False)),
                                               ("x0.5", (0.5, False)), ("278", None), ("2023-07", None)])
def test_change_values(value: str, factor: tuple[float, bool] | None) -> None:
    found = change_factor(value)
    assert found == factor if factor is None or found is None else (round(found[0], 6), found[1]) == factor


@pytest.mark.parametrize("words", ["civilian deaths", "the number of civilian casualties in Mali",
                                   "le nombre de victimes civiles dans ce pays", "nombre de morts civils",
                                   "Civilian victims"])
def test_the_quantity_is_named_in_either_language(words: str) -> None:
    assert subject_key(words) == "civilian deaths"


def _report(name: str, language: str, sentence: str, claim: tuple[str, str, str, str]) -> ArticleResult:
    article = Article.create(sentence, name, language=language)
    subject, predicate, value, normalized = claim
    start = sentence.index(value)
    span = Span(start, start + len(value), value)
    return ArticleResult(article=article, sentences=[Span(0, len(sentence), sentence)],
                         claims=[Claim(subject, predicate, value, normalized, span)])


def test_facts_across_languages_side_by_side_each_in_its_language() -> None:
    reports = [
        _report("en1", "en", "He says civilian deaths have tripled.", ("civilian deaths", "change", "tripled", "x3")),
        _report("fr1", "fr", "Le nombre de victimes civiles a augmenté de 278 %.",
                ("Le nombre de victimes civiles", "change", "278 %", "+278%")),
        _report("fr2", "fr", "Sadio Camara détient également la nationalité française.",
                ("Sadio Camara", "citizenship", "nationalité française", "fr")),
        _report("fr3", "fr", "Il est, selon Washington, citoyen français.",
                ("Sadio Camara", "citizenship", "citoyen français", "fr")),
        _report("fr4", "fr", "CAMARA, Sadio; nationalité malienne.",
                ("Sadio Camara", "citizenship", "nationalité malienne", "ml")),
    ]
    by_id = {r.article.id: r for r in reports}
    facts = {f.field: f for f in claim_facts(story_claims(reports), by_id)}
    change = facts["change"]
    assert change.status == "conflicting" and change.subject == "civilian deaths"
    assert [(s.language, s.value) for s in change.statements] == [("en", "tripled"), ("fr", "278 %")]
    citizenship = facts["citizenship"]
    assert citizenship.status == "complementary"  # dual citizens: different values add up
    assert {s.language for s in citizenship.statements} == {"fr"}


def test_what_only_one_languages_reports_agree_on_is_complementary() -> None:
    reports = [
        _report("fr2", "fr", "Sadio Camara détient la nationalité française.",
                ("Sadio Camara", "citizenship", "nationalité française", "fr")),
        _report("fr3", "fr", "Sadio Camara est citoyen français.",
                ("Sadio Camara", "citizenship", "citoyen français", "fr")),
        _report("en1", "en", "The US sanctioned Sadio Camara.", ("Sadio Camara", "sanctioned", "US", "us")),
    ]
    by_id = {r.article.id: r for r in reports}
    [fact] = [f for f in claim_facts(story_claims(reports), by_id) if f.field == "citizenship"]
    assert fact.status == "complementary" and "only the fr reports" in (fact.note or "")
    same_language = claim_facts(story_claims(reports[:2]), {r.article.id: r for r in reports[:2]})
    assert [f.status for f in same_language] == ["agreed"]
