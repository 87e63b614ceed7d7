"""The Jinja2 environment of the web UI: autoescaping on, undefined names fail loudly, no logic filters.

Templates only print values that the ``views_*`` modules prepared; the few filters here format numbers
and dates and never produce markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from kenning.news.article import http_link
from kenning.web.labels import LABELS

__all__ = ["TEMPLATES", "render", "wants_fragment"]

TEMPLATE_DIR = Path(__file__).parent / "templates"


def _score(value: float | None) -> str:
    """Scores as two decimals (``0.95``); nothing for a missing score."""
    return "" if value is None else f"{value:.2f}"


def _count(value: int) -> str:
    """Counts with thousands separators (``14,965``)."""
    return f"{value:,}"


@jinja2.pass_context
def _path(context: jinja2.runtime.Context, name: str, /, **params: Any) -> str:
    """A site-relative link to a named page (``path('web_entity', entity_id=x)`` → ``/entity/x``)."""
    request: Request = context["request"]
    root = str(request.scope.get("root_path", "")).rstrip("/")
    return root + str(request.app.url_path_for(name, **params))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["score"] = _score
    env.filters["count"] = _count
    # A report's link is shown only when it is http(s): a stored javascript: or data: link renders as text.
    env.filters["http_link"] = http_link
    env.globals["labels"] = LABELS
    env.globals["path"] = _path
    return env


TEMPLATES = Jinja2Templates(env=_environment())


def wants_fragment(request: Request) -> bool:
    """htmx asked for a piece of a page (not a history restore, which needs the whole page)."""
    return (request.headers.get("HX-Request") == "true"
            and request.headers.get("HX-History-Restore-Request") != "true")


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """Render one template; the request is in its context (for ``path``)."""
    response = TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)
    assert isinstance(response, HTMLResponse)
    response.headers["Vary"] = "HX-Request"
    return response
