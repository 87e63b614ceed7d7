"""Who a key belongs to: administrators (``KENNING_API_KEYS``) and analysts (``KENNING_API_ANALYST_KEYS``,
``name:key`` pairs). The API's guards and the web pages' sign-in both ask :func:`identify`."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Collection, Mapping
from dataclasses import dataclass

__all__ = ["Principal", "identify", "match_key"]


@dataclass(frozen=True)
class Principal:
    """Who sent a request: a name (what decisions record) and a role (``admin`` or ``analyst``)."""

    name: str
    role: str


def match_key(key: str, keys: Collection[str]) -> str | None:
    """The configured key equal to ``key`` (every key compared in constant time, no early exit), or None."""
    found = None
    for candidate in keys:
        if hmac.compare_digest(key.encode("utf-8"), candidate.encode("utf-8")):
            found = candidate
    return found


def identify(key: str, admin_keys: Collection[str], analyst_keys: Mapping[str, str]) -> Principal | None:
    """The principal of ``key``; None when it is no configured key."""
    admin = match_key(key, admin_keys)
    if admin is not None:
        return Principal("admin-" + hashlib.sha256(admin.encode()).hexdigest()[:8], "admin")
    analyst = match_key(key, analyst_keys)
    if analyst is not None:
        return Principal(analyst_keys[analyst], "analyst")
    return None
