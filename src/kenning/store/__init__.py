"""The versioned entity store (SQLAlchemy; SQLite by default, PostgreSQL by URL)."""

from kenning.store.store import Store, VersionInfo, create_tables, open_store

__all__ = ["Store", "VersionInfo", "create_tables", "open_store"]
