"""The web UI's pages: thin handlers that parse the request, call one view function, render one template.

``create_app()`` includes :data:`router` and mounts ``/static`` from :data:`STATIC_DIR`. Every page works
with plain links and GET/POST forms; htmx (vendored in ``static/``) only swaps fragments in place.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kenning.errors import KenningError
from kenning.web.deps import get_screener, get_store
from kenning.web.templating import render, wants_fragment
from kenning.web.views_entity import dossier
from kenning.web.views_search import search_page

__all__ = ["STATIC_DIR", "router"]

#: The folder ``create_app()`` mounts at ``/static``.
STATIC_DIR = Path(__file__).parent / "static"

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def error_page(request: Request, exc: KenningError) -> HTMLResponse:
    """A Kenning error as a page with its HTTP status (404 for an unknown entity, 422 for bad input...)."""
    return render(request, "error.html", {"title": _ERROR_TITLES.get(exc.http_status, "Something went wrong"),
                                          "message": str(exc), "status": exc.http_status},
                  status_code=exc.http_status)


_ERROR_TITLES = {404: "Not found", 422: "That input cannot be used", 503: "The store is not ready"}


@router.get("/", name="web_home")
def home(request: Request) -> HTMLResponse:
    """The search form."""
    return render(request, "search.html", {"page": search_page(None, "", None)})


@router.get("/search", name="web_search")
def search(request: Request, q: str = "", schema: str = "Thing") -> HTMLResponse:
    """Screen a name against every loaded list; htmx asks for the results fragment only."""
    try:
        page = search_page(get_screener() if q.strip() else None, q, schema)
    except KenningError as exc:
        return error_page(request, exc)
    if wants_fragment(request):
        return render(request, "_results.html", {"page": page})
    return render(request, "search.html", {"page": page}, status_code=422 if page.error else 200)


@router.get("/entity/{entity_id}", name="web_entity")
def entity(request: Request, entity_id: str) -> HTMLResponse:
    """One listed party's dossier."""
    try:
        page = dossier(get_store(), entity_id)
    except KenningError as exc:
        return error_page(request, exc)
    return render(request, "entity.html", {"d": page})
