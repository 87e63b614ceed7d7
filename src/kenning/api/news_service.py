"""``POST /news``, ``GET /stories``, ``GET /stories/{id}``, ``GET /articles/{id}``: the news services over HTTP.

A posted text or HTML report becomes an article here (its source ``posted:`` and a digest of what was
sent, so the same report posted twice is one source; title, date, outlet and link sent beside a text are
its metadata) and is added like any ingested report. A posted URL must pass the ingest layer's address
guard first: an address that is private, loopback, link-local or otherwise not public is refused (422)
before anything is fetched, and the fetcher checks the address it actually connects to again.
Reports are extracted one at a time, in a child process of the server
(:class:`kenning.news.pipeline.ExtractionProcess`), so a report's language pipeline does not hold up
the screening requests answered meanwhile.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from typing import Any

import orjson

from kenning import settings
from kenning.api.errors import IngestFailed
from kenning.api.paths import public
from kenning.errors import ExtractError, FetchError, InputError, KenningError
from kenning.news import service
from kenning.news.article import Article
from kenning.news.ingest import IngestFailure, ingest_html, ingest_text
from kenning.news.ingest.fetch_guard import check_url, policy_from
from kenning.state import AppState

__all__ = ["add_report", "article", "stories", "story"]

log = logging.getLogger("kenning.api")

#: The language pipeline is loaded once and run by one request at a time.
_EXTRACTING = threading.Lock()


def _text(report: dict[str, Any], key: str) -> str:
    """The posted ``text`` or ``html``, refused when it holds a character that is not text."""
    value = str(report[key])
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"the report has a character that is not text (at {exc.start})") from exc
    return value


def _source(report: dict[str, Any], keys: tuple[str, ...]) -> str:
    """``posted:`` and a digest of what was sent, so the same report posted twice is one source."""
    sent = orjson.dumps({k: report.get(k) for k in keys}, option=orjson.OPT_SORT_KEYS)
    return f"posted:{hashlib.sha256(sent).hexdigest()[:20]}"


def _article(report: dict[str, Any]) -> Article | str:
    """The posted text or HTML as an article, or the URL to fetch (after the address guard)."""
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
        return ingest_html(_text(report, "html"), _source(report, ("html",)))
    fields = ("text", "title", "published", "outlet", "source_url")
    return ingest_text(_text(report, "text"), _source(report, fields), title=report.get("title"),
                       published=report.get("published"), outlet=report.get("outlet"),
                       url=report.get("source_url"))


def _failed(failure: IngestFailure) -> KenningError:
    """The error a failed report answers with: its class's status; an extractor's fault is logged and
    answered without its details."""
    if not issubclass(failure.error, ExtractError):
        return IngestFailed(failure.message, failure.error.http_status)
    log.error("news item %s failed unexpectedly: %s", failure.item, failure.message)
    return IngestFailed("the report could not be processed; the details are in the server log", 500)


def add_report(state: AppState, report: dict[str, Any]) -> dict[str, Any]:
    """Ingest one report, extract it with the screener, place it in a story, store it."""
    item = _article(report)
    screener = state.require_screener()
    extractor = _extractor(state)
    with _EXTRACTING:
        if isinstance(item, Article):
            added, failures = service.add_articles(state.store, [item], screener, workers=1, show_progress=False,
                                                   extractor=extractor)
        else:
            added, failures = service.add_items(state.store, [item], screener, allow_private=False, workers=1,
                                                show_progress=False, extractor=extractor)
    if failures and not added:
        raise _failed(failures[0])
    return public({"articles": [a.to_dict() for a in added], "failures": [f.to_dict() for f in failures],
                   "monitoring": _monitor(state, [a.article_id for a in added if a.status == "added"])})


def _extractor(state: AppState) -> service.Extractor | None:
    """Extraction in the server's child process (``KENNING_NEWS_PROCESS``, on by default), over the lists
    the server screens against; None extracts here."""
    if not settings.NEWS_PROCESS:
        return None
    mark = state.loaded_mark
    return lambda articles: state.extraction.extract(articles, mark)


def _monitor(state: AppState, article_ids: list[str]) -> dict[str, Any] | None:
    """Match new reports against the monitored portfolios at once (None when there are none)."""
    from kenning.monitor.media import run_media
    from kenning.monitor.service import has_portfolios
    from kenning.monitor.webhooks import deliver_pending

    if not article_ids or not has_portfolios(state.store):
        return None
    report = run_media(state.store, article_ids)
    return {**report.to_dict(), "webhooks": deliver_pending(state.store)}


def stories(state: AppState) -> dict[str, Any]:
    """Every story, the latest first, with its reports."""
    found = service.list_stories(state.store)
    return public({"total": len(found), "stories": found})


def story(state: AppState, story_id: str) -> dict[str, Any]:
    """One story's reconciliation: its summary, then facts by status."""
    return public(service.story_report(state.store, story_id))


def article(state: AppState, article_id: str) -> dict[str, Any]:
    """One stored report with its extraction (mentions, links, events), its story and its copies."""
    return public(service.get_article(state.store, article_id))


def entity_news(state: AppState, entity_id: str) -> list[dict[str, Any]]:
    """Every mention of a listed party (or of the same party on other lists) in stored news."""
    return public(service.entity_news(state.store, entity_id))
