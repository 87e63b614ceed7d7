"""The store's tables (SQLAlchemy Core). Every table of every part of Kenning hangs off ``metadata``.

Lists are versioned: each load of one publication of a list is a row in ``versions``; its entities are
rows in ``entities`` keyed by (version, entity id); ``refs`` indexes the entity-typed property values
(a Sanction's ``entity``, a Passport's ``holder``, an UnknownLink's ``subject``/``object``) so a party's
records and relations are one indexed lookup; ``datasets`` points at each list's current version.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = ["SCHEMA_VERSION", "current_changes", "datasets", "entities", "meta", "metadata", "refs", "sameas",
           "versions"]

#: Bumped whenever a table changes shape; the store refuses a database written by a newer Kenning.
SCHEMA_VERSION = 1

metadata = MetaData()

meta = Table(
    "kenning_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(64), nullable=False, index=True),
    Column("publication_date", String(32)),
    Column("sha256", String(64), nullable=False),
    Column("files", JSON, nullable=False),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("entity_count", Integer, nullable=False),
    Column("schema_counts", JSON, nullable=False),
    Column("stats", JSON, nullable=False),
    Column("warnings", JSON, nullable=False),
    UniqueConstraint("dataset", "sha256", name="uq_versions_dataset_sha256"),
)

datasets = Table(
    "datasets",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("current_version", Integer, ForeignKey("versions.id"), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("version_id", Integer, ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(255), primary_key=True),
    Column("schema", String(64), nullable=False),
    Column("target", Boolean, nullable=False),
    Column("caption", Text, nullable=False),
    #: sha1 of the canonical JSON of the properties: equal hashes mean equal entities (cheap diffs).
    Column("hash", String(40), nullable=False),
    #: the FtM properties as canonical JSON text.
    Column("data", Text, nullable=False),
    Index("ix_entities_id", "id"),
    Index("ix_entities_version_target", "version_id", "target"),
)

refs = Table(
    "refs",
    metadata,
    Column("version_id", Integer, ForeignKey("versions.id", ondelete="CASCADE"), nullable=False),
    Column("source_id", String(255), nullable=False),
    Column("prop", String(64), nullable=False),
    Column("target_id", String(255), nullable=False),
    Index("ix_refs_target", "target_id", "version_id"),
    Index("ix_refs_version", "version_id"),
)

#: "Same as" links between listed parties of different lists, with the evidence that made them.
sameas = Table(
    "sameas",
    metadata,
    Column("left_id", String(255), primary_key=True),
    Column("right_id", String(255), primary_key=True),
    Column("score", Float, nullable=False),
    Column("method", String(64), nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_sameas_right", "right_id"),
)

#: Every change of a list's current version, and why: a load that became current, or a rollback.
current_changes = Table(
    "current_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(64), nullable=False, index=True),
    Column("version_id", Integer, ForeignKey("versions.id", ondelete="CASCADE"), nullable=False),
    Column("previous_version_id", Integer),
    #: "load" or "rollback".
    Column("action", String(16), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("note", Text),
)
