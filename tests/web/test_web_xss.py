"""Stored XSS through a report's link: a ``javascript:`` or ``data:`` link sent with a report (posted field,
``URL:`` header, page metadata) is never stored nor rendered as a link, and every page carries a strict
Content-Security-Policy. A real browser visits the article, story and dossier pages and clicks every link
the report has: nothing runs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page

from kenning.news.article import Article, http_link
from testkit import running_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KEY = "xss-test-key"
PAYLOADS = ["javascript:alert(document.domain)//", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd",
            "//evil.example/x", "http:alert(1)"]
TEXT = ("Washington — The U.S. Treasury on Monday sanctioned Mali's defence minister Sadio Camara and two "
        "air force officers for facilitating the Wagner Group's activities in Mali.")


@pytest.mark.parametrize("link", PAYLOADS)
def test_no_link_but_http_is_kept_on_an_article(link: str) -> None:
    article = Article.create(TEXT, "test", url=link)
    assert article.url is None and any("was dropped" in note for note in article.notes)
    assert http_link(link) is None


def test_http_links_are_kept() -> None:
    assert Article.create(TEXT, "test", url="https://home.treasury.gov/news/jy1645").url == (
        "https://home.treasury.gov/news/jy1645")


@pytest.fixture(scope="module")
def xss_server(bundled_home_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("xss")
    shutil.copytree(bundled_home_dir, folder / "home")
    with running_server(folder / "home", folder / "server.log", API_KEYS=KEY) as url:
        yield url


def _post(url: str, report: dict[str, str]) -> str:
    response = httpx.post(f"{url}/news", json=report, headers={"X-API-Key": KEY}, timeout=300)
    assert response.status_code == 200, response.text
    [article] = response.json()["articles"]
    assert article["status"] == "added", response.json()
    return str(article["article_id"])


def _visit(page: Page, url: str, dialogs: list[str]) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers.get("x-frame-options") == "DENY"
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if not h.startswith(("/", "#", "http://", "https://"))], hrefs
    for link in page.locator("a", has_text="original").all():
        link.click(modifiers=["Control"])
    page.wait_for_timeout(300)
    assert dialogs == []


def test_a_hostile_link_never_becomes_a_link_in_the_browser(xss_server: str, page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    posted = _post(xss_server, {"text": TEXT, "title": "Mali officials sanctioned", "published": "2023-07-24",
                                "source_url": "javascript:alert(document.domain)//"})
    header = _post(xss_server, {"text": "URL: data:text/html,<script>alert(2)</script>\n\nIvan Maslov, the head of "
                                        "the Wagner Group in Mali, was designated by the U.S. Treasury in May 2023."})
    for article_id in (posted, header):
        data = httpx.get(f"{xss_server}/articles/{article_id}", timeout=30).json()
        assert "article" in data, data
        assert data["article"]["url"] is None
        _visit(page, f"{xss_server}/article/{article_id}", dialogs)
        story = data["story"]["id"]
        _visit(page, f"{xss_server}/story/{story}", dialogs)
    _visit(page, f"{xss_server}/entity/us_ofac_sdn-42618", dialogs)
