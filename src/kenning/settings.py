"""Every setting, read once from ``KENNING_*`` environment variables, with its default.

Settings are plain module constants read at import time; tests that need other values set the
environment before starting a subprocess, or call :func:`reload` after changing ``os.environ``. A value
that cannot be used (a number that is not one) is a :class:`~kenning.errors.ConfigError` naming the
variable. No other module reads a ``KENNING_*`` variable.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from kenning.errors import ConfigError

__all__ = [
    "ALLOW_PRIVATE_URLS",
    "API_KEYS",
    "BATCH_MAX_ROWS",
    "BUNDLED_DATA",
    "CORS_ORIGINS",
    "DATABASE_URL",
    "DATA_DIR",
    "FETCH_BACKOFF",
    "FETCH_MAX_BYTES",
    "FETCH_RETRIES",
    "FETCH_TIMEOUT",
    "HOME",
    "INDEX_DIR",
    "MATCH_MAX_QUERIES",
    "MAX_BODY_BYTES",
    "NEWS_MAX_BYTES",
    "RATE_LIMIT",
    "RELOAD_INTERVAL",
    "SOURCES_FILE",
    "reload",
]

#: The bundled list snapshots and sample news, shipped inside the package (``kenning/data``; the
#: checkout's ``data/`` is a link to it), so an installed Kenning finds them too.
BUNDLED_DATA = Path(str(resources.files("kenning") / "data"))

HOME: Path
DATA_DIR: Path
DATABASE_URL: str
INDEX_DIR: Path
FETCH_TIMEOUT: float
FETCH_MAX_BYTES: int
FETCH_RETRIES: int
FETCH_BACKOFF: float
API_KEYS: frozenset[str]
CORS_ORIGINS: tuple[str, ...]
RATE_LIMIT: int
BATCH_MAX_ROWS: int
MAX_BODY_BYTES: int
MATCH_MAX_QUERIES: int
NEWS_MAX_BYTES: int
ALLOW_PRIVATE_URLS: str
SOURCES_FILE: Path | None
RELOAD_INTERVAL: float


def _env(name: str, default: str) -> str:
    value = os.environ.get(f"KENNING_{name}", "").strip()
    return value or default


def _number(name: str, default: float, kind: type[int] | type[float] = int) -> float:
    """A positive number from ``KENNING_{name}``; anything else is a ConfigError naming the variable."""
    raw = _env(name, "")
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError as exc:
        what = "a whole number" if kind is int else "a number"
        raise ConfigError(f"KENNING_{name} must be {what}, not {raw!r}") from exc
    if value <= 0:
        raise ConfigError(f"KENNING_{name} must be positive, not {raw!r}")
    return value


def reload() -> None:
    """(Re)read every setting from the environment."""
    global HOME, DATA_DIR, DATABASE_URL, INDEX_DIR, FETCH_TIMEOUT, FETCH_MAX_BYTES, FETCH_RETRIES, FETCH_BACKOFF
    global API_KEYS, CORS_ORIGINS, RATE_LIMIT, BATCH_MAX_ROWS
    global MAX_BODY_BYTES, MATCH_MAX_QUERIES, NEWS_MAX_BYTES, ALLOW_PRIVATE_URLS, SOURCES_FILE, RELOAD_INTERVAL
    #: Where Kenning keeps its SQLite store and the persisted matching index.
    HOME = Path(_env("HOME", str(Path.home() / ".local" / "share" / "kenning"))).expanduser()
    #: The bundled list snapshots and sample news (read-only).
    DATA_DIR = Path(_env("DATA_DIR", str(BUNDLED_DATA))).expanduser()
    #: Any SQLAlchemy URL; a SQLite file under HOME by default.
    DATABASE_URL = _env("DB", f"sqlite:///{HOME / 'kenning.db'}")
    #: The persisted candidate index, next to the store.
    INDEX_DIR = Path(_env("INDEX_DIR", str(HOME / "index"))).expanduser()
    #: Seconds before a download gives up (connect and each read).
    FETCH_TIMEOUT = float(_number("FETCH_TIMEOUT", 30.0, float))
    #: Largest file a download or URL ingestion accepts, in bytes.
    FETCH_MAX_BYTES = int(_number("FETCH_MAX_BYTES", 200 * 1024 * 1024))
    #: How many times ``lists update`` tries a list file again after a transient failure (a timeout, a
    #: dropped connection, HTTP 429 or 5xx), waiting FETCH_BACKOFF seconds, then twice as long each time.
    FETCH_RETRIES = int(_number("FETCH_RETRIES", 3))
    #: Seconds ``lists update`` waits before its first retry (doubled for each next one).
    FETCH_BACKOFF = float(_number("FETCH_BACKOFF", 2.0, float))
    #: Comma-separated API keys allowed on write routes; none means write routes are refused.
    API_KEYS = frozenset(k.strip() for k in _env("API_KEYS", "").split(",") if k.strip())
    #: Comma-separated origins allowed by CORS; empty means CORS is off.
    CORS_ORIGINS = tuple(o.strip() for o in _env("CORS_ORIGINS", "").split(",") if o.strip())
    #: Requests per minute per client on the API.
    RATE_LIMIT = int(_number("RATE_LIMIT", 60000))
    #: Most rows a batch screening request may carry.
    BATCH_MAX_ROWS = int(_number("BATCH_MAX_ROWS", 100000))
    #: Largest request body the API accepts, in bytes (larger ones get 413).
    MAX_BODY_BYTES = int(_number("MAX_BODY_BYTES", 16 * 1024 * 1024))
    #: Most queries one ``POST /match`` request may carry (yente's limit is 100 too).
    MATCH_MAX_QUERIES = int(_number("MATCH_MAX_QUERIES", 100))
    #: The largest HTML page, text file or fetched URL body one news item may be, in bytes (files are
    #: refused by size before they are read; downloads stop while streaming).
    NEWS_MAX_BYTES = int(_number("NEWS_MAX_BYTES", 10 * 1024 * 1024))
    #: Which non-public addresses a news URL may reach when the caller does not say: ``1``/``true``/``yes``
    #: all of them, a comma-separated list of networks (CIDR) those only, empty none. Only for tests and
    #: trusted internal deployments (:mod:`kenning.news.ingest.fetch_guard`).
    ALLOW_PRIVATE_URLS = _env("ALLOW_PRIVATE_URLS", "")
    #: Seconds between a server's checks that another process (``kenning lists load/update``, another server)
    #: changed the store's current lists or same-as links; on a change it reloads its screener.
    RELOAD_INTERVAL = float(_number("RELOAD_INTERVAL", 30.0, float))
    #: Another catalogue of list sources instead of the bundled ``sources.yml``.
    SOURCES_FILE = Path(_env("SOURCES_FILE", "")).expanduser() if _env("SOURCES_FILE", "") else None


reload()
