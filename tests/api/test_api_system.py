"""GET /healthz, GET /algorithms, and the OpenAPI document (descriptions and examples for every route)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kenning.matching import features

pytestmark = pytest.mark.slow


def test_healthz_reports_store_index_and_list_versions(api: TestClient) -> None:
    response = api.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok" and data["store"] == {"reachable": True, "error": None}
    assert data["index"]["loaded"] is True and data["index"]["entities"] > 20000
    assert set(data["lists"]) == {"gb_ofsi", "un_sc", "us_ofac_cons", "us_ofac_sdn"}
    assert data["lists"]["us_ofac_sdn"]["publication_date"] == "2024-05-03"
    assert data["lists"]["us_ofac_sdn"]["entities"] == 14965
    assert data["lists"]["gb_ofsi"]["freshness"]["state"] == "retired"
    assert data["lists"]["us_ofac_sdn"]["freshness"]["line"].startswith("published 2024-05-03, ")


def test_healthz_is_503_without_lists(empty_app: Callable[..., TestClient]) -> None:
    client = empty_app()
    response = client.get("/healthz")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "unavailable" and data["store"]["reachable"] is True
    assert data["index"] == {"loaded": False, "error": "no lists are loaded: run `kenning lists load` first"}
    assert data["lists"] == {}
    matching = client.post("/match/default", json={"queries": {"q": {"schema": "Person",
                                                                     "properties": {"name": ["X"]}}}})
    assert matching.status_code == 503
    assert matching.json() == {"detail": "screening is unavailable: no lists are loaded: run `kenning lists load` "
                                         "first"}


def test_algorithms_explain_each_feature_with_its_docstring(api: TestClient) -> None:
    data = api.get("/algorithms").json()
    assert data["default"] == data["best"] == "kenning-v1"
    [algo] = data["algorithms"]
    assert algo["name"] == "kenning-v1" and algo["threshold"] == 0.7
    assert set(algo["features"]) == {"name", "birth_date", "country", "identifier"}
    doc = " ".join((features.birth_date.__doc__ or "").split())
    assert algo["features"]["birth_date"]["description"] == doc
    assert algo["features"]["birth_date"]["coefficient"] == 0.6
    assert algo["docs"]["features"] == algo["features"]


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()]


def test_openapi_describes_every_route_with_examples(api: TestClient) -> None:
    schema = api.get("/openapi.json").json()
    routes = {(path, method) for path, method, _op in _operations(schema)}
    assert routes >= {("/match/{dataset}", "post"), ("/search/{dataset}", "get"), ("/entities/{entity_id}", "get"),
                      ("/screen", "post"), ("/lists/update", "post"), ("/healthz", "get"), ("/algorithms", "get")}
    for path, method, op in _operations(schema):
        assert op.get("description") and op.get("summary"), (path, method)
        ok = (op["responses"].get("200") or op["responses"]["201"])["content"]
        assert any("example" in body or "examples" in body for body in ok.values()), (path, method)
        request = op.get("requestBody")
        if request is not None:
            content = request["content"]
            assert any("example" in body or "examples" in body for body in content.values()), (path, method)
        for param in op.get("parameters", []):
            assert param.get("description") or param.get("examples") or param["in"] == "header", (path, param)
    match_body = schema["paths"]["/match/{dataset}"]["post"]["requestBody"]["content"]["application/json"]
    assert match_body["examples"]["person"]["value"]["queries"]["q1"]["properties"]["name"] == ["Ivan Maslov"]
    assert {"HTTPBearer", "APIKeyHeader"} <= set(schema["components"]["securitySchemes"])
    assert schema["paths"]["/lists/update"]["post"]["security"]
