"""Load shedding: the heavy routes take turns through one gate per server process, and a request that
would wait too long is answered ``503`` with ``Retry-After`` at once instead of late.

Screening a name is CPU work under Python's global lock, so one process answers a fixed number of them per
second however many it accepts. Without a gate, an arrival rate above that rate queues without bound:
every request waits behind all the earlier ones, clients time out, and the server keeps working on
answers nobody reads (the soak of 2026-12-02 collapsed so: every request of minutes 2 to 10 timed out).
With it, at most ``running`` requests run at a time (in the thread pool, so the event loop stays free to
answer health checks and to turn requests away), at most ``max_waiting`` wait for their turn, and none
waits longer than ``wait_seconds``: the ones taken are answered fast, the others learn at once to come
back later (a client or a load balancer can act on a 503; it cannot act on a timeout).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from kenning import settings
from kenning.errors import KenningError

__all__ = ["SCREEN_PATHS", "Busy", "GateStats", "WorkGate", "arrival", "gate_of"]

#: Path prefixes of the requests the screening gate runs (the guard refuses them early when it is full).
SCREEN_PATHS = ("/match/", "/search/")

T = TypeVar("T")


class Busy(KenningError):
    """The server is at capacity: try again after ``Retry-After`` seconds."""

    http_status = 503

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(max(1, math.ceil(retry_after)))}


@dataclass
class GateStats:
    """What the gate did since the server started (reported by ``/healthz``)."""

    ran: int = 0
    shed_full: int = 0
    shed_waited: int = 0
    running: int = 0
    waiting: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"ran": self.ran, "shed_queue_full": self.shed_full, "shed_waited_too_long": self.shed_waited,
                "running": self.running, "waiting": self.waiting}


@dataclass
class WorkGate:
    """At most ``running`` heavy requests at a time, ``max_waiting`` waiting, none waiting longer than
    ``wait_seconds``; the rest get :class:`Busy`."""

    running: int = 2
    max_waiting: int = 64
    wait_seconds: float = 2.0
    stats: GateStats = field(default_factory=GateStats)
    _slots: asyncio.Semaphore | None = None

    @classmethod
    def from_settings(cls, kind: str = "screen") -> WorkGate:
        """The gate of screening requests (``KENNING_MAX_WAITING``, ``KENNING_WAIT_SECONDS``) or of posted
        news (one report at a time, each in seconds: fewer may wait, longer)."""
        if kind == "news":
            return cls(running=1, max_waiting=max(1, settings.MAX_WAITING // 8), wait_seconds=30.0)
        return cls(max_waiting=settings.MAX_WAITING, wait_seconds=settings.WAIT_SECONDS)

    def full(self) -> bool:
        """Whether a request arriving now would be turned away at once (the middleware asks before it
        reads the body, so a request refused costs almost nothing)."""
        return self.stats.waiting >= self.max_waiting

    def refuse(self) -> Busy:
        """The answer to a request that finds the queue full (counted)."""
        self.stats.shed_full += 1
        return Busy(f"the server is busy: {self.stats.waiting} requests are waiting already; try again shortly",
                    self.wait_seconds)

    async def run(self, work: Callable[..., T], *args: Any, arrived: float | None = None) -> T:
        """``work(*args)`` in the thread pool when its turn comes, or :class:`Busy` when it would not come
        soon enough. The wait counts from ``arrived`` (``time.monotonic()`` when the request reached the
        server, before its body was read) when given."""
        if self._slots is None:  # made here, in the server's event loop
            self._slots = asyncio.Semaphore(self.running)
        if self.full():
            raise self.refuse()
        left = self.wait_seconds - (time.monotonic() - arrived if arrived is not None else 0.0)
        self.stats.waiting += 1
        try:
            if left <= 0:
                raise TimeoutError
            await asyncio.wait_for(self._slots.acquire(), timeout=left)
        except TimeoutError:
            self.stats.shed_waited += 1
            raise Busy(f"the server is busy: the request waited {self.wait_seconds:g} s for its turn; "
                       "try again shortly", self.wait_seconds) from None
        finally:
            self.stats.waiting -= 1
        self.stats.running += 1
        try:
            return await run_in_threadpool(work, *args)
        finally:
            self.stats.running -= 1
            self.stats.ran += 1
            self._slots.release()


def arrival(request: Request) -> float | None:
    """When the request reached the server (set by the guard middleware), if known."""
    value = request.scope.get("state", {}).get("arrived")
    return float(value) if value is not None else None


def gate_of(request: Request, kind: str = "screen") -> WorkGate:
    """The application's gate for ``screen`` (match, search) or ``news`` requests: a posted report, which
    takes seconds, must not hold the turn of the screening requests. Made on first use."""
    gates: dict[str, WorkGate] | None = getattr(request.app.state, "gates", None)
    if gates is None:
        gates = request.app.state.gates = {}
    if kind not in gates:
        gates[kind] = WorkGate.from_settings(kind)
    return gates[kind]
