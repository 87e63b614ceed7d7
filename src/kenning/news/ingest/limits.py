"""Limits of news ingestion, read from the environment at call time.

These belong in :mod:`kenning.settings`; until they move there they are read here so that a test or
a deployment can change them without touching shared code.

* ``KENNING_NEWS_MAX_BYTES`` (default 10 MiB): the largest HTML page, text file or fetched URL
  body accepted. Files are refused by size before they are read; downloads stop while streaming.
"""

from __future__ import annotations

import os

from kenning.errors import ConfigError

__all__ = ["NEWS_MAX_BYTES_DEFAULT", "human_size", "news_max_bytes"]

NEWS_MAX_BYTES_DEFAULT = 10 * 1024 * 1024


def news_max_bytes() -> int:
    """The size cap in bytes for one news item (``KENNING_NEWS_MAX_BYTES``, default 10 MiB)."""
    raw = os.environ.get("KENNING_NEWS_MAX_BYTES", "").strip()
    if not raw:
        return NEWS_MAX_BYTES_DEFAULT
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"KENNING_NEWS_MAX_BYTES must be a whole number of bytes, not {raw!r}") from exc
    if value <= 0:
        raise ConfigError("KENNING_NEWS_MAX_BYTES must be positive")
    return value


def human_size(size: int) -> str:
    """``size`` bytes as a short human figure (``10.0 MiB``)."""
    value = float(size)
    for unit in ("bytes", "KiB", "MiB"):
        if value < 1024 or unit == "MiB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GiB"
