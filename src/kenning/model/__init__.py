"""Thin helpers over FollowTheMoney entities: stable ids, target schemata, (de)serialisation."""

from kenning.model.entity import (
    DATASETS,
    MAX_EACH_YEAR_SPAN,
    TARGET_SCHEMATA,
    Entity,
    add_ref,
    caption,
    country_name,
    entity_from_dict,
    is_target,
    make_entity,
    make_id,
    year_span,
)

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
