"""HTML pages: decoding by declared or detected charset, then main text and metadata via trafilatura.

The settings were chosen by measurement on the article-extraction benchmark (``bench/news_html.py``;
the table of each step is in the module docstring there). In short: comments are left out, the
precision-favouring mode is used, a page where that mode finds almost nothing is re-read in the
fast, recall-leaning mode, a page where trafilatura finds nothing falls back to its readability-style
``baseline`` and finally to all visible text (``html2txt``), and lines of pure site furniture
(``data/ingest_boilerplate.txt``) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import charset_normalizer
import trafilatura
from trafilatura.settings import Document

from kenning.errors import ParseError
from kenning.news.datafile import data_patterns
from kenning.sources.readers import sniff_kind

__all__ = ["HtmlOptions", "HtmlParts", "decode_html", "extract_html", "looks_like_html"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?\s*([A-Za-z]{2,3})\b""", re.IGNORECASE)
_HAS_BODY = re.compile(r"<(html|body)\b", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b",
                         re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class HtmlOptions:
    """How the extractor reads a page; the defaults are the measured best."""

    favor_precision: bool = True
    include_comments: bool = False
    include_tables: bool = True
    #: Re-read in fast mode when the precise text is shorter than this many characters ...
    retry_below: int = 500
    #: ... and take the fast text when it is at least this many times longer.
    retry_gain: float = 3.0
    #: Drop whole lines that match ``data/ingest_boilerplate.txt``.
    drop_boilerplate: bool = True


@dataclass(frozen=True)
class HtmlParts:
    """What a page yields: body text and whatever metadata it carries."""

    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None
    language: str | None = None
    url: str | None = None
    notes: tuple[str, ...] = field(default=())


def looks_like_html(data: bytes) -> bool:
    """True when ``data`` starts like an HTML document (doctype, ``<html>``, ``<head>`` ...)."""
    return _HTML_START.match(data[:4096]) is not None


def decode_html(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode page bytes: the HTTP-declared charset, else a ``<meta charset>``, else UTF-8, else detection.

    Binary content, an empty page and bytes no charset explains are ParseErrors naming ``source``.
    """
    kind = sniff_kind(data)
    if kind is not None:
        raise ParseError(source, f"expected an HTML page but the content is {kind}")
    if not data.strip():
        raise ParseError(source, "the page is empty")
    meta = _META_CHARSET.search(data[:8192])
    candidates = [declared, meta.group(1).decode("ascii") if meta else None, "utf-8"]
    for charset in candidates:
        if not charset:
            continue
        try:
            return data.decode("utf-8-sig" if charset.lower() in {"utf-8", "utf8"} else charset)
        except (LookupError, UnicodeDecodeError):
            continue
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ParseError(source, "the page's bytes fit neither its declared charset, UTF-8, nor any "
                         "detectable encoding")
    return str(best)


def _clean_lines(text: str) -> str:
    """Drop lines that are pure site furniture, then collapse runs of blank lines."""
    patterns = data_patterns("ingest_boilerplate.txt")
    kept = [line for line in text.split("\n")
            if not any(p.fullmatch(line.strip()) for p in patterns)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _trafilatura(html: str, url: str | None, options: HtmlOptions, fast: bool) -> Document | None:
    """One trafilatura pass with metadata; dates only from markup and URL, never guessed from text."""
    doc = trafilatura.bare_extraction(
        html, url=url, fast=fast, favor_precision=options.favor_precision and not fast,
        include_comments=options.include_comments, include_tables=options.include_tables,
        with_metadata=True, date_extraction_params={"extensive_search": False, "original_date": True})
    return doc if isinstance(doc, Document) else None


def _body(html: str, url: str | None, options: HtmlOptions,
          doc: Document | None) -> tuple[str, tuple[str, ...]]:
    """The body text and a note naming which reader produced it when it was not the main one."""
    text = (doc.text if doc is not None else None) or ""
    if len(text) < options.retry_below:
        fast = _trafilatura(html, url, options, fast=True)
        fast_text = (fast.text if fast is not None else None) or ""
        if len(fast_text) >= options.retry_gain * max(len(text), 1):
            return fast_text, ("body from trafilatura's fast mode (the precise mode found little)",)
    if text.strip():
        return text, ()
    baseline = trafilatura.baseline(html)[1]
    if baseline.strip():
        return baseline, ("body from the readability-style baseline (trafilatura found no article)",)
    return trafilatura.html2txt(html), ("body is all visible text (no article structure found)",)


def _title(title: str | None, sitename: str | None) -> str | None:
    """The page title without a trailing `` - Site Name`` / `` | Site Name``."""
    if not title:
        return None
    if sitename:
        for sep in (" - ", " | ", " – ", " — ", " :: "):
            if title.endswith(sep + sitename):
                return title[: -len(sep + sitename)].strip() or title
    return title.strip()


def extract_html(html: str, source: str, url: str | None = None,
                 options: HtmlOptions | None = None) -> HtmlParts:
    """Main text and metadata of an HTML page; a page without any text is a ParseError naming ``source``."""
    options = options or HtmlOptions()
    if not _HAS_BODY.search(html):
        # A fragment: trafilatura refuses a tree without <html>/<body>, so give it one.
        html = f"<html><body>{html}</body></html>"
    doc = _trafilatura(html, url, options, fast=False)
    text, notes = _body(html, url, options, doc)
    if options.drop_boilerplate:
        text = _clean_lines(text)
    if not text.strip():
        raise ParseError(source, "no article text found in the HTML page")
    lang = _HTML_LANG.search(html[:4096])
    sitename = (doc.sitename if doc is not None else None) or None
    return HtmlParts(
        text=text,
        title=_title(doc.title if doc is not None else None, sitename),
        date=(doc.date if doc is not None else None) or None,
        author=(doc.author if doc is not None else None) or None,
        sitename=sitename,
        language=lang.group(1).lower() if lang else None,
        url=(doc.url if doc is not None else None) or None,
        notes=notes,
    )
