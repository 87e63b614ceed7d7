"""``/docs`` and ``/redoc`` load nothing from another host: every asset is a vendored file under ``/static``."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from kenning.web.routes import STATIC_DIR

#: The content type each asset a docs page loads must be served with (browsers honour ``nosniff``).
CONTENT_TYPES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".json": "application/json"}
#: The folders of vendored files in ``static/`` (each file must be documented in its README).
VENDORED = ("swagger-ui", "redoc")


class _Page(HTMLParser):
    """Every attribute value of every tag, and the text of the inline scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.scripts.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def _is_remote(url: str) -> bool:
    """Whether a browser would fetch ``url`` from some host (any scheme, or protocol-relative ``//host``)."""
    return "://" in url or url.startswith("//") or url.lower().startswith(("http:", "https:"))


def _assets(client: TestClient, path: str) -> list[str]:
    """The URLs the page at ``path`` loads (src, href, ReDoc's spec-url, Swagger UI's ``url:``), checked to
    point at this server."""
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-type"] == "text/html; charset=utf-8"
    page = _parse(response.text)
    urls = [value for _, name, value in page.attributes if name in ("src", "href", "spec-url")]
    for script in page.scripts:
        strings = re.findall(r"""['"]([^'"]*)['"]""", script)
        assert not [s for s in strings if _is_remote(s)], script
        urls += re.findall(r"""\burl:\s*['"]([^'"]+)['"]""", script)
    assert not [(tag, name, value) for tag, name, value in page.attributes if _is_remote(value)]
    assert urls and all(url.startswith("/") for url in urls), urls
    return urls


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_pages_load_only_files_of_this_server(empty_app: Callable[..., TestClient], path: str) -> None:
    client = empty_app(API_KEYS="k-one")  # the docs pages need no key, like every read route
    urls = _assets(client, path)
    assert "/openapi.json" in urls
    assert any(url.startswith("/static/") and url.endswith(".js") for url in urls)
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200, url
        expected = CONTENT_TYPES[url[url.rindex("."):]]
        assert asset.headers["content-type"].split(";")[0] == expected, url
        assert asset.headers["x-content-type-options"] == "nosniff"


def test_swagger_ui_uses_vendored_files_and_no_validator(empty_app: Callable[..., TestClient]) -> None:
    html = empty_app().get("/docs").text
    assert '<link type="text/css" rel="stylesheet" href="/static/swagger-ui/swagger-ui.css">' in html
    assert '<script src="/static/swagger-ui/swagger-ui-bundle.js"></script>' in html
    assert '"validatorUrl": null' in html  # the validator badge would send the schema URL to swagger.io


def test_redoc_without_google_fonts(empty_app: Callable[..., TestClient]) -> None:
    html = empty_app().get("/redoc").text
    assert '<redoc spec-url="/openapi.json"></redoc>' in html
    assert '<script src="/static/redoc/redoc.standalone.js">' in html
    assert "fonts.googleapis.com" not in html and "cdn.jsdelivr.net" not in html
    # The published bundle loads Redocly's logo from its CDN; the vendored copy does not (see static/README.md).
    assert "cdn.redoc.ly" not in (STATIC_DIR / "redoc" / "redoc.standalone.js").read_text(encoding="utf-8")


def test_docs_pages_follow_the_root_path(empty_app: Callable[..., TestClient]) -> None:
    proxied = TestClient(empty_app().app, root_path="/kenning")
    for path in ("/docs", "/redoc"):
        urls = _assets(proxied, path)
        assert urls and all(url.startswith("/kenning/") for url in urls), urls


def test_docs_pages_are_not_in_the_schema(empty_app: Callable[..., TestClient]) -> None:
    client = empty_app()
    paths = client.get("/openapi.json").json()["paths"]
    assert not {"/docs", "/redoc", "/docs/oauth2-redirect"} & set(paths)
    assert "/match/{dataset}" in paths


def test_every_vendored_file_is_documented_with_its_hash() -> None:
    readme = (STATIC_DIR / "README.md").read_text(encoding="utf-8")
    files = sorted(p for folder in VENDORED for p in (STATIC_DIR / folder).iterdir())
    assert [p.name for p in files] == ["redoc.standalone.js", "redoc.standalone.js.LICENSE.txt",
                                       "favicon-32x32.png", "swagger-ui-bundle.js",
                                       "swagger-ui-bundle.js.LICENSE.txt", "swagger-ui.css"]
    for path in files:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert f"`{path.relative_to(STATIC_DIR).as_posix()}`" in readme, path.name
        assert f"`{digest}`" in readme, f"{path.name}: sha256 {digest} is not the one in static/README.md"
