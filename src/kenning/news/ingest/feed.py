"""RSS and Atom feeds: each entry's link is fetched through the guarded fetcher and ingested.

A feed that cannot be read at all is a ParseError; an entry that fails (no link, a link that is not
http(s), a page that cannot be fetched or read) becomes an :class:`IngestFailure` naming the feed and
the entry, and the other entries go on. The entry's own date and title fill in when the page has none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import feedparser

from kenning.errors import KenningError, ParseError
from kenning.news.article import Article
from kenning.news.ingest.failure import IngestFailure
from kenning.news.ingest.fetch import fetch
from kenning.news.ingest.page import Hints, article_from_bytes, looks_like_feed

__all__ = ["FeedEntry", "ingest_feed_bytes", "parse_feed"]


@dataclass(frozen=True)
class FeedEntry:
    """One feed entry: its 1-based position, link, title and date words, as the feed gives them."""

    index: int
    link: str | None
    title: str | None
    published: str | None

    def label(self, source: str) -> str:
        """How a failure names this entry: the feed, the entry number, and its link or title."""
        what = self.link or (f"'{self.title}'" if self.title else "without link or title")
        return f"{source} entry {self.index} ({what})"


def _text(entry: Any, key: str) -> str | None:
    value = entry.get(key)
    return str(value).strip() or None if value else None


def parse_feed(data: bytes, source: str, base_url: str | None = None) -> list[FeedEntry]:
    """The entries of an RSS/RDF/Atom document; relative links resolve against ``base_url``.

    Not a feed, a feed that declares XML entities, and a malformed feed with no readable entry
    are ParseErrors naming ``source``.
    """
    if not looks_like_feed(data):
        raise ParseError(source, "not an RSS or Atom feed (the document does not start with <rss>, "
                         "<feed> or <rdf:RDF>)")
    if b"<!ENTITY" in data.upper():
        raise ParseError(source, "the feed declares XML entities; refused (external entity or "
                         "entity-expansion attack)")
    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            line = reason.getLineNumber() if hasattr(reason, "getLineNumber") else None
            raise ParseError(source, f"broken feed: {reason}", line=line)
        raise ParseError(source, "the feed has no entries")
    entries = []
    for index, entry in enumerate(parsed.entries, start=1):
        entries.append(FeedEntry(index, _text(entry, "link"), _text(entry, "title"),
                                 _text(entry, "published") or _text(entry, "updated")))
    return entries


def _entry_article(entry: FeedEntry, source: str, allow_private: bool | Sequence[str] | None,
                   timeout: float | None) -> Article:
    """Fetch and ingest one entry's page, with the entry's title and date as hints."""
    if not entry.link:
        raise ParseError(entry.label(source), "the entry has no link")
    if not entry.link.startswith(("http://", "https://")):
        raise ParseError(entry.label(source), "the entry's link is not an http(s) URL")
    page = fetch(entry.link, allow_private=allow_private, timeout=timeout)
    hints = Hints(url=page.url, charset=page.charset, fetched_at=page.fetched_at, title=entry.title,
                  date=entry.published)
    return article_from_bytes(page.body, page.url, page.kind, hints)


def ingest_feed_bytes(data: bytes, source: str, base_url: str | None = None, *,
                      allow_private: bool | Sequence[str] | None = None,
                      timeout: float | None = None) -> tuple[list[Article], list[IngestFailure]]:
    """Ingest every entry of a feed already in hand; per-entry problems become failures."""
    articles: list[Article] = []
    failures: list[IngestFailure] = []
    for entry in parse_feed(data, source, base_url):
        try:
            articles.append(_entry_article(entry, source, allow_private, timeout))
        except KenningError as exc:
            failures.append(IngestFailure.of(entry.label(source), exc))
    return articles, failures
