"""``/docs`` and ``/redoc`` render in a real browser that may reach no host but the server itself.

Every request of the browser context is routed: one to any host other than 127.0.0.1 or localhost is
aborted and recorded, as on an air-gapped deployment. Screenshots: ``docs-swagger-ui``, ``docs-redoc``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import ConsoleMessage, Error, Page, Request, Response, Route, expect
from webkit import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LOOPBACK = frozenset({"127.0.0.1", "localhost"})


def _is_local(url: str) -> bool:
    """Whether ``url`` stays on this machine: a loopback host, or data the page already has."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname in LOOPBACK


@dataclass
class Traffic:
    """What the page tried: requests to other hosts (aborted), errors, and this server's failed answers."""

    foreign: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        url = route.request.url
        if _is_local(url):
            route.continue_()
        else:
            self._record(url)
            route.abort("blockedbyclient")

    def request(self, request: Request) -> None:
        if not _is_local(request.url):
            self._record(request.url)  # also one the route did not see (a worker's, say)

    def _record(self, url: str) -> None:
        if url not in self.foreign:
            self.foreign.append(url)

    def response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def page_error(self, error: Error) -> None:
        self.page_errors.append(str(error))

    def assert_clean(self) -> None:
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"
        assert self.page_errors == [], self.page_errors
        assert self.console_errors == [], self.console_errors
        assert self.failed == [], self.failed


@pytest.fixture
def offline_page(page: Page) -> Iterator[tuple[Page, Traffic]]:
    """The browser page, allowed to reach loopback hosts only, and what it tried."""
    traffic = Traffic()
    page.context.route("**/*", traffic.route)
    page.context.on("request", traffic.request)
    page.on("response", traffic.response)
    page.on("console", traffic.console)
    page.on("pageerror", traffic.page_error)
    yield page, traffic


def _operations(live_server: str) -> list[tuple[str, str]]:
    schema = httpx.get(f"{live_server}/openapi.json", timeout=30).json()
    return [(method, path) for path, item in schema["paths"].items() for method in item]


def test_swagger_ui_renders_every_operation_offline(live_server: str,
                                                    offline_page: tuple[Page, Traffic]) -> None:
    page, traffic = offline_page
    page.goto(f"{live_server}/docs")
    match = page.locator(".opblock-post", has=page.locator(".opblock-summary-path[data-path='/match/{dataset}']"))
    expect(match).to_be_visible()
    expect(match).to_contain_text("Query by example matcher")
    expect(page.locator(".opblock")).to_have_count(len(_operations(live_server)))
    expect(page.locator(".information-container .title")).to_contain_text("Kenning")
    match.locator(".opblock-summary-control").click()  # open it: parameters and the example body render
    expect(match.locator(".opblock-body")).to_contain_text("dataset")
    page.wait_for_load_state("networkidle")
    screenshot(page, "docs-swagger-ui")
    traffic.assert_clean()


def test_redoc_renders_the_reference_offline(live_server: str, offline_page: tuple[Page, Traffic]) -> None:
    page, traffic = offline_page
    page.goto(f"{live_server}/redoc")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kenning (0.1.0)")
    expect(page.get_by_role("heading", level=2, name="Query by example matcher")).to_be_visible()
    expect(page.locator("[data-section-id='tag/System-information'] h2")).to_have_text("System information")
    expect(page.locator("[data-section-id^='operation/']")).to_have_count(len(_operations(live_server)))
    expect(page.locator("img")).to_have_count(0)  # the Redocly logo (an image on its CDN) is left out
    page.wait_for_load_state("networkidle")
    screenshot(page, "docs-redoc", full_page=False)
    traffic.assert_clean()
