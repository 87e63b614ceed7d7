"""Helpers shared by test modules (import them with ``from testkit import ...``).

They live here, not in ``conftest.py``, because several folders have a ``conftest.py`` of their own and a
test module importing ``conftest`` by name may get the wrong one.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import BaseRequestHandler

import httpx

FIXTURES = Path(__file__).parent / "fixtures"
LISTS = FIXTURES / "lists"

#: The checkout (its data/, src/ and bench/).
REPO = Path(__file__).resolve().parents[1]


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*args: str) -> CliResult:
    """Run ``kenning ARGS`` in this process; returns exit code, stdout and stderr."""
    from kenning.cli import main

    out, err = io.StringIO(), io.StringIO()
    out_bytes = io.BytesIO()

    old_out, old_err = sys.stdout, sys.stderr
    wrapper = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    sys.stdout = wrapper
    sys.stderr = err
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        wrapper.flush()
        sys.stdout, sys.stderr = old_out, old_err
        wrapper.detach()  # keep the BytesIO open when the wrapper is collected
    out.write(out_bytes.getvalue().decode("utf-8"))
    return CliResult(code, out.getvalue(), err.getvalue())


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving ``root``; yields its base URL and stops it after."""
    with serve_handler(partial(_QuietHandler, directory=str(root))) as base:
        yield base


@contextmanager
def serve_handler(handler: Callable[..., BaseRequestHandler]) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 answering with ``handler``; yields its base URL and stops it after."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def free_port() -> int:
    """A TCP port nobody listens on at 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


#: The KENNING_* variables a test server's settings come from (KENNING_SOURCES_FILE is left alone: the
#: fixtures that fake a list source set it around the app).
_ENV_VARS = ("KENNING_HOME", "KENNING_DB", "KENNING_INDEX_DIR", "KENNING_API_KEYS", "KENNING_API_ANALYST_KEYS",
             "KENNING_RATE_LIMIT",
             "KENNING_MAX_BODY_BYTES", "KENNING_BATCH_MAX_ROWS", "KENNING_CORS_ORIGINS", "KENNING_MATCH_MAX_QUERIES")


@contextmanager
def kenning_env(**values: str) -> Iterator[None]:
    """Only the given server variables set (``HOME="..."`` sets KENNING_HOME; the others of
    :data:`_ENV_VARS` unset), settings re-read; both restored afterwards."""
    from kenning import settings

    keys = dict.fromkeys([*_ENV_VARS, *(f"KENNING_{k}" for k in values)])
    old = {key: os.environ.get(key) for key in keys}
    for key in keys:
        os.environ.pop(key, None)
    os.environ.update({f"KENNING_{k}": v for k, v in values.items()})
    settings.reload()
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        settings.reload()


#: The ``kenning_setting`` fixture: ``set(NAME, value)`` sets (None: unsets) ``KENNING_NAME`` and re-reads
#: the settings.
SetSetting = Callable[[str, str | None], None]


@dataclass
class OfficialServer:
    """A loopback server standing in for the official list sites (see :func:`official_server`)."""

    base: str
    #: Every path asked for, in order.
    requests: list[str]
    #: ``path -> n``: the next ``n`` requests of that path are answered 503 (a transient failure).
    failures: dict[str, int]


@contextmanager
def official_server(files: dict[str, Path]) -> Iterator[OfficialServer]:
    """A real HTTP server on 127.0.0.1 answering each official URL path (``/docs/UK-Sanctions-List.xml``,
    queries ignored) with a file; other paths get 404. Stopped afterwards."""
    state = OfficialServer("", [], {})

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            state.requests.append(path)
            if state.failures.get(path, 0) > 0:
                state.failures[path] -= 1
                self.send_error(503, "try again")
                return
            if path not in files:
                self.send_error(404)
                return
            data = files[path].read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def local_catalogue(base: str, target: Path, only: tuple[str, ...] | None = None,
                    expected: dict[str, dict[str, int]] | None = None) -> Path:
    """``sources.yml`` with every file URL moved to ``base`` (the same path and query), written to ``target``;
    ``only`` keeps some datasets, ``expected`` replaces their expected counts."""
    import yaml

    raw = yaml.safe_load((REPO / "src" / "kenning" / "sources" / "sources.yml").read_text(encoding="utf-8"))
    out = {}
    for name, item in raw.items():
        if only is not None and name not in only:
            continue
        for edition in item.get("editions") or [item]:
            for file in edition["files"]:
                file["url"] = base + "/" + file["url"].split("://", 1)[1].split("/", 1)[1]
        if expected and name in expected:
            item["expected"] = {**item["expected"], **expected[name]}
        out[name] = item
    target.write_text(yaml.safe_dump(out, allow_unicode=True), encoding="utf-8")
    return target


#: The ``kenning`` command of this virtual environment.
KENNING = Path(sys.executable).with_name("kenning")

#: Runs its arguments after asking Linux (prctl PR_SET_PDEATHSIG) for SIGTERM when the parent dies; the
#: request survives the exec, and a parent already gone (its pid no longer the parent) ends it at once.
_LAUNCHER = """import ctypes, os, signal, sys
if sys.platform.startswith("linux"):
    ctypes.CDLL(None).prctl(1, signal.SIGTERM)
if os.getppid() != int(sys.argv[1]):
    sys.exit(1)
os.execv(sys.argv[2], sys.argv[2:])
"""


def die_with_parent(command: list[str]) -> list[str]:
    """``command`` wrapped so the server it starts gets SIGTERM when the test process dies, even by SIGKILL
    or a killed pytest worker: no server outlives its test run (one was found serving 1.5 hours later).
    The request is made in the new process before it execs the command (not in a ``preexec_fn``, which
    is unsafe in a threaded parent). Linux only; elsewhere the test's own teardown is all there is."""
    return [sys.executable, "-c", _LAUNCHER, str(os.getpid()), *command]


def kenning_cli_env(home: Path, **values: str) -> dict[str, str]:
    """The environment of a ``kenning`` subprocess over the store under ``home``: no other KENNING_*
    variable of this process, these settings added."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KENNING_")}
    return env | {"KENNING_HOME": str(home), **{f"KENNING_{k}": v for k, v in values.items()}}


@contextmanager
def running_server(home: Path, log: Path, ready: str = "/readyz", **values: str) -> Iterator[str]:
    """``kenning serve`` (real uvicorn, one worker) on 127.0.0.1 over the store under ``home``, with these
    KENNING_* settings; yields its URL once ``ready`` answers 200, stops it after."""
    port = free_port()
    env = kenning_cli_env(home, **values)
    with log.open("wb") as out:
        proc = subprocess.Popen(die_with_parent([str(KENNING), "serve", "--port", str(port)]),
                                env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url + ready, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not become ready:\n{log.read_text()}")
