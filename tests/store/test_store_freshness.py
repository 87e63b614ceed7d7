"""Freshness: each list's publication date, its age, overdue against the expected interval, or retired —
the same line in ``kenning lists status``, its JSON and the web home page."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kenning.sources.base import get_source
from kenning.store import Store
from kenning.store.freshness import freshness, latest_day
from kenning.store.service import status
from testkit import run_cli

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(("value", "day"), [
    ("2024-05-03", date(2024, 5, 3)), ("2025-12", date(2025, 12, 31)), ("2024-02", date(2024, 2, 29)),
    ("2025", date(2025, 12, 31)), ("2026-01-08T10:00:00", date(2026, 1, 8)), (None, None), ("soon", None),
    ("2025-13", None),
])
def test_a_partial_date_is_aged_from_its_last_day(value: str | None, day: date | None) -> None:
    assert latest_day(value) == day


def test_states_and_lines() -> None:
    sdn = freshness("us_ofac_sdn", get_source("us_ofac_sdn"), "2024-05-03", TODAY)
    assert (sdn.age_days, sdn.overdue, sdn.state) == (944, True, "overdue")
    assert sdn.line() == ("published 2024-05-03, 944 days old; overdue: this list is published at least every 7 "
                          "days (run `kenning lists update`)")
    ofsi = freshness("gb_ofsi", get_source("gb_ofsi"), "2025-04-10", TODAY)
    assert (ofsi.state, ofsi.overdue, ofsi.retired, ofsi.successor) == ("retired", False, "2026-01-28", "gb_fcdo")
    assert ofsi.line() == ("published 2025-04-10, 602 days old; retired on 2026-01-28, replaced by the UK Sanctions "
                           "List (FCDO) (gb_fcdo): it will not be updated")
    fresh = freshness("un_sc", get_source("un_sc"), "2026-11-30", TODAY)
    assert (fresh.state, fresh.line()) == ("current", "published 2026-11-30, 3 days old; current (published at "
                                                      "least every 30 days)")
    cons = freshness("us_ofac_cons", get_source("us_ofac_cons"), "2025-12", TODAY)
    assert cons.age_days == 337 and cons.state == "overdue"
    assert freshness("eu_fsf", get_source("eu_fsf"), None, TODAY).line() == "publication date unknown"


def test_status_of_the_bundled_lists(bundled_home: Path) -> None:
    data = status(Store(), today=TODAY)
    ages = {name: d["freshness"]["age_days"] for name, d in data.items()}
    assert ages == {"us_ofac_sdn": 944, "us_ofac_cons": 337, "gb_ofsi": 602, "un_sc": 279}
    assert data["gb_ofsi"]["freshness"]["state"] == "retired"
    assert {d["freshness"]["state"] for n, d in data.items() if n != "gb_ofsi"} == {"overdue"}
    out = run_cli("lists", "status")
    assert out.code == 0
    assert "retired" in out.out and "overdue" in out.out  # the table (wrapped to the terminal's width)
    assert "gb_ofsi: published 2025-04-10" in out.err and "retired on 2026-01-28, replaced by the UK" in out.err
    as_json = json.loads(run_cli("lists", "status", "--json").out)
    assert as_json["gb_ofsi"]["freshness"]["retired"] == "2026-01-28"
    assert all(isinstance(d["freshness"]["age_days"], int) for d in as_json.values())
