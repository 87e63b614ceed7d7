"""What a running Kenning server opens once and shares between requests: the store, the screener, caches.

One :class:`AppState` per application, kept on ``app.state.kenning``; the API's routes and the web pages
read the same one. :meth:`AppState.open` runs in the app's lifespan. A store without lists still starts
the server (so ``/healthz`` can say what is missing); what needs the screener answers 503 until lists
are loaded. :meth:`AppState.reload` swaps in a new screener after ``POST /lists/update`` changed the
lists; :func:`watch_store` reloads it when another process (``kenning lists load/update``, another server
on the same PostgreSQL store) changed them, so every server of a deployment serves the same lists. The
web router mounted in an application of someone else's (no lifespan of ours) opens its state on first use
(:func:`state_of`).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import threading
from dataclasses import dataclass, field

from fastapi import Request

from kenning.errors import StoreError
from kenning.matching import Screener
from kenning.matching.build import load_same_as
from kenning.store import Store
from kenning.store.parties import EntityData

__all__ = ["AppState", "get_state", "state_of", "watch_store"]

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
    update_lock: threading.Lock = field(default_factory=threading.Lock)
    #: What the loaded screener was built from (see :meth:`served`): current versions and same-as links.
    serving: str = ""

    @classmethod
    def open(cls) -> AppState:
        """Open the configured store and load its screening index (built if the lists changed)."""
        store = Store()
        state = cls(store=store, entities=EntityData(store))
        state.reload()
        return state

    def served(self) -> str:
        """A digest of what a screener of the store would serve now: the current versions and same-as links."""
        digest = hashlib.sha1()
        for name, info in sorted(self.store.current_versions().items()):
            digest.update(f"{name}:{info.id}:{info.sha256}\n".encode())
        for left, right in sorted(load_same_as(self.store).items()):
            digest.update(f"{left}={','.join(sorted(right))}\n".encode())
        return digest.hexdigest()

    def reload_if_changed(self) -> bool:
        """Reload when the store no longer holds what the screener serves (unless an update is reloading)."""
        if self.served() == self.serving or not self.update_lock.acquire(blocking=False):
            return False
        try:
            log.info("the store's lists changed: reloading the screener")
            self.reload()
        finally:
            self.update_lock.release()
        return True

    def reload(self) -> None:
        """(Re)load the screener of the store's current versions and forget cached entities."""
        serving = self.served()
        try:
            screener: Screener | None = Screener.open()
            error = None
        except StoreError as exc:
            screener, error = None, exc.message
            log.warning("screening is unavailable: %s", error)
        self.screener, self.screener_error, self.serving = screener, error, serving
        self.datasets = tuple(sorted(self.store.current_versions()))
        self.entities.refresh()
        # The index is millions of long-lived objects: keep them out of the garbage collector's full
        # passes, which would otherwise pause requests for tens of milliseconds.
        gc.collect()
        gc.freeze()

    def require_screener(self) -> Screener:
        """The screener, or a 503 saying why there is none."""
        if self.screener is None:
            raise StoreError(f"screening is unavailable: {self.screener_error or 'the index is not loaded'}")
        return self.screener

    def close(self) -> None:
        """Release the database connections."""
        self.store.engine.dispose()


def watch_store(state: AppState, interval: float) -> threading.Event:
    """Check every ``interval`` seconds, in a daemon thread, that ``state`` serves the store's current lists;
    setting the returned event stops it. A failed check is logged and tried again at the next one."""
    stop = threading.Event()

    def run() -> None:
        while not stop.wait(interval):
            try:
                state.reload_if_changed()
            except Exception:
                log.exception("checking the store for changed lists failed")

    threading.Thread(target=run, name="kenning-store-watch", daemon=True).start()
    return stop


def state_of(request: Request) -> AppState:
    """The application's state; opened here, once, when the app has none (a router mounted elsewhere)."""
    state = getattr(request.app.state, "kenning", None)
    if isinstance(state, AppState):
        return state
    with _OPENING:
        state = getattr(request.app.state, "kenning", None)
        if not isinstance(state, AppState):
            state = AppState.open()
            request.app.state.kenning = state
    return state


async def get_state(request: Request) -> AppState:
    """The app's state (a FastAPI dependency; async, so it never costs a trip to the thread pool)."""
    state: AppState = request.app.state.kenning
    return state
