"""Monitoring on PostgreSQL: the same flow, the audit log's triggers, the verification."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from kenning.monitor.decisions import decide
from kenning.monitor.run import run_monitor
from kenning.monitor.service import import_portfolio
from kenning.monitor.views import alerts_view
from kenning.store import Store
from monitorkit import AFTER, BEFORE, assert_audit_ok, load, write_customers


@pytest.mark.postgres
def test_monitoring_on_postgresql(kenning_home: Path, tmp_path: Path, postgres_url: str, kenning_setting) -> None:
    kenning_setting("DB", postgres_url)
    store = Store(postgres_url)
    with store.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    store = Store(postgres_url)
    import_portfolio(store, "demo", write_customers(tmp_path / "c.csv", [("c1", "Sadio Camara", "Person", "", ""),
                                                                        ("c2", "John Peterson", "Person", "", "")]))
    load(store, BEFORE)
    run_monitor(store, show_progress=False)
    load(store, AFTER)
    report = run_monitor(store, show_progress=False)
    assert report.alerts == {"new": 1}
    alert = alerts_view(store)["alerts"][0]
    assert alert["subject"] == "us_ofac_sdn-42618"
    decide(store, alert["id"], "false_positive", "born 1990", "alice", request_id="pg-1")
    assert decide(store, alert["id"], "false_positive", "born 1990", "alice", request_id="pg-1")[1] is False
    assert_audit_ok(store)
    with pytest.raises(DatabaseError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text("UPDATE monitor_audit SET actor = 'mallory'"))
    store.engine.dispose()
