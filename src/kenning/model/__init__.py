"""Thin helpers over FollowTheMoney entities: stable ids, target schemata, (de)serialisation."""

from kenning.model.entity import (
    DATASETS,
    TARGET_SCHEMATA,
    Entity,
    caption,
    country_name,
    entity_from_dict,
    is_target,
    make_entity,
    make_id,
)

__all__ = [
    "DATASETS",
    "TARGET_SCHEMATA",
    "Entity",
    "caption",
    "country_name",
    "entity_from_dict",
    "is_target",
    "make_entity",
    "make_id",
]
