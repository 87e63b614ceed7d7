"""EU Financial Sanctions Files (FSF), XML 1.1: ``export/sanctionEntity`` in the namespace
``http://eu.europa.ec/fpi/fsd/export``.

Verified field by field on real records (``tests/fixtures/lists/eu_fsf/``: four entities of the export of
2026-08-05 and three of 2021-01-15, see their PROVENANCE.md); first written from the element and
attribute names of the published schema ``schema_1_1.xsd``: ``export`` (generationDate),
``sanctionEntity`` (logicalId, designationDate, designationDetails, unitedNationId, euReferenceNumber,
remark), ``regulation`` (regulationType, organisationType, publicationDate, entryIntoForceDate,
numberTitle, programme, publicationUrl), ``subjectType`` (code), ``nameAlias`` (firstName, middleName,
lastName, wholeName, function, gender, title, nameLanguage, strong, remark), ``citizenship``,
``birthdate`` (circa, calendarType, city, zipCode, birthdate, dayOfMonth, monthOfYear, year,
yearRangeFrom, yearRangeTo, region, place, country...), ``address`` (city, street, poBox, zipCode,
region, place, country..., contactInfo key/value) and ``identification`` (flags, issueDate, issuedBy,
latinNumber, nameOnDocument, number, validFrom, validTo, identificationTypeCode and description,
country...).

Mapping: source id ``logicalId``; person → Person, enterprise → Organization. The main name is the
strong alias with name parts and no language (else with parts in English, else without language,
else in English, else the first strong one); other strong ones are ``alias``, ``strong="false"`` or a
"low quality" remark ``weakAlias``; each name given in a language is also noted with its language code
(FtM names carry none). Every regulation's ``programme`` is a program; the Sanction takes
``euReferenceNumber`` (authorityId), ``unitedNationId`` (unscId), ``designationDate`` (listingDate, else
the earliest regulation's publication), the regulations' earliest entry into force (startDate, when
different), ``designationDetails`` (reason), ``delistingDate`` (endDate) and one summary line per
regulation (number, kind, body, dates, URL). A value FtM refuses (a phone number without a country
code) is kept in the notes. ``-`` and ``00``/``UNKNOWN`` stand for nothing.
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
    iso_date,
    iso_day,
    join_parts,
    known_schema,
    load_data,
    make_identification,
    make_sanction,
    name_note,
    year_span,
)
from kenning.sources.readers import parse_xml_root

__all__ = ["parse"]

#: An lxml element (lxml ships no type information here, so it is Any to mypy).
Element: TypeAlias = Any


_LETTERED = re.compile(r"\([a-z]\)")


def _lettered(text: str | None) -> list[str]:
    """``(a) Brigadier General, (b) Head of X`` → ``['Brigadier General', 'Head of X']``."""
    items = (clean_text(part.strip(" ,;")) for part in _LETTERED.split(text or ""))
    return [item for item in items if item]


def _data() -> dict[str, Any]:
    return load_data("eu_fsf.yml")


class _Doc:
    """Namespace-aware lookups in one export (the namespace is the root element's own)."""

    def __init__(self, namespace: str | None) -> None:
        self.prefix = f"{{{namespace}}}" if namespace else ""

    def all(self, node: Element, tag: str) -> list[Element]:
        return list(node.findall(self.prefix + tag))

    def texts(self, node: Element, tag: str) -> list[str]:
        return [t for t in (clean_text(e.text) for e in self.all(node, tag)) if t]


def _attr(node: Element, name: str) -> str | None:
    value = clean_text(node.get(name))
    return None if value in (None, "-") else value


def _country(node: Element) -> str | None:
    """The element's country: its ISO code, else its description; "00"/"UNKNOWN" are none."""
    unknown = set(_data()["unknown_countries"])
    code, description = _attr(node, "countryIso2Code"), _attr(node, "countryDescription")
    if code and code not in unknown:
        return code.lower()
    return description if description and description not in unknown else None


def _country_name(node: Element) -> str | None:
    description = _attr(node, "countryDescription")
    return description if description and description not in _data()["unknown_countries"] else None


def parse(ctx: ParseContext) -> Iterator[Entity]:
    """Yield the entities of one EU FSF XML export, in file order."""
    root, namespace = parse_xml_root(ctx.main, _data()["root"], "the EU Financial Sanctions File")
    if namespace != _data()["namespace"]:
        ctx.warn(f"{ctx.main.name}: unexpected XML namespace {namespace!r}; read anyway")
    doc = _Doc(namespace)
    ctx.publication_date = iso_day(root.get("generationDate"))
    seen: set[str] = set()
    for node in doc.all(root, "sanctionEntity"):
        ctx.stats["records"] += 1
        ctx.advance(1)
        yield from _record(ctx, doc, node, seen)


def _record(ctx: ParseContext, doc: _Doc, node: Element, seen: set[str]) -> Iterator[Entity]:
    """The listed party of one sanctionEntity, its Sanction and identification records."""
    logical_id = _attr(node, "logicalId")
    if logical_id is None:
        raise ctx.error("<sanctionEntity> without a logicalId", line=node.sourceline)
    if logical_id in seen:
        ctx.stats["duplicate logicalIds skipped"] += 1
        ctx.warn(f"{ctx.main.name}, line {node.sourceline}: logicalId {logical_id} appears twice; "
                 "kept the first")
        return
    seen.add(logical_id)
    target = ctx.make(_schema(ctx, doc, node, logical_id), logical_id)
    _add_names(ctx, doc, target, node)
    for citizenship in doc.all(node, "citizenship"):
        prop = "nationality" if target.schema.is_a("Person") else "country"
        add_value(ctx, target, prop, _country(citizenship))
    for birth in doc.all(node, "birthdate"):
        _add_birth(ctx, doc, target, birth)
    numbered = [e for e in doc.all(node, "identification") if _attr(e, "number") or _attr(e, "latinNumber")]
    documents = [_identification(ctx, doc, target, el, source=(logical_id, n))
                 for n, el in enumerate(numbered, start=1)]
    for address in doc.all(node, "address"):
        _add_address(ctx, doc, target, address)
    add_values(ctx, target, "notes", doc.texts(node, "remark"))
    sanction = _sanction(ctx, doc, node, target, logical_id)
    add_value(ctx, target, "topics", "sanction")
    ctx.stats["targets"] += 1
    yield target
    yield sanction
    yield from documents


def _schema(ctx: ParseContext, doc: _Doc, node: Element, logical_id: str) -> str:
    subject = doc.all(node, "subjectType")
    code = _attr(subject[0], "code") if subject else None
    return known_schema(ctx, _data()["subject_types"], code, field="subjectType",
                        record=f"sanctionEntity {logical_id}", records="records")


def _is_weak(alias: Element, doc: _Doc) -> bool:
    remarks = " ".join(doc.texts(alias, "remark")).lower()
    return alias.get("strong") == "false" or any(w in remarks for w in _data()["weak_remarks"])


def _primary(doc: _Doc, aliases: list[Element]) -> Element | None:
    """The alias that is the party's main name (see the module docstring), or None without a strong one."""
    strong = [a for a in aliases if not _is_weak(a, doc)]

    def rank(alias: Element) -> int:
        parts = any(_attr(alias, p) for p in ("firstName", "middleName", "lastName"))
        language = (_attr(alias, "nameLanguage") or "").upper()
        return (0 if parts else 2) + (0 if not language else 1 if language == "EN" else 4)

    return min(strong, key=rank) if strong else None


def _add_names(ctx: ParseContext, doc: _Doc, target: Entity, node: Element) -> None:
    """All nameAlias elements: the main name, strong and weak aliases, name parts, titles, functions."""
    aliases = doc.all(node, "nameAlias")
    primary = _primary(doc, aliases)
    names: set[str] = set()
    is_person = target.schema.is_a("Person")
    for alias in ([primary] if primary is not None else []) + [a for a in aliases if a is not primary]:
        parts = [_attr(alias, p) for p in ("firstName", "middleName", "lastName")]
        whole = _attr(alias, "wholeName") or join_parts(parts, sep=" ")
        if whole is not None and whole not in names:
            names.add(whole)
            prop = "name" if alias is primary else ("weakAlias" if _is_weak(alias, doc) else "alias")
            add_value(ctx, target, prop, whole)
            ctx.stats[{"name": "names", "weakAlias": "weak aliases"}.get(prop, "aliases")] += 1
        if whole is not None:
            add_value(ctx, target, "notes", name_note(whole, language=_attr(alias, "nameLanguage")))
        if alias is primary and is_person:
            add_values(ctx, target, "firstName", parts[:1])
            add_values(ctx, target, "middleName", parts[1:2])
            add_values(ctx, target, "lastName", parts[2:])
        add_values(ctx, target, "title", _lettered(alias.get("title")))
        for function in _lettered(alias.get("function")):
            add_value(ctx, target, "position" if is_person else "notes",
                      function if is_person else f"Function: {function}")
        if is_person:
            add_value(ctx, target, "gender", _attr(alias, "gender"))
        for remark in doc.texts(alias, "remark"):
            if not any(w in remark.lower() for w in _data()["weak_remarks"]):
                add_value(ctx, target, "notes", f"Name {whole}: {remark}")
    if primary is None and aliases:
        ctx.stats["records without a strong name"] += 1
        weak_names = target.get("weakAlias")
        add_value(ctx, target, "name", weak_names[0] if weak_names else None)


def _birth_values(node: Element) -> tuple[list[str], str | None]:
    """ISO values of one birthdate and, when they do not say everything, the source's wording."""
    circa = node.get("circa") == "true"
    calendar = (_attr(node, "calendarType") or "GREGORIAN").upper()
    first, last = _attr(node, "yearRangeFrom"), _attr(node, "yearRangeTo")
    full = iso_day(_attr(node, "birthdate"))
    parts = iso_date(_attr(node, "year"), _attr(node, "monthOfYear"), _attr(node, "dayOfMonth"))
    prefix = "circa " if circa else ""
    if calendar != "GREGORIAN":
        shown = full or parts or join_parts([first, last], sep=" to ")
        return [], f"{shown} ({calendar.lower()} calendar)" if shown else None
    if first and last and first.isdigit() and last.isdigit():
        return year_span(int(first), int(last)), f"{prefix}{first} to {last}"
    if first or last:
        bound = first or last or ""
        wording = f"{prefix}{'from' if first else 'until'} {bound}"
        return ([bound] if bound.isdigit() else []), wording
    value = full or parts
    if value is None:
        return [], None
    return ([value[:4]], f"circa {value}") if circa else ([value], None)


def _add_birth(ctx: ParseContext, doc: _Doc, target: Entity, node: Element) -> None:
    """One birthdate element: its date (known parts only), its place and any remark."""
    values, wording = _birth_values(node)
    add_values(ctx, target, "birthDate", values)
    if wording is not None:
        add_value(ctx, target, "notes", f"Date of birth: {wording}")
        ctx.stats["dates of birth reduced or annotated"] += 1
    place = join_parts([_attr(node, "place"), _attr(node, "city"), _attr(node, "region"),
                        _attr(node, "zipCode"), _country_name(node)])
    add_value(ctx, target, "birthPlace", place)
    add_value(ctx, target, "birthCountry", _country(node))
    for remark in doc.texts(node, "remark"):
        add_value(ctx, target, "notes", f"Birth: {remark}")


def _identification(ctx: ParseContext, doc: _Doc, target: Entity, node: Element, *,
                    source: tuple[str, int]) -> Entity:
    """A Passport/Identification record (``-id-{n}``, ``source`` = (logicalId, n)) with its number
    also flat on the target."""
    code = _attr(node, "identificationTypeCode") or ""
    rule = _data()["identification_types"].get(code, {})
    prop = str(rule.get("prop", _data()["default_identification_prop"]))
    number = _attr(node, "number") or _attr(node, "latinNumber") or ""
    record = make_identification(ctx, target, source[0], source[1], number,
                                 passport=bool(rule.get("passport")), flat_prop=prop)
    latin = _attr(node, "latinNumber")
    if latin is not None and latin != number:
        add_value(ctx, record, "number", latin)
        add_value(ctx, target, prop, latin)
    add_value(ctx, record, "type", _attr(node, "identificationTypeDescription") or code or None)
    add_value(ctx, record, "country", _country(node))
    add_value(ctx, record, "authority", _attr(node, "issuedBy"))
    add_value(ctx, record, "startDate", iso_day(_attr(node, "issueDate") or _attr(node, "validFrom")))
    add_value(ctx, record, "endDate", iso_day(_attr(node, "validTo")))
    flags = [text for flag, text in _data()["identification_flags"].items() if node.get(flag) == "true"]
    holder_name = _attr(node, "nameOnDocument")
    on_document = f"name on document: {holder_name}" if holder_name else None
    summary = [*doc.texts(node, "remark"), *flags, on_document]
    add_value(ctx, record, "summary", join_parts(summary, sep="; "))
    return record


def _add_address(ctx: ParseContext, doc: _Doc, target: Entity, node: Element) -> None:
    """One address string, its country, contact details (by key) and remarks."""
    po_box = _attr(node, "poBox")
    full = join_parts([_attr(node, "street"), f"PO Box {po_box}" if po_box else None,
                       _attr(node, "place"), _attr(node, "zipCode"), _attr(node, "city"),
                       _attr(node, "region"), _country_name(node)])
    add_value(ctx, target, "address", full)
    add_value(ctx, target, "country", _country(node))
    contact_props: dict[str, str] = _data()["contact_info"]
    for contact in doc.all(node, "contactInfo"):
        key, value = _attr(contact, "key") or "", _attr(contact, "value")
        if key in contact_props:
            for item in (value or "").replace(";", ",").split(","):
                if add_value(ctx, target, contact_props[key], item) is None and clean_text(item):
                    add_value(ctx, target, "notes", f"{key.title()}: {clean_text(item)}")
        elif value is not None:
            add_value(ctx, target, "notes", f"{key.title()}: {value}")
    for remark in doc.texts(node, "remark"):
        add_value(ctx, target, "notes", f"Address {full or ''}: {remark}".replace(" :", ":"))


def _sanction(ctx: ParseContext, doc: _Doc, node: Element, target: Entity, logical_id: str) -> Entity:
    """The Sanction: programmes, reference numbers, dates and the regulations it rests on."""
    sanction = make_sanction(ctx, target, logical_id)
    regulations = doc.all(node, "regulation")
    programmes = list(dict.fromkeys(p for p in (_attr(r, "programme") for r in regulations) if p))
    add_values(ctx, target, "program", programmes)
    add_values(ctx, sanction, "program", programmes)
    add_value(ctx, sanction, "authorityId", _attr(node, "euReferenceNumber"))
    add_value(ctx, sanction, "unscId", _attr(node, "unitedNationId"))
    add_value(ctx, sanction, "reason", _attr(node, "designationDetails"))
    published = sorted(d for d in (iso_day(_attr(r, "publicationDate")) for r in regulations) if d)
    in_force = sorted(d for d in (iso_day(_attr(r, "entryIntoForceDate")) for r in regulations) if d)
    listed = iso_day(_attr(node, "designationDate")) or (published[0] if published else None)
    add_value(ctx, sanction, "listingDate", listed)
    if in_force and in_force[0] != listed:
        add_value(ctx, sanction, "startDate", in_force[0])
    add_value(ctx, sanction, "endDate", iso_day(_attr(node, "delistingDate")))
    summaries = node.iter(f"{doc.prefix}regulationSummary")
    updated = sorted({*published, *(d for d in (iso_day(s.get("publicationDate")) for s in summaries) if d)})
    if updated:
        add_value(ctx, target, "modifiedAt", updated[-1])
        add_value(ctx, sanction, "modifiedAt", updated[-1])
    for regulation in regulations:
        add_value(ctx, sanction, "summary", _regulation_text(doc, regulation))
    return sanction


def _regulation_text(doc: _Doc, node: Element) -> str | None:
    """``Regulation 2022/332 (OJ L53), amendment by the council, published 2022-02-25, in force
    2022-02-25: <url>`` — one line per legal act the listing rests on."""
    title = _attr(node, "numberTitle")
    if title is None:
        return None
    body, published, in_force = (_attr(node, a) for a in ("organisationType", "publicationDate",
                                                             "entryIntoForceDate"))
    kind = join_parts([_attr(node, "regulationType"), f"by the {body}" if body else None], sep=" ")
    dates = join_parts([f"published {published}" if published else None,
                        f"in force {in_force}" if in_force else None])
    url = next(iter(doc.texts(node, "publicationUrl")), None)
    text = join_parts([f"Regulation {title}", kind, dates])
    return f"{text}: {url}" if url else text
