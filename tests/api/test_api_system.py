"""GET /healthz, GET /algorithms, and the OpenAPI document (descriptions and examples for every route)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kenning.matching import features, features_v2

pytestmark = pytest.mark.slow


def test_healthz_reports_store_index_and_list_versions(api: TestClient) -> None:
    response = api.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok" and data["ready"] is True and data["store"] == {"reachable": True, "error": None}
    assert data["index"]["loaded"] is True and data["index"]["fresh"] is True and data["index"]["entities"] > 20000
    assert api.get("/readyz").status_code == 200
    assert set(data["lists"]) == {"gb_ofsi", "un_sc", "us_ofac_cons", "us_ofac_sdn"}
    assert data["lists"]["us_ofac_sdn"]["publication_date"] == "2024-05-03"
    assert data["lists"]["us_ofac_sdn"]["entities"] == 14965
    assert data["lists"]["gb_ofsi"]["freshness"]["state"] == "retired"
    assert data["lists"]["us_ofac_sdn"]["freshness"]["line"].startswith("published 2024-05-03, ")


def test_without_lists_the_service_is_alive_but_not_ready(empty_app: Callable[..., TestClient]) -> None:
    client = empty_app()
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "unavailable" and data["ready"] is False and data["store"]["reachable"] is True
    assert data["index"] == {"loaded": False, "fresh": True,
                             "error": "no lists are loaded: run `kenning lists load` first"}
    assert client.get("/readyz").status_code == 503
    assert data["lists"] == {}
    matching = client.post("/match/default", json={"queries": {"q": {"schema": "Person",
                                                                     "properties": {"name": ["X"]}}}})
    assert matching.status_code == 503
    assert matching.json() == {"detail": "screening is unavailable: no lists are loaded: run `kenning lists load` "
                                         "first"}


def test_algorithms_explain_each_feature_with_its_docstring(api: TestClient) -> None:
    data = api.get("/algorithms").json()
    assert data["default"] == data["best"] == "kenning-v2"
    v1, v2 = data["algorithms"]  # by name; v1 stays available as published
    assert v1["name"] == "kenning-v1" and v2["name"] == "kenning-v2"
    assert v1["threshold"] == v2["threshold"] == 0.7
    assert set(v1["features"]) == {"name", "birth_date", "country", "identifier"}
    assert set(v2["features"]) == {"name", "birth_date", "country", "identifier", "weak_name"}
    for algo, func in ((v1, features.birth_date), (v2, features_v2.birth_date_v2)):
        assert algo["features"]["birth_date"]["description"] == " ".join((func.__doc__ or "").split())
        assert algo["features"]["birth_date"]["coefficient"] == 0.6
        assert algo["docs"]["features"] == algo["features"]


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()]


def test_openapi_describes_every_route_with_examples(api: TestClient) -> None:
    schema = api.get("/openapi.json").json()
    routes = {(path, method) for path, method, _op in _operations(schema)}
    assert routes >= {("/match/{dataset}", "post"), ("/search/{dataset}", "get"), ("/entities/{entity_id}", "get"),
                      ("/screen", "post"), ("/lists/update", "post"), ("/healthz", "get"), ("/readyz", "get"),
                      ("/algorithms", "get")}
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
