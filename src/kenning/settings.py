"""Every setting, read once from ``KENNING_*`` environment variables, with its default.

Settings are plain module constants read at import time; tests that need other values set the
environment before starting a subprocess, or call :func:`reload` after changing ``os.environ``.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "API_KEYS",
    "BATCH_MAX_ROWS",
    "CORS_ORIGINS",
    "DATABASE_URL",
    "DATA_DIR",
    "FETCH_MAX_BYTES",
    "FETCH_TIMEOUT",
    "HOME",
    "INDEX_DIR",
    "MATCH_MAX_QUERIES",
    "MAX_BODY_BYTES",
    "RATE_LIMIT",
    "REPO_ROOT",
    "reload",
]

#: The repository root (``src/kenning/settings.py`` → two levels up from the package).
REPO_ROOT = Path(__file__).resolve().parents[2]

HOME: Path
DATA_DIR: Path
DATABASE_URL: str
INDEX_DIR: Path
FETCH_TIMEOUT: float
FETCH_MAX_BYTES: int
API_KEYS: frozenset[str]
CORS_ORIGINS: tuple[str, ...]
RATE_LIMIT: int
BATCH_MAX_ROWS: int
MAX_BODY_BYTES: int
MATCH_MAX_QUERIES: int


def _env(name: str, default: str) -> str:
    value = os.environ.get(f"KENNING_{name}", "").strip()
    return value or default


def reload() -> None:
    """(Re)read every setting from the environment."""
    global HOME, DATA_DIR, DATABASE_URL, INDEX_DIR, FETCH_TIMEOUT, FETCH_MAX_BYTES
    global API_KEYS, CORS_ORIGINS, RATE_LIMIT, BATCH_MAX_ROWS
    global MAX_BODY_BYTES, MATCH_MAX_QUERIES
    #: Where Kenning keeps its SQLite store and the persisted matching index.
    HOME = Path(_env("HOME", str(Path.home() / ".local" / "share" / "kenning"))).expanduser()
    #: The bundled list snapshots and sample news (read-only).
    DATA_DIR = Path(_env("DATA_DIR", str(REPO_ROOT / "data"))).expanduser()
    #: Any SQLAlchemy URL; a SQLite file under HOME by default.
    DATABASE_URL = _env("DB", f"sqlite:///{HOME / 'kenning.db'}")
    #: The persisted candidate index, next to the store.
    INDEX_DIR = Path(_env("INDEX_DIR", str(HOME / "index"))).expanduser()
    #: Seconds before a download gives up (connect and each read).
    FETCH_TIMEOUT = float(_env("FETCH_TIMEOUT", "30"))
    #: Largest file a download or URL ingestion accepts, in bytes.
    FETCH_MAX_BYTES = int(_env("FETCH_MAX_BYTES", str(200 * 1024 * 1024)))
    #: Comma-separated API keys allowed on write routes; none means write routes are refused.
    API_KEYS = frozenset(k.strip() for k in _env("API_KEYS", "").split(",") if k.strip())
    #: Comma-separated origins allowed by CORS; empty means CORS is off.
    CORS_ORIGINS = tuple(o.strip() for o in _env("CORS_ORIGINS", "").split(",") if o.strip())
    #: Requests per minute per client on the API.
    RATE_LIMIT = int(_env("RATE_LIMIT", "60000"))
    #: Most rows a batch screening request may carry.
    BATCH_MAX_ROWS = int(_env("BATCH_MAX_ROWS", "100000"))
    #: Largest request body the API accepts, in bytes (larger ones get 413).
    MAX_BODY_BYTES = int(_env("MAX_BODY_BYTES", str(16 * 1024 * 1024)))
    #: Most queries one ``POST /match`` request may carry (yente's limit is 100 too).
    MATCH_MAX_QUERIES = int(_env("MATCH_MAX_QUERIES", "100"))


reload()
