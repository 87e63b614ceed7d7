"""The monitoring tables: portfolios and customers, the matcher profile, the match state, alerts,
decisions, suppressions, runs, the audit log and webhooks.

They hang off monitoring's own ``metadata`` (the store's schema, :mod:`kenning.store.schema`, knows nothing
of them); :func:`ensure_monitor_tables` creates them in a store's database. The audit log is append-only in
the database too: triggers refuse UPDATE and DELETE on ``monitor_audit`` (SQLite and PostgreSQL), so nothing
in Kenning, nor a stray SQL statement, can change it without first dropping the triggers, and the hash chain
(:mod:`kenning.monitor.storage.audit`) shows it when someone does.

* ``monitor_customers`` — one row per (portfolio, customer_id): the screening columns, a content hash, and
  ``seq``, the value of a global counter when the row last changed (what a run uses to find changed ones);
  ``monitor_customer_history`` keeps every version of it;
* ``monitor_profiles`` — the matcher a portfolio is screened with, pinned (algorithm, threshold, the name
  tables' digest, the part-rarity table), so an incremental run and a full re-screen score alike;
* ``monitor_cursors`` — what the match state reflects: the list version per dataset, the customer ``seq``,
  the profile;
* ``monitor_matches`` — the current customer–entry pairs at or above the threshold;
* ``monitor_alerts`` / ``monitor_decisions`` / ``monitor_suppressions`` — the queue, the analysts' decisions
  and the false positives held back until either side changes;
* ``monitor_runs`` — each run's plan and the units done, so a killed run resumes where it stopped;
* ``monitor_media_done`` — the stored news reports already matched against the portfolios;
* ``monitor_webhooks`` / ``monitor_deliveries`` — receivers, and an outbox of signed deliveries.
"""

from __future__ import annotations

import weakref

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    select,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from kenning.store import Store, create_tables

__all__ = [
    "MONITOR_TABLES",
    "ensure_monitor_tables",
    "monitor_alerts",
    "monitor_audit",
    "monitor_counters",
    "monitor_cursors",
    "monitor_customer_history",
    "monitor_customers",
    "monitor_decisions",
    "monitor_deliveries",
    "monitor_matches",
    "monitor_media_done",
    "monitor_metadata",
    "monitor_profiles",
    "monitor_runs",
    "monitor_suppressions",
    "monitor_webhooks",
]

monitor_metadata = MetaData()

monitor_counters = Table(
    "monitor_counters", monitor_metadata,
    Column("name", String(32), primary_key=True),
    Column("value", Integer, nullable=False),
)

