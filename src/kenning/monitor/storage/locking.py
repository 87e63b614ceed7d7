"""Write transactions that serialise with each other: the first statement locks one row.

SQLite's driver starts a transaction only at the first write, so reads before it would run outside it;
PostgreSQL runs concurrent transactions side by side. Updating the ``lock`` counter first takes SQLite's
write lock (or PostgreSQL's row lock) at once: a run's write of one unit and an analyst's decision never
interleave, and each reads the state the other left.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import update
from sqlalchemy.engine import Connection

from kenning.monitor.storage.tables import ensure_monitor_tables, monitor_counters
from kenning.store import Store

__all__ = ["next_seq", "write_tx"]


@contextmanager
def write_tx(store: Store) -> Iterator[Connection]:
    """One serialised write transaction (committed on leaving, rolled back on an error)."""
    ensure_monitor_tables(store)
    with store.engine.begin() as conn:
        conn.execute(update(monitor_counters).where(monitor_counters.c.name == "lock")
                     .values(value=monitor_counters.c.value + 1))
        yield conn


def next_seq(conn: Connection, count: int = 1) -> int:
    """Reserve ``count`` values of the customer change counter; returns the first (inside a write_tx)."""
    conn.execute(update(monitor_counters).where(monitor_counters.c.name == "seq")
                 .values(value=monitor_counters.c.value + count))
    value = conn.execute(monitor_counters.select().where(monitor_counters.c.name == "seq")).one().value
    return int(value) - count + 1
