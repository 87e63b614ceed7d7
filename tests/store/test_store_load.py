"""Loading list versions: idempotent, transactional, current-version rules, diffs between versions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kenning.errors import ParseError
from kenning.store import Store
from kenning.store.service import diff_sources, load_lists, status
from kenning.store.views import entity_view

OFAC = Path(__file__).parents[1] / "fixtures" / "lists" / "us_ofac"
NEW_IDS = ("42616", "42617", "42618")


def _before_copy(tmp_path: Path) -> Path:
    """The fixture SDN without the three 2023-07-24 designations, as the earlier publication."""
    folder = tmp_path / "before"
    folder.mkdir()
    lines = (OFAC / "sdn.csv").read_bytes().split(b"\r\n")
    kept = [line for line in lines if line.split(b",", 1)[0].decode() not in NEW_IDS]
    (folder / "sdn.csv").write_bytes(b"\r\n".join(kept))
    for name in ("alt.csv", "add.csv"):
        shutil.copy(OFAC / name, folder / name)
    return folder / "sdn.csv"


def test_load_is_a_version_and_loading_twice_changes_nothing(kenning_home: Path) -> None:
    store = Store()
    first = load_lists(store, "us_ofac_sdn", [OFAC / "sdn.csv"], check_counts=False, show_progress=False)
    assert [r.status for r in first] == ["loaded"]
    assert first[0].version.entity_count == 21
    second = load_lists(store, "us_ofac_sdn", [OFAC / "sdn.csv"], check_counts=False, show_progress=False)
    assert second[0].status == "unchanged"
    assert second[0].version.id == first[0].version.id
    assert len(store.versions()) == 1
    info = status(store)["us_ofac_sdn"]
    assert info["entities"] == 21
    assert info["by_schema"] == {"Airplane": 1, "Organization": 6, "Person": 12, "Vessel": 2}
    assert info["records"]["Sanction"] == 21


def test_entity_view_has_sanctions_identifiers_and_relations(kenning_home: Path) -> None:
    store = Store()
    load_lists(store, "us_ofac_sdn", [OFAC / "sdn.csv"], check_counts=False, show_progress=False)
    view = entity_view(store, "us_ofac_sdn-42618")
    assert view["caption"] == "CAMARA, Sadio"
    assert view["readable"]["nationality"] == ["Mali"]
    assert view["sanctions"][0]["properties"]["program"] == ["RUSSIA-EO14024"]
    assert view["identifiers"][0]["properties"]["number"] == ["DA0004031"]
    rel = view["relations"][0]
    assert rel["other"]["id"] == "us_ofac_sdn-22543" and rel["direction"] == "outgoing"
    wagner = entity_view(store, "us_ofac_sdn-22543")
    incoming = {r["other"]["id"] for r in wagner["relations"] if r["direction"] == "incoming"}
    assert {"us_ofac_sdn-42616", "us_ofac_sdn-42617", "us_ofac_sdn-42618"} <= incoming


def test_count_outside_expected_range_fails_and_leaves_store_unchanged(kenning_home: Path) -> None:
    store = Store()
    with pytest.raises(ParseError) as err:
        load_lists(store, "us_ofac_sdn", [OFAC / "sdn.csv"], show_progress=False)
    assert "outside the expected range" in str(err.value) and "sdn.csv" in str(err.value)
    assert store.versions() == []


def test_failed_load_keeps_previous_version_current(kenning_home: Path, tmp_path: Path) -> None:
    store = Store()
    load_lists(store, "us_ofac_sdn", [OFAC / "sdn.csv"], check_counts=False, show_progress=False)
    bad = tmp_path / "bad" / "sdn.csv"
    bad.parent.mkdir()
    bad.write_bytes((OFAC / "sdn.csv").read_bytes() + b'99999,"X","individual"\r\n')
    with pytest.raises(ParseError) as err:
        load_lists(store, "us_ofac_sdn", [bad], check_counts=False, show_progress=False)
    assert "line 22" in str(err.value)
    assert len(store.versions()) == 1
    assert store.get_entity("us_ofac_sdn-42618") is not None


def test_versions_diff_and_current_follows_publication(kenning_home: Path, tmp_path: Path) -> None:
    store = Store()
    before = _before_copy(tmp_path)
    old = load_lists(store, "us_ofac_sdn", [before], check_counts=False, show_progress=False)[0]
    new = load_lists(store, "us_ofac_sdn", [OFAC / "sdn.csv"], check_counts=False, show_progress=False)[0]
    assert new.current and store.current_versions()["us_ofac_sdn"].id == new.version.id
    diff = diff_sources(store, str(old.version.id), str(new.version.id), show_progress=False)
    assert [a["source_id"] for a in diff["added"]] == list(NEW_IDS)
    assert diff["removed"] == []
    # Wagner gained three incoming links, which are records of the new people, not changes of Wagner.
    assert diff["changed"] == []
    files = diff_sources(store, str(before), str(OFAC / "sdn.csv"), show_progress=False)
    assert files["summary"] == diff["summary"]
