"""POST /screen: a CSV or JSON-lines batch in the body, results streamed as JSON lines."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_csv_batch_streams_one_line_per_row_and_goes_on_after_bad_rows(api: TestClient) -> None:
    body = ("name,schema,birth_date,country,ref\n"
            "Ivan Maslov,Person,1982-07-11,,c-1\n"
            ",Person,,,c-2\n"
            "Sadio Camara,Person,22/03/1979,,c-3\n"
            "Sadio Camara,Person,1979,ml,c-4\n"
            "Sadio Camara,Person,unknown,,c-5\n")
    with api.stream("POST", "/screen", content=body, headers={"content-type": "text/csv"}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/x-ndjson"
        lines = _lines(response.read().decode())
    assert [line["ref"] for line in lines] == ["c-1", "c-2", "c-3", "c-4", "c-5"]
    assert lines[0]["match"] is True
    matched = [r for r in lines[0]["results"] if r["match"]]
    assert len(matched) == 1 and {e["id"] for e in matched[0]["entries"]} == {"us_ofac_sdn-40969", "gb_ofsi-16024"}
    assert lines[0]["results"][0]["explanation"]["birth_date"]["score"] == 1.0
    assert lines[1] == {"line": 3, "ref": "c-2", "error": "the row has no name"}
    assert lines[2]["query"]["birth_dates"] == ["1979-03-22"] and lines[2]["results"][0]["id"] == "us_ofac_sdn-42618"
    assert lines[3]["results"][0]["id"] == "us_ofac_sdn-42618"
    assert lines[4]["match"] and lines[4]["query"]["birth_dates"] == []
    assert lines[4]["warnings"] == ["birth_date ignored: birth date 'unknown' is not a date (e.g. 1959-08-09, "
                                    "9/8/1959, 9 Aug 1959, 1959)"]


def test_jsonl_batch_with_options(api: TestClient) -> None:
    body = '{"name": "Ivan Maslov", "birth_date": "1982-07-11", "ref": 7}\nnot json\n{"name": "Wagner Group"}\n'
    response = api.post("/screen", content=body, params={"dataset": "gb_ofsi", "limit": 1},
                        headers={"content-type": "application/x-ndjson"})
    assert response.status_code == 200
    lines = _lines(response.text)
    assert [r["id"] for r in lines[0]["results"]] == ["gb_ofsi-16024"] and lines[0]["ref"] == "7"
    assert lines[1]["line"] == 2 and lines[1]["error"].startswith("not valid JSON")
    assert lines[2]["results"][0]["caption"] == "WAGNER GROUP"


def test_body_kind_is_sniffed_without_a_content_type(api: TestClient) -> None:
    response = api.post("/screen", content=b'{"name": "Ivan Maslov"}\n')
    assert response.status_code == 200 and _lines(response.text)[0]["results"]


def test_unreadable_batches_are_422(api: TestClient) -> None:
    no_name = api.post("/screen", content="who,when\nIvan,1982\n", headers={"content-type": "text/csv"})
    assert no_name.status_code == 422
    assert no_name.json()["detail"] == ("request body, line 1: the CSV header must have a 'name' column "
                                        "(optional: schema, birth_date, country, id_number, ref)")
    assert api.post("/screen", content=b"").json() == {
        "detail": "the body is empty: send CSV (with a 'name' column) or JSON lines (objects with a 'name')"}
    unknown = api.post("/screen", content="name\nIvan\n", params={"dataset": "eu_fsf"})
    assert unknown.status_code == 422 and unknown.json()["detail"].startswith("dataset 'eu_fsf' is not loaded")
    bad_algorithm = api.post("/screen", content="name\nIvan\n", params={"algorithm": "nope"})
    assert bad_algorithm.status_code == 422


def test_row_limit_is_413(bundled_app: Callable[..., TestClient]) -> None:
    client = bundled_app(BATCH_MAX_ROWS="2")
    ok = client.post("/screen", content="name\nIvan Maslov\nSadio Camara\n")
    assert ok.status_code == 200 and len(_lines(ok.text)) == 2
    over = client.post("/screen", content="name\nIvan Maslov\nSadio Camara\nWagner\n")
    assert over.status_code == 413
    assert over.json() == {"detail": "the batch has 3 rows; at most 2 are accepted (KENNING_BATCH_MAX_ROWS)"}
