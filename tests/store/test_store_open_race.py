"""Processes opening one fresh store at the same moment all succeed (SQLite and PostgreSQL).

Every command opens the store and creates what is missing (list, news and monitoring tables, the schema
version, the monitor's lock rows). Two commands started together on a new home both find a table or row
missing and both create it; the second must not fail. Each case starts several processes on a barrier so
they really collide, over several fresh stores.
"""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from kenning.monitor.storage.tables import ensure_monitor_tables
from kenning.news.storage.tables import ensure_news_tables
from kenning.store import Store
from kenning.store.schema import SCHEMA_VERSION

PROCESSES = 6


def _open(url: str, barrier: mp.synchronize.Barrier, errors: mp.Queue[str]) -> None:  # type: ignore[name-defined]
    barrier.wait(timeout=60)
    try:
        store = Store(url)
        ensure_news_tables(store)
        ensure_monitor_tables(store)
        store.engine.dispose()
    except Exception as exc:  # reported to the test, which fails on any
        errors.put(f"{exc.__class__.__name__}: {exc}"[:400])


def _open_together(url: str) -> list[str]:
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(PROCESSES)
    errors: mp.Queue[str] = ctx.Queue()
    runs = [ctx.Process(target=_open, args=(url, barrier, errors)) for _ in range(PROCESSES)]
    for run in runs:
        run.start()
    for run in runs:
        run.join(timeout=120)
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert [run.exitcode for run in runs] == [0] * PROCESSES
    return found


def _check(url: str) -> None:
    store = Store(url)
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT value FROM kenning_meta WHERE key = 'schema_version'")).all()
        counters = conn.execute(text("SELECT name FROM monitor_counters ORDER BY name")).scalars().all()
    store.engine.dispose()
    assert [r.value for r in rows] == [str(SCHEMA_VERSION)]
    assert counters == ["lock", "seq"]


@pytest.mark.parametrize("attempt", range(4))
def test_fresh_sqlite_store_opened_by_many_processes_at_once(tmp_path: Path, attempt: int) -> None:
    url = f"sqlite:///{tmp_path / f'race{attempt}' / 'kenning.db'}"
    assert _open_together(url) == []
    _check(url)


@pytest.mark.parametrize("attempt", range(2))
def test_fresh_postgres_store_opened_by_many_processes_at_once(postgres_url: str, attempt: int) -> None:
    name = f"race_{attempt}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    url = postgres_url.rsplit("/", 1)[0] + f"/{name}"
    assert _open_together(url) == []
    _check(url)
