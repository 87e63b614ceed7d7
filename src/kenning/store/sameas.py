"""Writing the cross-list "same as" links (reading them is in :mod:`kenning.store.views`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from kenning.store.schema import sameas
from kenning.store.store import Store

__all__ = ["replace_same_as"]


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
