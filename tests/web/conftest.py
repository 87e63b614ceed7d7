"""Web UI fixtures: the app, a TestClient over the bundled store, a real uvicorn server, Chromium.

The live server runs in its own process (``uvicorn`` on a free 127.0.0.1 port, the store chosen by its
environment) and is stopped after the session; Chromium is Debian's, driven by Playwright, with a fresh
profile per browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

from kenning.api.app import create_app
from testkit import REPO, free_port, kenning_env

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


NEWS = REPO / "data" / "news"
#: The bundled reports added to the news store: the two seed reports and the Treasury release they cover.
NEWS_ITEMS = (NEWS / "seeds" / "000_e3adef94a2369754.txt", NEWS / "seeds" / "001_3223975ce75752ba.txt",
              NEWS / "treasury_press" / "texts" / "2023-07-24_jy1645.txt")
#: A hostile report: markup in its title and body must be shown as text everywhere.
HOSTILE = """Title: <script>alert('title')</script> Prigozhin <b>bold</b> claims
Date: 2019-03-04
Publisher: <img src=x onerror=alert('outlet')>

<script>alert('body')</script> Yevgeniy Prigozhin, the founder of the Wagner Group, said on Monday that \
he had done nothing wrong. <iframe src="javascript:alert(1)"></iframe>
"""


@pytest.fixture(scope="session")
def news_home_dir(bundled_home_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled store with the bundled news and one hostile report added through the news service."""
    from kenning.matching import Screener
    from kenning.news.service import add_items
    from kenning.store import Store

    home = tmp_path_factory.mktemp("news") / "home"
    shutil.copytree(bundled_home_dir, home)
    hostile = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    with kenning_env(HOME=str(home)):
        store = Store()
        added, failures = add_items(store, [*NEWS_ITEMS, hostile], Screener.open, show_progress=False, workers=1)
        store.engine.dispose()
    assert not failures, failures
    assert [a.status for a in added] == ["added"] * 4
    return home


@pytest.fixture
def client(bundled_home: Path) -> Iterator[TestClient]:
    """A TestClient of the whole app (``create_app()``: API, web pages, /static) over the bundled store."""
    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.fixture
def news_client(news_home_dir: Path) -> Iterator[TestClient]:
    """A TestClient of the whole app over the bundled store with the bundled news added."""
    with kenning_env(HOME=str(news_home_dir)), TestClient(create_app()) as test_client:
        yield test_client




@pytest.fixture(scope="session")
def live_server(news_home_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real uvicorn server over the bundled store with the bundled news; yields its base URL."""
    port = free_port()
    env = {**os.environ, "KENNING_HOME": str(news_home_dir)}
    env.pop("KENNING_DB", None)
    env.pop("KENNING_INDEX_DIR", None)
    log = (tmp_path_factory.mktemp("server") / "uvicorn.log").open("wb")
    command = [sys.executable, "-m", "uvicorn", "kenning.api.app:create_app", "--factory", "--host", "127.0.0.1",
               "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with {proc.returncode}; see {log.name}")
            try:
                if httpx.get(f"{base}/search", params={"q": "warm up"}, timeout=60).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer in 120 s; see {log.name}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="session")
def chromium_available() -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install -y chromium)")


def _context(playwright: Playwright, profile: Path, java_script: bool) -> BrowserContext:
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, accept_downloads=True,
        java_script_enabled=java_script, viewport={"width": 1280, "height": 900})


@pytest.fixture(scope="session")
def playwright_instance(chromium_available: None) -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture
def page(playwright_instance: Playwright, tmp_path: Path) -> Iterator[Page]:
    """A page of a fresh Chromium profile with JavaScript on."""
    context = _context(playwright_instance, tmp_path / "profile", java_script=True)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page_without_js(playwright_instance: Playwright, tmp_path: Path) -> Iterator[Page]:
    """A page of a fresh Chromium profile with JavaScript off."""
    context = _context(playwright_instance, tmp_path / "profile", java_script=False)
    try:
        yield context.new_page()
    finally:
        context.close()


