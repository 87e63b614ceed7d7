"""Helpers for the web tests (imported by name, so not in ``conftest.py``: see ``tests/testkit.py``)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from testkit import REPO

SCREENSHOTS = REPO / "artifacts" / "screenshots"


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    """Save a screenshot (the whole page, or what the window shows) as ``artifacts/screenshots/NAME.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
