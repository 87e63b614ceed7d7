"""Monitoring over the bundled lists: adverse media from the seed reports, the /monitor API with its two
roles, and the alert queue in Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Page
from webkit import screenshot

from kenning import settings
from kenning.api.app import create_app
from kenning.monitor.verify import verify_audit
from kenning.store import Store
from testkit import die_with_parent, free_port, kenning_env, run_cli
from web.conftest import NEWS_ITEMS

KEYS = {"API_KEYS": "admin-key", "API_ANALYST_KEYS": "alice:alice-key,bob:bob-key"}
PORTFOLIO = "customer_id,name,schema,birth_date\nm1,Ivan Maslov,Person,\nm2,Jane Doe,Person,1970-01-01\n" \
            "m3,Sadio Camara,Person,1979-03-22\n"


@pytest.fixture(scope="module")
def monitor_home(bundled_home_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled lists, a portfolio screened, then the seed reports added with ``kenning news add``."""
    home = tmp_path_factory.mktemp("monitor") / "home"
    shutil.copytree(bundled_home_dir, home)
    portfolio = home.parent / "customers.csv"
    portfolio.write_text(PORTFOLIO, encoding="utf-8")
    with kenning_env(HOME=str(home)):
        imported = run_cli("monitor", "import", str(portfolio), "--portfolio", "bank")
        assert imported.code == 0, imported.err
        added = run_cli("news", "add", *map(str, NEWS_ITEMS[:2]), "--workers", "1")
        assert added.code == 0, added.err
        assert "adverse media:" in added.err
    return home


@pytest.fixture
def api(monitor_home: Path) -> Iterator[TestClient]:
    with kenning_env(HOME=str(monitor_home), **KEYS), TestClient(create_app()) as client:
        yield client
    with kenning_env(HOME=str(monitor_home)):
        store = Store()
        assert verify_audit(store).ok
        store.engine.dispose()


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_seed_reports_raise_media_alerts_for_ivan_maslov_with_the_sentences(api: TestClient) -> None:
    page = api.get("/monitor/alerts", params={"kind": "media", "portfolio": "bank"}, headers=_auth("alice-key")).json()
    maslov = [a for a in page["alerts"] if a["customer_id"] == "m1"]
    assert len(maslov) >= 1, page
    alert = api.get(f"/monitor/alerts/{maslov[0]['id']}", headers=_auth("alice-key")).json()
    evidence = alert["evidence"]
    assert evidence["article"]["id"] and evidence["story"]
    sentences = [m["sentence"] for m in evidence["mentions"]]
    assert any("Maslov" in s for s in sentences)
    assert {m["via"]["party"] for m in evidence["mentions"] if "party" in m["via"]} & {
        "us_ofac_sdn-40969", "gb_ofsi-16024"}
    assert evidence["events"], "the report's sanctions event"
    assert not [a for a in page["alerts"] if a["customer_id"] == "m2"]


