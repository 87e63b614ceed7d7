"""What changed between two publications of a list: added, removed and changed listed parties.

Records that hang off a party (its Sanction, Passport/Identification, UnknownLink) are folded into
that party: a new passport or a changed relation shows as a change of the person, naming the record
and the properties that changed, so the diff reads the way the list's own changes read. A record found
unchanged on both sides is unchanged whatever its id: records are numbered in source order
(``-id-1``, ``-id-2``), so a passport inserted before others, or the same publication in another format
(OFAC's CSV and XML order identifiers differently), must not show as changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from followthemoney.types import registry
from sqlalchemy import and_, func, select

from kenning.model import Entity, caption, is_target
from kenning.store.schema import entities, refs
from kenning.store.store import Store, decode_entity

__all__ = ["EntityChange", "ListDiff", "diff_entities", "diff_versions", "version_targets"]

#: Properties through which a record names the party it belongs to, in order of preference.
_OWNER_PROPS = ("entity", "holder", "subject", "person", "owner", "organization")


@dataclass
class EntityChange:
    """One changed party: property changes on itself and on its records."""

    id: str
    schema: str
    caption: str
    properties: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "schema": self.schema, "caption": self.caption,
                "properties": self.properties, "records": self.records}


@dataclass
class ListDiff:
    """The difference between an old and a new publication of one list."""

    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[EntityChange] = field(default_factory=list)
    unchanged: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": {"added": len(self.added), "removed": len(self.removed),
                        "changed": len(self.changed), "unchanged": self.unchanged},
            "added": self.added, "removed": self.removed,
            "changed": [c.to_dict() for c in self.changed],
        }


def _prop_changes(old: Entity | None, new: Entity | None) -> dict[str, dict[str, list[str]]]:
    before = old.to_dict()["properties"] if old is not None else {}
    after = new.to_dict()["properties"] if new is not None else {}
    changes: dict[str, dict[str, list[str]]] = {}
    for prop in sorted(set(before) | set(after)):
        was, now = before.get(prop, []), after.get(prop, [])
        added = [v for v in now if v not in was]
        removed = [v for v in was if v not in now]
        if added or removed:
            changes[prop] = {"added": added, "removed": removed}
    return changes


def _owner(entity: Entity, targets: set[str]) -> str | None:
    for prop in _OWNER_PROPS:
        for value in entity.get(prop, quiet=True):
            if value in targets:
                return str(value)
    for ref_prop, value in entity.itervalues():
        if ref_prop.type == registry.entity and value in targets:
            return str(value)
    return None


def _summary(entity: Entity) -> dict[str, Any]:
    source_id = str(entity.id).split("-", 1)[1] if "-" in str(entity.id) else entity.id
    return {"id": entity.id, "source_id": source_id, "schema": entity.schema.name, "caption": caption(entity)}


def _content(entity: Entity) -> tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    props = entity.to_dict()["properties"]
    return entity.schema.name, tuple(sorted((k, tuple(sorted(v))) for k, v in props.items()))


def _same_on_both_sides(before: dict[str, Entity], after: dict[str, Entity], targets: set[str]) -> set[str]:
    """Ids of the records whose exact content is on both sides (each content matched once per copy)."""
    old = {i: _content(e) for i, e in before.items() if i not in targets}
    new = {i: _content(e) for i, e in after.items() if i not in targets}
    common = Counter(old.values()) & Counter(new.values())
    matched: set[str] = set()
    for side in (old, new):
        left = Counter(common)
        for record_id, content in side.items():
            if left[content] > 0:
                left[content] -= 1
                matched.add(record_id if side is new else f"old:{record_id}")
    return matched


def diff_entities(old: Iterable[Entity], new: Iterable[Entity]) -> ListDiff:
    """Compare two publications entity by entity (ids are stable across publications)."""
    before = {str(e.id): e for e in old}
    after = {str(e.id): e for e in new}
    targets = {i for i, e in before.items() if is_target(e)} | {i for i, e in after.items() if is_target(e)}
    result = ListDiff()
    changes: dict[str, EntityChange] = {}

    def change_of(target_id: str) -> EntityChange:
        if target_id not in changes:
            entity = after.get(target_id) or before[target_id]
            changes[target_id] = EntityChange(target_id, entity.schema.name, caption(entity))
        return changes[target_id]

    for entity_id in sorted(targets):
        old_e, new_e = before.get(entity_id), after.get(entity_id)
        if old_e is None and new_e is not None:
            result.added.append(_summary(new_e))
        elif new_e is None and old_e is not None:
            result.removed.append(_summary(old_e))
        elif old_e is not None and new_e is not None:
            props = _prop_changes(old_e, new_e)
            if props:
                change_of(entity_id).properties = props
    gone = {r["id"] for r in result.added} | {r["id"] for r in result.removed}
    same = _same_on_both_sides(before, after, targets)
    for record_id in sorted((set(before) | set(after)) - targets):
        old_r = None if f"old:{record_id}" in same else before.get(record_id)
        new_r = None if record_id in same else after.get(record_id)
        props = _prop_changes(old_r, new_r)
        if not props:
            continue
        sample = new_r if new_r is not None else old_r
        assert sample is not None
        owner = _owner(sample, targets)
        if owner is None or owner in gone:
            continue
        status = "added" if old_r is None else "removed" if new_r is None else "changed"
        change_of(owner).records.append({"id": record_id, "schema": sample.schema.name, "status": status,
                                         "properties": props})
    result.changed = [changes[k] for k in sorted(changes)]
    result.unchanged = len(targets) - len(result.added) - len(result.removed) - len(result.changed)
    return result


def _changed_ids(store: Store, old: int, new: int) -> set[str]:
    """Ids whose row differs between two versions (added, removed, or another content hash)."""
    a, b = entities.alias("a"), entities.alias("b")
    out: set[str] = set()
    with store.connect() as conn:
        for left, right in ((a, b), (b, a)):
            old_id, new_id = (old, new) if left is a else (new, old)
            query = (select(left.c.id).select_from(left.outerjoin(right, and_(right.c.id == left.c.id,
                                                                              right.c.version_id == new_id)))
                     .where(left.c.version_id == old_id, (right.c.id.is_(None)) | (right.c.hash != left.c.hash)))
            out.update(str(i) for i in conn.execute(query).scalars())
    return out


def _owners(store: Store, ids: set[str], versions: tuple[int, int]) -> set[str]:
    """The parties records among ``ids`` point at (through the refs table), in either version."""
    found: set[str] = set()
    listed = sorted(ids)
    with store.connect() as conn:
        for start in range(0, len(listed), 900):
            query = select(refs.c.target_id).where(refs.c.source_id.in_(listed[start:start + 900]),
                                                   refs.c.version_id.in_(versions))
            found.update(str(i) for i in conn.execute(query).scalars())
    return found


def _load(store: Store, version: int, ids: set[str]) -> list[Entity]:
    listed = sorted(ids)
    out: list[Entity] = []
    with store.connect() as conn:
        for start in range(0, len(listed), 900):
            query = select(entities.c.id, entities.c.schema, entities.c.data).where(
                entities.c.version_id == version, entities.c.id.in_(listed[start:start + 900]))
            out += [decode_entity(row) for row in conn.execute(query)]
    return out


def diff_versions(store: Store, old: int, new: int) -> ListDiff:
    """:func:`diff_entities` of two stored versions, reading only the rows that differ (and the parties their
    records belong to), so a small update of a large list diffs in a fraction of a second."""
    ids = _changed_ids(store, old, new)
    ids |= _owners(store, ids, (old, new))
    result = diff_entities(_load(store, old, ids), _load(store, new, ids))
    with store.connect() as conn:
        listed = int(conn.execute(select(func.count()).select_from(entities).where(
            entities.c.version_id == new, entities.c.target.is_(True))).scalar() or 0)
    result.unchanged = listed - len(result.added) - len(result.changed)
    return result


def version_targets(store: Store, version: int) -> list[dict[str, Any]]:
    """The listed parties of one version (id, schema, caption), by id: what a first version "adds"."""
    query = select(entities.c.id, entities.c.schema, entities.c.caption).where(
        entities.c.version_id == version, entities.c.target.is_(True)).order_by(entities.c.id)
    with store.connect() as conn:
        return [{"id": r.id, "schema": r.schema, "caption": r.caption} for r in conn.execute(query)]
