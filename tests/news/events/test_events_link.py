"""Targets of sanctions actions still unlinked (named only on list lines, or mentions the linker left alone)
are linked on their names, unless the name is ambiguous or short."""

from __future__ import annotations

from pathlib import Path

import pytest

from kenning.matching import Screener
from kenning.news.events.target_links import link_named_targets
from kenning.news.model import SanctionEvent, Target
from kenning.store import Store
from kenning.store.service import load_lists
from newskit import build

SDN_EXCERPT = Path(__file__).parents[2] / "fixtures" / "lists" / "us_ofac" / "sdn.csv"


@pytest.fixture
def excerpt_screener(kenning_home: Path) -> Screener:
    load_lists(Store(), "us_ofac_sdn", [SDN_EXCERPT], check_counts=False, show_progress=False)
    return Screener.open()


def test_names_without_mentions_get_the_lists_entity(excerpt_screener: Screener) -> None:
    result = build("Today OFAC designated the following persons:\n1. Sadio Camara\n2. Camara\n3. Nobody Known Here",
                   [], published="2023-07-24")
    targets = [Target(name="Sadio Camara"), Target(name="Camara"), Target(name="Nobody Known Here"),
               Target(name="Adama Bagayoko", mention=0)]
    result.events = [SanctionEvent("Office of Foreign Assets Control", "us", "2023-07-24", "Today", False,
                                   ["designation"], None, None, targets, [])]
    assert link_named_targets(result, excerpt_screener) == 2
    camara = targets[0].links
    assert [(link.dataset, link.source_id) for link in camara] == [("us_ofac_sdn", "42618")]
    assert camara[0].evidence["context"].startswith("a designee named on a list line")
    assert targets[1].links == [] and targets[2].links == []
    bagayoko = targets[3].links
    assert [(link.dataset, link.source_id) for link in bagayoko] == [("us_ofac_sdn", "42616")]
    assert bagayoko[0].evidence["context"].startswith("the target of a sanctions action")