def test_roles_analysts_decide_admins_import(api: TestClient) -> None:
    assert api.get("/monitor/alerts").status_code == 401
    assert api.get("/monitor/alerts", headers=_auth("nope")).status_code == 403
    first = api.get("/monitor/alerts", params={"limit": 1}, headers=_auth("admin-key")).json()
    assert first["limit"] == 1 and first["total"] >= 2 and len(first["alerts"]) == 1
    second = api.get("/monitor/alerts", params={"limit": 1, "offset": 1}, headers=_auth("alice-key")).json()
    assert second["alerts"][0]["id"] != first["alerts"][0]["id"]
    alert_id = first["alerts"][0]["id"]
    body = {"decision": "escalated", "reason": "needs the passport", "request_id": "api-1"}
    assert api.post(f"/monitor/alerts/{alert_id}/decision", json=body, headers=_auth("admin-key")).status_code == 403
    made = api.post(f"/monitor/alerts/{alert_id}/decision", json=body, headers=_auth("bob-key"))
    assert made.status_code == 201 and made.json()["analyst"] == "bob"
    again = api.post(f"/monitor/alerts/{alert_id}/decision", json=body, headers=_auth("bob-key"))
    assert again.status_code == 200 and again.json()["id"] == made.json()["id"]
    shown = api.get(f"/monitor/alerts/{alert_id}", headers=_auth("alice-key")).json()
    assert [(d["decision"], d["analyst"]) for d in shown["decisions"]] == [("escalated", "bob")]
    csv_body = "customer_id,name\nz1,Zoe Example\n"
    assert api.post("/monitor/portfolios/other/import", content=csv_body,
                    headers=_auth("alice-key")).status_code == 403
    imported = api.post("/monitor/portfolios/other/import", content=csv_body + "z2,\n", headers=_auth("admin-key"))
    assert imported.status_code == 200
    assert imported.json()["added"] == 1 and imported.json()["problems"][0]["line"] == 3
    names = {p["name"] for p in api.get("/monitor/portfolios", headers=_auth("alice-key")).json()["portfolios"]}
    assert names == {"bank", "other"}


@pytest.mark.parametrize("value", ["0", "-1", str(2**63), str(-(2**80)), "15139254497845866789863424", "1e3", "x"])
def test_ids_and_offsets_out_of_range_are_refused_not_server_errors(api: TestClient, value: str) -> None:
    """Numbers the database cannot hold (found by schemathesis: a 500 from SQLite's integer overflow) are a
    422 naming the parameter, on every numbered monitoring route."""
    key = _auth("alice-key")
    answers = [api.get(f"/monitor/alerts/{value}", headers=key),
               api.post(f"/monitor/alerts/{value}/decision", json={"decision": "escalated", "reason": "r"},
                        headers=key)]
    if value not in ("0",):
        answers.append(api.get("/monitor/alerts", params={"offset": value}, headers=key))
    for answer in answers:
        assert answer.status_code == 422, (answer.request.url, answer.text)
        assert "alert_id" in answer.text or "offset" in answer.text
    assert api.get("/monitor/alerts", params={"offset": str(2**63 - 1)}, headers=key).json()["alerts"] == []


@pytest.fixture(scope="module")
def monitor_server(monitor_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "KENNING_HOME": str(monitor_home), **{f"KENNING_{k}": v for k, v in KEYS.items()}}
    env.pop("KENNING_DB", None)
    log = (tmp_path_factory.mktemp("monitor-server") / "uvicorn.log").open("wb")
    proc = subprocess.Popen(die_with_parent([sys.executable, "-m", "uvicorn", "kenning.api.app:create_app",
                                             "--factory", "--host", "127.0.0.1", "--port", str(port),
                                             "--log-level", "warning"]), env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/monitoring", timeout=30).status_code == 401:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, f"the server did not start; see {log.name}"
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.mark.browser
def test_alert_queue_in_chromium(monitor_server: str, page: Page) -> None:
    page.goto(f"{monitor_server}/monitoring")
    page.fill("#key", "alice-key")
    page.click("button[type=submit]")
    page.wait_for_selector("table#alerts")
    rows = page.locator("table#alerts tbody tr")
    assert rows.count() >= 2
    assert "Sadio Camara" in page.inner_text("table#alerts") or "Ivan Maslov" in page.inner_text("table#alerts")
    screenshot(page, "monitor-queue")
    page.locator("table#alerts tbody tr").first.locator("a").first.click()
    page.wait_for_selector("#decide")
    assert page.locator(".columns .panel").count() == 2
    page.check("input[value=false_positive]")
    page.fill("#reason", "different person: born 1990")
    page.click("#decide button[type=submit]")
    page.wait_for_selector("#decisions")
    assert "False positive by alice" in page.inner_text("#decisions")
    screenshot(page, "monitor-alert")
    page.locator("h2#customer-h a").click()
    page.wait_for_selector("#history")
    assert "added" in page.inner_text("#history")
    assert settings is not None
