"""Alerts, decisions and suppressions: writing them (inside a caller's write transaction) and reading them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Select, and_, func, select, update
from sqlalchemy.engine import Connection, Row

from kenning.monitor.storage.tables import (
    monitor_alerts,
    monitor_customers,
    monitor_decisions,
    monitor_deliveries,
    monitor_suppressions,
    monitor_webhooks,
)

__all__ = [
    "AlertFilter",
    "alert_page",
    "alert_row",
    "alert_rows",
    "decision_by_request",
    "decision_export_rows",
    "decisions_of",
    "insert_alert",
    "insert_decision",
    "lift_suppression",
    "set_alert_status",
    "suppressions_of",
    "upsert_suppression",
]


def insert_alert(conn: Connection, values: dict[str, Any]) -> int | None:
    """Insert one alert and queue it for every active webhook; None when its dedupe key exists already."""
    if conn.execute(select(monitor_alerts.c.id).where(monitor_alerts.c.dedupe == values["dedupe"])).first():
        return None
    key = conn.execute(monitor_alerts.insert().values(**values)).inserted_primary_key
    assert key is not None
    alert_id = int(key[0])
    hooks = [int(h) for h in conn.execute(select(monitor_webhooks.c.id).where(monitor_webhooks.c.active.is_(True)))
             .scalars()]
    if hooks:
        conn.execute(monitor_deliveries.insert(), [
            {"alert_id": alert_id, "webhook_id": h, "status": "pending", "attempts": 0,
             "next_at": values["created_at"]} for h in hooks])
    return alert_id


def suppressions_of(conn: Connection, pairs: Sequence[tuple[int, str]]) -> dict[tuple[int, str], Row[Any]]:
    """The active suppressions of these (customer, subject) pairs."""
    out: dict[tuple[int, str], Row[Any]] = {}
    customers = sorted({p for p, _s in pairs})
    wanted = set(pairs)
    for start in range(0, len(customers), 900):
        query = select(monitor_suppressions).where(monitor_suppressions.c.customer_pk.in_(customers[start:start + 900]),
                                                   monitor_suppressions.c.active.is_(True))
        for row in conn.execute(query):
            if (row.customer_pk, row.subject) in wanted:
                out[(row.customer_pk, row.subject)] = row
    return out


def upsert_suppression(conn: Connection, customer_pk: int, subject: str, decision_id: int, customer_hash: str,
                       entity_stamp: str) -> None:
    conn.execute(monitor_suppressions.delete().where(monitor_suppressions.c.customer_pk == customer_pk,
                                                     monitor_suppressions.c.subject == subject))
    conn.execute(monitor_suppressions.insert().values(
        customer_pk=customer_pk, subject=subject, decision_id=decision_id, customer_hash=customer_hash,
        entity_stamp=entity_stamp, active=True))


def lift_suppression(conn: Connection, customer_pk: int, subject: str, because: str, at: dt.datetime) -> None:
    conn.execute(update(monitor_suppressions).where(
        monitor_suppressions.c.customer_pk == customer_pk, monitor_suppressions.c.subject == subject,
        monitor_suppressions.c.active.is_(True)).values(active=False, lifted_at=at, lifted_because=because))


def decision_by_request(conn: Connection, request_id: str) -> Row[Any] | None:
    return conn.execute(select(monitor_decisions).where(monitor_decisions.c.request_id == request_id)).first()


def insert_decision(conn: Connection, values: dict[str, Any]) -> int:
    key = conn.execute(monitor_decisions.insert().values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def set_alert_status(conn: Connection, alert_id: int, status: str, at: dt.datetime, by: str) -> None:
    conn.execute(update(monitor_alerts).where(monitor_alerts.c.id == alert_id)
                 .values(status=status, decided_at=at, decided_by=by))


def decisions_of(conn: Connection, alert_ids: Sequence[int]) -> dict[int, list[Row[Any]]]:
    out: dict[int, list[Row[Any]]] = {}
    for start in range(0, len(alert_ids), 900):
        query = (select(monitor_decisions).where(monitor_decisions.c.alert_id.in_(alert_ids[start:start + 900]))
                 .order_by(monitor_decisions.c.id))
        for row in conn.execute(query):
            out.setdefault(row.alert_id, []).append(row)
    return out


_ALERT_COLUMNS = (*monitor_alerts.c, monitor_customers.c.customer_id, monitor_customers.c.names)


#: The largest row id or offset an SQL integer holds: beyond it no alert exists (and SQLite would overflow).
MAX_ROW = 2**63 - 1


def alert_row(conn: Connection, alert_id: int) -> Row[Any] | None:
    if not 0 < alert_id <= MAX_ROW:
        return None
    query = (select(*_ALERT_COLUMNS).join(monitor_customers, monitor_customers.c.id == monitor_alerts.c.customer_pk)
             .where(monitor_alerts.c.id == alert_id))
    return conn.execute(query).first()


class AlertFilter:
    """Which alerts a queue shows: by status, kind, portfolio, customer (its row id) or subject."""

    def __init__(self, status: str | None = None, kind: str | None = None, portfolio: str | None = None,
                 customer_pk: int | None = None, subject: str | None = None) -> None:
        self.status, self.kind, self.portfolio = status, kind, portfolio
        self.customer_pk, self.subject = customer_pk, subject

    def apply(self, query: Select[Any]) -> Select[Any]:
        conditions = []
        if self.status:
            conditions.append(monitor_alerts.c.status == self.status)
        if self.kind:
            conditions.append(monitor_alerts.c.kind == self.kind)
        if self.portfolio:
            conditions.append(monitor_alerts.c.portfolio == self.portfolio)
        if self.customer_pk is not None:
            conditions.append(monitor_alerts.c.customer_pk == self.customer_pk)
        if self.subject:
            conditions.append(monitor_alerts.c.subject == self.subject)
        return query.where(and_(*conditions)) if conditions else query


def alert_page(conn: Connection, where: AlertFilter, limit: int, offset: int,
               newest_first: bool = True) -> tuple[int, list[Row[Any]]]:
    """The total number of alerts ``where`` selects, and one page of them (with the customer's id and names)."""
    total = int(conn.execute(where.apply(select(func.count()).select_from(monitor_alerts))).scalar() or 0)
    if offset >= total:
        return total, []
    order = monitor_alerts.c.id.desc() if newest_first else monitor_alerts.c.id
    query = where.apply(select(*_ALERT_COLUMNS).join(
        monitor_customers, monitor_customers.c.id == monitor_alerts.c.customer_pk)).order_by(order)
    return total, list(conn.execute(query.limit(limit).offset(offset)))


def alert_rows(store: Any, portfolio: str | None) -> Iterator[Row[Any]]:
    """Every alert (of one portfolio) with its customer's id and names, oldest first (for export)."""
    query = (select(*_ALERT_COLUMNS).join(monitor_customers, monitor_customers.c.id == monitor_alerts.c.customer_pk)
             .order_by(monitor_alerts.c.id))
    if portfolio:
        query = query.where(monitor_alerts.c.portfolio == portfolio)
    with store.connect() as conn:
        yield from conn.execute(query.execution_options(yield_per=2000))


def decision_export_rows(store: Any, portfolio: str | None) -> Iterator[Row[Any]]:
    """Every decision (of one portfolio's alerts) with the alert's portfolio and subject and the customer's id."""
    query = (select(monitor_decisions, monitor_alerts.c.portfolio, monitor_alerts.c.subject,
                    monitor_customers.c.customer_id)
             .join(monitor_alerts, monitor_alerts.c.id == monitor_decisions.c.alert_id)
             .join(monitor_customers, monitor_customers.c.id == monitor_alerts.c.customer_pk)
             .order_by(monitor_decisions.c.id))
    if portfolio:
        query = query.where(monitor_alerts.c.portfolio == portfolio)
    with store.connect() as conn:
        yield from conn.execute(query.execution_options(yield_per=2000))
