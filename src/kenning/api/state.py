"""What the API opens once at start-up and shares between requests: the store, the screener, caches.

:meth:`ApiState.open` runs in the app's lifespan. A store without lists still starts the server (so
``/healthz`` can say what is missing); the routes that need the screener answer 503 until lists are
loaded. :meth:`ApiState.reload` swaps in a new screener after ``POST /lists/update`` changed the lists.
"""

from __future__ import annotations

import gc
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request

from kenning import settings
from kenning.api.entity_data import EntityData
from kenning.errors import StoreError
from kenning.matching import Screener
from kenning.store import Store

__all__ = ["ApiState", "get_state"]

log = logging.getLogger("kenning.api")


@dataclass
class ApiState:
    """The store, the screener over its current lists, and the entity cache."""

    store: Store
    entities: EntityData
    screener: Screener | None = None
    screener_error: str | None = None
    datasets: tuple[str, ...] = ()
    #: KENNING_HOME when the app started (posted news reports are kept under it).
    home: Path = field(default_factory=lambda: settings.HOME)
    update_lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(cls) -> ApiState:
        """Open the configured store and load its screening index (built if the lists changed)."""
        store = Store()
        state = cls(store=store, entities=EntityData(store))
        state.reload()
        return state

    def reload(self) -> None:
        """(Re)load the screener of the store's current versions and forget cached entities."""
        try:
            screener: Screener | None = Screener.open()
            error = None
        except StoreError as exc:
            screener, error = None, exc.message
            log.warning("screening is unavailable: %s", error)
        self.screener, self.screener_error = screener, error
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


async def get_state(request: Request) -> ApiState:
    """The app's state (a FastAPI dependency; async, so it never costs a trip to the thread pool)."""
    state: ApiState = request.app.state.kenning
    return state
