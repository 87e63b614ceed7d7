"""UN Security Council Consolidated List (the official ``consolidated.xml``).

``CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL`` become Person and ``ENTITIES/ENTITY`` Organization, with
the record's ``DATAID`` as source id (``un_sc-6908555``). The name is FIRST..FOURTH_NAME joined
with spaces as listed; ``NAME_ORIGINAL_SCRIPT`` and Good/a.k.a. aliases are ``alias``, Low ones
``weakAlias``, f.k.a. ``previousName``. ``UN_LIST_TYPE`` goes to ``program`` together with the
committee it stands for (``un_sc.yml``); ``REFERENCE_NUMBER`` is the Sanction's ``unscId``;
``COMMENTS1`` is both the party's ``notes`` and the Sanction's ``reason``. Dates of birth keep their
known parts: EXACT dates as written, APPROXIMATELY and BETWEEN as years (each year of a range up to
ten years wide), and the original wording is kept in the notes when a date is reduced.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, TypeAlias

from kenning.model import Entity
from kenning.sources.base import ParseContext
from kenning.sources.gb_un_eu_common import (
    add_value,
    add_values,
    clean_text,
    document_dates,
    iso_day,
    join_parts,
    load_data,
    make_identification,
    make_sanction,
    year_span,
)
from kenning.sources.readers import parse_xml_root

__all__ = ["parse"]

#: An lxml element (lxml ships no type information here, so it is Any to mypy).
Element: TypeAlias = Any
_YEAR_IN_TEXT = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_ADDRESS_PARTS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")


def _data() -> dict[str, Any]:
    return load_data("un_sc.yml")


def _text(node: Element, path: str) -> str | None:
    return clean_text(node.findtext(path))


def _texts(node: Element, path: str) -> list[str]:
    return [t for t in (clean_text(e.text) for e in node.iterfind(path)) if t is not None]


def parse(ctx: ParseContext) -> Iterator[Entity]:
    """Yield the entities of one UN consolidated XML file, individuals first, in file order."""
    root, _ = parse_xml_root(ctx.main, _data()["root"], "the UN consolidated list")
    ctx.publication_date = iso_day(root.get("dateGenerated"))
    seen: set[str] = set()
    for spec in _data()["records"]:
        for node in root.iterfind(f"{spec['container']}/{spec['element']}"):
            ctx.stats["records"] += 1
            ctx.advance(1)
            yield from _record(ctx, node, spec, seen)


def _record(ctx: ParseContext, node: Element, spec: dict[str, str], seen: set[str]) -> Iterator[Entity]:
    """The listed party of one INDIVIDUAL/ENTITY element, its Sanction and documents."""
    data_id = _text(node, "DATAID")
    if data_id is None:
        raise ctx.error(f"<{spec['element']}> without a DATAID", line=node.sourceline)
    if data_id in seen:
        ctx.stats["duplicate DATAIDs skipped"] += 1
        ctx.warn(f"{ctx.main.name}, line {node.sourceline}: DATAID {data_id} appears twice; kept the first")
        return
    seen.add(data_id)
    target = ctx.make(spec["schema"], data_id)
    prefix = spec["prefix"]
    _add_names(ctx, target, node, prefix)
    add_values(ctx, target, "title", _texts(node, "TITLE/VALUE"))
    add_values(ctx, target, "position", _texts(node, "DESIGNATION/VALUE"))
    add_values(ctx, target, "nationality", _texts(node, "NATIONALITY/VALUE"))
    add_value(ctx, target, "gender", _text(node, "GENDER"))
    for dob in node.iterfind(f"{prefix}_DATE_OF_BIRTH"):
        _add_birth_date(ctx, target, dob)
    for place in node.iterfind(f"{prefix}_PLACE_OF_BIRTH"):
        add_value(ctx, target, "birthPlace", join_parts(_text(place, p) for p in (*_ADDRESS_PARTS, "NOTE")))
        add_value(ctx, target, "birthCountry", _text(place, "COUNTRY"))
    documents = _documents(ctx, target, data_id, node.iterfind(f"{prefix}_DOCUMENT"))
    for address in node.iterfind(f"{prefix}_ADDRESS"):
        _add_address(ctx, target, address)
    comments = _text(node, "COMMENTS1")
    add_value(ctx, target, "notes", comments)
    sanction = make_sanction(ctx, target, data_id)
    programs = _programs(ctx, _text(node, "UN_LIST_TYPE"))
    add_values(ctx, target, "program", programs)
    add_values(ctx, sanction, "program", programs)
    add_value(ctx, sanction, "listingDate", iso_day(_text(node, "LISTED_ON")))
    add_value(ctx, sanction, "unscId", _text(node, "REFERENCE_NUMBER"))
    add_value(ctx, sanction, "reason", comments)
    updated = sorted(d for d in (iso_day(v) for v in _texts(node, "LAST_DAY_UPDATED/VALUE")) if d)
    if updated:
        add_value(ctx, target, "modifiedAt", updated[-1])
        add_value(ctx, sanction, "modifiedAt", updated[-1])
    add_value(ctx, target, "topics", "sanction")
    ctx.stats["targets"] += 1
    yield target
    yield sanction
    yield from documents


def _programs(ctx: ParseContext, list_type: str | None) -> list[str]:
    """The list type as written and the committee it stands for."""
    if list_type is None:
        return []
    committee = _data()["committees"].get(list_type)
    if committee is None:
        ctx.stats[f"unknown UN_LIST_TYPE {list_type}"] += 1
        return [list_type]
    return [list_type, str(committee)]


def _add_names(ctx: ParseContext, target: Entity, node: Element, prefix: str) -> None:
    """The listed name, its parts, the original-script name and the aliases by quality."""
    parts = [_text(node, p) for p in _NAME_PARTS]
    name = " ".join(p for p in parts if p) or None
    if name is None:
        ctx.stats["records without a name"] += 1
        name = _text(node, "REFERENCE_NUMBER") or _text(node, "DATAID")
    add_value(ctx, target, "name", name)
    if target.schema.is_a("Person"):
        add_value(ctx, target, "firstName", parts[0])
        add_value(ctx, target, "secondName", parts[1])
    qualities: dict[str, str] = _data()["alias_qualities"]
    names = {name}
    for original in _texts(node, "NAME_ORIGINAL_SCRIPT"):
        if original not in names:
            names.add(original)
            add_value(ctx, target, "alias", original)
            ctx.stats["original-script names"] += 1
    for alias in node.iterfind(f"{prefix}_ALIAS"):
        alias_name = _text(alias, "ALIAS_NAME")
        if alias_name is None:
            continue
        quality = _text(alias, "QUALITY") or ""
        prop = qualities.get(quality, "alias")
        if quality not in qualities:
            ctx.stats[f"aliases of unknown quality {quality}"] += 1
        if alias_name not in names:
            names.add(alias_name)
            add_value(ctx, target, prop, alias_name)
            ctx.stats["weak aliases" if prop == "weakAlias" else "aliases"] += 1
        note = _text(alias, "NOTE")
        if note is not None:
            add_value(ctx, target, "notes", f"Alias {alias_name}: {note}")
        add_value(ctx, target, "birthDate", iso_day(_text(alias, "DATE_OF_BIRTH")))
        add_value(ctx, target, "birthPlace", join_parts([_text(alias, "CITY_OF_BIRTH"),
                                                         _text(alias, "COUNTRY_OF_BIRTH")]))


def _note_dates(note: str, year: str | None) -> list[str]:
    """Dates in a date-of-birth note: ``Nov. 1973`` → 1973-11, ``Sep.`` with YEAR 1958 → 1958-09,
    ``Between Aug. and Sep. 1977`` → 1977-08, 1977-09. Other calendars and ages give nothing."""
    if "hijri" in note.lower():
        return []
    months_table: dict[str, int] = load_data("gb_un_eu_common.yml")["months"]
    years = [year] if year else list(dict.fromkeys(_YEAR_IN_TEXT.findall(note)))
    months = [months_table[w] for w in re.findall(r"[a-z]+", note.lower()) if w in months_table]
    if len(years) == 1 and months:
        return [f"{years[0]}-{m:02d}" for m in dict.fromkeys(months)]
    return years


def _add_birth_date(ctx: ParseContext, target: Entity, dob: Element) -> None:
    """One INDIVIDUAL_DATE_OF_BIRTH: the known parts as ISO values, the wording kept when reduced."""
    kind = (_text(dob, "TYPE_OF_DATE") or "").upper()
    date, year, note = iso_day(_text(dob, "DATE")), _text(dob, "YEAR"), _text(dob, "NOTE")
    first, last = _text(dob, "FROM_YEAR"), _text(dob, "TO_YEAR")
    values: list[str] = []
    if kind == "BETWEEN" and first and last and first.isdigit() and last.isdigit():
        values = year_span(int(first), int(last))
        wording = f"between {first} and {last}"
    elif date is not None:
        values = [date[:4]] if kind == "APPROXIMATELY" else [date]
        wording = f"approximately {date}" if kind == "APPROXIMATELY" else date
    else:
        wording = f"approximately {year}" if kind == "APPROXIMATELY" and year else (year or "")
        values = [year] if year else []
    if note is not None:
        values = _note_dates(note, year) or values
        wording = join_parts([wording, note], sep=" ") or note
    add_values(ctx, target, "birthDate", values)
    if kind in ("APPROXIMATELY", "BETWEEN") or note is not None:
        add_value(ctx, target, "notes", f"Date of birth: {wording}")
        ctx.stats["dates of birth reduced or annotated"] += 1


def _document_kind(words: str) -> tuple[str, bool]:
    """The flat property and whether it is a passport, from the document's type words."""
    lowered = words.lower()
    for rule in _data()["documents"]:
        if rule["contains"] in lowered:
            return str(rule["prop"]), bool(rule["passport"])
    return str(_data()["default_document_prop"]), False


