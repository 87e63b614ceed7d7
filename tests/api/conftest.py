"""API fixtures: TestClients over the bundled store or an empty one, and a real uvicorn server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import httpx
import pytest
from fastapi.testclient import TestClient

from testkit import free_port, kenning_env

API_KEYS = ("test-key-one", "test-key-two")
#: The ``kenning`` command of this virtual environment.
KENNING = Path(sys.executable).with_name("kenning")
@contextmanager
def app_client(home: Path, values: dict[str, str], *, keep_env: bool = True) -> Iterator[TestClient]:
    """A TestClient over ``create_app()`` for the store under ``home``, started (lifespan run) and stopped.

    The settings stay those of ``home`` while the client lives (as in a server process), unless
    ``keep_env`` is False: then they are restored once the app has started (for a session-wide client).
    """
    from kenning.api import create_app

    with ExitStack() as stack:
        stack.enter_context(kenning_env(HOME=str(home), **values))
        client = TestClient(create_app(), raise_server_exceptions=False)
        client.__enter__()
        if not keep_env:
            stack.close()
        try:
            yield client
        finally:
            client.__exit__(None, None, None)


@pytest.fixture(scope="session")
def api_keys() -> tuple[str, ...]:
    """The API keys the shared app and the live server accept."""
    return API_KEYS


@pytest.fixture(scope="session")
def api(bundled_home_dir: Path) -> Iterator[TestClient]:
    """The app over the fully loaded bundled store, with two API keys (shared by the whole session)."""
    with app_client(bundled_home_dir, {"API_KEYS": ",".join(API_KEYS)}, keep_env=False) as client:
        yield client


@pytest.fixture
def empty_app(tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    """Start an app over an empty store with the given settings (stopped after the test)."""
    count = iter(range(1000))
    with ExitStack() as stack:

        def start(**values: str) -> TestClient:
            return stack.enter_context(app_client(tmp_path / f"home{next(count)}", values))

        yield start


@pytest.fixture
def bundled_app(bundled_home_dir: Path) -> Iterator[Callable[..., TestClient]]:
    """Start an app over the bundled store with the given settings (stopped after the test)."""
    with ExitStack() as stack:

        def start(**values: str) -> TestClient:
            return stack.enter_context(app_client(bundled_home_dir, values))

        yield start


@pytest.fixture(scope="module")
def news_api(bundled_home_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app over a writable copy of the bundled store (news are added to it), with the key ``news-key``."""
    home = tmp_path_factory.mktemp("news") / "home"
    shutil.copytree(bundled_home_dir, home)
    with app_client(home, {"API_KEYS": "news-key"}, keep_env=False) as client:
        yield client


class _CountingHandler(SimpleHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def page_server(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 serving ``tmp_path``; yields its URL and the paths it was asked for."""
    requests: list[str] = []
    handler = type("Handler", (_CountingHandler,), {"requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(bundled_home_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``kenning serve`` (real uvicorn, one worker) on 127.0.0.1 over a copy of the bundled store (the write
    routes may add news to it); yields its URL."""
    port = free_port()
    folder = tmp_path_factory.mktemp("server")
    log = folder / "server.log"
    home = folder / "home"
    shutil.copytree(bundled_home_dir, home)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KENNING_")}
    env |= {"KENNING_HOME": str(home), "KENNING_API_KEYS": ",".join(API_KEYS)}
    with log.open("wb") as out:
        proc = subprocess.Popen([str(KENNING), "serve", "--port", str(port)],
                                env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, proc, log)
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
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not become ready:\n{log.read_text()}")
