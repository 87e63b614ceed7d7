"""The store and the screener the pages read: the application's one state (:mod:`kenning.state`).

``create_app()`` opens it in its lifespan, so the API and the pages share one store and one index per
process; a router mounted in another application opens that application's state on first use.
"""

from __future__ import annotations

from fastapi import Request

from kenning.matching import Screener
from kenning.state import state_of
from kenning.store import Store

__all__ = ["get_screener", "get_store"]


def get_store(request: Request) -> Store:
    """The application's store."""
    return state_of(request).store


def get_screener(request: Request) -> Screener:
    """The application's screener, or a 503 saying why there is none."""
    return state_of(request).require_screener()
