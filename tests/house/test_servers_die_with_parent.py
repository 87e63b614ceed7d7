"""No server a test starts outlives the test process, even when that process is killed without teardown."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]

# The parent restores SIGINT's default handler: a test run started in the background by a shell without job
# control inherits SIGINT ignored, and Python keeps an ignored SIGINT ignored (the parent then never died and
# the test timed out, though the child-follows-parent behaviour under test was fine).
PARENT = """
import signal, subprocess, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
sys.path.insert(0, {tests!r})
from testkit import die_with_parent
child = subprocess.Popen(die_with_parent([sys.executable, "-c", "import time; time.sleep(120)"]))
print(child.pid, flush=True)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signals are Linux's")
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_the_child_dies_when_its_parent_is_killed(signum: int) -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT.format(tests=str(TESTS))], stdout=subprocess.PIPE,
                              text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    assert _alive(child)
    parent.send_signal(signum)
    parent.wait(timeout=30)
    deadline = time.monotonic() + 15
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(child)


def _server_launches(tree: ast.AST) -> list[ast.Call]:
    """The ``Popen(...)`` calls whose first argument holds the string ``serve`` or ``uvicorn``."""
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "Popen":
            words = {c.value for c in ast.walk(node.args[0]) if isinstance(c, ast.Constant)} if node.args else set()
            if words & {"serve", "uvicorn"}:
                calls.append(node)
    return calls


def test_every_server_a_test_starts_asks_to_die_with_it() -> None:
    """Every ``Popen`` of ``kenning serve`` or uvicorn in the tests is wrapped in ``die_with_parent``."""
    launches, missing = 0, []
    for path in TESTS.rglob("*.py"):
        for call in _server_launches(ast.parse(path.read_text(encoding="utf-8"))):
            launches += 1
            first = call.args[0]
            if not (isinstance(first, ast.Call) and getattr(first.func, "id", "") == "die_with_parent"):
                missing.append(f"{path.relative_to(TESTS)}:{call.lineno}")
    assert launches >= 3  # the API's, the deployment's and the monitor page's servers: the scan sees them
    assert not missing, f"servers started without die_with_parent: {missing}"
