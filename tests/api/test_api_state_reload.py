"""A server's state follows its store: another process's load is noticed and the screener reloaded."""

from __future__ import annotations

import time
from pathlib import Path

from kenning.state import AppState
from kenning.store import Store
from kenning.store.service import load_lists

LISTS = Path(__file__).parents[1] / "fixtures" / "lists"


def _load(dataset: str, path: Path) -> None:
    store = Store()  # another connection, as another process would have
    load_lists(store, dataset, [path], check_counts=False, show_progress=False)
    store.engine.dispose()


def test_a_load_elsewhere_is_noticed_once(kenning_home: Path) -> None:
    _load("us_ofac_sdn", LISTS / "us_ofac" / "sdn.csv")
    state = AppState.open()
    try:
        assert state.datasets == ("us_ofac_sdn",)
        assert state.refresh_if_stale() is False  # nothing changed: no reload
        _load("un_sc", LISTS / "un_sc" / "consolidated.xml")
        assert state.refresh_if_stale() is True
        assert state.datasets == ("un_sc", "us_ofac_sdn")
        assert state.screener is not None and any(r.dataset == "un_sc" for r in state.screener.index.entities)
        assert state.refresh_if_stale() is False
    finally:
        state.close()


def test_the_watcher_reloads_in_the_background_and_stops(kenning_home: Path) -> None:
    _load("us_ofac_sdn", LISTS / "us_ofac" / "sdn.csv")
    state = AppState.open()
    state.start_watching(0.2)
    try:
        _load("un_sc", LISTS / "un_sc" / "consolidated.xml")
        deadline = time.monotonic() + 60
        while "un_sc" not in state.datasets and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "un_sc" in state.datasets
    finally:
        state.close()


def test_an_update_in_progress_is_not_reloaded_over(kenning_home: Path) -> None:
    _load("us_ofac_sdn", LISTS / "us_ofac" / "sdn.csv")
    state = AppState.open()
    try:
        _load("un_sc", LISTS / "un_sc" / "consolidated.xml")
        with state.update_lock:  # POST /lists/update holds it and reloads itself when done
            assert state.refresh_if_stale() is False
        assert state.refresh_if_stale() is True
    finally:
        state.close()