monitor_customers = Table(
    "monitor_customers", monitor_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("portfolio", String(128), nullable=False),
    Column("customer_id", String(255), nullable=False),
    Column("names", JSON, nullable=False),
    Column("schema", String(64), nullable=False),
    Column("birth_dates", JSON, nullable=False),
    Column("countries", JSON, nullable=False),
    Column("id_numbers", JSON, nullable=False),
    Column("hash", String(40), nullable=False),
    Column("seq", Integer, nullable=False, index=True),
    Column("removed", Boolean, nullable=False, default=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("portfolio", "customer_id", name="uq_monitor_customers"),
)

monitor_customer_history = Table(
    "monitor_customer_history", monitor_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("customer_pk", Integer, nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    #: added, changed, removed
    Column("change", String(16), nullable=False),
    Column("data", JSON, nullable=False),
    Column("hash", String(40), nullable=False),
    Column("source", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

monitor_profiles = Table(
    "monitor_profiles", monitor_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("algorithm", String(64), nullable=False),
    Column("threshold", Float, nullable=False),
    Column("matcher", String(64), nullable=False),
    Column("rarity", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

monitor_cursors = Table(
    "monitor_cursors", monitor_metadata,
    Column("key", String(64), primary_key=True),
    Column("value", JSON, nullable=False),
)

monitor_matches = Table(
    "monitor_matches", monitor_metadata,
    Column("customer_pk", Integer, primary_key=True),
    Column("entity_id", String(255), primary_key=True),
    Column("score", Float, nullable=False),
    Column("explanation", JSON, nullable=False),
    Column("customer_hash", String(40), nullable=False),
    Column("entity_stamp", String(40), nullable=False),
    Column("version_id", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_monitor_matches_entity", "entity_id"),
)

monitor_alerts = Table(
    "monitor_alerts", monitor_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("portfolio", String(128), nullable=False, index=True),
    Column("customer_pk", Integer, nullable=False, index=True),
    #: The list entry's id, or ``article:ID`` for adverse media.
    Column("subject", String(255), nullable=False, index=True),
    #: new, changed, gone, media
    Column("kind", String(16), nullable=False, index=True),
    #: open, true_match, false_positive, escalated, closed
    Column("status", String(16), nullable=False, index=True),
    Column("score", Float),
    Column("evidence", JSON, nullable=False),
    Column("customer_hash", String(40), nullable=False),
    Column("entity_stamp", String(40), nullable=False),
    Column("previous_id", Integer),
    Column("run_id", Integer),
    #: What made it: one alert per pair, kind and cause, so a resumed run never raises it twice.
    Column("dedupe", String(255), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("decided_at", DateTime(timezone=True)),
    Column("decided_by", String(128)),
)

monitor_decisions = Table(
    "monitor_decisions", monitor_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", Integer, nullable=False, index=True),
    #: true_match, false_positive, escalated
    Column("decision", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("analyst", String(128), nullable=False),
    Column("status_before", String(16), nullable=False),
    #: The client's key for this decision: a retried request is the same decision, never a second one.
    Column("request_id", String(128), nullable=False, unique=True),
    Column("audit_seq", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

monitor_suppressions = Table(
    "monitor_suppressions", monitor_metadata,
    Column("customer_pk", Integer, primary_key=True),
    Column("subject", String(255), primary_key=True),
    Column("decision_id", Integer, nullable=False),
    Column("customer_hash", String(40), nullable=False),
    Column("entity_stamp", String(40), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("lifted_at", DateTime(timezone=True)),
    Column("lifted_because", Text),
)

monitor_runs = Table(
    "monitor_runs", monitor_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    #: running, done
    Column("status", String(16), nullable=False),
    Column("plan", JSON, nullable=False),
    Column("done", JSON, nullable=False),
    Column("stats", JSON, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
)

monitor_media_done = Table(
    "monitor_media_done", monitor_metadata,
    Column("article_id", String(32), primary_key=True),
    Column("run_id", Integer),
    Column("at", DateTime(timezone=True), nullable=False),
)

monitor_audit = Table(
    "monitor_audit", monitor_metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("action", String(64), nullable=False),
    Column("object", String(255), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

monitor_webhooks = Table(
    "monitor_webhooks", monitor_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("secret", String(128), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

monitor_deliveries = Table(
    "monitor_deliveries", monitor_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", Integer, nullable=False),
    Column("webhook_id", Integer, nullable=False),
    #: pending, delivered, failed (gave up after the last attempt)
    Column("status", String(16), nullable=False, index=True),
    Column("attempts", Integer, nullable=False),
    Column("next_at", DateTime(timezone=True), nullable=False),
    Column("last_error", Text),
    Column("delivered_at", DateTime(timezone=True)),
    UniqueConstraint("alert_id", "webhook_id", name="uq_monitor_deliveries"),
)

MONITOR_TABLES = (monitor_counters, monitor_customers, monitor_customer_history, monitor_profiles, monitor_cursors,
                  monitor_matches, monitor_alerts, monitor_decisions, monitor_suppressions, monitor_runs,
                  monitor_media_done, monitor_audit, monitor_webhooks, monitor_deliveries)

_SQLITE_GUARDS = [
    "CREATE TRIGGER IF NOT EXISTS monitor_audit_no_update BEFORE UPDATE ON monitor_audit "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS monitor_audit_no_delete BEFORE DELETE ON monitor_audit "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
]
_PG_GUARDS = [
    "CREATE OR REPLACE FUNCTION monitor_audit_refuse() RETURNS trigger AS $$ BEGIN "
    "RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS monitor_audit_append_only ON monitor_audit",
    "CREATE TRIGGER monitor_audit_append_only BEFORE UPDATE OR DELETE ON monitor_audit "
    "FOR EACH ROW EXECUTE FUNCTION monitor_audit_refuse()",
]


@event.listens_for(monitor_audit, "after_create")
def _append_only(_target: Table, connection: Connection, **_kw: object) -> None:
    """Triggers that refuse UPDATE and DELETE on the audit log, created with the table."""
    guards = _PG_GUARDS if connection.dialect.name == "postgresql" else _SQLITE_GUARDS
    for statement in guards:
        connection.exec_driver_sql(statement)


_READY: weakref.WeakSet[Engine] = weakref.WeakSet()


def ensure_monitor_tables(store: Store) -> None:
    """Create the monitoring tables in ``store``'s database where they are missing (idempotent), and the
    row that write transactions lock first (:func:`kenning.monitor.storage.locking.write_tx`)."""
    if store.engine in _READY:
        return
    create_tables(store.engine, monitor_metadata, list(MONITOR_TABLES))
    for name in ("lock", "seq"):
        try:
            with store.engine.begin() as conn:
                if conn.execute(select(monitor_counters.c.value)
                                .where(monitor_counters.c.name == name)).first() is None:
                    conn.execute(monitor_counters.insert().values(name=name, value=0))
        except IntegrityError:  # another process opening the fresh store made the row first
            pass
    _READY.add(store.engine)
