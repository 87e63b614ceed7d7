"""Roles and titles attached to people, on the real English model (no list knowledge needed)."""

from __future__ import annotations

import pytest

from kenning.news.ingest.collect import ingest_text
from kenning.news.model import ArticleResult, Mention
from kenning.news.nlp.annotation import annotate, resources


def _annotate(text: str) -> ArticleResult:
    return annotate(ingest_text(text), resources(use_store=False))


def _person(result: ArticleResult, text: str) -> Mention:
    found = [m for m in result.mentions if m.label == "PERSON" and m.text == text]
    assert found, f"{text!r} not among {[(m.text, m.label) for m in result.mentions]}"
    return found[0]


def test_pre_modifier_roles_give_the_country_and_leave_it_out() -> None:
    result = _annotate("Mali's Defence Minister Sadio Camara met Russian Foreign Minister Sergei Lavrov in Moscow.")
    camara = _person(result, "Sadio Camara")
    assert (camara.role, camara.country) == ("Defence Minister", "ml")
    assert camara.role_span is not None
    assert result.article.text[camara.role_span.start:camara.role_span.end] == "Defence Minister"
    lavrov = _person(result, "Sergei Lavrov")
    assert (lavrov.role, lavrov.country) == ("Foreign Minister", "ru")


def test_each_name_of_a_coordinated_list_has_its_own_role() -> None:
    result = _annotate("The U.S. Treasury sanctioned Defence Minister Sadio Camara, Air Force chief of staff "
                       "Alou Boi Diarra, and Air Force deputy chief of staff Adama Bagayoko on Monday.")
    assert _person(result, "Sadio Camara").role == "Defence Minister"
    assert _person(result, "Alou Boi Diarra").role == "Air Force chief of staff"
    assert _person(result, "Adama Bagayoko").role == "Air Force deputy chief of staff"
    assert not [m for m in result.mentions if m.label == "ORG" and m.text in ("Defence", "Air Force")]


@pytest.mark.parametrize(("text", "name", "role", "country"), [
    ("That same month, the United States slapped sanctions on Ivan Aleksandrovich Maslov, the head of "
     "Wagner in Mali.", "Ivan Aleksandrovich Maslov", "head of Wagner in Mali", "ml"),
    ('"These officials have made their people vulnerable," said Brian E. Nelson, the Treasury\'s under '
     "secretary for terrorism and financial intelligence.", "Brian E. Nelson",
     "the Treasury's under secretary for terrorism and financial intelligence", None),
    ("Andriy Portnov, former Deputy Head of the Ukrainian Presidential Administration under former "
     "President Viktor Yanukovych, was designated.", "Andriy Portnov",
     "former Deputy Head of the Ukrainian Presidential Administration", "ua"),
])
def test_appositive_roles(text: str, name: str, role: str, country: str | None) -> None:
    person = _person(_annotate(text), name)
    assert (person.role, person.country) == (role, country)


def test_treasury_style_predicate_role_wins_over_the_rank() -> None:
    result = _annotate("Colonel Sadio Camara (Camara), a Malian national, is Mali's Minister of Defense. "
                       "Lieutenant Colonel Adama Bagayoko (Bagayoko), a Malian national, is the Malian Air "
                       "Force Deputy Chief of Staff.")
    camara = _person(result, "Sadio Camara")
    assert (camara.role, camara.country) == ("Minister of Defense", "ml")
    bagayoko = _person(result, "Adama Bagayoko")
    assert (bagayoko.role, bagayoko.country) == ("Air Force Deputy Chief of Staff", "ml")


def test_a_rank_alone_is_the_role_when_nothing_else_is_said() -> None:
    result = _annotate("Sadio Camara is a minister. Later, Colonel Camara planned the deployment.")
    short = [m for m in result.mentions if m.text == "Camara"]
    assert [(m.role, m.refers_to) for m in short] == [("Colonel", "Sadio Camara")]


def test_no_role_from_an_of_phrase_or_a_preposition() -> None:
    result = _annotate("Sechin is a longtime close associate of Vladimir Putin. As President Joe Biden said, "
                       "the rules apply.")
    assert _person(result, "Vladimir Putin").role is None
    assert _person(result, "Joe Biden").role == "President"
    assert "As" not in (_person(result, "Joe Biden").role or "")
