"""The append-only audit log: who did what, when, to what, with the state before and after.

Each entry's ``hash`` is an HMAC-SHA256, under the audit key, of the previous entry's hash and the entry's
own fields in canonical JSON, so editing, inserting or deleting an entry breaks the chain from there on; the
last hash is also written to ``MONITOR_DIR/audit.head`` after each append, so cutting entries off the end
shows too. Entries are appended inside the transaction of the action they record (:func:`append`), so an
action and its entry are committed together or not at all. Nothing here updates or deletes an entry, and
the database's triggers refuse to (:mod:`kenning.monitor.storage.tables`).
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from kenning import settings
from kenning.monitor.storage.tables import monitor_audit
from kenning.store import Store

__all__ = ["GENESIS", "AuditEntry", "append", "audit_key", "entries", "entry_hash", "read_head", "write_head"]

#: The ``prev_hash`` of the first entry.
GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    """One entry as stored."""

    seq: int
    at: str
    actor: str
    action: str
    object: str
    before: Any
    after: Any
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def audit_key() -> bytes:
    """``KENNING_AUDIT_KEY``, or the key kept in ``MONITOR_DIR/audit.key`` (made on first use, mode 0600)."""
    if settings.AUDIT_KEY:
        return settings.AUDIT_KEY.encode()
    path = settings.MONITOR_DIR / "audit.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_bytes().strip()
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_bytes().strip()


def entry_hash(key: bytes, prev_hash: str, seq: int, at: str, actor: str, action: str, obj: str,
               before: Any, after: Any) -> str:
    """The chained HMAC of one entry."""
    body = orjson.dumps([prev_hash, seq, at, actor, action, obj, before, after], option=orjson.OPT_SORT_KEYS)
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def _canonical(value: Any) -> Any:
    """``value`` as it reads back from a JSON column (so the hash of what was written is the hash read)."""
    return None if value is None else orjson.loads(orjson.dumps(value, option=orjson.OPT_SORT_KEYS))


def append(conn: Connection, actor: str, action: str, obj: str, before: Any = None, after: Any = None) -> int:
    """Append one entry inside the caller's (serialised) write transaction; returns its ``seq``."""
    last = conn.execute(select(monitor_audit.c.seq, monitor_audit.c.hash)
                        .order_by(monitor_audit.c.seq.desc()).limit(1)).first()
    seq, prev = (1, GENESIS) if last is None else (int(last.seq) + 1, str(last.hash))
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    before, after = _canonical(before), _canonical(after)
    digest = entry_hash(audit_key(), prev, seq, at, actor, action, obj, before, after)
    conn.execute(monitor_audit.insert().values(seq=seq, at=at, actor=actor, action=action, object=obj,
                                               before=before, after=after, prev_hash=prev, hash=digest))
    return seq


def entries(store: Store, since: int = 0) -> Iterator[AuditEntry]:
    """Every entry after ``since``, in order."""
    query = select(monitor_audit).where(monitor_audit.c.seq > since).order_by(monitor_audit.c.seq)
    with store.connect() as conn:
        for row in conn.execute(query.execution_options(yield_per=2000)):
            yield AuditEntry(int(row.seq), row.at, row.actor, row.action, row.object, row.before, row.after,
                             row.prev_hash, row.hash)


def count(store: Store) -> int:
    with store.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(monitor_audit)).scalar() or 0)


def _head_path() -> Path:
    return settings.MONITOR_DIR / "audit.head"


def read_head() -> tuple[int, str] | None:
    """The last (seq, hash) written to the head file, None when there is none yet."""
    path = _head_path()
    if not path.exists():
        return None
    seq, _, digest = path.read_text(encoding="ascii").strip().partition(" ")
    return int(seq), digest


def write_head(store: Store) -> None:
    """Record the log's last entry in the head file (never moving it backwards)."""
    with store.connect() as conn:
        last = conn.execute(select(monitor_audit.c.seq, monitor_audit.c.hash)
                            .order_by(monitor_audit.c.seq.desc()).limit(1)).first()
    if last is None:
        return
    path = _head_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        known = read_head()
        if known is None or known[0] < int(last.seq):
            tmp = path.with_suffix(".tmp")
            tmp.write_text(f"{int(last.seq)} {last.hash}\n", encoding="ascii")
            tmp.replace(path)
