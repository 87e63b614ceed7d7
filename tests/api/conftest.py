"""API fixtures: TestClients over the bundled store or an empty one, and a real uvicorn server."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from fastapi.testclient import TestClient

from testkit import kenning_env, running_server

API_KEYS = ("test-key-one", "test-key-two")
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
    """``kenning serve`` over a copy of the bundled store (the write routes may add news to it); yields its
    URL."""
    folder = tmp_path_factory.mktemp("server")
    home = folder / "home"
    shutil.copytree(bundled_home_dir, home)
    with running_server(home, folder / "server.log", API_KEYS=",".join(API_KEYS)) as url:
        yield url
