"""FollowTheMoney entities with Kenning's stable ids.

Ids are ``{dataset}-{source_id}`` for the listed parties (``us_ofac_sdn-42618``) and
``{dataset}-{source_id}-{kind}[-{n}]`` for the records that hang off them (sanctions, passports,
relations), so the same file always yields the same ids.
"""

from __future__ import annotations

import re
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

__all__ = [
    "DATASETS",
    "MAX_EACH_YEAR_SPAN",
    "TARGET_SCHEMATA",
    "Entity",
    "add_ref",
    "caption",
    "country_name",
    "entity_from_dict",
    "is_target",
    "make_entity",
    "make_id",
    "year_span",
]

Entity = EntityProxy

#: The lists Kenning knows, by their dataset names.
DATASETS = ("us_ofac_sdn", "us_ofac_cons", "gb_fcdo", "gb_ofsi", "un_sc", "eu_fsf")

#: Schemata of listed parties (what screening matches against); everything else is a record about them.
TARGET_SCHEMATA = frozenset(
    {"Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane"}
)

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.]+")


def make_id(dataset: str, *parts: object) -> str:
    """Join a dataset name and source-side parts into a stable id (unsafe characters become ``-``)."""
    cleaned = [_ID_UNSAFE.sub("-", str(p)).strip("-") for p in parts if p is not None and str(p) != ""]
    return "-".join([dataset, *cleaned])


def make_entity(schema: str, entity_id: str) -> Entity:
    """A new empty FtM entity of ``schema`` with ``entity_id``."""
    entity = model.make_entity(schema)
    entity.id = entity_id
    return entity


def entity_from_dict(data: dict[str, Any]) -> Entity:
    """The inverse of ``Entity.to_dict()`` (values are already clean, so no re-cleaning)."""
    return model.get_proxy(data, cleaned=True)


def is_target(entity: Entity) -> bool:
    """True for listed parties (people, organisations, vessels, aircraft), false for records about them."""
    return entity.schema.name in TARGET_SCHEMATA


def caption(entity: Entity) -> str:
    """The display name FtM picks for an entity."""
    return str(entity.caption)


def country_name(code: str) -> str:
    """``'ml'`` → ``'Mali'``; unknown codes come back unchanged."""
    label = registry.country.caption(code)
    return str(label) if label else code


def add_ref(entity: Entity, prop: str, entity_id: str | None) -> bool:
    """Point ``prop`` (an entity property: holder, entity, subject...) of ``entity`` at another entity.

    Added as already clean: FtM's entity-id pattern refuses ``_``, which every Kenning dataset name
    (``us_ofac_sdn``) contains, so a cleaning ``add`` would silently drop the reference. Returns False
    when there is no id or the schema has no such property.
    """
    if not entity_id or prop not in entity.schema.properties:
        return False
    entity.add(prop, entity_id, cleaned=True)
    return True


#: A date range up to this many years wide stands for each of its years; a wider one for its two ends.
MAX_EACH_YEAR_SPAN = 10


def year_span(first: int, last: int) -> list[str]:
    """The years standing for a range: each year when at most ten years wide, else the two ends."""
    low, high = min(first, last), max(first, last)
    if high - low <= MAX_EACH_YEAR_SPAN:
        return [str(year) for year in range(low, high + 1)]
    return [str(low), str(high)]
