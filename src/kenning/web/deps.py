"""The store and the screener the pages read: the API's own when the app has them, else opened here once.

``create_app()`` keeps its store and screener on ``app.state.kenning`` (see :mod:`kenning.api.state`);
the pages use those, so the index is loaded once per process. Mounted in another app, the router opens
its own, keyed by the store URL, the index folder and the current list versions, so a page served after
``kenning lists update`` screens against the new lists without a restart.
"""

from __future__ import annotations

import threading
from typing import Protocol

from fastapi import Request

from kenning import settings
from kenning.matching import Screener
from kenning.store import Store

__all__ = ["get_screener", "get_store"]

_LOCK = threading.Lock()
_STORES: dict[str, Store] = {}
_SCREENERS: dict[tuple[str, str, tuple[int, ...]], Screener] = {}


class _AppState(Protocol):
    store: Store

    def require_screener(self) -> Screener: ...


def _app_state(request: Request | None) -> _AppState | None:
    state = getattr(request.app.state, "kenning", None) if request is not None else None
    if state is None or not hasattr(state, "store") or not hasattr(state, "require_screener"):
        return None
    return state  # type: ignore[no-any-return]


def get_store(request: Request | None = None) -> Store:
    """The app's store, or the configured one (``KENNING_DB`` or the SQLite file under ``KENNING_HOME``)."""
    state = _app_state(request)
    if state is not None:
        return state.store
    url = settings.DATABASE_URL
    with _LOCK:
        if url not in _STORES:
            _STORES[url] = Store(url)
        return _STORES[url]


def get_screener(request: Request | None = None) -> Screener:
    """The app's screener, or one over the configured store's current list versions."""
    state = _app_state(request)
    if state is not None:
        return state.require_screener()
    store = get_store()
    key = (store.url, str(settings.INDEX_DIR), tuple(sorted(store.current_version_ids())))
    with _LOCK:
        if key not in _SCREENERS:
            for old in [k for k in _SCREENERS if k[:2] == key[:2]]:
                del _SCREENERS[old]
            _SCREENERS[key] = Screener.open()
        return _SCREENERS[key]
