"""The store and the screener the pages read, opened once per configured store and reused.

The screener is keyed by the store URL, the index folder and the current list versions, so a page served
after ``kenning lists update`` screens against the new lists without a restart.
"""

from __future__ import annotations

import threading

from kenning import settings
from kenning.matching import Screener
from kenning.store import Store

__all__ = ["get_screener", "get_store"]

_LOCK = threading.Lock()
_STORES: dict[str, Store] = {}
_SCREENERS: dict[tuple[str, str, tuple[int, ...]], Screener] = {}


def get_store() -> Store:
    """The configured store (``KENNING_DB`` or the SQLite file under ``KENNING_HOME``)."""
    url = settings.DATABASE_URL
    with _LOCK:
        if url not in _STORES:
            _STORES[url] = Store(url)
        return _STORES[url]


def get_screener() -> Screener:
    """The screener over the configured store's current list versions."""
    store = get_store()
    key = (store.url, str(settings.INDEX_DIR), tuple(sorted(store.current_version_ids())))
    with _LOCK:
        if key not in _SCREENERS:
            for old in [k for k in _SCREENERS if k[:2] == key[:2]]:
                del _SCREENERS[old]
            _SCREENERS[key] = Screener.open()
        return _SCREENERS[key]
