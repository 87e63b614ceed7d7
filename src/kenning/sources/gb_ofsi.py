"""UK OFSI Consolidated List of Financial Sanctions Targets (``ConList.csv`` or ``ConList.xlsx``).

One row per name variant, grouped by ``Group ID`` (rows of a group are not contiguous: the file is
sorted by name). Each group becomes one listed party ``gb_ofsi-{Group ID}`` (Individual → Person,
Entity → Organization, Ship → Vessel), its Sanction, its Passport/Identification records and
UnknownLinks to groups it names by ``OFSI ID``.

Names are written given names first, surname last: ``Vitalii Viktorovitch PERFILEV`` (Name 1..5,
then Name 6, as OFSI capitalises them). The primary name is ``name``; variations and good aliases
are ``alias``; low-quality aliases ``weakAlias``; f.k.a. ``previousName``; non-Latin script names
``alias``. How ``Other Information`` labels map to properties is data, in ``gb_ofsi.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kenning.model import Entity
from kenning.sources.base import ParseContext
from kenning.sources.gb_ofsi_read import read_table
from kenning.sources.gb_ofsi_text import (
    document_country,
    labelled_parts,
    linked_groups,
    ofsi_data,
    registration_numbers,
    resolve_countries,
    split_numbered,
    split_reference,
    stated_provisions,
    uk_date,
)
from kenning.sources.gb_un_eu_common import (
    add_document_details,
    add_names,
    add_value,
    add_values,
    clean_text,
    join_parts,
    known_schema,
    make_identification,
    make_link,
    make_sanction,
)

__all__ = ["parse"]

Row = dict[str, str]
_GIVEN = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5")
_ADDRESS = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6",
            "Post/Zip Code", "Country")
_NAME_ORDER = ("name", "alias", "previousName", "weakAlias")


def parse(ctx: ParseContext) -> Iterator[Entity]:
    """Yield the entities of one OFSI file (CSV or XLSX), group by group in order of first appearance."""
    table = read_table(ctx)
    ctx.publication_date = table.published
    groups: dict[str, list[Row]] = {}
    for position, cells in table.rows:
        ctx.stats["rows"] += 1
        ctx.advance(1)
        group_id = cells["Group ID"].strip()
        if not group_id:
            ctx.stats["rows without a Group ID"] += 1
            ctx.warn(f"{ctx.main.name}: {table.unit} {position} has no Group ID; row skipped")
            continue
        groups.setdefault(group_id, []).append(cells)
    for group_id, rows in groups.items():
        yield from _group_entities(ctx, group_id, rows, groups)


def _group_entities(ctx: ParseContext, group_id: str, rows: list[Row],
                    groups: dict[str, list[Row]]) -> Iterator[Entity]:
    """The listed party of one group, its Sanction, documents and links."""
    target = ctx.make(_schema(ctx, group_id, rows[0]["Group Type"]), group_id)
    _add_names(ctx, target, rows)
    _add_personal(ctx, target, rows)
    documents = _documents(ctx, target, group_id, rows)
    _add_addresses(ctx, target, rows)
    sanction = make_sanction(ctx, target, group_id)
    others = [cells["Other Information"] for cells in _distinct(rows, "Other Information")]
    add_values(ctx, sanction, "provisions", ofsi_data()["default_provisions"])
    for other in others:
        _apply_other_information(ctx, target, sanction, other)
        add_values(ctx, sanction, "provisions", stated_provisions(other))
    _add_listing(ctx, target, sanction, rows)
    add_value(ctx, target, "topics", "sanction")
    ctx.stats["addresses"] += len(target.get("address"))
    links: dict[str, Entity] = {}
    for role, other_id in (link for other in others for link in linked_groups(other)):
        if other_id in links:
            continue
        if other_id in groups and other_id != group_id:
            links[other_id] = make_link(ctx, target, group_id, other_id, role)
        else:
            ctx.stats["unresolved links"] += 1
    ctx.stats["targets"] += 1
    yield target
    yield sanction
    yield from documents
    yield from links.values()


def _schema(ctx: ParseContext, group_id: str, group_type: str) -> str:
    return known_schema(ctx, ofsi_data()["group_types"], group_type.strip(), field="Group Type",
                        record=f"group {group_id}", records="groups")


def _distinct(rows: list[Row], *columns: str) -> list[Row]:
    """The rows that differ in ``columns`` (first of each), so repeated cells are read once."""
    seen: dict[tuple[str, ...], Row] = {}
    for cells in rows:
        seen.setdefault(tuple(cells[c] for c in columns), cells)
    return list(seen.values())


def _row_name(cells: Row) -> str | None:
    """Name 1..5 then Name 6, space-separated, as written."""
    return clean_text(" ".join(cells[c] for c in (*_GIVEN, "Name 6")))


def _name_prop(cells: Row) -> str:
    alias_types: dict[str, str] = ofsi_data()["alias_types"]
    prop = alias_types.get(cells["Alias Type"].strip(), "alias")
    if prop != "name" and cells["Alias Quality"].strip() in ofsi_data()["weak_qualities"]:
        return "weakAlias"
    return prop


def _add_names(ctx: ParseContext, target: Entity, rows: list[Row]) -> None:
    """Every name variant of the group under its property; a name is stored once, in the strongest."""
    names: dict[str, list[str]] = {prop: [] for prop in _NAME_ORDER}
    for cells in rows:
        full = _row_name(cells)
        if full is not None:
            names[_name_prop(cells)].append(full)
        non_latin = clean_text(cells["Name Non-Latin Script"])
        if non_latin is not None and non_latin not in names["alias"]:
            names["alias"].append(non_latin)
            ctx.stats["non-Latin names"] += 1
    for cells in _distinct(rows, "Title"):
        add_values(ctx, target, "title", split_numbered(cells["Title"]))
    primary = [cells for cells in rows if _name_prop(cells) == "name"]
    if target.schema.is_a("Person"):
        for cells in _distinct(primary, *_GIVEN, "Name 6"):
            add_value(ctx, target, "firstName", cells["Name 1"])
            add_values(ctx, target, "middleName", [cells[c] for c in _GIVEN[1:]])
            add_value(ctx, target, "lastName", cells["Name 6"])
    if not names["name"]:
        ctx.stats["groups without a primary name"] += 1
        fallback = next((n for prop in _NAME_ORDER for n in names[prop]), None)
        names["name"].append(fallback or f"Group {rows[0]['Group ID']}")
    add_names(ctx, target, names)


def _birth_places(cells: Row) -> list[tuple[str | None, str | None]]:
    """``(town, country)`` pairs: numbered lists of equal length pair up; a single country goes with
    each town."""
    towns = split_numbered(cells["Town of Birth"])
    countries = split_numbered(cells["Country of Birth"])
    if len(towns) == len(countries):
        return list(zip(towns, countries, strict=True))
    if len(countries) == 1:
        return [(town, countries[0]) for town in towns]
    return [(town, None) for town in towns] + [(None, country) for country in countries]


def _add_personal(ctx: ParseContext, target: Entity, rows: list[Row]) -> None:
    """Dates and places of birth, nationality and position (non-persons keep a position as a note)."""
    for cells in _distinct(rows, "DOB"):
        raw_dob = clean_text(cells["DOB"])
        if raw_dob is not None:
            dob = uk_date(raw_dob)
            if dob is None:
                ctx.stats["unreadable dates of birth"] += 1
                add_value(ctx, target, "notes", f"Date of birth: {raw_dob}")
            add_value(ctx, target, "birthDate", dob)
    for cells in _distinct(rows, "Town of Birth", "Country of Birth"):
        for town, country in _birth_places(cells):
            add_value(ctx, target, "birthPlace", join_parts([town, country]))
            add_values(ctx, target, "birthCountry", resolve_countries(country) if country else ())
    for cells in _distinct(rows, "Nationality"):
        for nationality in split_numbered(cells["Nationality"]):
            add_values(ctx, target, "nationality", resolve_countries(nationality))
    for cells in _distinct(rows, "Position"):
        for position in split_numbered(cells["Position"]):
            if target.schema.get("position") is not None:
                add_value(ctx, target, "position", position)
            else:
                add_value(ctx, target, "notes", f"Position: {position}")


def _documents(ctx: ParseContext, target: Entity, group_id: str, rows: list[Row]) -> list[Entity]:
    """Passport and Identification records, numbered in source order, with their details kept."""
    found: dict[tuple[int, str], list[str]] = {}
    specs: list[dict[str, Any]] = ofsi_data()["documents"]
    for index, spec in enumerate(specs):
        for cells in _distinct(rows, spec["number"], spec["details"]):
            numbers = split_numbered(cells[spec["number"]], keep_empty=True)
            details = split_numbered(cells[spec["details"]], keep_empty=True)
            whole = clean_text(cells[spec["details"]])
            for i, number in enumerate(numbers):
                if not number:
                    continue
                if len(details) == len(numbers):
                    detail = details[i] or None
                else:
                    detail = details[0] if len(details) == 1 else whole
                known = found.setdefault((index, number), [])
                if detail is not None and detail not in known:
                    known.append(detail)
    documents = []
    for n, ((index, number), details) in enumerate(found.items(), start=1):
        spec = specs[index]
        doc = make_identification(ctx, target, group_id, n, number, passport=bool(spec["passport"]),
                                  flat_prop=spec["prop"])
        add_value(ctx, doc, "type", spec["type"])
        for detail in details:
            add_document_details(ctx, doc, detail, document_country(detail))
        documents.append(doc)
    return documents


def _add_addresses(ctx: ParseContext, target: Entity, rows: list[Row]) -> None:
    """One address string per distinct address (lines, post code, country); the country as a code too."""
    for cells in _distinct(rows, *_ADDRESS):
        add_value(ctx, target, "address", join_parts(cells[c] for c in _ADDRESS))
        if cells["Country"].strip():
            add_values(ctx, target, "country", resolve_countries(cells["Country"]))


def _contact_values(prop: str, value: str) -> list[tuple[str, str]]:
    """Split a contact value (numbered lists, numbers run together with '. '); a 'website' that
    is an e-mail address is filed as an email."""
    pairs = []
    for numbered in split_numbered(value):
        for piece in re.split(r"\.\s+|;\s*", numbered):
            item = piece.strip(" .;")
            if prop in ("email", "website") and "@" in item and "/" not in item:
                pairs += [("email", e) for e in re.split(r"[\s,;]+|\band\b", item) if "@" in e]
            elif item:
                pairs.append((prop, item))
    return pairs


def _apply_other_information(ctx: ParseContext, target: Entity, sanction: Entity, text: str) -> None:
    """Route each ``(Label):value`` part of Other Information by the rules in ``gb_ofsi.yml``."""
    rules: dict[str, dict[str, Any]] = ofsi_data()["other_information"]
    for label, value in labelled_parts(text):
        rule: dict[str, Any] = rules[label] if label is not None else {"note": None}
        special = rule.get("special")
        if special in ("reference", "un_reference"):
            references, rest = split_reference(value, un=special == "un_reference")
            add_values(ctx, sanction, "authorityId" if special == "reference" else "unscId", references)
            add_value(ctx, target, "notes", rest)
        elif special == "registration":
            for prop, number in registration_numbers(value):
                add_value(ctx, target, prop, number)
        elif "note" in rule:
            add_value(ctx, target, "notes", f"{rule['note']}: {value}" if rule["note"] else value)
        elif "sanction" in rule:
            add_value(ctx, sanction, rule["sanction"], value)
        elif rule.get("split"):
            for prop, item in _contact_values(rule["target"], value):
                if add_value(ctx, target, prop, item) is None:
                    add_value(ctx, target, "notes", f"{label}: {item}")
        else:
            add_value(ctx, target, rule["target"], value.strip(" .;"))


def _add_listing(ctx: ParseContext, target: Entity, sanction: Entity, rows: list[Row]) -> None:
    """Regimes (programs), listing and designation dates and the last update, from every row."""
    def values(column: str, dates: bool) -> list[str]:
        found = (uk_date(c[column]) if dates else clean_text(c[column]) for c in _distinct(rows, column))
        return list(dict.fromkeys(v for v in found if v is not None))

    regimes = values("Regime", dates=False)
    add_values(ctx, target, "program", regimes)
    add_values(ctx, sanction, "program", regimes)
    listed = values("Listed On", dates=True)
    add_values(ctx, sanction, "listingDate", listed)
    designated = values("UK Sanctions List Date Designated", dates=True)
    if designated != listed:
        add_values(ctx, sanction, "startDate", designated)
    updated = values("Last Updated", dates=True)
    add_values(ctx, target, "modifiedAt", updated)
    add_values(ctx, sanction, "modifiedAt", updated)
