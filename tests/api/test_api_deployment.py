"""A PostgreSQL-backed deployment: two ``kenning serve`` processes and a writer share one store.

The writer is ``kenning lists load`` (the same code ``lists update`` runs after its download). Both servers
serve the same lists from the start, keep answering while the writer loads, and both pick up the new list
on their own (``KENNING_WATCH_SECONDS``) without a restart. :class:`Deployment` runs any ``kenning``
command against the shared store, so another writer (``kenning monitor run``) is one more call.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from testkit import die_with_parent, free_port

KENNING = Path(sys.executable).with_name("kenning")
LISTS = Path(__file__).parents[1] / "fixtures" / "lists"
pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@dataclass
class Deployment:
    """One PostgreSQL store; each process gets its own KENNING_HOME (its own index files) and the shared DB."""

    db_url: str
    root: Path
    servers: list[str] = field(default_factory=list)
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def env(self, name: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KENNING_")}
        return env | {"KENNING_DB": self.db_url, "KENNING_HOME": str(self.root / name),
                      "KENNING_WATCH_SECONDS": "1"}

    def run(self, name: str, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``kenning ARGS`` to completion as process ``name`` (a writer: lists load/update, monitor run)."""
        return subprocess.run([str(KENNING), *args], env=self.env(name), capture_output=True, text=True,
                              timeout=600, check=False)

    def serve(self, name: str) -> str:
        port = free_port()
        log = (self.root / f"{name}.log").open("wb")
        self.procs.append(subprocess.Popen(die_with_parent([str(KENNING), "serve", "--port", str(port)]),
                                           env=self.env(name), stdout=log, stderr=subprocess.STDOUT))
        url = f"http://127.0.0.1:{port}"
        self.servers.append(url)
        return url

    def wait_until(self, check: Any, what: str, seconds: float = 180) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if all(check(url) for url in self.servers):
                return
            dead = [p.args for p in self.procs if p.poll() is not None]
            assert not dead, f"a server exited: {dead}\n" + "\n".join(
                p.read_text() for p in self.root.glob("*.log"))
            time.sleep(0.5)
        raise AssertionError(f"the servers did not {what} within {seconds} s")

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _health(url: str) -> dict[str, Any]:
    try:
        response = httpx.get(f"{url}/healthz", timeout=5)
    except httpx.HTTPError:
        return {}
    return dict(response.json()) if response.status_code in (200, 503) else {}


def _match(url: str, name: str) -> list[str]:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": [name]}}}}
    response = httpx.post(f"{url}/match/default", json=body, timeout=30)
    response.raise_for_status()
    return [r["id"] for r in response.json()["responses"]["q"]["results"] if r["match"]]


@pytest.fixture
def deployment(postgres_url: str, tmp_path: Path) -> Iterator[Deployment]:
    """A fresh database on the session's throwaway server, and the processes of one deployment on it."""
    name = f"deploy_{os.getpid()}_{int(time.time() * 1000) % 10**8}"
    admin = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    found = Deployment(postgres_url.rsplit("/", 1)[0] + f"/{name}", tmp_path)
    with ExitStack() as stack:
        stack.callback(found.stop)
        yield found


def _hammer(urls: list[str], stop: threading.Event, statuses: list[int]) -> None:
    """Screen against every server until stopped, keeping each response's status."""
    while not stop.is_set():
        for url in urls:
            try:
                body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Sadio Camara"]}}}}
                statuses.append(httpx.post(f"{url}/match/default", json=body, timeout=30).status_code)
            except httpx.HTTPError:
                statuses.append(0)


def test_two_servers_and_a_loader_share_one_postgres_store(deployment: Deployment) -> None:
    first = deployment.run("loader", "lists", "load", "--skip-count-check", str(LISTS / "us_ofac" / "sdn.csv"))
    assert first.returncode == 0, first.stderr
    deployment.serve("serve-a")
    deployment.serve("serve-b")
    deployment.wait_until(lambda url: _health(url).get("status") == "ok", "start")
    versions = [_health(url)["lists"] for url in deployment.servers]
    assert versions[0] == versions[1] and set(versions[0]) == {"us_ofac_sdn"}
    assert all("us_ofac_sdn-42618" in _match(url, "Sadio Camara") for url in deployment.servers)

    stop, statuses = threading.Event(), []
    traffic = threading.Thread(target=_hammer, args=(deployment.servers, stop, statuses))
    traffic.start()
    try:
        second = deployment.run("loader", "lists", "load", "--skip-count-check", "--dataset", "un_sc",
                                str(LISTS / "un_sc" / "consolidated.xml"))
        assert second.returncode == 0, second.stderr
        deployment.wait_until(lambda url: "un_sc" in _health(url).get("lists", {}), "see the new list")
        deployment.wait_until(lambda url: any(i.startswith("un_sc-") for i in _match(url, "Eric Badege")),
                              "screen against the new list")
    finally:
        stop.set()
        traffic.join(timeout=60)
    assert statuses and set(statuses) == {200}, f"{len(statuses)} requests: {sorted(set(statuses))}"
    fingerprints = {_health(url)["index"]["fingerprint"] for url in deployment.servers}
    assert len(fingerprints) == 1  # both serve an index of the same versions
    # `kenning monitor run` (being built on another branch) joins here as one more writer:
    #   deployment.run("monitor", "monitor", "run", ...) and then wait_until(...) for what it wrote.
