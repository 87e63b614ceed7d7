"""Importing portfolios: CSV and JSON lines, updates by customer_id, bad rows and fields reported by line."""

from __future__ import annotations

from pathlib import Path

import orjson

from kenning.monitor.decisions import decide
from kenning.monitor.service import portfolios
from kenning.monitor.views import alerts_view, customer_view
from kenning.store import Store
from monitorkit import AFTER, BEFORE, load, write_customers
from testkit import run_cli


def test_bad_rows_are_refused_by_line_and_bad_fields_left_out(kenning_home: Path, tmp_path: Path) -> None:
    path = write_customers(tmp_path / "c.csv", [
        ("a1", "Anna Berg", "Person", "the 3rd of Nonember", "Atlantis"),
        ("", "No Id", "Person", "", ""),
        ("a2", "", "Person", "", ""),
        ("a1", "Anna Again", "Person", "", ""),
        ("a3", "🙂", "Person", "", ""),
        ("a4", "Bob Stone", "Starship", "", ""),
    ])
    result = run_cli("monitor", "import", str(path), "--portfolio", "p", "--json")
    assert result.code == 4, result.err
    data = orjson.loads(result.out)
    assert (data["added"], data["refused"]) == (2, 4)
    lines = {(p["line"], p["field"]) for p in data["problems"]}
    assert lines == {(2, "birth_date"), (2, "country"), (3, None), (4, None), (5, None), (6, None), (7, "schema")}
    assert f"{path}, line 3: the row has no customer_id" in result.err
    assert f"{path}, line 2, field birth_date:" in result.err
    customer = customer_view(Store(), "p", "a1")["customer"]
    assert customer["birth_dates"] == [] and customer["names"] == ["Anna Berg"]


def test_json_lines_and_an_unreadable_file_that_changes_nothing(kenning_home: Path, tmp_path: Path) -> None:
    rows = [{"customer_id": "j1", "name": ["Ivan Petrov", "I. Petrov"], "birth_date": "1970-01-02",
             "id_number": "AB 123456"}, {"customer_id": "j2", "name": "Acme Trading LLC", "schema": "Company"}]
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(r) for r in rows) + b"\n")
    assert run_cli("monitor", "import", str(path), "--portfolio", "p").code == 0
    customer = customer_view(Store(), "p", "j1")["customer"]
    assert customer["names"] == ["Ivan Petrov", "I. Petrov"] and customer["id_numbers"] == ["AB123456"]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"customer_id,name\nj1,\xff\xfe\n")
    result = run_cli("monitor", "import", str(bad), "--portfolio", "p", "--sync")
    assert result.code == 2 and "line 2" in result.err
    assert portfolios(Store()) == {"p": {"customers": 2, "removed": 0}}


def test_a_false_positive_returns_when_the_customer_changes(kenning_home: Path, tmp_path: Path) -> None:
    store = Store()
    run_cli("monitor", "import", str(write_customers(tmp_path / "a.csv", [("c1", "Sadio Camara", "", "", "")])),
            "--portfolio", "p")
    load(store, BEFORE)
    run_cli("monitor", "run")
    load(store, AFTER)
    run_cli("monitor", "run")
    decide(store, 1, "false_positive", "our client is a company", "alice")
    run_cli("monitor", "import", str(write_customers(tmp_path / "b.csv", [("c1", "Sadio Camara", "Person", "", "")])),
            "--portfolio", "p")
    page = alerts_view(store)
    assert page["total"] == 2
    back = run_cli("monitor", "alert", str(page["alerts"][0]["id"]))
    evidence = orjson.loads(back.out)["evidence"]
    assert evidence["returns"]["what_changed"] == ["the customer's details changed"]
    assert evidence["cause"]["type"] == "customer"
