"""Which version of each list is current, how it became so, and the relinking a change calls for.

A load whose version becomes current, and a rollback, are recorded in ``current_changes`` (what was
current before, when, why) in the same transaction that changes ``datasets``; the same transaction
marks the cross-list links as *pending* a relink. The relink runs after the load (it needs the new
index); if the process dies before it finishes, the mark stays and the next ``lists load``, ``lists
link``, ``lists update``, ``demo`` or server update relinks first (:func:`relink_pending`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from kenning.errors import InputError, NotFoundError
from kenning.store.schema import current_changes, datasets, meta, versions
from kenning.store.store import Store, VersionInfo

__all__ = ["clear_relink_pending", "current_history", "make_current", "pending_mark", "relink_pending", "rollback"]

_PENDING = "relink_pending"


def make_current(conn: Connection, dataset: str, version_id: int, action: str, note: str | None = None) -> None:
    """Make ``version_id`` the current version of ``dataset``, record why, and mark the links pending."""
    previous = conn.execute(select(datasets.c.current_version).where(datasets.c.name == dataset)).scalar()
    if previous is None:
        conn.execute(insert(datasets).values(name=dataset, current_version=version_id))
    else:
        conn.execute(update(datasets).where(datasets.c.name == dataset).values(current_version=version_id))
    conn.execute(insert(current_changes).values(dataset=dataset, version_id=version_id, previous_version_id=previous,
                                                action=action, at=datetime.now(UTC), note=note))
    conn.execute(delete(meta).where(meta.c.key == _PENDING))
    conn.execute(insert(meta).values(key=_PENDING, value=datetime.now(UTC).isoformat()))


def relink_pending(store: Store) -> bool:
    """Whether a list's current version changed since the links were last made."""
    with store.connect() as conn:
        return conn.execute(select(meta.c.value).where(meta.c.key == _PENDING)).first() is not None


def clear_relink_pending(store: Store, since: str | None = None) -> None:
    """The links are current again (``since``: only if no change was marked after that time)."""
    with store.engine.begin() as conn:
        query = delete(meta).where(meta.c.key == _PENDING)
        if since is not None:
            query = query.where(meta.c.value <= since)
        conn.execute(query)


def pending_mark(store: Store) -> str | None:
    """When the pending relink was marked (None when the links are current)."""
    with store.connect() as conn:
        value = conn.execute(select(meta.c.value).where(meta.c.key == _PENDING)).scalar()
    return None if value is None else str(value)


def rollback(store: Store, dataset: str, version_id: int | None = None, note: str | None = None) -> VersionInfo:
    """Make an earlier version of ``dataset`` current again: ``version_id``, or the one that was current
    before the present one. Recorded in the history; the links are marked pending."""
    current = store.current_versions().get(dataset)
    if current is None:
        raise NotFoundError(f"no version of {dataset!r} is loaded")
    with store.engine.begin() as conn:
        if version_id is None:
            version_id = conn.execute(select(current_changes.c.previous_version_id).where(
                current_changes.c.dataset == dataset, current_changes.c.version_id == current.id,
                current_changes.c.previous_version_id.is_not(None)).order_by(current_changes.c.id.desc())).scalar()
        if version_id is None:
            version_id = conn.execute(select(versions.c.id).where(
                versions.c.dataset == dataset, versions.c.id != current.id).order_by(versions.c.id.desc())).scalar()
        if version_id is None:
            raise InputError(f"{dataset} has no earlier version to roll back to")
        found = conn.execute(select(versions.c.dataset).where(versions.c.id == version_id)).scalar()
        if found != dataset:
            raise NotFoundError(f"version {version_id} is not a version of {dataset}")
        if version_id == current.id:
            raise InputError(f"version {version_id} is already the current version of {dataset}")
        make_current(conn, dataset, int(version_id), "rollback", note)
    info = store.version(int(version_id))
    assert info is not None
    return info


def current_history(store: Store, dataset: str) -> list[dict[str, Any]]:
    """Every change of ``dataset``'s current version, the latest first."""
    with store.connect() as conn:
        rows = conn.execute(select(current_changes).where(current_changes.c.dataset == dataset)
                            .order_by(current_changes.c.id.desc())).all()
    return [{"version": r.version_id, "previous": r.previous_version_id, "action": r.action,
             "at": r.at.isoformat(), "note": r.note} for r in rows]
