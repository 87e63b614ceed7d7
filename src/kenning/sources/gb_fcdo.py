"""The UK Sanctions List (FCDO), XML edition: ``Designations/Designation`` (dataset ``gb_fcdo``).

Since the OFSI Consolidated List was retired on 28 January 2026, this is the one official register of UK
designations. Each ``Designation`` becomes one listed party ``gb_fcdo-{UniqueID}`` (Individual → Person,
Entity → Organization, Ship → Vessel), its Sanction ``-sanction`` and its Passport/Identification records
``-id-{n}``:

* names 1–6 (given names first, Name 6 last) by ``NameType`` and ``AliasStrength`` into ``name``,
  ``alias`` and ``weakAlias``; names in another script are aliases too, their script and language noted;
  titles, and for people the parts of the primary name;
* the Sanction: ``UniqueID`` (authorityId), ``UNReferenceNumber`` (unscId), ``OFSIGroupID`` (recordId: the
  group of the retired OFSI list the same party had, which makes the two one party), the regime
  (program), ``DateDesignated`` (listingDate), ``LastUpdated`` (modifiedAt, also on the party), the
  measures of ``SanctionsImposed`` and its true indicators (provisions), the UK statement of reasons
  (reason) and the designation source (summary);
* addresses, phone numbers, e-mail addresses, websites and other information on the party; the
  individual, entity and ship details by :mod:`kenning.sources.gb_fcdo_details`.

A value FtM refuses (a phone number without a country code, a position on a ship) is kept in notes. The
CSV, ODS and HTML editions are not read (see the README).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kenning.model import Entity
from kenning.sources.base import ParseContext
from kenning.sources.gb_fcdo_details import Element, add_details, fcdo_data, items, keep, text
from kenning.sources.gb_ofsi_text import resolve_countries, uk_date
from kenning.sources.gb_un_eu_common import (
    add_names,
    add_value,
    add_values,
    clean_text,
    iso_day,
    join_parts,
    known_schema,
    make_sanction,
    name_note,
)
from kenning.sources.readers import parse_xml_root

__all__ = ["parse"]

_NAME_PARTS = ("Name1", "Name2", "Name3", "Name4", "Name5", "Name6")
_NAME_ORDER = ("name", "alias", "previousName", "weakAlias")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
#: Designation children read by this module or gb_fcdo_details; any other is kept in notes and counted.
_KNOWN = frozenset({
    "LastUpdated", "DateDesignated", "UniqueID", "OFSIGroupID", "UNReferenceNumber", "Names", "NonLatinNames",
    "Titles", "RegimeName", "IndividualEntityShip", "DesignationSource", "SanctionsImposed",
    "SanctionsImposedIndicators", "OtherInformation", "UKStatementofReasons", "Addresses", "PhoneNumbers",
    "Websites", "EmailAddresses", "IndividualDetails", "EntityDetails", "ShipDetails",
})


def parse(ctx: ParseContext) -> Iterator[Entity]:
    """Yield the entities of one UK Sanctions List XML file, designation by designation."""
    root, _ = parse_xml_root(ctx.main, fcdo_data()["root"], "the UK Sanctions List XML")
    ctx.publication_date = uk_date(text(root, "DateGenerated")) or iso_day(root.get("dateGenerated"))
    if ctx.publication_date is None:
        ctx.warn(f"{ctx.main.name}: no readable DateGenerated")
    seen: set[str] = set()
    for node in root.iterchildren(fcdo_data()["record"]):
        ctx.stats["records"] += 1
        ctx.advance(1)
        yield from _designation(ctx, node, seen)


def _designation(ctx: ParseContext, node: Element, seen: set[str]) -> Iterator[Entity]:
    """The listed party of one Designation, its Sanction and its identity documents."""
    unique_id = text(node, "UniqueID")
    if unique_id is None:
        raise ctx.error("<Designation> without a UniqueID", line=node.sourceline)
    if unique_id in seen:
        ctx.stats["duplicate UniqueIDs skipped"] += 1
        ctx.warn(f"{ctx.main.name}, line {node.sourceline}: UniqueID {unique_id} appears twice; kept the first")
        return
    seen.add(unique_id)
    target = ctx.make(_schema(ctx, node, unique_id), unique_id)
    _add_names(ctx, target, node)
    _add_contacts(ctx, target, node)
    documents = add_details(ctx, target, node, unique_id)
    add_value(ctx, target, "notes", text(node, "OtherInformation"))
    _keep_unknown(ctx, target, node)
    sanction = _sanction(ctx, target, node, unique_id)
    add_value(ctx, target, "topics", "sanction")
    ctx.stats["targets"] += 1
    yield target
    yield sanction
    yield from documents


def _schema(ctx: ParseContext, node: Element, unique_id: str) -> str:
    return known_schema(ctx, fcdo_data()["schemata"], text(node, "IndividualEntityShip"), field="IndividualEntityShip",
                        record=f"designation {unique_id}", records="designations")


def _name_prop(ctx: ParseContext, name: Element) -> str:
    """The property one Name goes to, by its NameType and AliasStrength."""
    data: dict[str, Any] = fcdo_data()
    kind = (text(name, "NameType") or "").casefold()
    prop = data["name_types"].get(kind)
    if prop is None:
        ctx.stats["names of an unknown NameType"] += 1
        prop = "alias"
    strength = (text(name, "AliasStrength") or "").casefold()
    if prop != "name" and strength:
        prop = data["alias_strengths"].get(strength, prop)
    return str(prop)


def _add_names(ctx: ParseContext, target: Entity, node: Element) -> None:
    """Every Name under its property (a name once, in the strongest), non-Latin names, titles, name parts."""
    names: dict[str, list[str]] = {prop: [] for prop in _NAME_ORDER}
    primary: Element | None = None
    for name in items(node, "Names", "Name"):
        full = join_parts((text(name, part) for part in _NAME_PARTS), sep=" ")
        prop = _name_prop(ctx, name)
        if prop == "name" and names["name"]:
            prop = "alias"  # a second primary name
        if full is not None:
            names[prop].append(full)
            primary = name if prop == "name" else primary
    for non_latin in items(node, "NonLatinNames", "NonLatinName"):
        value = text(non_latin, "NameNonLatinScript")
        if value is not None:
            names["alias"].append(value)
            ctx.stats["non-Latin names"] += 1
            add_value(ctx, target, "notes", name_note(value, script=text(non_latin, "NonLatinScriptType"),
                                                      language=text(non_latin, "NonLatinScriptLanguage")))
    if not names["name"]:
        ctx.stats["designations without a primary name"] += 1
        names["name"] = [next((n for prop in _NAME_ORDER for n in names[prop]), None) or "(no name)"]
    add_names(ctx, target, names)
    add_values(ctx, target, "title", (text(t) for t in items(node, "Titles", "Title")))
    if primary is not None and target.schema.is_a("Person"):
        add_value(ctx, target, "firstName", text(primary, "Name1"))
        add_values(ctx, target, "middleName", (text(primary, part) for part in _NAME_PARTS[1:5]))
        add_value(ctx, target, "lastName", text(primary, "Name6"))


def _address(node: Element) -> tuple[str | None, str | None]:
    """One address as a string (its lines in order, the country last) and its country as written."""
    country = text(node, "AddressCountry")
    lines = [text(child) for child in node if child.tag != "AddressCountry"]
    return join_parts([*lines, country]), country


def _add_contacts(ctx: ParseContext, target: Entity, node: Element) -> None:
    """Addresses (and their countries), phone numbers, websites and e-mail addresses."""
    for address in items(node, "Addresses", "Address"):
        full, country = _address(address)
        add_value(ctx, target, "address", full)
        add_values(ctx, target, "country", resolve_countries(country) if country else ())
        ctx.stats["addresses"] += 1
    contacts = (("PhoneNumbers", "PhoneNumber", "phone", "Phone"), ("Websites", "Website", "website", "Website"),
                ("EmailAddresses", "EmailAddress", "email", "E-mail"))
    for container, item, prop, label in contacts:
        for value in (text(i) for i in items(node, container, item)):
            keep(ctx, target, prop, value, label)


def _keep_unknown(ctx: ParseContext, target: Entity, node: Element) -> None:
    """Designation children this parser does not know: their text in notes, counted, so nothing is lost."""
    for child in node:
        if not isinstance(child.tag, str) or child.tag in _KNOWN:
            continue
        value = clean_text(" ".join(child.itertext()))
        ctx.stats[f"unknown element {child.tag} kept in notes"] += 1
        add_value(ctx, target, "notes", f"{_CAMEL.sub(' ', child.tag)}: {value}" if value else None)


def _provisions(ctx: ParseContext, node: Element) -> list[str]:
    """The measures SanctionsImposed states (``Asset freeze|Travel Ban``), then the true indicators it lacks."""
    stated = [m for m in (clean_text(p) for p in (text(node, "SanctionsImposed") or "").split("|")) if m]
    found = {m.casefold() for m in stated}
    labels: dict[str, str] = fcdo_data()["indicators"]
    indicators = node.find("SanctionsImposedIndicators")
    for flag in indicators if indicators is not None else ():
        if not isinstance(flag.tag, str) or (flag.text or "").strip().lower() != "true":
            continue
        label = labels.get(flag.tag)
        if label is None:
            ctx.stats[f"unknown indicator {flag.tag}"] += 1
            label = _CAMEL.sub(" ", flag.tag).capitalize()
        if label.casefold() not in found:
            ctx.stats["measures only in the indicators"] += 1
            stated.append(label)
            found.add(label.casefold())
    return stated


def _sanction(ctx: ParseContext, target: Entity, node: Element, unique_id: str) -> Entity:
    """The Sanction: references, regime, dates, measures, the statement of reasons and the source."""
    sanction = make_sanction(ctx, target, unique_id)
    add_value(ctx, sanction, "authorityId", unique_id)
    add_value(ctx, sanction, "unscId", text(node, "UNReferenceNumber"))
    add_value(ctx, sanction, "recordId", text(node, "OFSIGroupID"))
    regime = text(node, "RegimeName")
    add_value(ctx, target, "program", regime)
    add_value(ctx, sanction, "program", regime)
    add_value(ctx, sanction, "listingDate", uk_date(text(node, "DateDesignated")))
    updated = uk_date(text(node, "LastUpdated"))
    add_value(ctx, target, "modifiedAt", updated)
    add_value(ctx, sanction, "modifiedAt", updated)
    add_values(ctx, sanction, "provisions", _provisions(ctx, node))
    add_value(ctx, sanction, "reason", text(node, "UKStatementofReasons"))
    source = text(node, "DesignationSource")
    if source is not None:
        add_value(ctx, sanction, "summary", fcdo_data()["designation_sources"].get(source,
                                                                                  f"Designation source: {source}"))
    return sanction
