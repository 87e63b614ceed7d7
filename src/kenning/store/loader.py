"""Loading one publication of one list as a new version: parse fully, check, then one transaction.

Nothing touches the database until the whole publication parsed and its count of listed parties fell
inside the range ``sources.yml`` expects; the insert is a single transaction, so a failure or a killed
process leaves the previous version current and intact. A publication already stored (same dataset,
same sha256 over its files) is not stored again.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from followthemoney.types import registry
from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from kenning.errors import ParseError
from kenning.model import Entity, caption, is_target
from kenning.progress import Advance
from kenning.sources.base import ParseContext, SourceSpec, get_source
from kenning.store.schema import datasets, entities, refs, versions
from kenning.store.store import Store, VersionInfo

__all__ = ["LoadResult", "Publication", "load_publication", "parse_publication", "sha256_files"]

_CHUNK = 2000


@dataclass
class Publication:
    """One parsed publication, not yet stored."""

    spec: SourceSpec
    files: dict[str, Path]
    entities: list[Entity]
    publication_date: str | None
    sha256: str
    file_info: list[dict[str, Any]]
    stats: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def targets(self) -> list[Entity]:
        return [e for e in self.entities if is_target(e)]

    def schema_counts(self) -> dict[str, int]:
        return dict(sorted(Counter(e.schema.name for e in self.entities).items()))


@dataclass
class LoadResult:
    """What a load did: ``loaded`` a new version or found it ``unchanged`` (already stored)."""

    status: str
    version: VersionInfo
    current: bool
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "current": self.current, "seconds": round(self.seconds, 3),
                **self.version.to_dict()}


def sha256_files(files: dict[str, Path]) -> tuple[str, list[dict[str, Any]]]:
    """One digest over the publication's files (in role order) and each file's own digest and size."""
    total = hashlib.sha256()
    info = []
    for role in sorted(files):
        data = files[role].read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        total.update(f"{role}:{digest}\n".encode())
        info.append({"role": role, "path": str(files[role]), "sha256": digest, "size": len(data)})
    return total.hexdigest(), info


def parse_publication(dataset: str, files: dict[str, Path], *, published: str | None = None,
                      check_counts: bool = True, progress: Advance | None = None) -> Publication:
    """Parse one publication completely and check it; raises ParseError without touching the store."""
    spec = get_source(dataset)
    digest, info = sha256_files(files)
    ctx = ParseContext(dataset=dataset, files=dict(files), progress=progress)
    parsed = list(spec.edition_for(files).parser().parse(ctx))
    _check_unique(parsed, files["main"])
    pub = Publication(spec=spec, files=files, entities=parsed,
                      publication_date=ctx.publication_date or published, sha256=digest, file_info=info,
                      stats=dict(ctx.stats), warnings=list(ctx.warnings))
    count = len(pub.targets)
    if check_counts and ctx.declared_count is not None and ctx.declared_count != count:
        raise ParseError(str(files["main"]), f"the file declares {ctx.declared_count} entries but holds {count}: "
                         "cut short or an excerpt; not loaded")
    if check_counts and not spec.min_entities <= count <= spec.max_entities:
        raise ParseError(str(files["main"]), f"{count} listed parties, outside the expected range "
                         f"{spec.min_entities}-{spec.max_entities} for {dataset} (sources.yml); not loaded")
    return pub


def _check_unique(parsed: Iterable[Entity], main: Path) -> None:
    seen: set[str] = set()
    for entity in parsed:
        if entity.id in seen:
            raise ParseError(str(main), f"the parser produced two entities with id {entity.id}",
                             record=str(entity.id))
        seen.add(str(entity.id))


def _entity_rows(version_id: int, pub: Publication) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows, ref_rows = [], []
    for entity in pub.entities:
        data = orjson.dumps(entity.to_dict()["properties"], option=orjson.OPT_SORT_KEYS)
        rows.append({"version_id": version_id, "id": entity.id, "schema": entity.schema.name,
                     "target": is_target(entity), "caption": caption(entity),
                     "hash": hashlib.sha1(data).hexdigest(), "data": data.decode()})
        for prop, value in entity.itervalues():
            if prop.type == registry.entity:
                ref_rows.append({"version_id": version_id, "source_id": entity.id, "prop": prop.name,
                                 "target_id": value})
    return rows, ref_rows


def _becomes_current(conn: Connection, dataset: str, published: str | None) -> bool:
    query = (select(versions.c.publication_date)
             .join(datasets, datasets.c.current_version == versions.c.id)
             .where(datasets.c.name == dataset))
    row = conn.execute(query).first()
    if row is None:
        return True
    if published is None or row.publication_date is None:
        return True
    return bool(published >= row.publication_date)


def _insert(conn: Connection, pub: Publication) -> tuple[int, bool]:
    result = conn.execute(versions.insert().values(
        dataset=pub.spec.name, publication_date=pub.publication_date, sha256=pub.sha256, files=pub.file_info,
        loaded_at=datetime.now(UTC), entity_count=len(pub.targets), schema_counts=pub.schema_counts(),
        stats=pub.stats, warnings=pub.warnings))
    key = result.inserted_primary_key
    assert key is not None
    version_id = int(key[0])
    rows, ref_rows = _entity_rows(version_id, pub)
    for start in range(0, len(rows), _CHUNK):
        conn.execute(entities.insert(), rows[start:start + _CHUNK])
    for start in range(0, len(ref_rows), _CHUNK):
        conn.execute(refs.insert(), ref_rows[start:start + _CHUNK])
    current = _becomes_current(conn, pub.spec.name, pub.publication_date)
    if current:
        exists = conn.execute(select(datasets.c.name).where(datasets.c.name == pub.spec.name)).first()
        if exists:
            conn.execute(update(datasets).where(datasets.c.name == pub.spec.name)
                         .values(current_version=version_id))
        else:
            conn.execute(datasets.insert().values(name=pub.spec.name, current_version=version_id))
    return version_id, current


def load_publication(store: Store, pub: Publication) -> LoadResult:
    """Store a parsed publication as a new version (one transaction), unless it is already stored."""
    started = time.perf_counter()
    with store.engine.begin() as conn:
        existing = conn.execute(select(versions.c.id).where(
            versions.c.dataset == pub.spec.name, versions.c.sha256 == pub.sha256)).scalar()
        if existing is not None:
            current = conn.execute(select(datasets.c.current_version).where(
                datasets.c.name == pub.spec.name)).scalar() == existing
            status, version_id = "unchanged", int(existing)
        else:
            version_id, current = _insert(conn, pub)
            status = "loaded"
    info = store.version(version_id)
    assert info is not None
    return LoadResult(status=status, version=info, current=current, seconds=time.perf_counter() - started)
