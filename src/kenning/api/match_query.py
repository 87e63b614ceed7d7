"""Reading a yente query by example (an FtM schema and properties) into a screening :class:`Query`.

Every name-typed property is a name (``name``, ``alias``, ``previousName``, ``weakAlias``...), and name
parts (``firstName``, ``middleName``, ``fatherName``, ``lastName``...) are joined into one more name;
``birthDate`` values are birth dates; every country-typed property (``nationality``, ``citizenship``,
``country``, ``jurisdiction``, ``birthCountry``...) is a country; every identifier-typed property
(``idNumber``, ``passportNumber``, ``registrationNumber``, ``innCode``, ``imoNumber``...) is an
identifier number. Values that cannot be used are left out and named in the notes, as yente's cleaning
drops them; a query without any name cannot be screened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model
from followthemoney.types import registry

from kenning.errors import InputError
from kenning.matching import Query

__all__ = ["ReadQuery", "Scope", "read_example", "values_of"]

#: Name parts joined, in this order, into a full name.
NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
_MAX_VALUES = 50


@dataclass(frozen=True)
class Scope:
    """Which lists a request searches: only ``datasets`` (empty = all loaded), or none when ``empty``."""

    datasets: tuple[str, ...] = ()
    empty: bool = False


@dataclass
class ReadQuery:
    """A query read from an example, with what was dropped and why."""

    query: Query
    notes: list[str] = field(default_factory=list)


def values_of(raw: str | Sequence[Any]) -> list[str]:
    """The string values of one property: a string, or the strings and numbers of a list."""
    items = [raw] if isinstance(raw, str) else list(raw)
    out = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            continue
        text = str(item).strip()
        if text:
            out.append(text)
    return out


def _birth_date(value: str, notes: list[str]) -> str | None:
    cleaned = registry.date.clean(value)
    found = _DATE.match(cleaned) if cleaned else None
    if found is None:
        notes.append(f"birthDate {value!r} is not a date; ignored")
        return None
    return found.group(0)


def _country(prop: str, value: str, notes: list[str]) -> str | None:
    code = registry.country.clean(value)
    if code is None:
        notes.append(f"{prop} {value!r} is not a country name or code; ignored")
    return str(code) if code else None


@dataclass
class _Parts:
    names: list[str] = field(default_factory=list)
    parts: dict[str, list[str]] = field(default_factory=dict)
    birth_dates: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    id_numbers: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, prop_name: str, type_name: str, values: list[str]) -> None:
        if prop_name in NAME_PARTS:
            self.parts[prop_name] = values
        elif type_name == registry.name.name:
            self.names.extend(values)
        elif prop_name == "birthDate":
            self.birth_dates.extend(d for d in (_birth_date(v, self.notes) for v in values) if d)
        elif type_name == registry.country.name:
            self.countries.extend(c for c in (_country(prop_name, v, self.notes) for v in values) if c)
        elif type_name == registry.identifier.name:
            self.id_numbers.extend(values)
        else:
            self.notes.append(f"{prop_name} is not used in screening; ignored")

    def joined_names(self) -> list[str]:
        """The given names plus the name parts joined (first middle last, and first last)."""
        first = [p[0] for p in (self.parts.get(k) for k in NAME_PARTS) if p]
        names = list(self.names)
        if first:
            names.append(" ".join(first))
            short = [p[0] for p in (self.parts.get(k) for k in ("firstName", "lastName")) if p]
            if 0 < len(short) < len(first):
                names.append(" ".join(short))
        return list(dict.fromkeys(names))


def read_example(schema_name: str, properties: dict[str, str | list[Any]], scope: Scope) -> ReadQuery:
    """The screening query of one yente example; InputError when it has no usable name or schema."""
    schema = model.get(schema_name)
    if schema is None:
        raise InputError(f"schema {schema_name!r} is not a FollowTheMoney schema (e.g. Person, Company, Vessel)")
    parts = _Parts()
    for prop_name, raw in properties.items():
        prop = schema.get(prop_name)
        if prop is None:
            parts.notes.append(f"{schema.name} has no property {prop_name!r}; ignored")
            continue
        values = values_of(raw)[:_MAX_VALUES]
        if values:
            parts.add(prop.name, prop.type.name, values)
    names = parts.joined_names()
    if not names:
        raise InputError("the query has no name: give properties.name (or firstName and lastName)")
    query = Query.build(names, schema=schema.name, birth_dates=parts.birth_dates, countries=parts.countries,
                        id_numbers=parts.id_numbers, datasets=scope.datasets)
    return ReadQuery(query, parts.notes)
