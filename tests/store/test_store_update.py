"""``lists update`` against a real HTTP server on 127.0.0.1 serving fixture files (never the internet)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from kenning import settings
from kenning.errors import FetchError
from kenning.sources.base import load_catalogue
from kenning.store import Store
from kenning.store.update import update_lists
from testkit import serve_directory

OFAC = Path(__file__).parents[1] / "fixtures" / "lists" / "us_ofac"
CATALOGUE = Path(__file__).parents[2] / "src" / "kenning" / "sources" / "sources.yml"


def _local_catalogue(tmp_path: Path, base: str, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = yaml.safe_load(CATALOGUE.read_text())
    sdn = raw["us_ofac_sdn"]
    for file in sdn["files"]:
        file["url"] = f"{base}/{file['name']}"
    path = tmp_path / "sources.yml"
    path.write_text(yaml.safe_dump({"us_ofac_sdn": sdn}))
    monkeypatch.setenv("KENNING_SOURCES_FILE", str(path))
    settings.reload()
    load_catalogue.cache_clear()


def test_update_downloads_checksums_and_loads(kenning_home: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    served = tmp_path / "served"
    shutil.copytree(OFAC, served)
    with serve_directory(served) as base:
        _local_catalogue(tmp_path, base, monkeypatch)
        store = Store()
        first = update_lists(store, "us_ofac_sdn", check_counts=False, show_progress=False)[0]
        assert first.load is not None and first.load.status == "loaded"
        roles = {d.role: d for d in first.downloads}
        assert set(roles) == {"main", "alt", "add"}  # no sdn_comments.csv served: optional, skipped
        assert first.skipped and "sdn_comments.csv" in first.skipped[0]
        assert roles["main"].size == (OFAC / "sdn.csv").stat().st_size
        assert len(roles["main"].sha256) == 64
        again = update_lists(store, "us_ofac_sdn", check_counts=False, show_progress=False)[0]
        assert again.load is not None and again.load.status == "unchanged"
        assert store.get_entity("us_ofac_sdn-42618") is not None


def test_update_refuses_oversize_and_missing_main(kenning_home: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    served = tmp_path / "served"
    shutil.copytree(OFAC, served)
    with serve_directory(served) as base:
        _local_catalogue(tmp_path, base, monkeypatch)
        monkeypatch.setenv("KENNING_FETCH_MAX_BYTES", "1000")
        settings.reload()
        with pytest.raises(FetchError, match="over the 1000-byte limit"):
            update_lists(Store(), "us_ofac_sdn", check_counts=False, show_progress=False)
        monkeypatch.delenv("KENNING_FETCH_MAX_BYTES")
        settings.reload()
        (served / "sdn.csv").unlink()
        with pytest.raises(FetchError, match="HTTP 404"):
            update_lists(Store(), "us_ofac_sdn", check_counts=False, show_progress=False)
        assert Store().versions() == []
