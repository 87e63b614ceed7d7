"""GET /search/{dataset} (names in any script) and GET /entities/{id} (yente's shape plus Kenning's view)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow

YENTE_ENTITY_FIELDS = {"id", "caption", "schema", "properties", "datasets", "referents", "target", "first_seen",
                       "last_seen", "last_change"}


def test_search_in_cyrillic_finds_the_latin_listing(api: TestClient) -> None:
    response = api.get("/search/default", params={"q": "Евгений Пригожин", "schema": "Person"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"limit", "offset", "total", "results", "facets"}
    top = data["results"][0]
    assert set(top) == YENTE_ENTITY_FIELDS | {"kenning"}
    assert top["caption"] == "Yevgeniy Viktorovich PRIGOZHIN" and top["id"] == "gb_ofsi-13968"
    assert top["kenning"]["match"] is True
    assert {r["id"] for r in data["results"]} >= {"gb_ofsi-13968", "us_ofac_sdn-21171"}
    facet = {v["name"]: v["count"] for v in data["facets"]["datasets"]["values"]}
    assert facet["gb_ofsi"] >= 1 and facet["us_ofac_sdn"] >= 1
    assert data["total"]["value"] == len(data["results"])


def test_search_one_list_schema_and_paging(api: TestClient) -> None:
    uk = api.get("/search/gb_ofsi", params={"q": "Prigozhin"}).json()
    assert uk["results"] and all(r["datasets"] == ["gb_ofsi"] for r in uk["results"])
    vessels = api.get("/search/default", params={"q": "Wagner", "schema": "Vessel"}).json()
    assert vessels["results"] == [] and vessels["total"] == {"value": 0, "relation": "eq"}
    first = api.get("/search/default", params={"q": "Prigozhin", "limit": 1}).json()
    second = api.get("/search/default", params={"q": "Prigozhin", "limit": 1, "offset": 1}).json()
    assert len(first["results"]) == len(second["results"]) == 1
    assert first["results"][0]["id"] != second["results"][0]["id"]


def test_search_bad_input(api: TestClient) -> None:
    assert api.get("/search/eu_fsf", params={"q": "x"}).status_code == 404
    empty = api.get("/search/default", params={"q": "  "})
    assert empty.status_code == 422 and empty.json() == {"detail": "name is empty"}
    symbols = api.get("/search/default", params={"q": "!!"})
    assert symbols.status_code == 422
    assert symbols.json()["detail"] == "the name has no letters or digits (nothing to match after normalisation)"
    bad_schema = api.get("/search/default", params={"q": "Ivan", "schema": "Spaceship"})
    assert bad_schema.status_code == 422 and "'Spaceship' is not a FollowTheMoney schema" in bad_schema.json()["detail"]
    assert api.get("/search/default").status_code == 422


def test_entity_in_yente_shape_with_sanctions_links_and_relations(api: TestClient) -> None:
    response = api.get("/entities/us_ofac_sdn-40969")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == YENTE_ENTITY_FIELDS | {"kenning"}
    assert data["caption"] == "MASLOV, Ivan Aleksandrovich" and data["datasets"] == ["us_ofac_sdn"]
    props = data["properties"]
    assert props["passportNumber"] == ["731849424"]
    assert [s["id"] for s in props["sanctions"]] == ["us_ofac_sdn-40969-sanction"]
    assert props["sanctions"][0]["properties"]["program"] == ["RUSSIA-EO14024"]
    assert props["identification"][0]["schema"] == "Passport"
    view = data["kenning"]
    assert view["sanctions"][0]["properties"]["authority"] == [
        "US Department of the Treasury, Office of Foreign Assets Control"]
    assert view["same_as"][0]["id"] == "gb_ofsi-16024"
    assert view["same_as"][0]["evidence"]["birth_date"]["score"] == 1.0
    wagner = [r for r in view["relations"] if r["other"]["id"] == "us_ofac_sdn-22543"]
    assert wagner and wagner[0]["direction"] == "outgoing"
    assert view["readable"]["nationality"] == ["Russia"]


def test_unknown_entity_is_404(api: TestClient) -> None:
    response = api.get("/entities/us_ofac_sdn-0")
    assert response.status_code == 404
    assert response.json() == {"detail": "no entity 'us_ofac_sdn-0' in the current list versions"}
