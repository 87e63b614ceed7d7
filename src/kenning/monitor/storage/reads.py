"""The remaining queries of monitoring's services: counters and counts, runs, customers by change window, the
media cursor, match stamps, alert digests and kinds, decisions for verification, webhooks' outbox."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

import orjson
from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection, Row

from kenning.monitor.storage.tables import (
    ensure_monitor_tables,
    monitor_alerts,
    monitor_counters,
    monitor_customers,
    monitor_decisions,
    monitor_deliveries,
    monitor_matches,
    monitor_media_done,
    monitor_profiles,
    monitor_runs,
    monitor_webhooks,
)
from kenning.store import Store

__all__ = [
    "alert_kinds", "alerts_digest", "customer_count", "customer_row", "customers_in_window", "customers_seq",
    "decision_rows", "delivery_due", "drop_customers", "insert_run", "insert_webhook", "live_customers",
    "mark_media_done", "match_stamps", "matches_of_customer", "media_done", "media_done_ids", "next_delivery",
    "profile_row", "run_done", "seq_counter", "set_delivery", "set_webhook_active", "webhook_row", "webhook_rows",
]


def seq_counter(conn: Connection) -> int:
    return int(conn.execute(select(monitor_counters.c.value).where(monitor_counters.c.name == "seq")).scalar() or 0)


def customer_count(store: Store) -> int:
    ensure_monitor_tables(store)
    with store.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(monitor_customers)).scalar() or 0)


def profile_row(store: Store, profile_id: int) -> Row[Any] | None:
    with store.connect() as conn:
        return conn.execute(select(monitor_profiles).where(monitor_profiles.c.id == profile_id)).first()


def customer_row(conn: Connection, pk: int) -> Row[Any]:
    return conn.execute(select(monitor_customers).where(monitor_customers.c.id == pk)).one()


def customers_in_window(store: Store, after: int, upto: int) -> list[Row[Any]]:
    """Customers (removed ones too) whose last change is in (after, upto]."""
    with store.connect() as conn:
        return list(conn.execute(select(monitor_customers).where(monitor_customers.c.seq > after,
                                                                 monitor_customers.c.seq <= upto)))


def live_customers(store: Store) -> dict[int, int]:
    """Every customer not removed: row id → change counter."""
    with store.connect() as conn:
        return {int(r.id): int(r.seq) for r in conn.execute(
            select(monitor_customers.c.id, monitor_customers.c.seq).where(monitor_customers.c.removed.is_(False)))}


def customers_seq(store: Store) -> int:
    with store.connect() as conn:
        return seq_counter(conn)


def drop_customers(conn: Connection, pks: Sequence[int]) -> list[int]:
    """Delete the matches of these customers; their alerts still open or escalated."""
    conn.execute(monitor_matches.delete().where(monitor_matches.c.customer_pk.in_(pks)))
    return [int(i) for i in conn.execute(select(monitor_alerts.c.id).where(
        monitor_alerts.c.customer_pk.in_(pks), monitor_alerts.c.status.in_(("open", "escalated")))).scalars()]


def match_stamps(conn: Connection, pk: int, subject: str) -> Any:
    """The hashes a stored match holds (customer_hash, entity_stamp), None when the pair does not match."""
    return conn.execute(select(monitor_matches.c.customer_hash, monitor_matches.c.entity_stamp).where(
        monitor_matches.c.customer_pk == pk, monitor_matches.c.entity_id == subject)).first()


def matches_of_customer(conn: Connection, pk: int) -> list[Row[Any]]:
    return list(conn.execute(select(monitor_matches).where(monitor_matches.c.customer_pk == pk)
                             .order_by(monitor_matches.c.score.desc())))


def alerts_digest(conn: Connection, alert_ids: Sequence[int]) -> str:
    """sha256 of the alerts as written (id, dedupe, kind, subject, evidence): a unit's audit entry keeps it."""
    import hashlib

    digest = hashlib.sha256()
    if alert_ids:
        query = (select(monitor_alerts.c.id, monitor_alerts.c.dedupe, monitor_alerts.c.kind,
                        monitor_alerts.c.subject, monitor_alerts.c.evidence)
                 .where(monitor_alerts.c.id.in_(list(alert_ids))).order_by(monitor_alerts.c.id))
        for row in conn.execute(query):
            digest.update(orjson.dumps([row.id, row.dedupe, row.kind, row.subject, row.evidence],
                                       option=orjson.OPT_SORT_KEYS))
    return digest.hexdigest()


