"""Inputs an attacker or a careless client sends: unreadable URLs, formula cells, forged forwarding headers,
floods of batch uploads; and what a response may never show: the server's own paths."""

from __future__ import annotations

import csv
import io
import json
import threading
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from kenning.csvsafe import FORMULA_START, safe_cell
from kenning.errors import BusyError, StoreError
from kenning.matching import Screener
from kenning.news.ingest.collect import ingest_many
from kenning.web.jobs import MAX_PENDING, MAX_PENDING_PER_CLIENT, JobStore
from testkit import LISTS, REPO, run_cli, running_server

KEY = {"X-API-Key": "news-key"}
BAD_URLS = ["http://[::1", "https://[zz::1]/x", "http://[::1]:99999/", "http://exa mple.org/", "http://",
            "https://:443/", "http://%zz/"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_an_unreadable_url_is_a_clear_422(news_api: TestClient, url: str) -> None:
    response = news_api.post("/news", json={"url": url}, headers=KEY)
    assert response.status_code == 422, response.text
    assert url in response.json()["detail"]


def test_a_batch_with_unreadable_urls_goes_on_and_names_them(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Title: A report\n\nThe Treasury sanctioned three Malian officials on Monday.", "utf-8")
    articles, failures = ingest_many([*BAD_URLS, report])
    assert [a.title for a in articles] == ["A report"]
    assert [f.item for f in failures] == BAD_URLS and all(f.exit_code == 4 for f in failures)


@pytest.mark.slow
def test_news_add_stores_the_good_items_of_a_batch_with_bad_urls(kenning_home: Path) -> None:
    assert run_cli("lists", "load", "--skip-count-check", str(LISTS / "us_ofac" / "sdn.csv")).code == 0
    seed = REPO / "data" / "news" / "seeds" / "001_3223975ce75752ba.txt"
    result = run_cli("news", "add", "--workers", "1", "--json", str(seed), "http://[::1")
    assert "Traceback" not in result.err and result.code != 0
    data = json.loads(result.out)
    assert [a["status"] for a in data["articles"]] == ["added"]
    assert [(f["item"], f["error"]) for f in data["failures"]] == [("http://[::1", "FetchError")]
    assert "not a valid URL" in data["failures"][0]["message"]


# -- CSV that spreadsheets would run --------------------------------------------------------------

HOSTILE_CELLS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", HOSTILE_CELLS)
def test_safe_cells_never_start_a_formula(value: str) -> None:
    assert not safe_cell(value).startswith(FORMULA_START) and safe_cell(value).endswith(value.lstrip("\t\r")[-3:])


def test_every_csv_kenning_writes_is_formula_safe(kenning_home: Path, tmp_path: Path) -> None:
    batch = tmp_path / "customers.csv"
    with batch.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "ref"])
        for number, value in enumerate(HOSTILE_CELLS):
            writer.writerow([f"{value} Sadio Camara" if number % 2 else value, value])
    assert run_cli("lists", "load", "--skip-count-check", "--no-link", str(LISTS / "us_ofac" / "sdn.csv")).code == 0
    output = tmp_path / "results.csv"
    screened = run_cli("screen", "--input", str(batch), "--output", str(output))
    assert screened.code == 0, screened.err
    exported = run_cli("export", "--format", "csv")
    for text in (output.read_text(encoding="utf-8"), exported.out):
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert cells and not [c for c in cells if c.startswith(FORMULA_START)]


# -- forwarded headers and job floods -------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize(("trusted", "limited"), [("", True), ("127.0.0.1", False)])
def test_forwarded_headers_choose_the_client_only_behind_a_trusted_proxy(tmp_path: Path, trusted: str,
                                                                          limited: bool) -> None:
    settings = {"RATE_LIMIT": "3", **({"TRUSTED_PROXIES": trusted} if trusted else {})}
    with running_server(tmp_path / "home", tmp_path / "server.log", ready="/healthz", **settings) as url:
        statuses = [httpx.get(f"{url}/algorithms", headers={"X-Forwarded-For": f"198.51.100.{n}"},
                              timeout=10).status_code for n in range(8)]
    assert (429 in statuses) is limited, statuses


def test_uploads_beyond_the_queue_caps_are_refused_and_cleaned_up() -> None:
    jobs = JobStore()
    release = threading.Event()

    def screener() -> Screener:
        release.wait(30)  # the first job holds the screening turn until the test lets it go
        raise StoreError("no index in this test")

    started = [jobs.submit("a.csv", [b"name\nSadio Camara\n"], screener, client="203.0.113.5")
               for _ in range(MAX_PENDING_PER_CLIENT)]
    try:
        with pytest.raises(BusyError, match="too many batch jobs are waiting"):
            jobs.submit("b.csv", [b"name\nSadio Camara\n"], screener, client="203.0.113.5")
        others = [jobs.submit("c.csv", [b"name\nX\n"], screener, client=f"198.51.100.{n}")
                  for n in range(MAX_PENDING - MAX_PENDING_PER_CLIENT)]
        with pytest.raises(BusyError):
            jobs.submit("d.csv", [b"name\nX\n"], screener, client="192.0.2.1")
    finally:
        release.set()
        jobs.close()
    assert all(not job.folder.exists() for job in [*started, *others])


# -- no server paths in responses -----------------------------------------------------------------

def test_paths_are_made_public() -> None:
    from kenning import settings
    from kenning.api.paths import public

    home = str(settings.HOME)
    data = {"source": f"{home}/posted/abc.txt", "item": "https://example.org/a", "path": "posted:0a1b",
            "detail": f"{home}/downloads/sdn.csv, line 3: malformed", "nested": [{"source": "/srv/x/y.html"}]}
    assert public(data) == {"source": "file:abc.txt", "item": "https://example.org/a", "path": "posted:0a1b",
                            "detail": "downloads/sdn.csv, line 3: malformed",
                            "nested": [{"source": "file:y.html"}]}


def test_news_responses_show_no_server_path(news_api: TestClient) -> None:
    text = "Title: Paths\n\nThe U.S. Treasury sanctioned Ivan Maslov, the head of the Wagner Group in Mali."
    added = news_api.post("/news", json={"text": text}, headers=KEY)
    assert added.status_code == 200
    article = added.json()["articles"][0]
    as_json = {"Accept": "application/json"}
    for body in (added.text, news_api.get(f"/articles/{article['article_id']}").text,
                 news_api.get("/stories", headers=as_json).text,
                 news_api.post("/news", json={"text": " "}, headers=KEY).text):
        assert '"/' not in body and "/tmp/" not in body and "/root/" not in body, body[:300]
