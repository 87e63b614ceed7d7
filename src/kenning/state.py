"""What a running Kenning server opens once and shares between requests: the store, the screener, caches.

One :class:`AppState` per application, kept on ``app.state.kenning``; the API's routes and the web pages
read the same one. :meth:`AppState.open` runs in the app's lifespan. A store without lists still starts
the server (so ``/healthz`` can say what is missing); what needs the screener answers 503 until lists
are loaded.

The screener is built from the store's current list versions and same-as links (their
:meth:`~kenning.store.Store.screening_mark`). A watcher thread polls that mark every
``KENNING_WATCH_SECONDS``: when another process (``kenning lists load`` on this host or any host sharing
the store) changed it, the new screener is built beside the old one and swapped in with one assignment,
so no request is dropped and each request screens against one whole index. Until the swap the state is
*stale*: ``/readyz`` says not ready. The web router mounted in an application of someone else's (no
lifespan of ours) opens its state on first use (:func:`state_of`).
"""

from __future__ import annotations

import gc
import logging
import threading
from dataclasses import dataclass, field

from fastapi import Request
from sqlalchemy.exc import SQLAlchemyError

from kenning import settings
from kenning.errors import KenningError, StoreError
from kenning.matching import Screener
from kenning.news.pipeline import ExtractionProcess
from kenning.store import Store
from kenning.store.parties import EntityData

__all__ = ["AppState", "get_state", "state_of"]

log = logging.getLogger("kenning.api")

_OPENING = threading.Lock()


@dataclass
class AppState:
    """The store, the screener over its current lists, and the entity cache."""

    store: Store
    entities: EntityData
    screener: Screener | None = None
    screener_error: str | None = None
    datasets: tuple[str, ...] = ()
    #: The store's screening mark the screener was built from (None before the first load).
    loaded_mark: str | None = None
    update_lock: threading.Lock = field(default_factory=threading.Lock)
    _reload_lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _watcher: threading.Thread | None = None
    #: The child process that extracts posted news (``KENNING_NEWS_PROCESS``), started on first use.
    extraction: ExtractionProcess = field(default_factory=ExtractionProcess)

    @classmethod
    def open(cls) -> AppState:
        """Open the configured store and load its screening index (built if the lists changed)."""
        store = Store()
        state = cls(store=store, entities=EntityData(store))
        state.reload()
        return state

    def reload(self) -> None:
        """(Re)load the screener of the store's current versions and forget cached entities. The new
        screener is complete before it replaces the old one."""
        with self._reload_lock:
            mark = self._mark()
            try:
                screener: Screener | None = Screener.open()
                error = None
            except StoreError as exc:
                screener, error = None, exc.message
                log.warning("screening is unavailable: %s", error)
            self.screener, self.screener_error = screener, error
            self.datasets = tuple(sorted(self.store.current_versions()))
            self.entities.refresh()
            self.loaded_mark = mark
            # The index is millions of long-lived objects: keep them out of the garbage collector's full
            # passes, which would otherwise pause requests for tens of milliseconds.
            gc.collect()
            gc.freeze()

    def _mark(self) -> str | None:
        try:
            return self.store.screening_mark()
        except SQLAlchemyError as exc:
            log.warning("the store does not answer: %s", exc)
            return None

    def is_stale(self) -> bool:
        """Whether the store's lists or links changed since the screener was built."""
        mark = self._mark()
        return mark is not None and mark != self.loaded_mark

    def refresh_if_stale(self) -> bool:
        """Reload when the store changed under us; True when a new screener was swapped in. Not while this
        process's own list update runs (``POST /lists/update`` holds ``update_lock`` and reloads when done)."""
        if not self.is_stale() or not self.update_lock.acquire(blocking=False):
            return False
        try:
            log.info("the store's lists or links changed: loading the new screening index")
            self.reload()
        finally:
            self.update_lock.release()
        return True

    def start_watching(self, seconds: float | None = None) -> None:
        """Poll the store every ``seconds`` (``KENNING_WATCH_SECONDS``; 0 turns it off) in a daemon thread."""
        interval = settings.WATCH_SECONDS if seconds is None else seconds
        if interval <= 0 or self._watcher is not None:
            return
        self._stop.clear()
        self._watcher = threading.Thread(target=self._watch, args=(interval,), name="kenning-watch", daemon=True)
        self._watcher.start()

    def _watch(self, interval: float) -> None:
        while not self._stop.wait(interval):
            try:
                self.refresh_if_stale()
            except (KenningError, SQLAlchemyError, OSError) as exc:
                log.warning("reloading the screening index failed (the old one keeps serving): %s", exc)

    def require_screener(self) -> Screener:
        """The screener, or a 503 saying why there is none."""
        if self.screener is None:
            raise StoreError(f"screening is unavailable: {self.screener_error or 'the index is not loaded'}")
        return self.screener

    def close(self) -> None:
        """Stop watching and release the database connections."""
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(timeout=30)
            self._watcher = None
        self.extraction.close()
        self.store.engine.dispose()


def state_of(request: Request) -> AppState:
    """The application's state; opened here, once, when the app has none (a router mounted elsewhere)."""
    state = getattr(request.app.state, "kenning", None)
    if isinstance(state, AppState):
        return state
    with _OPENING:
        state = getattr(request.app.state, "kenning", None)
        if not isinstance(state, AppState):
            state = AppState.open()
            state.start_watching()
            request.app.state.kenning = state
    return state


async def get_state(request: Request) -> AppState:
    """The app's state (a FastAPI dependency; async, so it never costs a trip to the thread pool)."""
    state: AppState = request.app.state.kenning
    return state
