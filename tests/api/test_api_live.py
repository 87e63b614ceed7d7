"""Against a real ``kenning serve`` (uvicorn) on 127.0.0.1: the yente curl example, and schemathesis."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow

#: The body of the README's curl example.
MASLOV = '{"queries":{"q1":{"schema":"Person","properties":{"name":["Ivan Maslov"],"birthDate":["1982-07-11"]}}}}'

#: Schemathesis has no serializer for JSON lines; POST /screen bodies are sent as text.
HOOKS = 'import schemathesis\nschemathesis.serializer.alias("application/x-ndjson", "text/plain")\n'


def test_curl_example_matches_ofac_and_ofsi(live_server: str) -> None:
    response = httpx.post(f"{live_server}/match/default", content=MASLOV,
                          headers={"content-type": "application/json"}, timeout=30)
    assert response.status_code == 200
    q1 = response.json()["responses"]["q1"]
    matched = {r["id"]: r for r in q1["results"] if r["match"]}
    assert len(matched) == 1  # one party on two lists: one result, the other entry in referents
    assert {*matched, *next(iter(matched.values()))["referents"]} == {"us_ofac_sdn-40969", "gb_ofsi-16024"}
    for result in matched.values():
        assert result["explanations"]["name"]["candidate"] in ("MASLOV, Ivan Aleksandrovich",
                                                               "Ivan Aleksandrovitch MASLOV")
        assert "the same day" in result["explanations"]["birth_date"]["detail"]
    assert response.headers["x-batch-size"] == "1"


def test_schemathesis_finds_no_server_error(live_server: str, api_keys: tuple[str, ...], tmp_path: Path) -> None:
    (tmp_path / "kenning_st_hooks.py").write_text(HOOKS)
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "SCHEMATHESIS_HOOKS": "kenning_st_hooks"}
    command = [str(Path(sys.executable).with_name("st")), "run", f"{live_server}/openapi.json",
               "--checks", "not_a_server_error,response_schema_conformance,content_type_conformance",
               "--header", f"X-API-Key: {api_keys[0]}",
               # downloads the official lists from the internet: a 502 here is the truth, not a bug
               "--exclude-path", "/lists/update",
               "--max-examples", "25", "--seed", "20261124", "--workers", "1", "--request-timeout", "60",
               "--no-color"]
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900, check=False)
    summary = re.search(r"(\d+) generated, (\d+) passed", run.stdout)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert summary is not None and summary.group(1) == summary.group(2) and int(summary.group(1)) > 250
