"""The match state and what a run needs to read and write: profiles, cursors, matches, runs, customers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import and_, func, select, tuple_, update
from sqlalchemy.engine import Connection, Row

from kenning.monitor.storage.tables import (
    ensure_monitor_tables,
    monitor_cursors,
    monitor_customers,
    monitor_matches,
    monitor_profiles,
    monitor_runs,
)
from kenning.store import Store

__all__ = [
    "active_customers",
    "customer_rows",
    "delete_matches",
    "get_cursor",
    "insert_profile",
    "latest_profile",
    "matches_of",
    "now",
    "open_run",
    "put_matches",
    "set_cursor",
    "update_run",
]


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def latest_profile(store: Store) -> Row[Any] | None:
    ensure_monitor_tables(store)
    with store.connect() as conn:
        return conn.execute(select(monitor_profiles).order_by(monitor_profiles.c.id.desc()).limit(1)).first()


def insert_profile(conn: Connection, algorithm: str, threshold: float, matcher: str, rarity: dict[str, float]) -> int:
    key = conn.execute(monitor_profiles.insert().values(algorithm=algorithm, threshold=threshold, matcher=matcher,
                                                        rarity=rarity, created_at=now())).inserted_primary_key
    assert key is not None
    return int(key[0])


def get_cursor(conn: Connection, key: str, default: Any = None) -> Any:
    row = conn.execute(select(monitor_cursors.c.value).where(monitor_cursors.c.key == key)).first()
    return default if row is None else row.value


def set_cursor(conn: Connection, key: str, value: Any) -> None:
    if conn.execute(select(monitor_cursors.c.key).where(monitor_cursors.c.key == key)).first() is None:
        conn.execute(monitor_cursors.insert().values(key=key, value=value))
    else:
        conn.execute(update(monitor_cursors).where(monitor_cursors.c.key == key).values(value=value))


def customer_rows(conn: Connection, pks: Sequence[int]) -> list[Row[Any]]:
    """Customer rows by id (removed ones included)."""
    out: list[Row[Any]] = []
    for start in range(0, len(pks), 900):
        out += conn.execute(select(monitor_customers).where(monitor_customers.c.id.in_(pks[start:start + 900])))
    return out


def active_customers(store: Store, after_seq: int = 0, upto_seq: int | None = None,
                     batch: int = 5000) -> Iterator[list[Row[Any]]]:
    """Batches of the customers not removed, by id; only those changed after ``after_seq`` (up to
    ``upto_seq``) when given."""
    query = select(monitor_customers).where(monitor_customers.c.removed.is_(False),
                                            monitor_customers.c.seq > after_seq)
    if upto_seq is not None:
        query = query.where(monitor_customers.c.seq <= upto_seq)
    with store.connect() as conn:
        rows: list[Row[Any]] = []
        for row in conn.execute(query.order_by(monitor_customers.c.id).execution_options(yield_per=batch)):
            rows.append(row)
            if len(rows) >= batch:
                yield rows
                rows = []
        if rows:
            yield rows


def matches_of(conn: Connection, customers: Sequence[int] | None = None,
               entities: Sequence[str] | None = None) -> dict[tuple[int, str], Row[Any]]:
    """The stored matches of these customers, or of these entities."""
    out: dict[tuple[int, str], Row[Any]] = {}
    if customers is not None:
        for start in range(0, len(customers), 900):
            pks = customers[start:start + 900]
            for row in conn.execute(select(monitor_matches).where(monitor_matches.c.customer_pk.in_(pks))):
                out[(row.customer_pk, row.entity_id)] = row
    if entities is not None:
        for start in range(0, len(entities), 900):
            ids = entities[start:start + 900]
            for row in conn.execute(select(monitor_matches).where(monitor_matches.c.entity_id.in_(ids))):
                out[(row.customer_pk, row.entity_id)] = row
    return out


def delete_matches(conn: Connection, pairs: Iterable[tuple[int, str]]) -> None:
    items = list(pairs)
    for start in range(0, len(items), 400):
        chunk = items[start:start + 400]
        conn.execute(monitor_matches.delete().where(
            tuple_(monitor_matches.c.customer_pk, monitor_matches.c.entity_id).in_(chunk)))


def put_matches(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Insert or replace matches (rows with every column of ``monitor_matches``)."""
    delete_matches(conn, [(r["customer_pk"], r["entity_id"]) for r in rows])
    for start in range(0, len(rows), 2000):
        conn.execute(monitor_matches.insert(), list(rows[start:start + 2000]))


def all_matches(store: Store) -> dict[tuple[int, str], float]:
    """Every stored match and its score (what a full re-screen is compared with)."""
    with store.connect() as conn:
        return {(r.customer_pk, r.entity_id): round(r.score, 6) for r in conn.execute(
            select(monitor_matches.c.customer_pk, monitor_matches.c.entity_id, monitor_matches.c.score))}


def open_run(store: Store) -> Row[Any] | None:
    """The run that was started and never finished (killed), if any."""
    ensure_monitor_tables(store)
    with store.connect() as conn:
        return conn.execute(select(monitor_runs).where(monitor_runs.c.status == "running")
                            .order_by(monitor_runs.c.id).limit(1)).first()


def update_run(conn: Connection, run_id: int, **values: Any) -> None:
    conn.execute(update(monitor_runs).where(monitor_runs.c.id == run_id).values(**values))


def count_active(store: Store) -> int:
    with store.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(monitor_customers).where(
            and_(monitor_customers.c.removed.is_(False)))).scalar() or 0)
