"""Linking the two seed reports over the bundled lists: every gold link, no other, with evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from kenning.matching import Screener
from kenning.news.ingest.collect import ingest_file
from kenning.news.link.linker import link
from kenning.news.model import ArticleResult
from kenning.news.nlp.annotation import annotate, resources
from testkit import REPO

pytestmark = pytest.mark.slow

SEEDS = REPO / "data" / "news" / "seeds"
PEOPLE = {
    "Sadio Camara": {"us_ofac_sdn-42618"},
    "Alou Boi Diarra": {"us_ofac_sdn-42617"},
    "Adama Bagayoko": {"us_ofac_sdn-42616"},
    "Ivan Aleksandrovich Maslov": {"us_ofac_sdn-40969", "gb_ofsi-16024"},
    "Maslov": {"us_ofac_sdn-40969", "gb_ofsi-16024"},
    "Vitalii Viktorovitch Perfilev": {"us_ofac_sdn-44477", "gb_ofsi-16031"},
    "Konstantin Aleksandrovitch Pikalov": {"us_ofac_sdn-47739", "gb_ofsi-16032"},
    "Yevgeny Prigozhin": {"us_ofac_sdn-21171", "gb_ofsi-13968"},
    "Sergei Lavrov": {"us_ofac_sdn-35233", "gb_ofsi-14197"},
    "Antony Blinken": set(),
    "Brian E. Nelson": set(),
}
UNLISTED_ORGS = ("Human Rights Watch", "HRW", "MINUSMA", "Rapid Support Forces", "RSF", "Sudanese Armed Forces",
                 "SAF", "European Union", "UN Security Council")


@pytest.fixture
def linked(bundled_home: Path) -> list[ArticleResult]:
    screener = Screener.open()
    return [link(annotate(ingest_file(f), resources()), screener) for f in sorted(SEEDS.glob("*.txt"))]


def test_people_link_to_exactly_their_entries(linked: list[ArticleResult]) -> None:
    found: dict[str, set[str]] = {}
    for result in linked:
        for mention in (m for m in result.mentions if m.label == "PERSON"):
            found.setdefault(mention.text, set()).update(k.id for k in mention.links)
    for name, ids in PEOPLE.items():
        assert found[name] == ids, name
    unexpected = {name: ids for name, ids in found.items() if name not in PEOPLE and ids}
    assert not unexpected


def test_wagner_links_to_the_group_and_unlisted_orgs_to_nothing(linked: list[ArticleResult]) -> None:
    for result in linked:
        wagner = [m for m in result.mentions if m.label == "ORG" and m.text == "Wagner"]
        assert wagner
        for mention in wagner:
            ids = {k.id for k in mention.links}
            assert {"us_ofac_sdn-22543", "gb_ofsi-15033"} <= ids <= {"us_ofac_sdn-22543", "gb_ofsi-15033",
                                                                     "gb_ofsi-16630"}
    orgs = [m for r in linked for m in r.mentions if m.label == "ORG" and m.text in UNLISTED_ORGS]
    assert {m.text for m in orgs} >= {"Human Rights Watch", "MINUSMA", "Rapid Support Forces", "Sudanese Armed Forces"}
    assert all(not m.links for m in orgs)


def test_links_carry_scores_and_evidence(linked: list[ArticleResult]) -> None:
    lavrov = next(m for r in linked for m in r.mentions if m.text == "Sergei Lavrov")
    direct = next(k for k in lavrov.links if "same_as" not in k.evidence)
    assert direct.score >= 0.9
    assert direct.evidence["features"]["name"] > 0.9
    assert "Foreign Minister" in direct.evidence["context"]
    assert any("listed position" in reason for reason in direct.evidence["confirmed_by"])
    assert any("country ru" in reason for reason in direct.evidence["confirmed_by"])
    camara = next(m for r in linked for m in r.mentions if m.text == "Sadio Camara")
    assert any("linked to it in the lists" in reason for reason in camara.links[0].evidence["confirmed_by"])



def test_same_as_entries_come_with_every_link(linked: list[ArticleResult]) -> None:
    screener = Screener.open()
    for mention in (m for r in linked for m in r.mentions if m.links):
        ids = {found.id for found in mention.links}
        for found in mention.links:
            assert set(screener.same_as(found.id)) <= ids, (mention.text, found.id)


def test_each_distinct_name_is_screened_once(bundled_home: Path) -> None:
    from kenning.news.link.linker import Linker

    linker = Linker(Screener.open())
    result = annotate(ingest_file(SEEDS / "001_3223975ce75752ba.txt"), resources())
    linker.link(result)
    names = {(m.label, m.refers_to or m.text) for m in result.mentions if m.label in ("PERSON", "ORG")}
    # a name, or a part of a person's name of three words or more tried as two names, as a person or an
    # organisation (kenning.news.link.glued)
    wanted = {("Person" if label == "PERSON" else "Organization", name) for label, name in names}
    parts = {(schema, " ".join(words[i:j])) for label, name in names if label == "PERSON"
             for words in [name.split()] if len(words) >= 3 for i in range(len(words))
             for j in range(i + 1, len(words) + 1) for schema in ("Person", "Organization")}
    assert set(linker._screens) <= wanted | parts, set(linker._screens) - wanted - parts
    assert len([k for k in linker._screens if k in wanted]) <= len(names)
    before = dict(linker._screens)
    linker.link(result)
    assert dict(linker._screens) == before
