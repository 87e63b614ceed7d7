"""``lists update`` against a loopback server serving the real samples under the official URL paths
(``/docs/UK-Sanctions-List.xml``, ``/api/PublicationPreview/exports/SDN_ADVANCED.XML``...; never the
internet): editions tried in order, retries with backoff, checks before anything is written, and the current
version kept — and said to be kept — when anything fails."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kenning import settings
from kenning.errors import FetchError, ParseError, TransientFetchError
from kenning.sources.base import load_catalogue
from kenning.store import Store
from kenning.store.update import update_lists
from testkit import LISTS, OfficialServer, SetSetting, local_catalogue, official_server, run_cli

EXPORTS = "/api/PublicationPreview/exports"
UK_PATH = "/docs/UK-Sanctions-List.xml"
OFFICIAL = {
    f"{EXPORTS}/SDN_ADVANCED.XML": LISTS / "us_ofac" / "advanced" / "sdn_advanced_2026-09-09.xml",
    f"{EXPORTS}/CONSOLIDATED.XML": LISTS / "us_ofac" / "xml" / "consolidated_2026-01-08_excerpt.xml",
    UK_PATH: LISTS / "gb_fcdo" / "UK-Sanctions-List.xml",
    "/resources/xml/en/consolidated.xml": LISTS / "un_sc" / "consolidated.xml",
    "/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content": LISTS / "eu_fsf" / "real" / "export_2026-08-05.xml",
}


@pytest.fixture
def served(kenning_home: Path, tmp_path: Path, kenning_setting: SetSetting) -> Iterator[OfficialServer]:
    """The official paths served from copies of the samples (a test may change a copy), every list's URLs
    pointed at them, a short backoff."""
    files = {}
    for path, source in OFFICIAL.items():
        files[path] = tmp_path / "site" / path.strip("/")
        files[path].parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, files[path])
    with official_server(files) as server:
        catalogue = local_catalogue(server.base, tmp_path / "sources.yml", expected={"gb_fcdo": {"min": 1}})
        kenning_setting("SOURCES_FILE", str(catalogue))
        kenning_setting("FETCH_BACKOFF", "0.01")
        load_catalogue.cache_clear()
        yield server
        load_catalogue.cache_clear()


def test_every_current_list_from_its_official_path(served: OfficialServer) -> None:
    store = Store()
    results = {r.dataset: r for r in update_lists(store, check_counts=False, show_progress=False)}
    assert set(results) == {"us_ofac_sdn", "us_ofac_cons", "gb_fcdo", "un_sc", "eu_fsf"}  # not the retired gb_ofsi
    assert all(r.status == "loaded" and r.error is None for r in results.values())
    assert results["us_ofac_sdn"].edition is not None and results["us_ofac_sdn"].edition.startswith("OFAC advanced")
    cons = results["us_ofac_cons"]
    assert cons.edition is not None and cons.edition.startswith("OFAC legacy XML")
    assert cons.skipped == [f"OFAC advanced XML (CONS_ADVANCED.XML, the UN sanctions data model; listing dates, "
                            f"original scripts): {served.base}{EXPORTS}/CONS_ADVANCED.XML: HTTP 404"]
    assert set(OFFICIAL) <= set(served.requests)
    assert not any("ofsistorage" in r or "ConList" in r for r in served.requests)
    sanction = store.get_entity("us_ofac_sdn-2677-sanction")
    assert sanction is not None and sanction.get("listingDate") == ["1995-01-23"]
    assert store.get_entity("gb_fcdo-MAL0011") is not None
    assert store.current_versions()["gb_fcdo"].publication_date == "2026-03-26"
    again = update_lists(store, check_counts=False, show_progress=False)
    assert {r.status for r in again} == {"unchanged"}


def test_transient_failures_are_retried_with_backoff(served: OfficialServer) -> None:
    served.failures[f"{EXPORTS}/SDN_ADVANCED.XML"] = 2
    [result] = update_lists(Store(), "us_ofac_sdn", check_counts=False, show_progress=False)
    assert result.status == "loaded"
    assert [a.split(": ", 1)[1] for a in result.downloads[0].attempts] == ["HTTP 503", "HTTP 503"]
    assert served.requests.count(f"{EXPORTS}/SDN_ADVANCED.XML") == 3


def test_an_edition_that_keeps_failing_gives_way_then_the_list_fails(served: OfficialServer) -> None:
    served.failures[f"{EXPORTS}/SDN_ADVANCED.XML"] = 10
    store = Store()
    [result] = update_lists(store, "us_ofac_sdn", check_counts=False, show_progress=False)
    assert result.status == "failed" and isinstance(result.error, FetchError)
    assert served.requests.count(f"{EXPORTS}/SDN_ADVANCED.XML") == settings.FETCH_RETRIES + 1
    assert "HTTP 503 (gave up after 4 attempts)" in result.skipped[0]
    assert [s.split(": ", 1)[0] for s in result.skipped] == [
        "OFAC advanced XML (SDN_ADVANCED.XML, the UN sanctions data model; listing dates, original scripts)",
        "OFAC legacy XML (SDN.XML, sdnList/sdnEntry)",
        "OFAC legacy CSV (sdn.csv, alt.csv, add.csv, sdn_comments.csv; no header; null is -0-)"]
    assert result.message.startswith("update failed, no version of it is loaded: ")
    assert store.versions() == []


def test_a_failed_update_keeps_the_current_version_and_says_so(served: OfficialServer, tmp_path: Path) -> None:
    store = Store()
    [first] = update_lists(store, "gb_fcdo", show_progress=False)
    assert first.status == "loaded" and first.load is not None
    kept = first.load.version
    site = tmp_path / "site" / UK_PATH.strip("/")
    shutil.copy(LISTS / "gb_fcdo" / "UK-Sanctions-List_2026-08-14.xml", site)  # 4 parties instead of 10
    [shrunk] = update_lists(store, "gb_fcdo", show_progress=False)
    assert shrunk.status == "failed" and isinstance(shrunk.error, ParseError)
    assert "4 listed parties against 10 in the current version" in shrunk.error.message
    assert shrunk.kept is not None and shrunk.kept.id == kept.id
    assert shrunk.message.startswith(f"update failed, kept the current version {kept.id} (published 2026-03-26)")
    site.write_bytes(b"<Designations><Designation><UniqueID>X")
    [broken] = update_lists(store, "gb_fcdo", show_progress=False)
    assert isinstance(broken.error, ParseError) and "malformed XML" in broken.error.message
    assert [v.id for v in store.versions()] == [kept.id]
    assert store.current_versions()["gb_fcdo"].id == kept.id
    assert store.get_entity("gb_fcdo-MAL0011") is not None
    cli = run_cli("lists", "update", "--dataset", "gb_fcdo")
    assert cli.code == 2
    assert f"error: gb_fcdo: update failed, kept the current version {kept.id} (published 2026-03-26)" in cli.err


def test_oversize_and_missing_files_are_final(served: OfficialServer, kenning_setting: SetSetting) -> None:
    kenning_setting("FETCH_MAX_BYTES", "1000")
    [big] = update_lists(Store(), "gb_fcdo", check_counts=False, show_progress=False)
    assert big.status == "failed" and not isinstance(big.error, TransientFetchError)
    assert big.error is not None and "over the 1000-byte limit" in big.error.message
    assert served.requests.count(UK_PATH) == 1  # not retried
    kenning_setting("FETCH_MAX_BYTES", None)
    [missing] = update_lists(Store(), "gb_ofsi", check_counts=False, show_progress=False)  # named: tried
    assert missing.error is not None and missing.error.message.endswith("/publishlive/2022format/ConList.csv: HTTP 404")
    assert Store().versions() == []