def _documents(ctx: ParseContext, target: Entity, data_id: str, nodes: Iterator[Element]) -> list[Entity]:
    """Passport/Identification records in source order; one without a number is kept as a note."""
    records: list[Entity] = []
    for node in nodes:
        number, note = _text(node, "NUMBER"), _text(node, "NOTE")
        types = [t for t in (_text(node, "TYPE_OF_DOCUMENT"), _text(node, "TYPE_OF_DOCUMENT2")) if t]
        if number is None:
            if types or note:
                ctx.stats["documents without a number (kept as notes)"] += 1
                add_value(ctx, target, "notes", join_parts([" / ".join(types) or "Document", note], sep=": "))
            continue
        prop, passport = _document_kind(" ".join(types))
        doc = make_identification(ctx, target, data_id, len(records) + 1, number, passport=passport,
                                  flat_prop=prop)
        add_values(ctx, doc, "type", types)
        add_value(ctx, doc, "country", _text(node, "ISSUING_COUNTRY"))
        add_value(ctx, doc, "country", _text(node, "COUNTRY_OF_ISSUE"))
        add_value(ctx, doc, "startDate", iso_day(_text(node, "DATE_OF_ISSUE")))
        city = _text(node, "CITY_OF_ISSUE")
        add_value(ctx, doc, "summary", join_parts([f"Issued in {city}" if city else None, note], sep=". "))
        if note is not None:
            starts, ends = document_dates(note)
            add_values(ctx, doc, "startDate", starts)
            add_values(ctx, doc, "endDate", ends)
        records.append(doc)
    return records


def _add_address(ctx: ParseContext, target: Entity, node: Element) -> None:
    """One address string (street, city, region, post code, country, and its note in brackets)."""
    full = join_parts(_text(node, p) for p in _ADDRESS_PARTS)
    note = _text(node, "NOTE")
    if full is not None:
        add_value(ctx, target, "address", f"{full} ({note})" if note else full)
        ctx.stats["addresses"] += 1
    elif note is not None:
        add_value(ctx, target, "notes", f"Address: {note}")
    add_value(ctx, target, "country", _text(node, "COUNTRY"))
