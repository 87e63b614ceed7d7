"""``create_app()``: the one FastAPI application (API routers, the docs pages, the web UI, ``/static``).

The store and the screener are opened once, in the lifespan, and shared by every request. Settings are
read from the environment when the app is created (see :class:`~kenning.api.guard.ApiConfig`).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from kenning.api import docs, match, monitor, news, screen, search, system
from kenning.api.errors import install_error_handlers
from kenning.api.gate import WorkGate
from kenning.api.guard import ApiConfig, GuardMiddleware
from kenning.state import AppState
from kenning.web.jobs import JOBS

__all__ = ["create_app"]

log = logging.getLogger("kenning.api")

DESCRIPTION = """
Kenning screens names against official sanctions lists (US OFAC, UK OFSI, UN Security Council...) with
explained scores, and links news reports to the listed parties.

The matching routes speak **yente**'s API (OpenSanctions): `POST /match/{dataset}`, `GET /search/{dataset}`
and `GET /entities/{id}` take and return yente's shapes, so an existing yente client works unchanged.
Kenning adds one field, `kenning`, with its explanations in words; yente clients ignore it.

Write routes (`POST /news`, `POST /lists/update`) need an API key (`Authorization: Bearer KEY` or
`X-API-Key: KEY`). Every client is rate limited (429 with `Retry-After`); request bodies are capped (413).
Errors are `{"detail": "..."}`.
"""

TAGS = [
    {"name": "Matching", "description": "Screen names: yente's match-by-example and search, and batches."},
    {"name": "Data access", "description": "Listed parties with their sanctions, links and news."},
    {"name": "News", "description": "Ingest reports; stories reconciled across outlets."},
    {"name": "System information", "description": "Health, algorithms, list updates."},
    {"name": "Monitoring", "description": "Portfolios re-screened on every list change and news report: alerts, "
                                          "decisions, webhooks, export. Analysts' and administrators' keys."},
]


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    state = await run_in_threadpool(AppState.open)
    app.state.kenning = state
    state.start_watching()
    log.info("Kenning API ready: lists %s", ", ".join(state.datasets) or "(none loaded)")
    try:
        yield
    finally:
        await run_in_threadpool(state.close)
        JOBS.close()


def create_app() -> FastAPI:
    """The Kenning application: API, docs pages, web UI and static files, with its guards and error handlers."""
    config = ApiConfig.from_settings()
    # FastAPI's own /docs and /redoc load their scripts from a CDN; kenning.api.docs serves vendored copies.
    app = FastAPI(title="Kenning", version="0.1.0", description=DESCRIPTION, openapi_tags=TAGS,
                  lifespan=_lifespan, docs_url=None, redoc_url=None)
    app.state.config = config
    app.state.gates = {kind: WorkGate.from_settings(kind) for kind in ("screen", "news")}
    install_error_handlers(app)
    app.add_middleware(GuardMiddleware, max_body_bytes=config.max_body_bytes, rate_limit=config.rate_limit)
    if config.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(config.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type", "X-API-Key"], max_age=600)
    for module in (match, search, screen, news, system, monitor):
        app.include_router(module.router)
    app.include_router(news.json_router)
    app.include_router(docs.router)
    _add_web(app)
    return app


def _add_web(app: FastAPI) -> None:
    """The web UI's pages and their static files."""
    from kenning.web.routes import STATIC_DIR
    from kenning.web.routes import router as web_router
    from kenning.web.routes_monitor import router as monitor_router

    app.include_router(web_router)
    app.include_router(monitor_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
