"""The same store on a real PostgreSQL server (KENNING_DB takes any SQLAlchemy URL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kenning.store import Store
from kenning.store.service import load_lists
from kenning.store.views import entity_view

OFAC = Path(__file__).parents[1] / "fixtures" / "lists" / "us_ofac"


@pytest.mark.postgres
def test_postgres_store_loads_and_reads(postgres_url: str) -> None:
    store = Store(postgres_url)
    result = load_lists(store, "us_ofac_sdn", [OFAC / "sdn.csv"], check_counts=False, show_progress=False,
                        allow_shrink=True)[0]
    assert result.status in ("loaded", "unchanged")
    again = load_lists(store, "us_ofac_sdn", [OFAC / "sdn.csv"], check_counts=False, show_progress=False,
                        allow_shrink=True)[0]
    assert again.status == "unchanged" and again.version.id == result.version.id
    view = entity_view(store, "us_ofac_sdn-42618")
    assert view["properties"]["birthDate"] == ["1979-03-22"]
    assert view["relations"][0]["other"]["id"] == "us_ofac_sdn-22543"
    store.engine.dispose()
