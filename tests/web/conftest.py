"""Web UI fixtures: the app (with the web router), a TestClient over the bundled store, a live server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.testclient import TestClient


def make_app() -> FastAPI:
    """The web router and /static in a small app (until the API's create_app() includes them)."""
    from kenning.web.routes import STATIC_DIR, router

    app = FastAPI()
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


@pytest.fixture
def client(bundled_home: Path) -> Iterator[TestClient]:
    """A TestClient over the fully loaded bundled store."""
    with TestClient(make_app()) as test_client:
        yield test_client
