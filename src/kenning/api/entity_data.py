"""Listed parties as yente's ``EntityResponse``: FtM properties plus when Kenning first and last saw them.

One SQL query fetches every entity a response needs (with the load time of each stored version that
holds it); answers are kept in a bounded LRU cache, emptied whenever the lists change.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import select

from kenning.store import Store
from kenning.store.schema import entities, versions

__all__ = ["EntityData", "iso_time"]

#: Entities kept in memory between requests (about 2 KB each).
CACHE_SIZE = 20_000


def iso_time(value: datetime | None) -> str | None:
    """A stored timestamp as ISO 8601 in UTC, to the second (SQLite returns them without a zone)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=0).isoformat()


def _entity_response(rows: list[Any], current: set[int]) -> dict[str, Any] | None:
    """yente's EntityResponse from every stored row of one entity (oldest version first)."""
    live = [r for r in rows if r.version_id in current]
    if not live:
        return None
    row = live[-1]
    changed = row
    for older in reversed(rows[: rows.index(row)]):
        if older.hash != row.hash:
            break
        changed = older
    dataset = str(row.id).split("-", 1)[0]
    return {
        "id": row.id, "caption": row.caption, "schema": row.schema, "properties": orjson.loads(row.data),
        "datasets": [dataset], "referents": [], "target": bool(row.target),
        "first_seen": iso_time(rows[0].loaded_at), "last_seen": iso_time(row.loaded_at),
        "last_change": iso_time(changed.loaded_at),
    }


class EntityData:
    """Entities of the current list versions as yente's EntityResponse dicts, cached."""

    def __init__(self, store: Store, size: int = CACHE_SIZE) -> None:
        self.store = store
        self.size = size
        self._cache: OrderedDict[str, dict[str, Any] | None] = OrderedDict()
        self._lock = threading.Lock()
        self._current = set(store.current_version_ids())

    def refresh(self) -> None:
        """Forget every cached entity and re-read the current versions (after the lists changed)."""
        current = set(self.store.current_version_ids())
        with self._lock:
            self._cache.clear()
            self._current = current

    def get_many(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The entities with these ids that exist in the current versions."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, dict[str, Any] | None] = {}
        with self._lock:
            for entity_id in wanted:
                if entity_id in self._cache:
                    self._cache.move_to_end(entity_id)
                    found[entity_id] = self._cache[entity_id]
            current = self._current
        missing = [i for i in wanted if i not in found]
        if missing:
            fetched = self._fetch(missing, current)
            with self._lock:
                for entity_id in missing:
                    found[entity_id] = self._cache[entity_id] = fetched.get(entity_id)
                while len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        return {k: v for k, v in found.items() if v is not None}

    def _fetch(self, ids: list[str], current: set[int]) -> dict[str, dict[str, Any]]:
        query = (select(entities.c.id, entities.c.schema, entities.c.target, entities.c.caption, entities.c.hash,
                        entities.c.data, entities.c.version_id, versions.c.loaded_at)
                 .join(versions, versions.c.id == entities.c.version_id)
                 .where(entities.c.id.in_(ids)).order_by(entities.c.id, entities.c.version_id))
        grouped: dict[str, list[Any]] = {}
        with self.store.connect() as conn:
            for row in conn.execute(query):
                grouped.setdefault(row.id, []).append(row)
        out = {}
        for entity_id, rows in grouped.items():
            response = _entity_response(rows, current)
            if response is not None:
                out[entity_id] = response
        return out
