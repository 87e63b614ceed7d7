"""POST /match/{dataset}: yente's request and response shapes, answered from the bundled lists."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kenning.matching import Query, Result
from kenning.matching.algorithms import get_algorithm

pytestmark = pytest.mark.slow

MASLOV = {"queries": {"q1": {"schema": "Person", "properties": {"name": ["Ivan Maslov"],
                                                                "birthDate": ["1982-07-11"]}}}}

#: Field names of yente's ScoredEntityResponse (EntityResponse + score, features, explanations, match, token).
YENTE_RESULT_FIELDS = {"id", "caption", "schema", "properties", "datasets", "referents", "target", "first_seen",
                       "last_seen", "last_change", "score", "features", "explanations", "match", "token"}


def _match(api: TestClient, body: dict[str, Any], dataset: str = "default", **params: Any) -> dict[str, Any]:
    response = api.post(f"/match/{dataset}", json=body, params=params)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def test_maslov_matches_ofac_and_ofsi_in_yente_shape(api: TestClient) -> None:
    data = _match(api, MASLOV)
    assert set(data) == {"responses", "matcher", "limit", "kenning"}
    assert data["limit"] == 5
    q1 = data["responses"]["q1"]
    assert q1["status"] == 200
    assert q1["query"] == {"id": None, "schema": "Person",
                           "properties": {"name": ["Ivan Maslov"], "birthDate": ["1982-07-11"]}}
    matched = [r for r in q1["results"] if r["match"]]
    assert len(matched) == 1, "one party, one result (yente's one result per entity)"
    head = matched[0]
    pair = {"us_ofac_sdn-40969", "gb_ofsi-16024"}
    assert head["id"] in pair and set(head["referents"]) == pair - {head["id"]}
    assert q1["total"] == {"value": 1, "relation": "eq"}
    assert set(head) == YENTE_RESULT_FIELDS | {"kenning"}
    captions = {"us_ofac_sdn-40969": "MASLOV, Ivan Aleksandrovich", "gb_ofsi-16024": "Ivan Aleksandrovitch MASLOV"}
    assert head["caption"] == captions[head["id"]]
    assert head["schema"] == "Person" and head["datasets"] == [head["id"].split("-")[0]] and head["target"] is True
    assert "1982-07-11" in head["properties"]["birthDate"]
    screener = api.app.state.kenning.require_screener()  # type: ignore[attr-defined]
    direct = {r.id: r for r in screener.screen(
        Query.build("Ivan Maslov", schema="Person", birth_dates=["1982-07-11"]), limit=5)}
    assert head["score"] == pytest.approx(direct[head["id"]].score, abs=0.0001) and head["score"] > 0.9
    assert set(head["features"]) == {"name", "birth_date"} and head["features"]["birth_date"] == 1.0
    assert head["features"]["name"] == pytest.approx(direct[head["id"]].explanation["name"].score, abs=1e-4)
    name = head["explanations"]["name"]
    assert name["query"] == "Ivan Maslov" and name["candidate"] == captions[head["id"]]
    assert "maslov (1.00), ivan (1.00)" in name["detail"]
    dob = head["explanations"]["birth_date"]["detail"]
    assert dob.startswith("query 1982-07-11 and listed 1982-07-11: the same day")
    assert head["kenning"]["same_as"] == sorted(pair - {head["id"]})
    assert {e["id"] for e in head["kenning"]["entries"]} == pair and head["kenning"]["links"]
    assert "birth_date: query 1982-07-11" in head["kenning"]["explanation"]
    ofac = head
    assert ofac["first_seen"].endswith("+00:00")
    assert set(data["matcher"]) == {"name", "birth_date", "country", "identifier", "weak_name"}
    assert set(data["matcher"]["name"]) == {"description", "coefficient", "url"}
    assert data["kenning"]["algorithm"] == "kenning-v2" and data["kenning"]["threshold"] == 0.7


def test_batch_header_and_every_query_answered_in_order(api: TestClient) -> None:
    body = {"queries": {"b": MASLOV["queries"]["q1"], "a": {"schema": "Company", "properties": {
        "name": "Wagner Group"}}}}
    response = api.post("/match/default", json=body)
    assert response.headers["x-batch-size"] == "2"
    data = response.json()
    assert list(data["responses"]) == ["b", "a"]
    assert data["responses"]["a"]["results"][0]["caption"] == "WAGNER GROUP"


def test_query_without_a_name_is_a_per_query_400(api: TestClient) -> None:
    body = {"queries": {"bad": {"schema": "Person", "properties": {"birthDate": ["1982-07-11"]}},
                        "odd": {"schema": "Spaceship", "properties": {"name": ["X"]}},
                        "good": MASLOV["queries"]["q1"]}}
    data = _match(api, body)
    bad, odd, good = (data["responses"][k] for k in ("bad", "odd", "good"))
    assert bad["status"] == 400 and bad["results"] == [] and bad["total"]["value"] == 0
    assert bad["detail"] == "the query has no name: give properties.name (or firstName and lastName)"
    assert odd["status"] == 400 and "'Spaceship' is not a FollowTheMoney schema" in odd["detail"]
    assert good["status"] == 200 and good["total"]["value"] == 1  # one party, on two lists


def test_name_parts_countries_and_identifiers_are_used(api: TestClient) -> None:
    props = {"firstName": ["Ivan"], "lastName": ["Maslov"], "nationality": ["Russia"],
             "passportNumber": ["731 849 424"], "favouriteColour": ["blue"], "birthDate": ["11.07.1982"]}
    q1 = _match(api, {"queries": {"q1": {"schema": "Person", "properties": props}}})["responses"]["q1"]
    info = q1["kenning"]
    assert info["names"] == ["Ivan Maslov"] and info["countries"] == ["ru"] and info["id_numbers"] == ["731849424"]
    assert "birthDate '11.07.1982' is not a date; ignored" in info["notes"]
    assert "Person has no property 'favouriteColour'; ignored" in info["notes"]
    top = q1["results"][0]
    assert top["id"] == "us_ofac_sdn-40969" and top["match"] is True
    assert top["explanations"]["identifier"]["detail"] == "same number: 731849424"
    assert top["explanations"]["country"]["detail"] == "shared country: ru"


def test_explanations_name_the_compared_strings_of_the_feature_scores(api: TestClient,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    names = ["Johnny Walker", "Evgeny Prigozhin"]
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": names}}}}
    results = _match(api, body, cutoff=0.0)["responses"]["q"]["results"]
    screener = api.app.state.kenning.require_screener()  # type: ignore[attr-defined]
    direct = {r.id: r.explanation for r in screener.screen(Query.build(names, schema="Person"), limit=16)}
    assert results and results[0]["explanations"]["name"]["query"] == "Evgeny Prigozhin"
    for result in results:
        for key, shown in result["explanations"].items():
            feature = direct[result["id"]][key]
            assert (shown["query"], shown["candidate"]) == (feature.query, feature.candidate)
    real = screener.result

    def relabelled(*args: Any, **kwargs: Any) -> Result:
        found: Result = real(*args, **kwargs)
        found.explanation["name"] = replace(found.explanation["name"], detail="quotes nothing", query="Q",
                                            candidate="C")
        return found

    monkeypatch.setattr(screener, "result", relabelled)
    shown = _match(api, body)["responses"]["q"]["results"][0]["explanations"]["name"]
    assert shown == {"detail": "quotes nothing", "score": shown["score"], "query": "Q", "candidate": "C"}


def test_matcher_coefficients_are_the_declared_feature_weights(api: TestClient) -> None:
    matcher = _match(api, MASLOV)["matcher"]
    algo = get_algorithm(None)
    assert matcher == {f.name: {"description": f.explanation, "coefficient": f.weight, "url": f"/algorithms#{f.name}"}
                       for f in algo.features}
    assert list(matcher) == [f.name for f in algo.features]


def test_one_list_and_include_exclude_datasets(api: TestClient) -> None:
    only_uk = _match(api, MASLOV, dataset="gb_ofsi")["responses"]["q1"]["results"]
    assert [r["id"] for r in only_uk if r["match"]] == ["gb_ofsi-16024"]
    without_uk = _match(api, MASLOV, exclude_dataset=["gb_ofsi"])["responses"]["q1"]["results"]
    assert [r["id"] for r in without_uk if r["match"]] == ["us_ofac_sdn-40969"]
    nothing = _match(api, MASLOV, dataset="gb_ofsi", include_dataset=["us_ofac_sdn"])
    assert nothing["responses"]["q1"]["results"] == [] and nothing["kenning"]["datasets"] == []
    assert _match(api, MASLOV, dataset="sanctions")["responses"]["q1"]["total"]["value"] == 1
    assert not next(r for r in without_uk if r["match"])["referents"]  # the UK entry is not searched


def test_unknown_dataset_is_404(api: TestClient) -> None:
    response = api.post("/match/eu_fsf", json=MASLOV)
    assert response.status_code == 404
    assert response.json() == {"detail": "no dataset 'eu_fsf'; use one of: default, sanctions, gb_ofsi, un_sc, "
                                         "us_ofac_cons, us_ofac_sdn"}


def test_threshold_cutoff_and_limit(api: TestClient) -> None:
    strict = _match(api, MASLOV, threshold=0.99, cutoff=0.0, limit=3)
    results = strict["responses"]["q1"]["results"]
    assert len(results) == 3 and strict["limit"] == 3
    assert not any(r["match"] for r in results) and strict["responses"]["q1"]["total"]["value"] == 0
    assert results[2]["score"] < 0.5
    default_cutoff = _match(api, MASLOV, limit=3)["responses"]["q1"]["results"]
    assert [(r["id"], r["referents"]) for r in default_cutoff] == [("gb_ofsi-16024", ["us_ofac_sdn-40969"])]
    assert api.post("/match/default", json=MASLOV, params={"threshold": 1.5}).status_code == 422


def test_yente_algorithm_names_run_kenning_with_a_note(api: TestClient) -> None:
    data = _match(api, {**MASLOV, "weights": {"name_literal": 0.8}}, algorithm="logic-v2")
    assert data["kenning"]["algorithm"] == "kenning-v2"
    assert data["kenning"]["notes"] == [
        "weights is a yente scoring option Kenning does not use; ignored",
        "algorithm 'logic-v2' is yente's; Kenning scored with its default, kenning-v2"]
    assert data["responses"]["q1"]["total"]["value"] == 1
    unknown = api.post("/match/default", json=MASLOV, params={"algorithm": "magic-v9"})
    assert unknown.status_code == 400
    assert unknown.json()["detail"].startswith("unknown algorithm 'magic-v9'; Kenning's: kenning-v1")


def test_bad_bodies(api: TestClient) -> None:
    broken = api.post("/match/default", content=b'{"queries": ', headers={"content-type": "application/json"})
    assert broken.status_code == 422
    assert broken.json()["detail"][0]["type"] == "json_invalid"
    assert api.post("/match/default", json={"queries": "Ivan"}).status_code == 422
    none = api.post("/match/default", json={"queries": {}})
    assert none.status_code == 400 and none.json() == {"detail": "No queries provided."}
    many = {"queries": {str(i): MASLOV["queries"]["q1"] for i in range(101)}}
    too_many = api.post("/match/default", json=many)
    assert too_many.status_code == 400
    assert too_many.json() == {"detail": "Too many queries in one batch (limit: 100)"}
