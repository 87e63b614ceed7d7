"""The details of a UK Sanctions List designation: ``IndividualDetails``, ``EntityDetails``, ``ShipDetails``.

Each holds containers of items (``DOBs/DOB``, ``IMONumbers/IMONumber``...); ``gb_fcdo.yml`` says which
property each container feeds. Passports and national identifiers become Passport/Identification records
(repeated identical items once; the issuing country and the issue and expiry dates read from their
details); places of birth become ``birthPlace`` and ``birthCountry``. Also the small XML helpers the
``gb_fcdo`` parser shares.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, TypeAlias

from followthemoney.types import registry

from kenning.model import Entity
from kenning.sources.base import ParseContext
from kenning.sources.gb_ofsi_text import resolve_countries, uk_date
from kenning.sources.gb_un_eu_common import (
    add_document_details,
    add_value,
    add_values,
    clean_text,
    join_parts,
    load_data,
    make_identification,
)

__all__ = ["Element", "add_details", "fcdo_data", "items", "keep", "leading_country", "text", "uk_birth_date"]

#: An lxml element (lxml ships no type information here, so it is Any to mypy).
Element: TypeAlias = Any

_DETAILS = (("IndividualDetails", "Individual"), ("EntityDetails", "Entity"), ("ShipDetails", "Ship"))
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def fcdo_data() -> dict[str, Any]:
    """The parsed ``gb_fcdo.yml``."""
    return load_data("gb_fcdo.yml")


def text(node: Element, path: str | None = None) -> str | None:
    """The cleaned text of ``node`` (or of its child at ``path``); empty text is None."""
    found = node if path is None else node.find(path)
    return None if found is None else clean_text("".join(found.itertext()))


def items(node: Element, container: str, item: str) -> list[Element]:
    """The ``container/item`` elements of ``node``."""
    return list(node.iterfind(f"{container}/{item}"))


def keep(ctx: ParseContext, target: Entity, prop: str | None, value: str | None, label: str) -> None:
    """Add ``value`` to ``prop``; when there is no property or FtM refuses the value, keep it in notes."""
    if value is None:
        return
    if prop is None or add_value(ctx, target, prop, value) is None:
        add_value(ctx, target, "notes", f"{label}: {value}")


def uk_birth_date(value: str) -> str | None:
    """``dd/mm/1945`` → ``1945``, ``dd/09/1958`` → ``1958-09``, ``30/01/1972`` → ``1972-01-30``."""
    parts = value.split("/")
    return uk_date("/".join("00" if part.strip().lower() in ("dd", "mm") else part for part in parts))


def leading_country(details: str) -> str | None:
    """The issuing country a document's details open with: ``Afghanistan diplomatic passport ...`` → ``af``."""
    words = details.replace(",", " ").split()
    for size in (4, 3, 2, 1):
        code = registry.country.clean_text(" ".join(words[:size])) if len(words) >= size else None
        if code is not None:
            return str(code)
    return None


def _detail_value(ctx: ParseContext, target: Entity, spec: dict[str, Any], value: str) -> None:
    """One item of a details container, read by its kind and put on its property (else in notes)."""
    kind, prop, label = spec.get("kind"), spec.get("prop"), str(spec["label"])
    if kind == "date":
        parsed = uk_birth_date(value)
        if parsed is None or add_value(ctx, target, str(prop), parsed) is None:
            add_value(ctx, target, "notes", f"{label}: {value}")
        return
    if kind == "country":
        codes = resolve_countries(value)
        if not codes or prop is None or target.schema.get(str(prop)) is None:
            add_value(ctx, target, "notes", f"{label}: {value}")
        add_values(ctx, target, str(prop), codes if prop and target.schema.get(str(prop)) else ())
        return
    keep(ctx, target, prop, value.lower() if kind == "gender" else value, label)


def _birth_places(ctx: ParseContext, target: Entity, node: Element) -> None:
    """Each BirthDetails/Location as a place (its parts in order, the country last) and its country."""
    for location in items(node, "BirthDetails", "Location"):
        country = text(location, "CountryOfBirth")
        parts = [text(child) for child in location if child.tag != "CountryOfBirth"]
        if any(parts):
            add_value(ctx, target, "birthPlace", join_parts([*parts, country]))
        add_values(ctx, target, "birthCountry", resolve_countries(country) if country else ())


def _documents(ctx: ParseContext, target: Entity, node: Element, unique_id: str, first: int) -> list[Entity]:
    """Passport and Identification records, one per distinct (number, details), numbered from ``first``."""
    records: list[Entity] = []
    for container, spec in fcdo_data()["documents"].items():
        seen: set[tuple[str, str | None]] = set()
        for item in node.iterfind(f"{container}/*"):
            number, details = text(item, spec["number"]), text(item, spec["details"])
            if number is None or (number, details) in seen:
                ctx.stats["repeated documents read once"] += number is not None
                continue
            seen.add((number, details))
            doc = make_identification(ctx, target, unique_id, first + len(records), number,
                                      passport=bool(spec["passport"]), flat_prop=str(spec["prop"]))
            add_value(ctx, doc, "type", spec["type"])
            if details is not None:
                add_document_details(ctx, doc, details, leading_country(details))
            records.append(doc)
    return records


def _containers(node: Element) -> Iterator[tuple[str, Element]]:
    """``(container name, item)`` for every item of every container of one details element."""
    for container in node:
        if isinstance(container.tag, str):
            for item in container:
                if isinstance(item.tag, str):
                    yield container.tag, item


def add_details(ctx: ParseContext, target: Entity, designation: Element, unique_id: str) -> list[Entity]:
    """Read the Individual/Entity/Ship details onto the party; returns its identity document records."""
    containers: dict[str, dict[str, Any]] = fcdo_data()["containers"]
    special = {"BirthDetails", *fcdo_data()["documents"]}
    records: list[Entity] = []
    for outer, inner in _DETAILS:
        for node in designation.iterfind(f"{outer}/{inner}"):
            _birth_places(ctx, target, node)
            records += _documents(ctx, target, node, unique_id, len(records) + 1)
            for container, item in _containers(node):
                if container in special:
                    continue
                value = text(item)
                if value is None:
                    continue
                spec = containers.get(container)
                if spec is None:
                    ctx.stats[f"unknown details {container} kept in notes"] += 1
                    spec = {"label": _CAMEL.sub(" ", container)}
                _detail_value(ctx, target, spec, value)
    return records
