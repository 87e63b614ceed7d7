"""``POST /news``, ``GET /stories``, ``GET /stories/{id}``, ``GET /articles/{id}``: the news services over HTTP.

A posted text or HTML report is kept under ``KENNING_HOME/posted/`` (named by its content hash, so the
stored article's source is a file that exists and the same report posted twice is one file) and added
like any other item. A posted URL must pass the ingest layer's address guard first: an address that is
private, loopback, link-local or otherwise not public is refused (422) before anything is fetched, and
the fetcher checks the address it actually connects to again. Reports are extracted one at a time.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path
from typing import Any

from kenning import errors
from kenning.api.errors import IngestFailed
from kenning.errors import FetchError, InputError, KenningError
from kenning.news import service
from kenning.news.ingest.fetch_guard import check_url, policy_from
from kenning.state import AppState

__all__ = ["add_report", "article", "stories", "story"]

log = logging.getLogger("kenning.api")

#: The language pipeline is loaded once and run by one request at a time.
_EXTRACTING = threading.Lock()


def _posted_file(home: Path, content: str, suffix: str) -> Path:
    """Keep a posted report as a file under KENNING_HOME/posted/, named by its content."""
    try:
        data = content.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"the report has a character that is not text (at {exc.start})") from exc
    folder = home / "posted"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(data).hexdigest()[:20]}{suffix}"
    if not path.exists():
        path.write_bytes(data)
    return path


def _text_with_header(text: str, fields: dict[str, str | None]) -> str:
    """Metadata given beside the text becomes the plain-text header block the text reader knows."""
    header = [f"{key}: {' '.join(value.split())}" for key, value in fields.items() if value]
    return "\n".join(header) + "\n\n" + text if header else text


def _item(home: Path, report: dict[str, Any]) -> str:
    """The one item to add: the URL (after the guard), or the file the posted text or HTML is kept in."""
    given = [k for k in ("text", "html", "url") if report.get(k)]
    if len(given) != 1:
        raise InputError("send exactly one of 'text', 'html' or 'url'")
    if given == ["url"]:
        url = str(report["url"]).strip()
        try:
            check_url(url, policy_from(False))
        except FetchError as exc:
            raise InputError(exc.message) from exc
        return url
    if given == ["html"]:
        return str(_posted_file(home, str(report["html"]), ".html"))
    fields = {"Title": report.get("title"), "Date": report.get("published"), "Publisher": report.get("outlet"),
              "URL": report.get("source_url")}
    return str(_posted_file(home, _text_with_header(str(report["text"]), fields), ".txt"))


def _failed(failure: Any) -> KenningError:
    """The error a failed item answers with: the status of its error class (500 for anything else)."""
    kind = getattr(errors, failure.error, None)
    if isinstance(kind, type) and issubclass(kind, KenningError):
        return IngestFailed(failure.message, kind.http_status)
    log.error("news item %s failed unexpectedly: %s", failure.item, failure.message)
    return IngestFailed("the report could not be processed; the details are in the server log", 500)


def add_report(state: AppState, report: dict[str, Any]) -> dict[str, Any]:
    """Ingest one report, extract it with the screener, place it in a story, store it."""
    item = _item(state.home, report)
    screener = state.require_screener()
    with _EXTRACTING:
        added, failures = service.add_items(state.store, [item], screener, allow_private=False, workers=1,
                                            show_progress=False)
    if failures and not added:
        raise _failed(failures[0])
    return {"articles": [a.to_dict() for a in added], "failures": [f.to_dict() for f in failures]}


def stories(state: AppState) -> dict[str, Any]:
    """Every story, the latest first, with its reports."""
    found = service.list_stories(state.store)
    return {"total": len(found), "stories": found}


def story(state: AppState, story_id: str) -> dict[str, Any]:
    """One story's reconciliation: facts agreed, complementary, conflicting, single-source."""
    return service.story_report(state.store, story_id)


def article(state: AppState, article_id: str) -> dict[str, Any]:
    """One stored report with its extraction (mentions, links, events), its story and its copies."""
    return service.get_article(state.store, article_id)


def entity_news(state: AppState, entity_id: str) -> list[dict[str, Any]]:
    """Every mention of a listed party (or of the same party on other lists) in stored news."""
    return service.entity_news(state.store, entity_id)
