"""The store: one SQLAlchemy engine over SQLite (default) or PostgreSQL, and read access to entities.

Writes (loading a list version) live in :mod:`kenning.store.loader`; this module opens the database,
creates the tables, and answers the questions every other part asks: which versions exist, what is
current, give me this entity, its records (sanctions, identifiers, relations), all current targets.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, MetaData, Table, create_engine, event, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from kenning import settings
from kenning.errors import StoreError
from kenning.model import Entity, entity_from_dict
from kenning.store.integrity import check_sqlite
from kenning.store.schema import SCHEMA_VERSION, datasets, entities, meta, metadata, refs, sameas, versions

__all__ = ["Store", "VersionInfo", "create_tables", "open_store"]


@dataclass(frozen=True)
class VersionInfo:
    """One stored publication of one list."""

    id: int
    dataset: str
    publication_date: str | None
    sha256: str
    files: list[dict[str, Any]]
    loaded_at: datetime
    entity_count: int
    schema_counts: dict[str, int]
    stats: dict[str, int]
    warnings: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.id, "dataset": self.dataset, "publication_date": self.publication_date,
            "sha256": self.sha256, "files": self.files, "loaded_at": self.loaded_at.isoformat(),
            "entity_count": self.entity_count, "schema_counts": self.schema_counts,
            "stats": self.stats, "warnings": self.warnings,
        }


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")  # first: the pragmas below may wait for another process
    _switch_to_wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _switch_to_wal(cur: Any, attempts: int = 50) -> None:
    """Put the database in WAL mode. Switching a fresh file needs it to itself for a moment, and SQLite
    answers "database is locked" at once, without its busy wait, while another process is doing the same
    (several commands started together on a new home): try again, briefly."""
    for attempt in range(attempts):
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))


_LONG_DIGITS = re.compile(r"\d{19}")


def _json_loads(text: str | bytes) -> Any:
    """JSON columns read with orjson (four times faster than the standard library: monitoring reads every
    customer a report's names reach, four JSON columns each), falling back to the standard library for what
    orjson refuses or reads otherwise and ``json.dumps`` may have written (NaN; integers beyond 64 bits, which
    orjson reads as floats, so any run of 19 digits goes to the standard library): the same values."""
    if not isinstance(text, (str, bytes)):  # SQLite hands back a number stored bare: its dialect expects this
        raise TypeError(f"the JSON object must be str or bytes, not {type(text).__name__}")
    if _LONG_DIGITS.search(text if isinstance(text, str) else text.decode("utf-8")):
        return json.loads(text)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if str(path) not in ("", ":memory:"):
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, future=True, json_deserializer=_json_loads)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, future=True, pool_pre_ping=True, json_deserializer=_json_loads)


def _row_version(row: Any) -> VersionInfo:
    loaded = row.loaded_at
    return VersionInfo(
        id=row.id, dataset=row.dataset, publication_date=row.publication_date, sha256=row.sha256,
        files=list(row.files), loaded_at=loaded, entity_count=row.entity_count,
        schema_counts=dict(row.schema_counts), stats=dict(row.stats), warnings=list(row.warnings),
    )


def decode_entity(row: Any) -> Entity:
    """Turn an ``entities`` row (id, schema, data) back into an FtM entity."""
    return entity_from_dict({"id": row.id, "schema": row.schema, "properties": orjson.loads(row.data)})


def _lost_creation_race(exc: SQLAlchemyError) -> bool:
    """Whether ``exc`` says another process created the same table or row first."""
    return isinstance(exc, IntegrityError) or "already exists" in str(exc.orig if hasattr(exc, "orig") else exc)


def create_tables(engine: Engine, schema: MetaData, tables: list[Table] | None = None) -> None:
    """Create the missing tables of ``schema``, tolerating other processes creating them at the same time.

    ``create_all`` checks, then creates: two processes opening a fresh store together both see a table
    missing and the second ``CREATE TABLE`` fails ("already exists" in SQLite, a duplicate ``pg_type`` row
    in PostgreSQL). So each table is created on its own, in dependency order, and a creation that lost
    that race is checked again: the table the other process made is the one wanted.
    """
    wanted = set(tables) if tables is not None else None
    for table in schema.sorted_tables:
        if wanted is not None and table not in wanted:
            continue
        try:
            table.create(engine, checkfirst=True)
        except SQLAlchemyError as exc:
            if not _lost_creation_race(exc):
                raise
            table.create(engine, checkfirst=True)  # made by the other process: a no-op, or a real error


class Store:
    """Access to one Kenning database (``KENNING_DB`` or the SQLite file under ``KENNING_HOME``)."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or settings.DATABASE_URL
        try:
            self.engine = _make_engine(self.url)
            if self.url.startswith("sqlite:///"):
                check_sqlite(self.engine, Path(self.url.removeprefix("sqlite:///")))
            create_tables(self.engine, metadata)
            self._check_schema_version()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open the store at {self.url}: {exc.__class__.__name__}: {exc}") from exc

    def _check_schema_version(self) -> None:
        try:
            with self.engine.begin() as conn:
                found = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
                if found is None:
                    conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
        except IntegrityError:  # another process opening the fresh store wrote it first: read theirs
            with self.engine.connect() as conn:
                found = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
        if found is not None and int(found) > SCHEMA_VERSION:
            raise StoreError(f"the store at {self.url} was written by a newer Kenning "
                             f"(schema {found} > {SCHEMA_VERSION})")

    def connect(self) -> Connection:
        return self.engine.connect()

    # -- versions -------------------------------------------------------------------------------
    def versions(self, dataset: str | None = None) -> list[VersionInfo]:
        """Every stored version, oldest first (optionally of one dataset)."""
        query = select(versions).order_by(versions.c.id)
        if dataset:
            query = query.where(versions.c.dataset == dataset)
        with self.connect() as conn:
            return [_row_version(r) for r in conn.execute(query)]

    def version(self, version_id: int) -> VersionInfo | None:
        with self.connect() as conn:
            row = conn.execute(select(versions).where(versions.c.id == version_id)).first()
        return _row_version(row) if row else None

    def current_versions(self) -> dict[str, VersionInfo]:
        """The current version of each loaded dataset."""
        query = select(versions).join(datasets, datasets.c.current_version == versions.c.id)
        with self.connect() as conn:
            return {r.dataset: _row_version(r) for r in conn.execute(query.order_by(versions.c.dataset))}

    def current_version_ids(self) -> list[int]:
        with self.connect() as conn:
            return [int(v) for v in conn.execute(select(datasets.c.current_version)).scalars()]

    def screening_mark(self) -> str:
        """What a screening index of this store depends on, as a short string that changes whenever it
        does: the current version of each list, and the same-as links' count and latest creation time.
        Cheap (two small queries): a server polls it to notice changes made by other processes."""
        with self.connect() as conn:
            current = sorted(int(v) for v in conn.execute(select(datasets.c.current_version)).scalars())
            count, latest = conn.execute(select(func.count(), func.max(sameas.c.created_at))).one()
        return f"{','.join(map(str, current))}|{count}:{latest.isoformat() if latest is not None else '-'}"

    # -- entities -------------------------------------------------------------------------------
    def get_entity(self, entity_id: str, version_id: int | None = None) -> Entity | None:
        """One entity from the current versions (or from one given version)."""
        ids = [version_id] if version_id is not None else self.current_version_ids()
        query = select(entities.c.id, entities.c.schema, entities.c.data).where(
            entities.c.id == entity_id, entities.c.version_id.in_(ids))
        with self.connect() as conn:
            row = conn.execute(query).first()
        return decode_entity(row) if row else None

    def get_entities(self, entity_ids: list[str]) -> dict[str, Entity]:
        """Many entities of the current versions in one query (ids not found are left out)."""
        if not entity_ids:
            return {}
        query = select(entities.c.id, entities.c.schema, entities.c.data).where(
            entities.c.id.in_(entity_ids), entities.c.version_id.in_(self.current_version_ids()))
        with self.connect() as conn:
            return {row.id: decode_entity(row) for row in conn.execute(query)}

    def records_for_many(self, entity_ids: list[str]) -> dict[str, list[Entity]]:
        """:meth:`records_for` of many entities in one query."""
        out: dict[str, list[Entity]] = {i: [] for i in entity_ids}
        if not entity_ids:
            return out
        inner = select(refs.c.source_id, refs.c.version_id, refs.c.target_id).where(
            refs.c.target_id.in_(entity_ids), refs.c.version_id.in_(self.current_version_ids())).subquery()
        query = (select(inner.c.target_id, entities.c.id, entities.c.schema, entities.c.data)
                 .join(inner, (entities.c.id == inner.c.source_id)
                       & (entities.c.version_id == inner.c.version_id))
                 .order_by(inner.c.target_id, entities.c.id))
        with self.connect() as conn:
            for row in conn.execute(query):
                out[row.target_id].append(decode_entity(row))
        return out

    def records_for(self, entity_id: str) -> list[Entity]:
        """Entities of the current versions that point at ``entity_id`` (sanctions, identifiers, links)."""
        ids = self.current_version_ids()
        inner = select(refs.c.source_id, refs.c.version_id).where(
            refs.c.target_id == entity_id, refs.c.version_id.in_(ids)).subquery()
        query = (select(entities.c.id, entities.c.schema, entities.c.data)
                 .join(inner, (entities.c.id == inner.c.source_id)
                       & (entities.c.version_id == inner.c.version_id))
                 .order_by(entities.c.id))
        with self.connect() as conn:
            return [decode_entity(r) for r in conn.execute(query)]

    def parties_by_reference(self, reference: str) -> list[str]:
        """The listed parties of the current versions whose Sanction gives ``reference`` as its authority's
        identifier or UN reference (``EU.27.28``, ``MAL0011``, ``QDi.276``), sorted."""
        needle = f'%"{reference}"%'
        query = select(entities.c.data).where(entities.c.schema == "Sanction", entities.c.data.like(needle),
                                              entities.c.version_id.in_(self.current_version_ids()))
        found: set[str] = set()
        with self.connect() as conn:
            for (data,) in conn.execute(query):
                props = orjson.loads(data)
                if reference in props.get("authorityId", []) + props.get("unscId", []):
                    found.update(props.get("entity", []))
        return sorted(found)

    def iter_entities(self, dataset: str | None = None, targets_only: bool = False,
                      version_id: int | None = None) -> Iterator[Entity]:
        """Stream the entities of the current versions (or of one version), in id order."""
        if version_id is not None:
            ids = [version_id]
        else:
            current = self.current_versions()
            ids = [v.id for name, v in current.items() if dataset is None or name == dataset]
        query = select(entities.c.id, entities.c.schema, entities.c.data).where(
            entities.c.version_id.in_(ids)).order_by(entities.c.version_id, entities.c.id)
        if targets_only:
            query = query.where(entities.c.target.is_(True))
        with self.connect() as conn:
            for row in conn.execution_options(yield_per=2000).execute(query):
                yield decode_entity(row)


def open_store(url: str | None = None) -> Store:
    """Open (creating if needed) the store at ``url`` or the configured one."""
    return Store(url)
