"""Screening on change: the must-shows of the issue on the real SDN rows of 2023-07-20 and 2023-07-24."""

from __future__ import annotations

from pathlib import Path

import orjson

from kenning.monitor.run import run_monitor
from kenning.monitor.storage.state import all_matches
from kenning.monitor.views import alerts_view, customer_view
from kenning.store import Store
from monitorkit import AFTER, BEFORE, edited, load, write_customers
from testkit import run_cli

CUSTOMERS = [("c1", "Sadio Camara", "Person", "", ""), ("c2", "Maria Lopez Garcia", "Person", "1980-02-03", "es"),
             ("c3", "John Peterson", "Person", "", "")]


def _start(tmp_path: Path) -> Store:
    path = write_customers(tmp_path / "customers.csv", CUSTOMERS)
    result = run_cli("monitor", "import", str(path), "--portfolio", "demo")
    assert result.code == 0, result.err
    assert "3 added" in result.err
    for sdn in (BEFORE, AFTER):
        loaded = run_cli("lists", "load", "--skip-count-check", "-d", "us_ofac_sdn", str(sdn))
        assert loaded.code == 0, loaded.err
    return Store()


def test_new_listing_raises_exactly_one_alert_with_the_diff(kenning_home: Path, tmp_path: Path) -> None:
    store = _start(tmp_path)
    page = alerts_view(store)
    assert page["total"] == 1
    alert = page["alerts"][0]
    assert (alert["customer_id"], alert["subject"], alert["kind"]) == ("c1", "us_ofac_sdn-42618", "new")
    listed = run_cli("monitor", "alert", str(alert["id"]))
    evidence = orjson.loads(listed.out)["evidence"]
    cause = evidence["cause"]
    assert (cause["type"], cause["change"], cause["dataset"]) == ("list", "added", "us_ofac_sdn")
    assert cause["from_version"] == 1 and cause["to_version"] == 2
    assert cause["entry"]["caption"] == "CAMARA, Sadio"
    assert evidence["explanation"]["features"]["name"]["candidate"] == "CAMARA, Sadio"


def test_false_positive_stays_quiet_until_the_entry_is_amended(kenning_home: Path, tmp_path: Path) -> None:
    store = _start(tmp_path)
    alert_id = alerts_view(store)["alerts"][0]["id"]
    decided = run_cli("monitor", "decide", str(alert_id), "--false-positive", "--reason", "our client is born 1990",
                      "--analyst", "alice")
    assert decided.code == 0, decided.err
    other = edited(tmp_path, "v3", AFTER, b"KARAMYAN, Vakhtang", b"KARAMYAN, Vakhtang A")
    assert run_cli("lists", "load", "--skip-count-check", "-d", "us_ofac_sdn", str(other)).code == 0
    assert alerts_view(store)["total"] == 1
    amended = edited(tmp_path, "v4", other, b"Passport DA0004031 (Mali) expires 15 Oct 2015",
                     b"Passport DA0004031 (Mali) expires 15 Oct 2025")
    assert run_cli("lists", "load", "--skip-count-check", "-d", "us_ofac_sdn", str(amended)).code == 0
    page = alerts_view(store)
    assert page["total"] == 2
    back = page["alerts"][0]
    assert (back["kind"], back["subject"], back["status"]) == ("changed", "us_ofac_sdn-42618", "open")
    evidence = orjson.loads(run_cli("monitor", "alert", str(back["id"])).out)["evidence"]
    assert evidence["returns"]["what_changed"] == ["the list entry was amended (us_ofac_sdn version 3 → 4)"]
    records = evidence["cause"]["diff"]["records"]
    assert any(r["schema"] == "Passport" for r in records)


def test_a_changed_customer_is_screened_again_and_an_unchanged_one_is_not(kenning_home: Path,
                                                                          tmp_path: Path) -> None:
    store = _start(tmp_path)
    path = write_customers(tmp_path / "v2.csv", [("c1", "Sadio Camara", "Person", "1979-03-22", "ml"),
                                                 *CUSTOMERS[1:], ("c4", "Adama Bagayoko", "Person", "", "")])
    result = run_cli("monitor", "import", str(path), "--portfolio", "demo", "--json")
    summary = orjson.loads(result.out)
    assert (summary["added"], summary["changed"], summary["unchanged"]) == (1, 1, 2)
    assert summary["run"]["alerts"] == {"new": 1}
    view = customer_view(store, "demo", "c1")
    assert [h["change"] for h in view["history"]] == ["added", "changed"]
    assert view["matches"][0]["score"] > 0.95


def test_sync_removes_missing_customers_and_closes_their_alerts(kenning_home: Path, tmp_path: Path) -> None:
    store = _start(tmp_path)
    path = write_customers(tmp_path / "v2.csv", CUSTOMERS[1:])
    assert run_cli("monitor", "import", str(path), "--portfolio", "demo").code == 0
    assert customer_view(store, "demo", "c1")["customer"]["removed"] is False
    result = run_cli("monitor", "import", str(path), "--portfolio", "demo", "--sync", "--json")
    assert orjson.loads(result.out)["removed"] == 1
    assert alerts_view(store)["alerts"][0]["status"] == "closed"
    assert not all_matches(store)


def test_incremental_runs_equal_a_full_rescreen(kenning_home: Path, tmp_path: Path) -> None:
    rows = [(f"k{i}", name, "Person", "", "") for i, name in enumerate([
        "Sadio Camara", "Camara Sadio", "Adama Bagayoko", "Alou Boi Diarra", "Eduard Ioffe", "Vakhtang Karamian",
        "Bogdan Kolosov", "Leonid Kalashnikov", "Aleksandr Kalashnikov", "John Smith", "Maria Garcia"])]
    rows.append(("org1", "Molot Oruzhie OOO", "Company", "", ""))
    write_customers(tmp_path / "c.csv", rows)
    store = Store()
    run_cli("monitor", "import", str(tmp_path / "c.csv"), "--portfolio", "p")
    load(store, BEFORE)
    run_monitor(store, show_progress=False)
    write_customers(tmp_path / "c2.csv", [*rows[:3], ("k3", "Alou Diarra", "Person", "1981-09-01", ""), *rows[5:]])
    run_cli("monitor", "import", str(tmp_path / "c2.csv"), "--portfolio", "p", "--sync", "--no-run")
    load(store, AFTER)
    incremental = run_monitor(store, show_progress=False)
    assert not incremental.full
    state = all_matches(store)
    assert {e for _c, e in state} >= {"us_ofac_sdn-42618", "us_ofac_sdn-42616", "us_ofac_sdn-42617"}
    full = run_monitor(store, full=True, show_progress=False)
    assert full.full and full.alerts == {}
    assert all_matches(store) == state
