"""A re-screen after a list update does work in proportion to the changed entries and the customers they
reach, not to the portfolio: many more customers sharing a name part with the changed entries (but not
enough of their name to be compared) leave the customers and pairs scored unchanged, and the alerts equal
a full re-screen's."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kenning import settings
from kenning.monitor.custindex import CustomerIndex
from kenning.monitor.run import run_monitor
from kenning.monitor.storage.state import all_matches
from kenning.store import Store
from monitorkit import AFTER, BEFORE, load, write_customers
from testkit import run_cli

#: Customers the diff of 2023-07-20 → 24 reaches: its new and amended entries' names, reordered or respelt.
REACHED = [("r1", "Sadio Camara", "Person", "", ""), ("r2", "Camara Sadio", "Person", "", ""),
           ("r3", "Adama Bagayoko", "Person", "", ""), ("r4", "Alou Boi Diarra", "Person", "", ""),
           ("r5", "Vakhtang Karamian", "Person", "", ""), ("r6", "Eduard Ioffe", "Person", "", "")]
#: Name parts of the changed entries that unrelated customers share (one part each, never enough).
SHARED = ["Sadio", "Camara", "Adama", "Bagayoko", "Alou", "Diarra", "Vakhtang", "Karamyan", "Eduard", "Ioffe"]
_SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "vas", "el", "dor", "pi", "shan", "ur", "bek", "no", "ty", "gar"]


def _unrelated(count: int, seed: int) -> list[tuple[str, ...]]:
    """Customers with one part of a changed entry's name and one made-up part (rarer than any listed one)."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        made = "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()
        shared = SHARED[n % len(SHARED)]
        name = f"{shared} {made}" if n % 2 else f"{made} {shared}"
        rows.append((f"u{n}", name, "Person", "", ""))
    return rows


def _rescreen(home: Path, tmp: Path, unrelated: int, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Screen a portfolio of the reached customers and ``unrelated`` others, then re-screen after the update."""
    monkeypatch.setenv("KENNING_HOME", str(home))
    settings.reload()
    store = Store()
    path = write_customers(tmp / f"customers-{unrelated}.csv", [*REACHED, *_unrelated(unrelated, 7)])
    assert run_cli("monitor", "import", str(path), "--portfolio", "p", "--no-run").code == 0
    load(store, BEFORE)
    run_monitor(store, show_progress=False)
    load(store, AFTER)
    report = run_monitor(store, show_progress=False)
    assert not report.full and report.changed_entries > 0
    sharing = _customers_sharing_keys(store)
    state = all_matches(store)
    full = run_monitor(store, full=True, show_progress=False)
    assert full.full and full.alerts == {}, "an incremental re-screen must equal a full one"
    assert all_matches(store) == state
    return {"screened": report.customers_screened, "pairs": report.pairs_scored, "alerts": report.alerts,
            "matches": sorted((e, s) for (_pk, e), s in state.items()), "sharing": sharing}


def _customers_sharing_keys(store: Store) -> int:
    """Customers sharing at least one retrieval key with a changed entry's names (what the rule filters)."""
    from kenning.monitor.parts import name_key_hashes
    from kenning.monitor.profile import current_profile
    from kenning.monitor.targets import RawCache

    profile, _fresh = current_profile(store)
    ids = ["us_ofac_sdn-42616", "us_ofac_sdn-42617", "us_ofac_sdn-42618"]
    raws = RawCache(profile.matcher).get(store.get_entities(ids).values(), cached=False)
    keys = np.array(sorted({k for raw in raws for _p, a in raw.names for k in name_key_hashes(a)}), dtype=np.int64)
    index = CustomerIndex(profile.id)
    found = set()
    for seg in index.segments:
        cname, _tname, _cover = seg.cover(keys, np.zeros(len(keys), dtype=np.int64))
        found |= set(np.asarray(seg.name_customer)[cname].tolist())
    return len(found)


def test_rescreen_work_does_not_grow_with_unrelated_customers(kenning_home: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    small = _rescreen(tmp_path / "small", tmp_path, 40, monkeypatch)
    large = _rescreen(tmp_path / "large", tmp_path, 400, monkeypatch)
    # The test means something: many times more customers share a key with the new entries...
    assert large["sharing"] >= 5 * small["sharing"] > 0
    # ...yet the re-screen reads and scores the same customers and pairs, with the same outcome.
    assert small["screened"] > 0 and small["pairs"] > 0
    assert (large["screened"], large["pairs"]) == (small["screened"], small["pairs"])
    assert large["alerts"] == small["alerts"]
    assert large["matches"] == small["matches"]
