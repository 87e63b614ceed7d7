"""Read models built from the store: one entity with everything attached, and exports."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO, Any

import orjson
from followthemoney.types import registry

from kenning.errors import NotFoundError
from kenning.model import Entity, caption, is_target
from kenning.store.continuity import succession
from kenning.store.sameas import same_as_rows
from kenning.store.service import readable
from kenning.store.store import Store

__all__ = ["entity_view", "export_csv", "export_ftm", "same_as_links"]

_ID_PROPS = ("passportNumber", "idNumber", "taxNumber", "registrationNumber", "innCode", "ogrnCode",
             "leiCode", "swiftBic", "imoNumber")


def _brief(store: Store, entity_id: str, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if entity_id not in cache:
        other = store.get_entity(entity_id)
        cache[entity_id] = ({"id": entity_id, "schema": other.schema.name, "caption": caption(other)}
                            if other is not None else {"id": entity_id, "schema": None, "caption": None})
    return cache[entity_id]


def same_as_links(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """Cross-list "same as" links of one entity, with the evidence that made each."""
    cache: dict[str, dict[str, Any]] = {}
    out = []
    with store.connect() as conn:
        rows = same_as_rows(conn, entity_id)
    for row in rows:
        other = row.right_id if row.left_id == entity_id else row.left_id
        out.append({**_brief(store, other, cache), "score": row.score, "method": row.method,
                    "evidence": row.evidence})
    return out


def entity_view(store: Store, entity_id: str) -> dict[str, Any]:
    """One entity as FtM JSON, with its sanctions, identifiers, relations, same-as links and, for a party
    carried from a retired list to its successor, its one history across the switch (``succession``)."""
    entity = store.get_entity(entity_id)
    if entity is None:
        raise NotFoundError(f"no entity {entity_id!r} in the current list versions")
    data = entity.to_dict()
    dataset, _, source_id = entity_id.partition("-")
    cache: dict[str, dict[str, Any]] = {}
    sanctions, identifiers, relations, other = [], [], [], []
    for record in store.records_for(entity_id):
        rdict = record.to_dict()
        schema = record.schema.name
        if schema == "Sanction":
            sanctions.append(rdict)
        elif schema in ("Passport", "Identification"):
            identifiers.append(rdict)
        elif record.schema.edge:
            relations.append(_relation(store, record, entity_id, cache))
        else:
            other.append(rdict)
    for prop, value in entity.itervalues():
        if prop.type == registry.entity:
            relations.append({"id": None, "schema": entity.schema.name, "role": prop.label,
                              "direction": "outgoing", "other": _brief(store, value, cache)})
    return {
        "id": entity_id, "schema": data["schema"], "caption": caption(entity), "dataset": dataset,
        "source_id": source_id, "target": is_target(entity), "properties": data["properties"],
        "readable": readable(data["properties"]), "sanctions": sanctions, "identifiers": identifiers,
        "relations": relations, "records": other, "same_as": same_as_links(store, entity_id),
        "succession": succession(store, entity_id),
    }


def _relation(store: Store, record: Entity, entity_id: str, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    source = record.schema.source_prop
    target = record.schema.target_prop
    subjects = record.get(source) if source else []
    objects = record.get(target) if target else []
    outgoing = entity_id in subjects
    others = objects if outgoing else subjects
    return {
        "id": record.id, "schema": record.schema.name,
        "role": ", ".join(record.get("role", quiet=True)) or record.schema.label,
        "direction": "outgoing" if outgoing else "incoming",
        "other": _brief(store, others[0], cache) if others else None,
    }


def export_ftm(store: Store, out: IO[bytes], dataset: str | None = None) -> int:
    """Every entity of the current versions as FtM JSON lines; returns the count."""
    count = 0
    for entity in store.iter_entities(dataset=dataset):
        data = entity.to_dict()
        data["datasets"] = [str(entity.id).split("-", 1)[0]]
        out.write(orjson.dumps(data) + b"\n")
        count += 1
    return count


def _csv_rows(store: Store, dataset: str | None) -> Iterator[list[str]]:
    for entity in store.iter_entities(dataset=dataset, targets_only=True):
        ident = [v for p in _ID_PROPS for v in entity.get(p, quiet=True)]
        yield [
            str(entity.id), str(entity.id).split("-", 1)[0], entity.schema.name, caption(entity),
            "; ".join(entity.get("alias", quiet=True) + entity.get("weakAlias", quiet=True)),
            "; ".join(entity.get("birthDate", quiet=True)),
            "; ".join(entity.get_type_values(registry.country)),
            "; ".join(ident), "; ".join(entity.get("program", quiet=True)),
        ]


CSV_HEADER = ["id", "dataset", "schema", "name", "aliases", "birth_dates", "countries", "identifiers",
              "programs"]


def export_csv(store: Store, out: IO[str], dataset: str | None = None) -> int:
    """One CSV row per listed party of the current versions; returns the count."""
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    count = 0
    for row in _csv_rows(store, dataset):
        writer.writerow(row)
        count += 1
    return count
