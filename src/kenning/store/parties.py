"""Listed parties as the API serves them, and when the stored versions first show a party.

:class:`EntityData` keeps every listed party of the current versions as yente's ``EntityResponse``: read
once, when the app starts or the lists change (one query, about 0.3 s and 10 MB for the bundled lists),
so answering ``/match`` never waits for the database. :func:`current_parties` reads the parties of the
current versions with the times Kenning first loaded a version holding each (``first_seen``), loaded the
current one (``loaded_at``) and first loaded the party as it is now (``last_change``); :func:`first_listed`
finds the two publications of a list between which a party was added.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Row, and_, func, select
from sqlalchemy.sql import Select

from kenning.store.schema import datasets, entities, versions
from kenning.store.store import Store

__all__ = ["EntityData", "current_parties", "first_listed", "iso_time"]


def _query(ids: list[str] | None = None) -> Select[Any]:
    """Entities of the current versions (these ids, or every listed party) with their load times."""
    cur = entities.alias("cur")
    other = entities.alias("other")
    seen = versions.alias("seen")
    first = (select(func.min(seen.c.loaded_at)).select_from(other.join(seen, seen.c.id == other.c.version_id))
             .where(other.c.id == cur.c.id).scalar_subquery())
    changed = (select(func.min(seen.c.loaded_at)).select_from(other.join(seen, seen.c.id == other.c.version_id))
               .where(and_(other.c.id == cur.c.id, other.c.hash == cur.c.hash)).scalar_subquery())
    query = (select(cur.c.id, cur.c.schema, cur.c.caption, cur.c.target, cur.c.data, versions.c.loaded_at,
                    first.label("first_seen"), changed.label("last_change"))
             .join(versions, versions.c.id == cur.c.version_id)
             .join(datasets, datasets.c.current_version == cur.c.version_id))
    return query.where(cur.c.target.is_(True)) if ids is None else query.where(cur.c.id.in_(ids))


def current_parties(store: Store, ids: list[str] | None = None) -> Iterator[Row[Any]]:
    """Rows (id, schema, caption, target, data as JSON text, loaded_at, first_seen, last_change) of every
    listed party of the current versions, or of the entities with these ids in them."""
    with store.connect() as conn:
        yield from conn.execute(_query(ids))


def first_listed(store: Store, entity_id: str) -> tuple[str, str | None] | None:
    """The earliest stored publication date of the party's list that holds it, and the latest one before
    it (None when there is none); None when no stored version holds it."""
    dataset = entity_id.split("-", 1)[0]
    query = (select(versions.c.publication_date).join(entities, entities.c.version_id == versions.c.id)
             .where(entities.c.id == entity_id).order_by(versions.c.publication_date))
    with store.connect() as conn:
        first = conn.execute(query).scalar()
        if first is None:
            return None
        before = conn.execute(select(versions.c.publication_date).where(
            versions.c.dataset == dataset, versions.c.publication_date < first)
            .order_by(versions.c.publication_date.desc())).scalar()
    return str(first), None if before is None else str(before)


def iso_time(value: datetime | None) -> str | None:
    """A stored timestamp as ISO 8601 in UTC, to the second (SQLite returns them without a zone)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class _Party:
    """One entity as read from the store, properties still as JSON text."""

    id: str
    schema: str
    caption: str
    target: bool
    data: str
    first_seen: str | None
    last_seen: str | None
    last_change: str | None

    def response(self) -> dict[str, Any]:
        """yente's EntityResponse (a new dict each time: callers may extend it)."""
        return {"id": self.id, "caption": self.caption, "schema": self.schema, "properties": orjson.loads(self.data),
                "datasets": [self.id.split("-", 1)[0]], "referents": [], "target": self.target,
                "first_seen": self.first_seen, "last_seen": self.last_seen, "last_change": self.last_change}


def _party(row: Any) -> _Party:
    return _Party(row.id, row.schema, row.caption, bool(row.target), row.data, iso_time(row.first_seen),
                  iso_time(row.loaded_at), iso_time(row.last_change))


class EntityData:
    """Entities of the current list versions as yente's EntityResponse dicts."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._parties: dict[str, _Party] = {}

    def refresh(self) -> None:
        """Read every listed party of the current versions again (after the lists changed)."""
        parties = {row.id: _party(row) for row in current_parties(self.store)}
        with self._lock:
            self._parties = parties

    def get_many(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The entities with these ids that exist in the current versions."""
        parties = self._parties
        wanted = list(dict.fromkeys(ids))
        found = {i: parties[i].response() for i in wanted if i in parties}
        missing = [i for i in wanted if i not in parties]
        if missing:
            found |= {row.id: _party(row).response() for row in current_parties(self.store, missing)}
        return found
