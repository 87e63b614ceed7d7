"""The cross-list "same as" links: the one place that writes and reads the ``sameas`` table.

Matching (the links of every party), stories (one canonical id per cluster), the dossier and the news
read models (a party's cluster) all read the links through these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, func, or_, select
from sqlalchemy.engine import Connection

from kenning.store.schema import sameas
from kenning.store.store import Store

__all__ = ["count_same_as", "replace_same_as", "same_as_cluster", "same_as_pairs", "same_as_rows"]


def replace_same_as(store: Store, links: Iterable[tuple[str, str, float, dict[str, Any]]], method: str) -> int:
    """Replace every link made by ``method`` with ``links`` (left, right, score, evidence), in one transaction."""
    now = datetime.now(UTC)
    rows = {}
    for left, right, score, evidence in links:
        a, b = sorted((left, right))
        rows[(a, b)] = {"left_id": a, "right_id": b, "score": score, "method": method, "evidence": evidence,
                        "created_at": now}
    with store.engine.begin() as conn:
        conn.execute(sameas.delete().where(sameas.c.method == method))
        if rows:
            conn.execute(sameas.insert(), list(rows.values()))
    return len(rows)


def same_as_pairs(conn: Connection) -> list[tuple[str, str]]:
    """Every link as (left id, right id), the strongest first."""
    query = select(sameas.c.left_id, sameas.c.right_id).order_by(sameas.c.score.desc())
    return [(str(left), str(right)) for left, right in conn.execute(query)]


def same_as_rows(conn: Connection, entity_id: str) -> list[Row[Any]]:
    """The links of one entity (either side), the strongest first, with method, score and evidence."""
    query = select(sameas).where(or_(sameas.c.left_id == entity_id, sameas.c.right_id == entity_id))
    return list(conn.execute(query.order_by(sameas.c.score.desc())))


def same_as_cluster(conn: Connection, entity_id: str) -> set[str]:
    """``entity_id`` and every entity linked to it by same-as links, transitively."""
    found, todo = {entity_id}, [entity_id]
    while todo:
        current = todo.pop()
        query = select(sameas.c.left_id, sameas.c.right_id).where(
            or_(sameas.c.left_id == current, sameas.c.right_id == current))
        for left, right in conn.execute(query):
            for other in (left, right):
                if other not in found:
                    found.add(other)
                    todo.append(other)
    return found


def count_same_as(conn: Connection) -> int:
    """How many links the store holds."""
    return int(conn.execute(select(func.count()).select_from(sameas)).scalar() or 0)

