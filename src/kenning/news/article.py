"""The ``Article``: one news report as every later stage (NLP, linking, events, stories) sees it.

``text`` is the body; every character offset computed downstream refers to it, so it is frozen
at creation. ``id`` is the first 16 hex characters of ``content_hash`` (SHA-256 of the normalised
body), so the same report ingested twice, from a file or a URL, gets the same id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any
from urllib.parse import urlsplit

from kenning.errors import InputError
from kenning.news.fingerprints import content_hash, simhash

__all__ = ["DATE_SOURCES", "Article", "http_link"]

#: Where a publication date may come from; None means the date is unknown.
DATE_SOURCES = frozenset({"header", "metadata", "text"})


def http_link(url: str | None) -> str | None:
    """``url`` when it is an ``http`` or ``https`` link to a host, else None: no other scheme
    (``javascript:``, ``data:``, ``file:``…) is ever stored as a report's link or rendered as one."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


@dataclass(frozen=True)
class Article:
    """A cleaned news report. Build it with :meth:`Article.create`, which computes the keys."""

    id: str
    title: str | None
    text: str
    published: str | None
    published_source: str | None
    published_text: str | None
    url: str | None
    outlet: str | None
    author: str | None
    language: str | None
    source: str
    content_hash: str
    fingerprint: str
    fetched_at: str | None = None
    #: Remarks made while ingesting, e.g. why the date is unknown; for users, not for code.
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise InputError(f"{self.source}: the article has no body text")
        if self.published_source is not None and self.published_source not in DATE_SOURCES:
            raise InputError(f"{self.source}: unknown date source {self.published_source!r}")
        if (self.published is None) != (self.published_source is None):
            raise InputError(f"{self.source}: a date needs its source, and a source needs a date")
        if self.published is not None:
            try:
                dt.date.fromisoformat(self.published)
            except ValueError as exc:
                raise InputError(f"{self.source}: publication date {self.published!r} is not "
                                 "YYYY-MM-DD") from exc

    @classmethod
    def create(cls, text: str, source: str, *, title: str | None = None, published: str | None = None,
               published_source: str | None = None, published_text: str | None = None,
               url: str | None = None, outlet: str | None = None, author: str | None = None,
               language: str | None = None, fetched_at: str | None = None,
               notes: tuple[str, ...] = ()) -> Article:
        """An article for ``text``, with its id, exact-duplicate hash and near-duplicate fingerprint. A link
        that is not ``http(s)`` is dropped, with a note."""
        link = http_link(url)
        if url and link is None:
            notes = (*notes, f"the link {url[:80]!r} was dropped: only http and https links are kept")
            url = None
        digest = content_hash(text)
        return cls(id=digest[:16], title=title, text=text, published=published,
                   published_source=published_source, published_text=published_text, url=url,
                   outlet=outlet, author=author, language=language, source=source,
                   content_hash=digest, fingerprint=f"{simhash(text):016x}", fetched_at=fetched_at,
                   notes=notes)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field (``notes`` as a list)."""
        data = asdict(self)
        data["notes"] = list(self.notes)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """The article a :meth:`to_dict` dict describes; unknown keys are refused, keys are kept as stored."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise InputError(f"unknown article fields: {', '.join(sorted(unknown))}")
        values = dict(data)
        values["notes"] = tuple(values.get("notes") or ())
        try:
            return cls(**values)
        except TypeError as exc:
            raise InputError(f"incomplete article record: {exc}") from exc
