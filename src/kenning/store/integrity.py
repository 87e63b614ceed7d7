"""A damaged SQLite store is refused when it is opened, with advice, instead of failing mid-command.

``PRAGMA quick_check`` reads every page (about a second for the bundled lists), so its verdict is kept in
a stamp file beside the database (``kenning.db.checked``: the sizes and times of the database and its
write-ahead log): a store unchanged since its last good check is not read again. Any write changes the
stamp, so the next open checks again.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError

from kenning.errors import StoreError

__all__ = ["ADVICE", "check_sqlite", "damaged", "store_failure"]

ADVICE = ("restore it from a backup, or move it away and run `kenning lists load` (and `kenning news add`) "
          "again to rebuild it")


def _stamp(path: Path) -> str:
    parts = []
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            info = file.stat()
            parts.append(f"{file.name}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts)


def damaged(path: Path | str, detail: str) -> StoreError:
    """The error of a store whose file is damaged."""
    return StoreError(f"the store at {path} is damaged ({detail}): {ADVICE}")


def check_sqlite(engine: Engine, path: Path) -> None:
    """Refuse the SQLite store at ``path`` when ``PRAGMA quick_check`` finds damage (see the module doc)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    stamp_file = path.with_name(path.name + ".checked")
    stamp = _stamp(path)
    if stamp_file.exists() and stamp_file.read_text(encoding="utf-8") == stamp:
        return
    try:
        with engine.connect() as conn:
            found = [str(row[0]) for row in conn.exec_driver_sql("PRAGMA quick_check")]
    except DatabaseError as exc:
        raise damaged(path, str(exc.orig)) from exc
    if found != ["ok"]:
        raise damaged(path, "; ".join(found[:3]))
    with contextlib.suppress(OSError):  # a read-only folder: check again next time
        stamp_file.write_text(stamp, encoding="utf-8")


def store_failure(exc: DatabaseError) -> StoreError:
    """The Kenning error for a database error met while a command or request ran: a damaged file says so
    with advice; anything else names the database's own message."""
    detail = _detail(exc)
    if is_damage(exc):
        return StoreError(f"the store is damaged ({detail}): {ADVICE}")
    return StoreError(f"the store failed: {detail}")


def _detail(exc: DatabaseError) -> str:
    return str(exc.orig) if exc.orig is not None else str(exc)


def is_damage(exc: DatabaseError) -> bool:
    """Whether a database error says the file itself is damaged (not a query or schema failure)."""
    return any(word in _detail(exc).lower() for word in ("malformed", "not a database", "disk i/o error"))
