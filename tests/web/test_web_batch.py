"""Batch screening through the web form: a job per upload, progress, bad rows reported, results as CSV."""

from __future__ import annotations

import csv
import io
import time

import pytest
from fastapi.testclient import TestClient

from kenning import settings

pytestmark = pytest.mark.slow

CSV_TEXT = (
    "name,schema,birth_date,country,id_number,ref\n"
    "Sadio Camara,Person,1979-03-22,Mali,,c-1\n"
    ",Person,,,,c-2\n"
    "Wagner Group,Organization,,,,c-3\n"
    "Jon Smith,Person,the 22nd,,,c-4\n"
    "=HYPERLINK(\"x\"),Person,,,,c-5\n"
)


def _upload(client: TestClient, text: str, name: str = "customers.csv") -> tuple[int, str]:
    response = client.post("/screen/upload", files={"file": (name, text.encode("utf-8"), "text/csv")},
                           follow_redirects=False)
    return response.status_code, response.headers.get("location", response.text)


def _wait_done(client: TestClient, location: str) -> str:
    for _ in range(600):
        status = client.get(f"{location}/status")
        assert status.status_code == 200
        if "Done:" in status.text or "The batch stopped" in status.text:
            return status.text
        time.sleep(0.1)
    raise AssertionError("the batch did not finish in 60 s")


def test_upload_screens_reports_bad_rows_and_downloads_csv(client: TestClient) -> None:
    code, location = _upload(client, CSV_TEXT)
    assert code == 303 and location.startswith("/screen/")
    page = client.get(location)
    assert page.status_code == 200 and "customers.csv" in page.text
    assert "Refresh" in page.text or "Done:" in page.text  # a plain link while it runs
    status = _wait_done(client, location)
    assert "Done:" in status and "hx-trigger" not in status  # polling stops when done
    assert "<strong>1</strong> bad rows" in status  # a row without a name; an unreadable date drops no row
    assert '<a href="/entity/us_ofac_sdn-42618">CAMARA, Sadio</a>' in status  # the matches, linked
    assert "<td>3</td><td>the row has no name</td>" in status
    assert "birth_date ignored: birth date &#39;the 22nd&#39; is not a date" in status
    download = client.get(f"{location}/results.csv")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    assert 'filename="customers-kenning-results.csv"' in download.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert [r["ref"] for r in rows] == ["c-1", "c-2", "c-3", "c-4", "c-5"]
    camara = rows[0]
    assert (camara["status"], camara["id"], camara["dataset"]) == ("match", "us_ofac_sdn-42618", "us_ofac_sdn")
    assert "birth_date:" in camara["why"] and "the same day" in camara["why"]
    assert rows[1]["status"] == "error" and rows[1]["error"] == "the row has no name"
    assert rows[3]["status"] in ("match", "no match") and rows[3]["warnings"].startswith("birth_date ignored")
    assert rows[4]["name"].startswith("'=HYPERLINK")  # never a live formula in a spreadsheet


def test_running_job_page_polls_with_htmx_and_links_a_refresh(client: TestClient) -> None:
    from kenning.web.jobs import JOBS, Job

    job = Job(id="test-running", filename="x.csv", folder=settings.HOME, total=10, state="running", done=4)
    JOBS._jobs[job.id] = job
    try:
        page = client.get("/screen/test-running")
        assert 'hx-get="/screen/test-running/status" hx-trigger="every 1s"' in page.text
        assert '<a href="/screen/test-running">Refresh</a>' in page.text
        assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page.text
        assert "4 of 10 rows (40 %)" in page.text
        assert client.get("/screen/test-running/results.csv").status_code == 409
    finally:
        del JOBS._jobs[job.id]


def test_file_without_a_name_column_is_refused_on_the_form(client: TestClient) -> None:
    code, body = _upload(client, "customer,country\nSadio Camara,Mali\n", "bad.csv")
    assert code == 422
    assert "bad.csv, line 1: the CSV header must have a &#39;name&#39; column" in body
    assert "/tmp/" not in body  # the server's paths stay private


def test_too_many_rows_are_refused(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "BATCH_MAX_ROWS", 3)
    code, body = _upload(client, CSV_TEXT)
    assert code == 422 and "has 5 rows; at most 3 are accepted per batch" in body


def test_no_file_chosen(client: TestClient) -> None:
    response = client.post("/screen/upload", data={}, follow_redirects=False)
    assert response.status_code == 422 and "Choose a CSV file to screen." in response.text


def test_unknown_job_is_404(client: TestClient) -> None:
    assert client.get("/screen/nope").status_code == 404
    assert client.get("/screen/nope/results.csv").status_code == 404