def alert_kinds(store: Store, alert_ids: Sequence[int]) -> list[str]:
    with store.connect() as conn:
        return [str(k) for k in conn.execute(select(monitor_alerts.c.kind).where(
            monitor_alerts.c.id.in_(list(alert_ids)))).scalars()]


def insert_run(conn: Connection, kind: str, plan: dict[str, Any], at: dt.datetime) -> int:
    key = conn.execute(monitor_runs.insert().values(kind=kind, status="running", plan=plan, done=[], stats={},
                                                    started_at=at)).inserted_primary_key
    assert key is not None
    return int(key[0])


def run_done(conn: Connection, run_id: int, unit: str) -> None:
    """Note one more unit of a run as done."""
    done = conn.execute(select(monitor_runs.c.done).where(monitor_runs.c.id == run_id)).scalar() or []
    conn.execute(update(monitor_runs).where(monitor_runs.c.id == run_id).values(done=[*done, unit]))


def media_done(conn: Connection, article_id: str) -> bool:
    return conn.execute(select(monitor_media_done.c.article_id).where(
        monitor_media_done.c.article_id == article_id)).first() is not None


def mark_media_done(conn: Connection, article_id: str, at: dt.datetime) -> None:
    conn.execute(monitor_media_done.insert().values(article_id=article_id, at=at))


def media_done_ids(store: Store) -> list[str]:
    with store.connect() as conn:
        return [str(i) for i in conn.execute(select(monitor_media_done.c.article_id)).scalars()]


def decision_rows(store: Store) -> list[Row[Any]]:
    with store.connect() as conn:
        return list(conn.execute(select(monitor_decisions).order_by(monitor_decisions.c.id)))


def insert_webhook(conn: Connection, url: str, secret: str, at: dt.datetime) -> int:
    key = conn.execute(monitor_webhooks.insert().values(url=url, secret=secret, active=True, created_at=at)
                       ).inserted_primary_key
    assert key is not None
    return int(key[0])


def webhook_row(conn: Connection, hook_id: int) -> Row[Any] | None:
    return conn.execute(select(monitor_webhooks).where(monitor_webhooks.c.id == hook_id)).first()


def set_webhook_active(conn: Connection, hook_id: int, active: bool) -> None:
    conn.execute(update(monitor_webhooks).where(monitor_webhooks.c.id == hook_id).values(active=active))


def webhook_rows(store: Store) -> list[Row[Any]]:
    ensure_monitor_tables(store)
    with store.connect() as conn:
        return list(conn.execute(select(monitor_webhooks).order_by(monitor_webhooks.c.id)))


def delivery_due(store: Store, at: dt.datetime) -> Iterator[Row[Any]]:
    """Pending deliveries due by ``at``, with their webhook's URL and secret."""
    query = (select(monitor_deliveries, monitor_webhooks.c.url, monitor_webhooks.c.secret)
             .join(monitor_webhooks, monitor_webhooks.c.id == monitor_deliveries.c.webhook_id)
             .where(monitor_deliveries.c.status == "pending", monitor_deliveries.c.next_at <= at)
             .order_by(monitor_deliveries.c.id))
    with store.connect() as conn:
        yield from list(conn.execute(query))


def set_delivery(store: Store, delivery_id: int, values: dict[str, Any]) -> None:
    with store.engine.begin() as conn:
        conn.execute(update(monitor_deliveries).where(monitor_deliveries.c.id == delivery_id).values(**values))


def next_delivery(store: Store) -> dt.datetime | None:
    with store.connect() as conn:
        value = conn.execute(select(monitor_deliveries.c.next_at).where(monitor_deliveries.c.status == "pending")
                             .order_by(monitor_deliveries.c.next_at).limit(1)).scalar()
    if not isinstance(value, dt.datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
