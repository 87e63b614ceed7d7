"""Limits of news ingestion: the size cap of one item (``KENNING_NEWS_MAX_BYTES``, :mod:`kenning.settings`).

Files are refused by size before they are read; downloads stop while streaming.
"""

from __future__ import annotations

from kenning import settings

__all__ = ["human_size", "news_max_bytes"]


def news_max_bytes() -> int:
    """The size cap in bytes for one news item (``KENNING_NEWS_MAX_BYTES``, default 10 MiB)."""
    return settings.NEWS_MAX_BYTES


def human_size(size: int) -> str:
    """``size`` bytes as a short human figure (``10.0 MiB``)."""
    value = float(size)
    for unit in ("bytes", "KiB", "MiB"):
        if value < 1024 or unit == "MiB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GiB"
