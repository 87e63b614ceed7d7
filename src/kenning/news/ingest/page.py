"""One report's bytes or text in, one :class:`Article` out: the text and HTML paths and their metadata.

Publication date, in order: the ``Date:`` header of a text file, the page metadata (HTML markup,
URL, or the feed entry that linked the page), the first words of the text; otherwise unknown, with
the reason in ``Article.notes``. The outlet: the ``Publisher:`` header, the page's site name, the
URL's domain, each read through the table of known outlets (:mod:`.outlets`: "nytimes.com" is shown
as The New York Times).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import courlan

from kenning.errors import ParseError
from kenning.news.article import Article
from kenning.news.ingest.html import decode_html, extract_html, looks_like_html
from kenning.news.ingest.language import language_of
from kenning.news.ingest.limits import human_size, news_max_bytes
from kenning.news.ingest.outlets import outlet_name
from kenning.news.ingest.page_dates import find_text_date, parse_date_value
from kenning.news.ingest.text import decode_text, split_header

__all__ = ["Hints", "article_from_bytes", "article_from_html", "article_from_text", "check_size",
           "looks_like_feed"]

_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.DOTALL)


@dataclass(frozen=True)
class Hints:
    """What is known about a report from outside its own bytes (the fetch, the feed entry)."""

    url: str | None = None
    charset: str | None = None
    fetched_at: str | None = None
    title: str | None = None
    #: A date value from a feed entry, with its words.
    date: str | None = None
    notes: tuple[str, ...] = field(default=())


@dataclass
class _Meta:
    """Candidate metadata gathered from header, page and hints before the article is made."""

    title: str | None = None
    header_date: str | None = None
    meta_date: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = None
    notes: list[str] = field(default_factory=list)


def check_size(size: int, source: str) -> None:
    """Refuse an item larger than ``KENNING_NEWS_MAX_BYTES`` before it is parsed."""
    limit = news_max_bytes()
    if size > limit:
        raise ParseError(source, f"refused: {human_size(size)} is more than the {human_size(limit)} limit "
                         "for one news item (KENNING_NEWS_MAX_BYTES)")


def looks_like_feed(data: bytes) -> bool:
    """True when ``data`` starts like an RSS, RDF or Atom document."""
    return _FEED_START.match(data[:4096]) is not None


def _date(meta: _Meta, text: str, source: str) -> tuple[str | None, str | None, str | None]:
    """``(ISO date, where from, words)``: header, then metadata, then the text; notes why when unknown."""
    if meta.header_date:
        iso = parse_date_value(meta.header_date)
        if iso:
            return iso, "header", meta.header_date
        meta.notes.append(f"the Date header {meta.header_date!r} is not a date Kenning understands")
    if meta.meta_date:
        iso = parse_date_value(meta.meta_date)
        if iso:
            return iso, "metadata", meta.meta_date
    found = find_text_date(text)
    if found:
        return found.date, "text", found.text
    meta.notes.append("publication date unknown: no usable date in a header, the page metadata or "
                      "the first words of the text")
    return None, None, None


def _finish(text: str, source: str, meta: _Meta, hints: Hints) -> Article:
    """Fill gaps from the hints and the URL, pick the date, make the article."""
    meta.url = meta.url or hints.url
    meta.title = meta.title or hints.title
    meta.meta_date = meta.meta_date or hints.date
    meta.notes.extend(hints.notes)
    meta.outlet = outlet_name(meta.outlet, meta.url)
    if not meta.outlet and meta.url:
        meta.outlet = courlan.extract_domain(meta.url) or None
    if not text.strip():
        raise ParseError(source, "the report has no body text")
    published, origin, words = _date(meta, text, source)
    language, said = language_of(meta.language, text)
    if said:
        meta.notes.append(said)
    return Article.create(
        text, source, title=meta.title, published=published, published_source=origin,
        published_text=words, url=meta.url, outlet=meta.outlet, author=meta.author,
        language=language, fetched_at=hints.fetched_at, notes=tuple(meta.notes))


def article_from_text(text: str, source: str, hints: Hints | None = None,
                      given: Mapping[str, str | None] | None = None) -> Article:
    """A plain-text report, with its optional ``Key: value`` header block; ``given`` fields (``title``,
    ``date``, ``url``, ``outlet``, ``author``, ``language``: metadata sent beside the text) stand in for
    the header's and win over them."""
    hints = hints or Hints()
    parts = split_header(text)
    fields = {**parts.fields, **{k: " ".join(v.split()) for k, v in (given or {}).items() if v and v.strip()}}
    meta = _Meta(title=fields.get("title"), header_date=fields.get("date"), url=fields.get("url"),
                 outlet=fields.get("outlet"), author=fields.get("author"),
                 language=fields.get("language"))
    return _finish(parts.body, source, meta, hints)


def article_from_html(html: str, source: str, hints: Hints | None = None) -> Article:
    """An HTML page: body and metadata by :func:`kenning.news.ingest.html.extract_html`."""
    hints = hints or Hints()
    check_size(len(html.encode("utf-8", "surrogatepass")), source)
    parts = extract_html(html, source, url=hints.url)
    meta = _Meta(title=parts.title, meta_date=parts.date, url=hints.url or parts.url,
                 outlet=parts.sitename, author=parts.author, language=parts.language,
                 notes=list(parts.notes))
    return _finish(parts.text, source, meta, hints)


def article_from_bytes(data: bytes, source: str, kind: str | None = None,
                       hints: Hints | None = None) -> Article:
    """A report's raw bytes: HTML when ``kind`` says so or the bytes look like it, else plain text."""
    hints = hints or Hints()
    check_size(len(data), source)
    if kind == "feed" and not looks_like_feed(data):
        kind = None  # served as generic XML but it is a page: let the content decide
    if kind == "html" or (kind is None and looks_like_html(data)):
        return article_from_html(decode_html(data, source, hints.charset), source, hints)
    if kind == "feed" or looks_like_feed(data):
        raise ParseError(source, "this is an RSS/Atom feed, not a report; read it with ingest_feed")
    return article_from_text(decode_text(data, source), source, hints)
