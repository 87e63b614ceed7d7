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


#: Vessels added to the excerpt: one-word names and a name of two short words.
_VESSELS = {"900101": "BOCEANICA", "900102": "NOLAN", "900103": "ADISA", "900104": "BLUEFINS", "900105": "LARA I"}
#: (target name, SDN entry it must link to or None): one-word craft names link on the exact name only; a
#: former name links to the vessel; a one-word surname or a near miss never links.
_CRAFT_CASES = [("Boceanica", "900101"), ("Nolan", "900102"), ("Adisa", "900103"), ("Bluefins", "900104"),
                ("Lara I", "900105"), ("Ebano", "4243"), ("Sand Swan", "4243"), ("Camara", None),
                ("Boceanico", None), ("Bluefin", None), ("Adissa", None)]


def test_vessels_named_by_one_word_link_on_their_exact_name(kenning_home: Path, tmp_path: Path) -> None:
    rows = "".join(f'{n},"{name}","vessel","IRAN",-0- ,-0- ,"Crude Oil Tanker",-0- ,-0- ,"Panama",-0- ,'
                   f'"Vessel Registration Identification IMO 9{n[-6:]}."\n' for n, name in _VESSELS.items())
    excerpt = tmp_path / "sdn.csv"
    published = SDN_EXCERPT.read_text(encoding="utf-8").rstrip("\x1a\r\n")  # the file ends with a DOS EOF mark
    excerpt.write_text(published + "\n" + rows, encoding="utf-8")
    load_lists(Store(), "us_ofac_sdn", [excerpt], check_counts=False, show_progress=False)
    screener = Screener.open()
    result = build("OFAC identified the following vessels as blocked property.", [], published="2022-11-03")
    targets = [Target(name=name) for name, _ in _CRAFT_CASES]
    result.events = [SanctionEvent("Office of Foreign Assets Control", "us", "2022-11-03", None, False,
                                   ["blocked property identification"], None, None, targets, [])]
    link_named_targets(result, screener)
    found = [(t.name, t.links[0].source_id if t.links else None) for t in targets]
    assert found == _CRAFT_CASES
