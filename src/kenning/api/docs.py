"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) from the files vendored in the web UI's ``static/`` folder.

FastAPI's own docs pages load Swagger UI and ReDoc from cdn.jsdelivr.net (and ReDoc's fonts from Google), so
they are blank on a server without internet. These pages load everything from ``/static`` instead; the
versions and hashes of the vendored files are in ``kenning/web/static/README.md``. Like FastAPI's, the pages
are open (no API key), rate limited like any request, and not part of the OpenAPI schema.
"""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

from kenning.api.guard import CONTENT_SECURITY_POLICY

__all__ = ["REDOC_FILES", "SWAGGER_UI_FILES", "router"]

#: The vendored files each page loads, under ``/static``.
SWAGGER_UI_FILES = {"js": "swagger-ui/swagger-ui-bundle.js", "css": "swagger-ui/swagger-ui.css",
                    "favicon": "swagger-ui/favicon-32x32.png"}
REDOC_FILES = {"js": "redoc/redoc.standalone.js", "favicon": "swagger-ui/favicon-32x32.png"}

#: Swagger UI settings on top of FastAPI's defaults. Without ``validatorUrl: null`` Swagger UI's validator
#: badge would send the schema's URL to validator.swagger.io (only the standalone layout shows the badge,
#: and FastAPI uses the base layout, but the page must never reach another host).
SWAGGER_UI_PARAMETERS = {"validatorUrl": None}

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _with_policy(page: HTMLResponse, styles: str = "'self'") -> HTMLResponse:
    """The page with the house's Content-Security-Policy, allowing only its own inline scripts (by hash);
    ReDoc writes its styles at run time, so its page allows inline styles (never inline scripts)."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in _INLINE_SCRIPT.findall(bytes(page.body).decode("utf-8")))
    policy = CONTENT_SECURITY_POLICY.replace("script-src 'self'", f"script-src 'self' {hashes}".rstrip())
    policy = policy.replace("style-src 'self'", f"style-src {styles}") + "; worker-src 'self' blob:"
    page.headers["content-security-policy"] = policy
    return page


def _root(request: Request) -> str:
    """The path the app is mounted at behind a proxy (``--root-path``), as FastAPI's own docs pages use it."""
    return str(request.scope.get("root_path", "")).rstrip("/")


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over ``/openapi.json``: try every route from the browser."""
    root, app = _root(request), request.app
    return _with_policy(get_swagger_ui_html(
        openapi_url=f"{root}{app.openapi_url}", title=f"{app.title} - Swagger UI",
        swagger_js_url=f"{root}/static/{SWAGGER_UI_FILES['js']}",
        swagger_css_url=f"{root}/static/{SWAGGER_UI_FILES['css']}",
        swagger_favicon_url=f"{root}/static/{SWAGGER_UI_FILES['favicon']}",
        swagger_ui_parameters=SWAGGER_UI_PARAMETERS))


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    """ReDoc over ``/openapi.json``: the API reference on one page."""
    root, app = _root(request), request.app
    return _with_policy(get_redoc_html(
        openapi_url=f"{root}{app.openapi_url}", title=f"{app.title} - ReDoc",
        redoc_js_url=f"{root}/static/{REDOC_FILES['js']}", redoc_favicon_url=f"{root}/static/{REDOC_FILES['favicon']}",
        with_google_fonts=False), styles="'self' 'unsafe-inline'")
