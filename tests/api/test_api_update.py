"""POST /lists/update end to end: the official files come from a real HTTP server on 127.0.0.1 (a local
copy of sources.yml points there), are loaded, linked, and screened at once without a restart."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kenning import settings
from kenning.sources.base import load_catalogue
from testkit import local_catalogue

FIXTURES = Path(__file__).parents[1] / "fixtures" / "lists" / "us_ofac"
KEY = {"Authorization": "Bearer update-key"}
CAMARA = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Sadio Camara"]}}}}


@pytest.fixture
def local_sources(tmp_path: Path, page_server: tuple[str, list[str]],
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """sources.yml with only the OFAC SDN list, its CSV files served from 127.0.0.1 under their official
    paths (its XML editions are not served, so the update falls back to the CSV); yields the paths asked for."""
    base, asked = page_server
    exports = tmp_path / "api" / "PublicationPreview" / "exports"
    exports.mkdir(parents=True)
    for name in ("sdn.csv", "alt.csv", "add.csv"):
        shutil.copy(FIXTURES / name, exports / name.upper())
    catalogue = local_catalogue(base, tmp_path / "sources.yml", only=("us_ofac_sdn",))
    monkeypatch.setenv("KENNING_SOURCES_FILE", str(catalogue))
    monkeypatch.setenv("KENNING_FETCH_BACKOFF", "0.01")
    settings.reload()
    load_catalogue.cache_clear()
    try:
        yield asked
    finally:
        monkeypatch.delenv("KENNING_SOURCES_FILE")
        monkeypatch.delenv("KENNING_FETCH_BACKOFF")
        settings.reload()
        load_catalogue.cache_clear()


def test_update_loads_links_and_screens_without_restart(empty_app: Callable[..., TestClient],
                                                        local_sources: list[str]) -> None:
    client = empty_app(API_KEYS="update-key")
    assert client.get("/healthz").status_code == 503
    assert client.post("/match/default", json=CAMARA).status_code == 503

    response = client.post("/lists/update", params={"skip_count_check": "true"}, headers=KEY)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["changed"] is True and data["relinked"]["method"] == "kenning-v1"
    [result] = data["results"]
    assert result["dataset"] == "us_ofac_sdn" and result["load"]["status"] == "loaded"
    assert {d["role"] for d in result["downloads"]} >= {"main", "alt", "add"}
    assert "/api/PublicationPreview/exports/SDN.CSV" in local_sources
    assert "/api/PublicationPreview/exports/SDN_ADVANCED.XML" in local_sources  # tried first: 404
    assert result["edition"].startswith("OFAC legacy CSV") and len(result["skipped"]) == 3
    assert data["lists"]["us_ofac_sdn"]["entities"] == result["load"]["entity_count"]

    assert client.get("/healthz").status_code == 200
    q = client.post("/match/default", json=CAMARA).json()["responses"]["q"]
    assert q["results"][0]["id"] == "us_ofac_sdn-42618" and q["results"][0]["match"] is True

    again = client.post("/lists/update", params={"skip_count_check": "true"}, headers=KEY).json()
    assert again["changed"] is False and again["results"][0]["load"]["status"] == "unchanged"


def test_update_counts_are_checked_unless_skipped(empty_app: Callable[..., TestClient],
                                                  local_sources: list[str]) -> None:
    client = empty_app(API_KEYS="update-key")
    response = client.post("/lists/update", headers=KEY)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("us_ofac_sdn: update failed, no version of it is loaded: ")
    assert "outside the expected range" in response.json()["detail"]
    assert client.get("/healthz").json()["lists"] == {}
