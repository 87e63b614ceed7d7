"""Shared test fixtures: an isolated KENNING_HOME per test and an in-process CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kenning import settings
from kenning.sources.base import load_catalogue
from testkit import SetSetting, free_port, kenning_env


@pytest.fixture
def kenning_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh KENNING_HOME (SQLite store and index inside) for one test."""
    home = tmp_path / "home"
    monkeypatch.setenv("KENNING_HOME", str(home))
    monkeypatch.delenv("KENNING_DB", raising=False)
    monkeypatch.delenv("KENNING_INDEX_DIR", raising=False)
    settings.reload()
    yield home
    monkeypatch.undo()
    settings.reload()
    load_catalogue.cache_clear()


@pytest.fixture
def kenning_setting(monkeypatch: pytest.MonkeyPatch) -> Iterator[SetSetting]:
    """``set(NAME, value)``: set (None: unset) ``KENNING_NAME`` and re-read the settings; undone after."""

    def set_setting(name: str, value: str | None) -> None:
        if value is None:
            monkeypatch.delenv(f"KENNING_{name}", raising=False)
        else:
            monkeypatch.setenv(f"KENNING_{name}", value)
        settings.reload()

    yield set_setting
    monkeypatch.undo()
    settings.reload()


PG_BIN = Path("/usr/lib/postgresql/15/bin")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL 15 server on 127.0.0.1 (initdb in a temp dir, stopped after the session)."""
    if not (PG_BIN / "initdb").exists():
        pytest.fail("PostgreSQL 15 server binaries are missing: `make test` installs them (Debian's postgresql)")
    # Not under pytest's tmp dir: that one is private to root, and the server runs as `postgres`.
    root = Path(tempfile.mkdtemp(prefix="kenning-pg-"))
    os.chmod(root, 0o777)
    data = root / "data"
    runas = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*runas, str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                    "--no-sync"], check=True, capture_output=True)
    port = free_port()
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off"
    # The server inherits pg_ctl's output: send it to a log file, or run() would wait for it forever.
    subprocess.run([*runas, str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w",
                    "-o", options, "start"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*runas, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, check=False)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def bundled_home_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A KENNING_HOME with every bundled list loaded, the index built and the lists linked (once per session)."""
    from kenning.matching.screener import Screener
    from kenning.matching.service import relink
    from kenning.store import Store
    from kenning.store.service import load_lists

    home = tmp_path_factory.mktemp("bundled") / "home"
    with kenning_env(HOME=str(home)):
        store = Store()
        load_lists(store, show_progress=False)
        relink(store, Screener.open())
        store.engine.dispose()
    return home


@pytest.fixture
def bundled_home(bundled_home_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point this test at the session's fully loaded store (read-only use, please)."""
    monkeypatch.setenv("KENNING_HOME", str(bundled_home_dir))
    monkeypatch.delenv("KENNING_DB", raising=False)
    monkeypatch.delenv("KENNING_INDEX_DIR", raising=False)
    settings.reload()
    yield bundled_home_dir
    monkeypatch.undo()
    settings.reload()
