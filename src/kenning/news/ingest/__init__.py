"""The ingest stage: news reports in, clean :class:`~kenning.news.article.Article` records out.

In: file paths, folders' files, ``http(s)`` URLs (fetched behind an SSRF guard, with size and type limits),
RSS/Atom feeds, plain text or HTML. Out: one ``Article`` per report (body text, title, outlet, publication
date and where it was read, content hash and fingerprint) and one :class:`IngestFailure` per item that
could not be read, so a batch goes on; :func:`find_duplicates` pairs the exact and near copies of a batch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kenning.lazy import lazy_exports

if TYPE_CHECKING:
    from kenning.news.ingest.collect import (
        IngestFailure,
        find_duplicates,
        ingest_feed,
        ingest_file,
        ingest_html,
        ingest_many,
        ingest_text,
        ingest_url,
    )

__all__ = ["IngestFailure", "find_duplicates", "ingest_feed", "ingest_file", "ingest_html", "ingest_many",
           "ingest_text", "ingest_url"]

__getattr__ = lazy_exports(__name__, {
    "collect": ("IngestFailure", "find_duplicates", "ingest_feed", "ingest_file", "ingest_html", "ingest_many",
                "ingest_text", "ingest_url"),
})
