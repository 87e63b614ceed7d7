"""A running server sees list changes made by another process: new parties answer, removed ones do not,
within seconds, without a restart and without a failed request; ``/readyz`` says not ready meanwhile."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from testkit import FIXTURES, KENNING, REPO, kenning_cli_env, running_server

pytestmark = pytest.mark.slow

EXCERPT = FIXTURES / "lists" / "us_ofac"
FULL_SDN = REPO / "data" / "lists" / "us_ofac" / "sdn.csv"


def _load(home: Path, folder: Path) -> None:
    done = subprocess.run([str(KENNING), "lists", "load", "--skip-count-check", str(folder / "sdn.csv")],
                          env=kenning_cli_env(home), capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr


def _matches(url: str, name: str) -> list[str]:
    query = {"queries": {"q": {"schema": "Person", "properties": {"name": [name]}}}}
    response = httpx.post(f"{url}/match/us_ofac_sdn", json=query, timeout=30)
    assert response.status_code == 200, response.text
    return [r["id"] for r in response.json()["responses"]["q"]["results"] if r["match"]]


def _changed_copy(folder: Path) -> Path:
    """The excerpt without SAHINPASIC (7782) and with KIM, Jong Un (20157) from the bundled list."""
    shutil.copytree(EXCERPT, folder)
    kim = next(line for line in FULL_SDN.read_text(encoding="utf-8").splitlines() if line.startswith("20157,"))
    lines = [line for line in (folder / "sdn.csv").read_text(encoding="utf-8").splitlines()
             if line.strip("\x1a ") and not line.startswith("7782,")]
    (folder / "sdn.csv").write_text("\n".join([*lines, kim]) + "\n", encoding="utf-8")
    return folder


def _hammer(url: str, stop: threading.Event, statuses: list[int]) -> None:
    query = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Sadio Camara"]}}}}
    with httpx.Client(timeout=30) as client:
        while not stop.is_set():
            statuses.append(client.post(f"{url}/match/us_ofac_sdn", json=query).status_code)


def test_a_list_loaded_by_another_process_answers_within_seconds(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _load(home, EXCERPT)
    with running_server(home, tmp_path / "server.log", WATCH_SECONDS="0.5") as url:
        assert _matches(url, "Senad Sahinpasic") == ["us_ofac_sdn-7782"]
        assert _matches(url, "Kim Jong Un") == []
        statuses: list[int] = []
        stop = threading.Event()
        hammer = threading.Thread(target=_hammer, args=(url, stop, statuses))
        hammer.start()
        try:
            _load(home, _changed_copy(tmp_path / "changed"))
            loaded = time.monotonic()
            while _matches(url, "Kim Jong Un") != ["us_ofac_sdn-20157"]:
                assert time.monotonic() - loaded < 10, "the new party did not answer within 10 s"
                time.sleep(0.2)
        finally:
            stop.set()
            hammer.join()
        assert _matches(url, "Senad Sahinpasic") == []
        health = httpx.get(f"{url}/healthz", timeout=10).json()
        assert health["ready"] is True and health["index"]["fresh"] is True
        assert httpx.get(f"{url}/readyz", timeout=10).status_code == 200
        assert statuses and set(statuses) == {200}, "a request failed while the index was swapped"
