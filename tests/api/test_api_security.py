"""Security rules: API keys on write routes, body and batch limits, rate limits, CORS, no stack traces."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from kenning.api.guard import TokenBuckets

NO_KEYS = {"detail": "write routes are disabled: no API keys are configured (set KENNING_API_KEYS)"}
MISSING = {"detail": "this route needs an API key: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'"}
WRONG = {"detail": "the API key is not valid"}
#: A dataset the catalogue does not know: an update that passed the key check stops here with 422.
UNKNOWN = {"dataset": "xx_nowhere"}


def test_write_routes_are_refused_when_no_keys_are_configured(empty_app: Callable[..., TestClient]) -> None:
    client = empty_app()
    response = client.post("/lists/update", params=UNKNOWN, headers={"X-API-Key": "anything"})
    assert response.status_code == 403 and response.json() == NO_KEYS


def test_missing_and_wrong_keys(empty_app: Callable[..., TestClient]) -> None:
    client = empty_app(API_KEYS="k-one, k-two")
    missing = client.post("/lists/update", params=UNKNOWN)
    assert missing.status_code == 401 and missing.json() == MISSING
    assert missing.headers["www-authenticate"] == "Bearer"
    for headers in ({"X-API-Key": "k-three"}, {"Authorization": "Bearer k-on"}, {"X-API-Key": "k-one "}):
        wrong = client.post("/lists/update", params=UNKNOWN, headers=headers)
        assert (wrong.status_code, wrong.json()) == (403, WRONG), headers
    basic = client.post("/lists/update", params=UNKNOWN, headers={"Authorization": "Basic k-one"})
    assert (basic.status_code, basic.json()) == (401, MISSING)


@pytest.mark.parametrize("headers", [{"X-API-Key": "k-two"}, {"Authorization": "Bearer k-one"}])
def test_a_configured_key_opens_the_write_route(empty_app: Callable[..., TestClient],
                                                headers: dict[str, str]) -> None:
    client = empty_app(API_KEYS="k-one,k-two")
    response = client.post("/lists/update", params=UNKNOWN, headers=headers)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(
        "unknown dataset 'xx_nowhere'; known datasets: eu_fsf, gb_fcdo, gb_ofsi")


def test_read_routes_need_no_key(empty_app: Callable[..., TestClient]) -> None:
    client = empty_app(API_KEYS="k-one")
    assert client.get("/algorithms").status_code == 200


def test_body_over_the_limit_is_413_before_it_is_read(empty_app: Callable[..., TestClient]) -> None:
    client = empty_app(MAX_BODY_BYTES="100")
    big = b"name\n" + b"Ivan Maslov\n" * 20
    response = client.post("/screen", content=big, headers={"content-type": "text/csv"})
    assert response.status_code == 413
    assert response.json() == {"detail": f"request body too large: {len(big)} bytes, the limit is 100 bytes "
                                         "(KENNING_MAX_BODY_BYTES)"}
    small = client.post("/match/default", json={"queries": {}})
    assert small.status_code == 503  # under the limit: on to the route (no lists in this store)


def test_streamed_body_over_the_limit_is_413(empty_app: Callable[..., TestClient]) -> None:
    client = empty_app(MAX_BODY_BYTES="100")

    def chunks() -> Iterator[bytes]:
        yield b'{"queries": {"q1": {"schema": "Person", "properties": {"name": ["'
        yield b"x" * 200
        yield b'"]}}}}'

    for path in ("/match/default", "/screen"):
        response = client.post(path, content=chunks(), headers={"content-type": "application/json"})
        assert response.status_code == 413, path
        assert response.json() == {"detail": "request body too large: more, the limit is 100 bytes "
                                             "(KENNING_MAX_BODY_BYTES)"}


def test_rate_limit_is_429_with_retry_after(empty_app: Callable[..., TestClient]) -> None:
    client = empty_app(RATE_LIMIT="3")
    assert [client.get("/algorithms").status_code for _ in range(3)] == [200, 200, 200]
    limited = client.get("/algorithms")
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "20"
    assert limited.json() == {"detail": "too many requests: at most 3 per minute from one client; try again in 20 s"}
    assert client.post("/match/default", json={"queries": {}}).status_code == 429
    assert client.get("/healthz").status_code == 503  # health checks are never limited (no lists: 503)


def test_token_buckets_refill_and_are_per_client() -> None:
    buckets = TokenBuckets(per_minute=2)
    assert [buckets.take("a", now=0.0), buckets.take("a", now=0.0)] == [0.0, 0.0]
    assert buckets.take("a", now=0.0) == pytest.approx(30.0)
    assert buckets.take("b", now=0.0) == 0.0
    assert buckets.take("a", now=30.0) == 0.0
    assert buckets.take("a", now=31.0) == pytest.approx(29.0)


def test_cors_is_off_unless_origins_are_set(empty_app: Callable[..., TestClient]) -> None:
    preflight = {"Origin": "https://screening.example.org", "Access-Control-Request-Method": "POST"}
    plain = empty_app()
    assert "access-control-allow-origin" not in plain.options("/match/default", headers=preflight).headers
    assert "access-control-allow-origin" not in plain.get("/algorithms", headers=preflight).headers
    cors = empty_app(CORS_ORIGINS="https://screening.example.org")
    allowed = cors.options("/match/default", headers=preflight)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://screening.example.org"
    other = cors.options("/match/default", headers={**preflight, "Origin": "https://evil.example"})
    assert other.status_code == 400 and "access-control-allow-origin" not in other.headers


def test_an_internal_error_shows_no_traceback(empty_app: Callable[..., TestClient],
                                              caplog: pytest.LogCaptureFixture) -> None:
    client = empty_app()
    store = client.app.state.kenning.store  # type: ignore[attr-defined]
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE datasets"))
    with caplog.at_level(logging.ERROR, logger="kenning.api"):
        response = client.get("/entities/us_ofac_sdn-40969")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal server error; the details are in the server log"}
    assert "Traceback" not in response.text and "datasets" not in response.text
    assert "OperationalError" in caplog.text and "no such table: datasets" in caplog.text


def test_security_headers_on_every_response(empty_app: Callable[..., TestClient]) -> None:
    response = empty_app().get("/algorithms")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
