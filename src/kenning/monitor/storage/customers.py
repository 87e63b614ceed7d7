"""Writing and reading portfolios: an import compares the file with the stored customers by
``customer_id`` and writes the differences (with their history) in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection, Row

from kenning.monitor.storage.locking import next_seq
from kenning.monitor.storage.state import now
from kenning.monitor.storage.tables import monitor_customer_history, monitor_customers

__all__ = ["ImportChanges", "apply_import", "customer_by_id", "customer_history", "portfolio_counts"]


@dataclass
class ImportChanges:
    """What an import changed, by customer_id."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {"added": len(self.added), "changed": len(self.changed), "unchanged": self.unchanged,
                "removed": len(self.removed)}


def _existing(conn: Connection, portfolio: str) -> dict[str, tuple[int, str, bool]]:
    query = select(monitor_customers.c.customer_id, monitor_customers.c.id, monitor_customers.c.hash,
                   monitor_customers.c.removed).where(monitor_customers.c.portfolio == portfolio)
    rows = conn.execute(query.execution_options(yield_per=20000))
    return {r.customer_id: (r.id, r.hash, r.removed) for r in rows}


def apply_import(conn: Connection, portfolio: str, customers: Sequence[tuple[str, dict[str, Any], str]],
                 sync: bool, source: str) -> ImportChanges:
    """Write ``customers`` (customer_id, data, hash) into ``portfolio`` inside the caller's write transaction;
    with ``sync``, mark those missing from the file removed."""
    at = now()
    known = _existing(conn, portfolio)
    changes = ImportChanges()
    inserts, updates, history = [], [], []
    todo = [c for c in customers if c[0] not in known or known[c[0]][1] != c[2] or known[c[0]][2]]
    changes.unchanged = len(customers) - len(todo)
    listed = {c[0] for c in customers}
    gone = sorted(cid for cid, (_pk, _h, removed) in known.items() if sync and not removed and cid not in listed)
    seq = next_seq(conn, len(todo) + len(gone)) if todo or gone else 0
    seq_of: dict[str, int] = {}
    for n, (cid, data, digest) in enumerate(todo):
        seq_of[cid] = seq + n
        values = {**data, "hash": digest, "seq": seq + n, "removed": False, "updated_at": at}
        if cid in known:
            updates.append((known[cid][0], values))
            changes.changed.append(cid)
        else:
            inserts.append({"portfolio": portfolio, "customer_id": cid, **values})
            changes.added.append(cid)
    for start in range(0, len(inserts), 5000):
        conn.execute(monitor_customers.insert(), inserts[start:start + 5000])
    for pk, values in updates:
        conn.execute(update(monitor_customers).where(monitor_customers.c.id == pk).values(**values))
    for n, cid in enumerate(gone, start=len(todo)):
        seq_of[cid] = seq + n
        conn.execute(update(monitor_customers).where(monitor_customers.c.id == known[cid][0])
                     .values(removed=True, seq=seq + n, updated_at=at))
        changes.removed.append(cid)
    pks = _existing(conn, portfolio)
    for cid, data, digest in todo:
        change = "changed" if cid in known else "added"
        history.append({"customer_pk": pks[cid][0], "seq": seq_of[cid], "change": change, "data": data,
                        "hash": digest, "source": source, "at": at})
    history += [{"customer_pk": known[cid][0], "seq": seq_of[cid], "change": "removed", "data": {},
                 "hash": known[cid][1], "source": source, "at": at} for cid in gone]
    for start in range(0, len(history), 5000):
        conn.execute(monitor_customer_history.insert(), history[start:start + 5000])
    return changes


def customer_by_id(conn: Connection, portfolio: str, customer_id: str) -> Row[Any] | None:
    return conn.execute(select(monitor_customers).where(monitor_customers.c.portfolio == portfolio,
                                                        monitor_customers.c.customer_id == customer_id)).first()


def customer_history(conn: Connection, customer_pk: int) -> list[Row[Any]]:
    return list(conn.execute(select(monitor_customer_history).where(
        monitor_customer_history.c.customer_pk == customer_pk).order_by(monitor_customer_history.c.id)))


def portfolio_counts(conn: Connection) -> dict[str, dict[str, int]]:
    """Per portfolio: customers kept and removed."""
    query = select(monitor_customers.c.portfolio, monitor_customers.c.removed, func.count()).group_by(
        monitor_customers.c.portfolio, monitor_customers.c.removed)
    out: dict[str, dict[str, int]] = {}
    for portfolio, removed, n in conn.execute(query):
        out.setdefault(portfolio, {"customers": 0, "removed": 0})["removed" if removed else "customers"] += int(n)
    return out
