"""Coreference within an article, and the entity fixes, on the real English model."""

from __future__ import annotations

from kenning.news.ingest.collect import ingest_text
from kenning.news.model import ArticleResult
from kenning.news.nlp.annotation import annotate, resources


def _annotate(text: str) -> ArticleResult:
    return annotate(ingest_text(text), resources(use_store=False))


def test_treasury_short_forms_and_surnames_refer_to_the_full_name() -> None:
    result = _annotate("Colonel Sadio Camara (Camara), a Malian national, is Mali's Minister of Defense. "
                       "In 2021, Camara made several trips to Russia. Colonel Camara planned the deployment.")
    people = [(m.text, m.refers_to) for m in result.mentions if m.label == "PERSON"]
    assert people == [("Sadio Camara", None), ("Camara", "Sadio Camara"), ("Camara", "Sadio Camara"),
                      ("Camara", "Sadio Camara")]


def test_an_untagged_surname_becomes_a_mention() -> None:
    result = _annotate("The United States slapped sanctions on Ivan Aleksandrovich Maslov in May. "
                       "They include Maslov, a close ally.")
    maslov = [m for m in result.mentions if m.text == "Maslov"]
    assert [(m.label, m.refers_to) for m in maslov] == [("PERSON", "Ivan Aleksandrovich Maslov")]


def test_acronyms_refer_to_the_organisation() -> None:
    result = _annotate("The Office of Foreign Assets Control (OFAC) acted. Also on Monday, Human Rights Watch "
                       "accused the army. HRW said the abuses had been committed since 2022.")
    refs = {m.text: m.refers_to for m in result.mentions if m.label == "ORG"}
    assert refs["OFAC"] == "Office of Foreign Assets Control"
    assert refs["HRW"] == "Human Rights Watch"
    assert refs["Human Rights Watch"] is None


def test_places_the_model_mislabels_are_relabelled_with_their_country() -> None:
    result = _annotate("They are Mali’s defence minister and two others. Russia has said Wagner would continue "
                       "operations in Mali and the Central African Republic (CAR). Ivory Coast pulls out.")
    places = {(m.text, m.label, m.country) for m in result.mentions if m.label in ("GPE", "NORP")}
    assert ("Mali", "GPE", "ml") in places
    assert ("CAR", "GPE", "cf") in places
    assert ("Central African Republic", "GPE", "cf") in places
    assert ("Ivory Coast", "GPE", "ci") in places
    assert not [m for m in result.mentions if m.label == "PERSON"]


def test_spans_lose_determiners_and_possessives_and_groups_are_not_people() -> None:
    result = _annotate("These officials paved the way for the Wagner Group's operations. Wagner fighters "
                       "arrived in December.")
    orgs = [m.text for m in result.mentions if m.label == "ORG"]
    assert "Wagner Group" in orgs
    assert "Wagner" in orgs
    assert not [m for m in result.mentions if m.label == "PERSON"]


def test_sentences_and_offsets_point_into_the_text() -> None:
    text = "WAGNER GROUP FACILITATORS IN MALI\n\nThe U.S. Treasury acted on Monday. It said so."
    result = _annotate(text)
    body = result.article.text
    assert [s.text for s in result.sentences][:2] == ["WAGNER GROUP FACILITATORS IN MALI",
                                                       "The U.S. Treasury acted on Monday."]
    for mention in result.mentions:
        assert body[mention.start:mention.end] == mention.text
    dates = [m.text for m in result.mentions if m.label == "DATE"]
    assert dates == ["Monday"]
