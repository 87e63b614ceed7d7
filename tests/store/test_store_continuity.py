"""One UK party across the switch: a UK Sanctions List designation and the OFSI group with its group id are
the same party (an official identifier, not a match), the dossier tells one history, and the screening
linker still links the new entry to OFAC. Built on real excerpts: the OFAC SDN fixture (21 entries), the
OFSI ConList fixture (52 rows) and the UK Sanctions List sample (10 designations)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kenning.store import Store
from kenning.store.continuity import METHOD, find_successions, succession
from testkit import LISTS, kenning_env, run_cli

UKSL = LISTS / "gb_fcdo" / "UK-Sanctions-List.xml"


@pytest.fixture(scope="module")
def uk_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store with the OFAC and OFSI fixtures loaded, then the UK Sanctions List sample loaded as a user
    would (``kenning lists load FILE --skip-count-check``, which links the lists)."""
    home = tmp_path_factory.mktemp("uk") / "home"
    with kenning_env(HOME=str(home)):
        for path in (LISTS / "us_ofac" / "sdn.csv", LISTS / "gb_ofsi" / "ConList.csv"):
            assert run_cli("lists", "load", "--skip-count-check", "--no-link", str(path)).code == 0
        loaded = run_cli("lists", "load", str(UKSL), "--skip-count-check")
        assert loaded.code == 0, loaded.err
        yield home


def test_maslov_is_one_uk_party_linked_to_ofac(uk_home: Path) -> None:
    with kenning_env(HOME=str(uk_home)):
        out = run_cli("entity", "gb_fcdo-MAL0011", "--json")
    assert out.code == 0, out.err
    view = json.loads(out.out)
    assert view["properties"]["program"] == ["The Mali (Sanctions) (EU Exit) Regulations 2020"]
    [sanction] = view["sanctions"]
    assert sanction["properties"]["listingDate"] == ["2023-07-20"]
    assert "head of the Wagner Group in Mali" in sanction["properties"]["reason"][0]
    links = {link["id"]: link for link in view["same_as"]}
    assert set(links) == {"gb_ofsi-16024", "us_ofac_sdn-40969"}
    assert links["gb_ofsi-16024"]["method"] == METHOD and links["gb_ofsi-16024"]["score"] == 1.0
    assert "record id 16024" in links["gb_ofsi-16024"]["evidence"]["successor_record"]["detail"]
    assert links["us_ofac_sdn-40969"]["method"] == "kenning-v1"
    assert [(p["id"], p["from"], p["until"]) for p in view["succession"]] == [
        ("gb_ofsi-16024", "2023-07-20", "2026-01-28"), ("gb_fcdo-MAL0011", "2026-01-28", None)]
    assert view["succession"][1]["reference"] == "MAL0011" and view["succession"][0]["publication"] == "2025-04-10"


def test_every_designation_with_a_group_in_the_old_list_is_carried_over(uk_home: Path) -> None:
    with kenning_env(HOME=str(uk_home)):
        store = Store()
        pairs = {(new, old) for new, old, _, _ in find_successions(store)}
        ofsi = {e.id for e in store.iter_entities(dataset="gb_ofsi", targets_only=True)}
        groups = {f"gb_ofsi-{r}": str(s.get("entity")[0]) for s in store.iter_entities(dataset="gb_fcdo")
                  if s.schema.name == "Sanction" for r in s.get("recordId")}
        assert pairs == {(new, old) for old, new in groups.items() if old in ofsi}
        assert ("gb_fcdo-MAL0011", "gb_ofsi-16024") in pairs
        assert succession(store, "gb_ofsi-16024") == succession(store, "gb_fcdo-MAL0011")
        assert succession(store, "us_ofac_sdn-40969") == []
        # the screening linker did not add a second link for a pair the group id settles
        linked = run_cli("lists", "link", "--json")
    data = json.loads(linked.out)
    assert data["successions"] == len(pairs) and "gb_fcdo↔gb_ofsi" not in data["pairs"]


def test_the_dossier_tells_one_uk_history(uk_home: Path) -> None:
    from kenning.api import create_app

    with kenning_env(HOME=str(uk_home)), TestClient(create_app()) as client:
        page = client.get("/entity/gb_fcdo-MAL0011").text
        home = client.get("/").text
    history = page.split('id="list-history"', 1)[1].split("</ol>", 1)[0]
    words = " ".join(history.split())
    assert '2023-07-20 – 2026-01-28</span> <a href="/entity/gb_ofsi-16024">UK OFSI</a> 16024' in words
    assert '2026-01-28 – today</span> <a href="/entity/gb_fcdo-MAL0011">UK Sanctions List</a> MAL0011' in words
    timeline = " ".join(page.split('id="timeline"', 1)[1].split("</ol>", 1)[0].split())
    assert ("28 January 2026</span> UK OFSI retired: the party continues on the UK Sanctions List as MAL0011 (it was "
            "16024 on the UK OFSI)") in timeline
    uk = [item for item in timeline.split("<li") if "Designated by" in item and "20 July 2023" in item]
    assert len(uk) == 1  # the UK designation of 2023-07-20, told once
    # the same party's US designation (SDN 40969): the legacy CSV has no date, the SDN history gives it
    assert "25 May 2023</span> Designated by US Department of the Treasury" in timeline
    assert "date first seen in the published SDN list on 2023-05-25" in timeline
    assert timeline.count("Designated by") == 2
    assert "retired on 2026-01-28, replaced by the UK Sanctions List (FCDO) (gb_fcdo)" in home
    assert "freshness-retired" in home and "freshness-overdue" in home
