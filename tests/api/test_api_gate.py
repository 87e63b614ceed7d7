"""Load shedding (:mod:`kenning.api.gate`): under any arrival burst, a request taken is answered within its
wait limit plus its own work, the rest are turned away at once with 503 and ``Retry-After``, and every
request is one or the other.

The class of failure is "an overloaded server answers everything late" (the soak's collapse): each case
is a burst of many requests, of several sizes and work times, against gates of several shapes.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from kenning.api.gate import Busy, WorkGate


def _work(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


async def _burst(gate: WorkGate, requests: int, work: float) -> list[tuple[str, float]]:
    """``requests`` arriving at once; each outcome (ran / busy) with its latency."""

    async def one() -> tuple[str, float]:
        started = time.perf_counter()
        try:
            await gate.run(_work, work)
            return "ran", time.perf_counter() - started
        except Busy as exc:
            assert exc.http_status == 503 and int(exc.headers["Retry-After"]) >= 1
            return "busy", time.perf_counter() - started

    return list(await asyncio.gather(*(one() for _ in range(requests))))


@pytest.mark.parametrize(("running", "waiting", "wait", "requests", "work"), [
    (1, 4, 0.2, 40, 0.02),
    (2, 8, 0.3, 100, 0.02),
    (2, 64, 0.25, 200, 0.01),
    (1, 1, 0.5, 30, 0.05),
    (3, 16, 0.1, 120, 0.03),
])
def test_a_burst_is_answered_in_time_or_turned_away_at_once(running: int, waiting: int, wait: float,
                                                            requests: int, work: float) -> None:
    gate = WorkGate(running=running, max_waiting=waiting, wait_seconds=wait)
    outcomes = asyncio.run(_burst(gate, requests, work))
    ran = [t for kind, t in outcomes if kind == "ran"]
    busy = [t for kind, t in outcomes if kind == "busy"]
    assert len(ran) + len(busy) == requests
    assert ran and busy  # every burst here is beyond the gate's capacity
    slack = 0.5  # thread pool start-up and scheduling on a loaded machine
    assert max(ran) <= wait + work * 2 + slack
    assert max(busy) <= wait + slack
    stats = gate.stats
    assert stats.ran == len(ran) and stats.shed_full + stats.shed_waited == len(busy)
    assert stats.running == 0 and stats.waiting == 0
    assert stats.shed_full >= requests - waiting - running  # beyond the queue: refused without waiting


def test_a_gate_under_capacity_turns_nobody_away() -> None:
    gate = WorkGate(running=2, max_waiting=64, wait_seconds=5.0)
    outcomes = asyncio.run(_burst(gate, 20, 0.01))
    assert [kind for kind, _ in outcomes] == ["ran"] * 20


def test_the_server_sheds_match_requests_and_reports_it(bundled_app: Callable[..., TestClient]) -> None:
    """Over the real app: a burst of /match requests beyond a tiny queue gets some 503s with Retry-After,
    the rest are answered, and /healthz counts both."""
    query = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Sadio Camara"]}}}}
    client = bundled_app(MAX_WAITING="1", WAIT_SECONDS="0.05")
    statuses = asyncio.run(_post_many(client, query, 30))
    health = client.get("/healthz").json()
    assert set(statuses) <= {200, 503} and 200 in statuses and 503 in statuses
    load = health["load"]["screen"]
    assert load["ran"] == statuses.count(200)
    assert load["shed_queue_full"] + load["shed_waited_too_long"] == statuses.count(503)


async def _post_many(client: TestClient, body: dict[str, object], count: int) -> list[int]:
    import httpx

    transport = httpx.ASGITransport(app=client.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kenning") as http:
        responses = await asyncio.gather(*(http.post("/match/default", json=body) for _ in range(count)))
    for response in responses:
        if response.status_code == 503:
            assert response.headers["retry-after"] == "1" and "busy" in response.json()["detail"]
    return [r.status_code for r in responses]


@pytest.mark.parametrize("late", [0.3, 1.0, 5.0])
def test_a_request_that_already_waited_its_limit_is_turned_away_without_running(late: float) -> None:
    """The wait counts from the request's arrival (before its body was read), not from the gate."""
    gate = WorkGate(running=1, max_waiting=8, wait_seconds=0.25)
    ran: list[float] = []

    async def one() -> None:
        await gate.run(ran.append, 1.0, arrived=time.monotonic() - late)

    with pytest.raises(Busy):
        asyncio.run(one())
    assert ran == [] and gate.stats.shed_waited == 1 and gate.stats.waiting == 0
