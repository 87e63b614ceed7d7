"""The two seed reports: every named person of gold.json found, with the roles the reports give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kenning.news.ingest.collect import ingest_file
from kenning.news.model import ArticleResult, Mention
from kenning.news.nlp.annotation import annotate_many, resources
from testkit import REPO

pytestmark = pytest.mark.slow

SEEDS = REPO / "data" / "news" / "seeds"
ROLES = {
    "Sadio Camara": "Defence Minister",
    "Alou Boi Diarra": "Air Force chief of staff",
    "Adama Bagayoko": "Air Force deputy chief of staff",
    "Ivan Aleksandrovich Maslov": "head of Wagner in Mali",
    "Vitalii Viktorovitch Perfilev": "Wagner's chief in CAR",
    "Konstantin Aleksandrovitch Pikalov": "the group's operations head there",
    "Sergei Lavrov": "Foreign Minister",
    "Antony Blinken": "Secretary of State",
    "Brian E. Nelson": "the Treasury's under secretary for terrorism and financial intelligence",
}


@pytest.fixture
def seeds(bundled_home: Path) -> list[ArticleResult]:
    files = sorted(SEEDS.glob("*.txt"))
    return list(annotate_many([ingest_file(f) for f in files], resources()))


def _people(results: list[ArticleResult]) -> list[Mention]:
    return [m for r in results for m in r.mentions if m.label == "PERSON"]


def test_every_gold_person_is_a_person_mention(seeds: list[ArticleResult]) -> None:
    gold = json.loads((SEEDS / "gold.json").read_text())
    texts = [set(m.text.lower().split()) for m in _people(seeds)]
    for person in gold["people"]:
        words = set(person["name"].lower().split())
        assert any(words <= t for t in texts), person["name"]


def test_roles_and_countries(seeds: list[ArticleResult]) -> None:
    found = {m.text: m for m in _people(seeds) if m.role}
    for name, role in ROLES.items():
        assert found[name].role == role, name
    assert found["Sergei Lavrov"].country == "ru"
    assert found["Antony Blinken"].country == "us"
    assert found["Ivan Aleksandrovich Maslov"].country == "ml"
    assert found["Vitalii Viktorovitch Perfilev"].country == "cf"


def test_surname_refers_to_the_full_name_and_no_false_people(seeds: list[ArticleResult]) -> None:
    people = _people(seeds)
    assert [m.refers_to for m in people if m.text == "Maslov"] == ["Ivan Aleksandrovich Maslov"]
    names = {m.text for m in people}
    assert not names & {"Mali", "Wagner", "Sahel", "CAR"}


def test_organisations_are_org_mentions(seeds: list[ArticleResult]) -> None:
    orgs = {m.text for r in seeds for m in r.mentions if m.label == "ORG"}
    assert {"Wagner", "Human Rights Watch", "MINUSMA", "Rapid Support Forces", "Sudanese Armed Forces"} <= orgs
    assert not orgs & {"Defence", "Air Force", "Mali", "CAR"}


def test_places_carry_their_country(seeds: list[ArticleResult]) -> None:
    places = {(m.text, m.country) for r in seeds for m in r.mentions if m.label in ("GPE", "NORP")}
    assert {("Mali", "ml"), ("CAR", "cf"), ("Bamako", "ml"), ("Ivory Coast", "ci"), ("Malian", "ml"),
            ("Russian", "ru"), ("UK", "gb"), ("Britain", "gb")} <= places
