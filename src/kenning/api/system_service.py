"""``GET /healthz``, ``GET /algorithms`` and ``POST /lists/update``: the service's own state."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from kenning.api.errors import Conflict
from kenning.api.match_service import feature_docs
from kenning.api.paths import public
from kenning.errors import KenningError
from kenning.matching import Screener
from kenning.matching.algorithms import ALGORITHMS, DEFAULT_ALGORITHM
from kenning.sources.base import load_catalogue
from kenning.state import AppState
from kenning.store.currency import relink_pending
from kenning.store.freshness import freshness
from kenning.store.parties import iso_time

__all__ = ["algorithms", "health", "rollback_list", "update"]

log = logging.getLogger("kenning.api")


def _lists(state: AppState) -> dict[str, Any]:
    catalogue = load_catalogue()
    return {name: {"version": v.id, "publication_date": v.publication_date, "loaded_at": iso_time(v.loaded_at),
                   "entities": v.entity_count, "sha256": v.sha256,
                   "freshness": freshness(name, catalogue.get(name), v.publication_date).to_dict()}
            for name, v in state.store.current_versions().items()}


def health(state: AppState) -> dict[str, Any]:
    """The service's state: whether the store answers, whether the index is loaded and is the one of the
    store's current lists and links (``fresh``), and which list versions are current.

    ``ready`` is what ``/readyz`` answers: the index is loaded, the store answers and the index is fresh.
    ``status`` says the same in a word: ``ok``, ``stale`` (the lists changed; the new index is being
    loaded and the old one still answers) or ``unavailable``."""
    try:
        lists, store_error = _lists(state), None
        mark: str | None = state.store.screening_mark()
    except SQLAlchemyError as exc:
        lists, store_error, mark = {}, f"{type(exc).__name__}: the store does not answer", None
    screener = state.screener
    fresh = mark is not None and mark == state.loaded_mark
    index: dict[str, Any] = {"loaded": screener is not None, "fresh": fresh, "error": state.screener_error}
    if screener is not None:
        index |= {"entities": len(screener.index.entities), "names": screener.index.size,
                  "fingerprint": screener.index.fingerprint}
    ready = store_error is None and screener is not None and fresh
    status = "ok" if ready else "stale" if screener is not None and store_error is None else "unavailable"
    return {"status": status, "ready": ready, "store": {"reachable": store_error is None, "error": store_error},
            "index": index, "lists": lists}


def algorithms() -> dict[str, Any]:
    """Every scoring algorithm with its threshold and its features' explanations (their docstrings)."""
    items = []
    for name, algo in sorted(ALGORITHMS.items()):
        docs = feature_docs(algo)
        items.append({"name": name, "description": algo.description, "threshold": algo.threshold,
                      "features": docs,
                      "docs": {"name": name, "description": algo.description, "config": {}, "features": docs}})
    return {"algorithms": items, "default": DEFAULT_ALGORITHM, "best": DEFAULT_ALGORITHM}


def _monitor(state: AppState) -> dict[str, Any] | None:
    """Re-screen the monitored portfolios against what the update changed (None when there are none)."""
    from kenning.monitor.service import after_change
    from kenning.monitor.webhooks import deliver_pending

    report = after_change(state.store)
    if report is None:
        return None
    return {**report.to_dict(), "webhooks": deliver_pending(state.store)}


def update(state: AppState, dataset: str | None, check_counts: bool = True) -> dict[str, Any]:
    """Download and load the current official lists; when one changed, relink and reload the screener.

    A list whose update fails keeps its current version and its result says so; when every list failed,
    the first failure is the error (its status: 422 for a refused file, 502 for a failed download)."""
    from kenning.matching.service import relink
    from kenning.store.update import update_lists

    if not state.update_lock.acquire(blocking=False):
        raise Conflict("a list update is already running; try again when it has finished")
    try:
        results = update_lists(state.store, dataset, check_counts=check_counts, show_progress=False)
        failed = [r for r in results if r.error is not None]
        if failed and len(failed) == len(results) and failed[0].error is not None:
            error = failed[0].error  # its class keeps its status; its message says what was kept
            error.message = f"{failed[0].dataset}: {failed[0].message}"
            raise error
        changed = any(r.load is not None and r.load.status == "loaded" and r.load.current for r in results)
        linked = None
        monitored = None
        if changed or relink_pending(state.store):
            linked = relink(state.store, Screener.open())
            state.reload()
        if changed:
            monitored = _monitor(state)
        return public({"results": [r.to_dict() for r in results], "changed": changed, "relinked": linked,
                       "monitoring": monitored, "lists": _lists(state)})
    except KenningError as exc:
        log.warning("list update failed: %s", exc.message)
        raise
    finally:
        state.update_lock.release()


def rollback_list(state: AppState, dataset: str, version: int | None, note: str | None) -> dict[str, Any]:
    """Make an earlier version of a list current again, relink, reload the screener, re-screen the
    monitored portfolios."""
    from kenning.matching.service import relink
    from kenning.store.currency import current_history, rollback

    if not state.update_lock.acquire(blocking=False):
        raise Conflict("a list update is already running; try again when it has finished")
    try:
        info = rollback(state.store, dataset, version, note)
        linked = relink(state.store, Screener.open())
        state.reload()
        return public({"current": info.to_dict(), "relinked": linked, "monitoring": _monitor(state),
                       "history": current_history(state.store, dataset)})
    finally:
        state.update_lock.release()
