"""Monitoring's own storage: its tables and every query on them.

In: a :class:`~kenning.store.Store` (the lists' database, SQLite or PostgreSQL). Nothing else in Kenning
queries the monitoring tables, and the store (:mod:`kenning.store`) knows nothing of them. Writes that must
not interleave (a run's unit, a decision, an import) go through :func:`~kenning.monitor.storage.locking.write_tx`.
"""

from kenning.monitor.storage.tables import MONITOR_TABLES, ensure_monitor_tables

__all__ = ["MONITOR_TABLES", "ensure_monitor_tables"]
