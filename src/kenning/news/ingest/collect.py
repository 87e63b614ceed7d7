"""News ingestion, the public entry points: text, HTML, files, URLs, feeds and batches.

Every function returns :class:`~kenning.news.article.Article` records or raises a
:class:`~kenning.errors.KenningError` subclass whose message names the file or URL.
:func:`ingest_many` is the batch form for the CLI: it never stops at a bad item, and returns the
articles together with one :class:`IngestFailure` per item (or feed entry) that failed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from kenning.errors import KenningError, ParseError
from kenning.news.article import Article
from kenning.news.ingest.dedup import find_duplicates
from kenning.news.ingest.failure import IngestFailure
from kenning.news.ingest.feed import ingest_feed_bytes
from kenning.news.ingest.fetch import fetch
from kenning.news.ingest.page import (
    Hints,
    article_from_bytes,
    article_from_html,
    article_from_text,
    check_size,
    looks_like_feed,
)

__all__ = [
    "IngestFailure",
    "find_duplicates",
    "ingest_feed",
    "ingest_file",
    "ingest_html",
    "ingest_many",
    "ingest_text",
    "ingest_url",
]

_FEED_SUFFIXES = {".rss", ".atom", ".xml"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def ingest_text(text: str, source: str = "<text>", *, url: str | None = None, title: str | None = None,
                published: str | None = None, outlet: str | None = None) -> Article:
    """A plain-text report (optional ``Key: value`` header block, then a blank line, then the body); the
    metadata given here win over the header's (``published`` is read like a ``Date:`` header)."""
    check_size(len(text.encode("utf-8", "surrogatepass")), source)
    given = {"title": title, "date": published, "outlet": outlet, "url": url}
    return article_from_text(text, source, given=given)


def ingest_html(html: str | bytes, source: str = "<html>", *, url: str | None = None,
                charset: str | None = None) -> Article:
    """An HTML page given as text or bytes (bytes are decoded by ``charset``, ``<meta>`` or detection)."""
    if isinstance(html, bytes):
        return article_from_bytes(html, source, "html", Hints(url=url, charset=charset))
    return article_from_html(html, source, Hints(url=url))


def _read_file(path: Path) -> bytes:
    """The file's bytes, refused by size before reading; a missing or unreadable file is a ParseError."""
    try:
        check_size(path.stat().st_size, str(path))
        return path.read_bytes()
    except OSError as exc:
        raise ParseError(str(path), f"cannot read the file: {exc.strerror or exc}") from exc


def ingest_file(path: str | Path) -> Article:
    """A report file: HTML by its suffix or its content, else plain text; a feed file is refused here."""
    path = Path(path)
    return article_from_bytes(_read_file(path), str(path), _file_kind(path))


def _file_kind(path: Path) -> str | None:
    """``"html"`` for an ``.html``/``.htm``/``.xhtml`` file; None lets the content decide."""
    return "html" if path.suffix.lower() in _HTML_SUFFIXES else None


def ingest_url(url: str, *, allow_private: bool | Sequence[str] | None = None,
               timeout: float | None = None) -> Article:
    """Fetch ``url`` through the guarded fetcher and ingest the page (a feed URL is refused here)."""
    page = fetch(url, allow_private=allow_private, timeout=timeout)
    return article_from_bytes(page.body, url, page.kind,
                              Hints(url=page.url, charset=page.charset, fetched_at=page.fetched_at))


def ingest_feed(source: str | Path, *, allow_private: bool | Sequence[str] | None = None,
                timeout: float | None = None) -> tuple[list[Article], list[IngestFailure]]:
    """Every entry of an RSS/Atom feed (a URL or a file), each linked page fetched through the guard.

    A feed that cannot be read raises; a failing entry becomes an :class:`IngestFailure`.
    """
    if _is_url(str(source)):
        page = fetch(str(source), allow_private=allow_private, timeout=timeout)
        return ingest_feed_bytes(page.body, str(source), page.url, allow_private=allow_private,
                                 timeout=timeout)
    path = Path(source)
    return ingest_feed_bytes(_read_file(path), str(path), allow_private=allow_private, timeout=timeout)


def _is_url(item: str) -> bool:
    return item.strip().lower().startswith(("http://", "https://"))


def _ingest_one(item: str, allow_private: bool | Sequence[str] | None,
                timeout: float | None) -> tuple[list[Article], list[IngestFailure]]:
    """One batch item, which may be a feed and so yield several articles and failures."""
    if _is_url(item):
        page = fetch(item, allow_private=allow_private, timeout=timeout)
        if page.kind == "feed" and looks_like_feed(page.body):
            return ingest_feed_bytes(page.body, item, page.url, allow_private=allow_private,
                                     timeout=timeout)
        hints = Hints(url=page.url, charset=page.charset, fetched_at=page.fetched_at)
        return [article_from_bytes(page.body, item, page.kind, hints)], []
    path = Path(item)
    data = _read_file(path)
    if path.suffix.lower() in _FEED_SUFFIXES or looks_like_feed(data):
        return ingest_feed_bytes(data, item, allow_private=allow_private, timeout=timeout)
    return [article_from_bytes(data, item, _file_kind(path))], []


def ingest_many(items: Iterable[str | Path], *, allow_private: bool | Sequence[str] | None = None,
                timeout: float | None = None) -> tuple[list[Article], list[IngestFailure]]:
    """Ingest files, URLs and feeds; a failing item is recorded and the batch goes on.

    The CLI exits with ``len(failures)``; each failure names its item and says why.
    """
    articles: list[Article] = []
    failures: list[IngestFailure] = []
    for raw in items:
        item = str(raw)
        try:
            found, failed = _ingest_one(item, allow_private, timeout)
        except KenningError as exc:
            failures.append(IngestFailure.of(item, exc))
            continue
        articles.extend(found)
        failures.extend(failed)
    return articles, failures
