"""The linker's context rules on short real sentences, over the bundled lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from kenning.matching import Screener
from kenning.news.ingest.collect import ingest_text
from kenning.news.link.linker import link
from kenning.news.model import Mention
from kenning.news.nlp.annotation import annotate, resources

pytestmark = pytest.mark.slow


def _mentions(text: str) -> list[Mention]:
    return link(annotate(ingest_text(text), resources()), Screener.open()).mentions


def _ids(mentions: list[Mention], text: str) -> set[str]:
    return {link.id for m in mentions if m.text == text for link in m.links}


def test_a_surname_alone_needs_strong_context(bundled_home: Path) -> None:
    bare = _mentions("Putin did not comment on the report.")
    assert _ids(bare, "Putin") == set()
    placed = _mentions("Russian President Putin signed the decree in Moscow.")
    assert "us_ofac_sdn-35096" in _ids(placed, "Putin")
    nelson = _mentions("Nelson said the measures were overdue.")
    assert _ids(nelson, "Nelson") == set()


def test_given_names_alone_do_not_link_to_someone_with_that_surname_missing(bundled_home: Path) -> None:
    mentions = _mentions("The cartel's accountant, Jorge Alberto, moved the money through Mexico.")
    assert _ids(mentions, "Jorge Alberto") == set()


def test_a_person_links_to_persons_only_and_an_organisation_to_organisations(bundled_home: Path) -> None:
    mentions = _mentions("Sberbank and Wagner Group were named again, and Yevgeny Prigozhin spoke in Moscow.")
    for mention in mentions:
        for found in mention.links:
            assert (found.schema == "Person") == (mention.label == "PERSON")
    assert "us_ofac_sdn-21171" in _ids(mentions, "Yevgeny Prigozhin")


def test_a_role_country_that_contradicts_the_list_weakens_the_link(bundled_home: Path) -> None:
    agrees = _mentions("Russian Foreign Minister Sergei Lavrov arrived.")
    contradicts = _mentions("Mali's Foreign Minister Sergei Lavrov arrived.")
    good = next(k for m in agrees if m.text == "Sergei Lavrov" for k in m.links if k.id == "us_ofac_sdn-35233")
    bad = [k for m in contradicts if m.text == "Sergei Lavrov" for k in m.links if k.id == "us_ofac_sdn-35233"]
    assert bad
    assert bad[0].score < good.score
    assert any("not the listed" in reason for reason in bad[0].evidence["weakened_by"])


def test_a_subordinate_body_is_not_the_ministry_itself(bundled_home: Path) -> None:
    mentions = _mentions("The Ministry of Defense of the Russian Federation ordered the strikes, Russia said.")
    ids = _ids(mentions, "Ministry of Defense of the Russian Federation")
    assert "us_ofac_sdn-43112" not in ids  # "223 FLIGHT UNIT STATE AIRLINES OF THE MINISTRY OF DEFENSE ..."


def test_an_acronym_or_a_common_word_needs_context(bundled_home: Path) -> None:
    mentions = _mentions("Vessels used STS transfers at sea. People gathered in Belgrade. Finance was short.")
    assert all(not m.links for m in mentions)
