"""OFAC's SDN and consolidated lists in the advanced XML (``SDN_ADVANCED.XML``, ``CONS_ADVANCED.XML``): the
UN sanctions data model of ``Sanctions/DistinctParties/DistinctParty``, ``SanctionsEntries``,
``Locations``, ``IDRegDocuments``, ``ProfileRelationships`` and the ``ReferenceValueSets`` the ids point to.

Each party is turned into the :class:`~kenning.sources.ofac_build.OfacRow` the legacy CSV reader would
build — its names (``LAST, Given`` for people, as the CSV writes them), its features as the CSV's remark
parts or columns (``ofac_advanced.yml``), its locations as addresses, its identity documents, its
programs — and built by the same :func:`~kenning.sources.ofac_build.build_entry`, so the same publication
read as CSV, XML or advanced XML gives the same parties with the same ids. What only this format has
comes on top: the listing date of each entry (``EntryEvent``, the Sanction's ``listingDate``), its legal
basis and list, names in their original scripts (aliases, their script noted) and the typed relations
between parties (UnknownLinks whose role is the relation type). Reference ids neither the file nor
``ofac_reference.yml`` define are counted and reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from kenning.model import Entity, add_ref
from kenning.sources.base import ParseContext, get_source
from kenning.sources.gb_un_eu_common import name_note
from kenning.sources.ofac_apply import put
from kenning.sources.ofac_build import NameIndex, OfacRow, build_entry
from kenning.sources.ofac_refs import (
    Element,
    Location,
    Refs,
    Xml,
    advanced_data,
    date_iso,
    period_text,
    read_documents,
    read_locations,
    read_refs,
)
from kenning.sources.ofac_remarks import split_remarks
from kenning.sources.ofac_xml import alias_prop, remark_parts
from kenning.sources.readers import parse_xml_root

__all__ = ["parse"]


@dataclass
class Listing:
    """What the ``SanctionsEntry`` of one profile says: lists, entry dates, legal bases, programs, measures."""

    lists: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    legal: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)


@dataclass
class Party:
    """One DistinctParty as a CSV row, and what only the advanced format adds to it."""

    row: OfacRow
    profile: str
    scripts: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _File:
    """Everything of one file the parties refer to."""

    x: Xml
    refs: Refs
    locations: dict[str, Location]
    documents: dict[str, list[tuple[str, bool]]]
    listings: dict[str, Listing]


def _listings(x: Xml, root: Element, refs: Refs) -> dict[str, Listing]:
    data = advanced_data()
    out: dict[str, Listing] = {}
    for entry in x.all(root, "SanctionsEntries/SanctionsEntry"):
        listing = out.setdefault(str(entry.get("ProfileID")), Listing())
        listing.lists += [v for v in [refs.value("List", entry.get("ListID"))] if v]
        for event in x.all(entry, "EntryEvent"):
            listing.dates += [d for d in [date_iso(x, x.one(event, "Date"))] if d]
            listing.legal += [v for v in [refs.value("LegalBasis", event.get("LegalBasisID"))] if v and v != "Unknown"]
        for measure in x.all(entry, "SanctionsMeasure"):
            kind, comment = refs.value("SanctionsType", measure.get("SanctionsTypeID")), x.text(measure, "Comment")
            if kind == data["program_measure"]:
                listing.programs += [comment] if comment else []
            elif kind is not None and kind not in data["implied_measures"]:
                listing.measures.append(f"{kind}: {comment}" if comment else kind)
    return out


def _sdn_type(ctx: ParseContext, f: _File, profile: Element) -> str | None:
    sub_id = profile.get("PartySubTypeID")
    kind = f.refs.value("PartySubType", sub_id)
    if kind in (None, "Unknown"):
        kind = f.refs.value("PartyType", f.refs.attr("PartySubType", sub_id, "PartyTypeID"))
    types: dict[str, str | None] = advanced_data()["party_types"]
    if kind not in types:
        ctx.stats[f"parties of an unknown type {kind}"] += 1
        return None
    return types[kind]


def _name_text(parts: list[tuple[str, str]], person: bool, latin: bool) -> str:
    """A documented name as the CSV writes it: ``LAST, Given Names`` for people in Latin script; other
    scripts given names first; organisations, vessels and aircraft as one phrase."""
    last_kinds = set(advanced_data()["last_name_parts"])
    last = " ".join(v for kind, v in parts if kind in last_kinds)
    given = " ".join(v for kind, v in parts if kind not in last_kinds)
    if not person or not last or not given:
        return " ".join(v for _, v in parts)
    return f"{last.upper()}, {given}" if latin else f"{given} {last}"


def _names(f: _File, identity: Element, party: Party, person: bool) -> None:
    """The identity's aliases: the main name in Latin script, its other spellings, a.k.a.s, f.k.a.s..."""
    data, x, refs = advanced_data(), f.x, f.refs
    groups = {g.get("ID"): refs.value("NamePartType", g.get("NamePartTypeID")) or "Unknown"
              for g in x.all(identity, "NamePartGroups/MasterNamePartGroup/NamePartGroup")}
    for alias in x.all(identity, "Alias"):
        kind = refs.value("AliasType", alias.get("AliasTypeID"))
        main = kind == data["main_alias_type"] or alias.get("Primary") == "true"
        for documented in x.all(alias, "DocumentedName"):
            values = x.all(documented, "DocumentedNamePart/NamePartValue")
            parts = [(groups.get(v.get("NamePartGroupID"), "Unknown"), " ".join((v.text or "").split()))
                     for v in values if (v.text or "").strip()]
            if not parts:
                continue
            script = refs.value("Script", values[0].get("ScriptID")) or data["latin_script"]
            latin = script == data["latin_script"]
            text = _name_text(parts, person, latin)
            status = refs.value("DocNameStatus", documented.get("DocNameStatusID"))
            if main and latin and status == data["primary_latin"] and not party.row.name:
                party.row.name = text
            else:
                party.row.aliases.append(("alias" if main else alias_prop(kind, alias.get("LowQuality") == "true"),
                                          text))
            if not latin:
                party.scripts.append((text, script))


def _feature_value(f: _File, version: Element) -> str | None:
    """One FeatureVersion's value: its text, its looked-up value, its dates or its location."""
    x = f.x
    for detail in x.all(version, "VersionDetail"):
        text = " ".join((detail.text or "").split())
        value = text or f.refs.value("DetailReference", detail.get("DetailReferenceID"))
        if value:
            return value
    dated = period_text(x, x.one(version, "DatePeriod"))
    if dated:
        return dated
    located = x.one(version, "VersionLocation")
    location = f.locations.get(str(located.get("LocationID"))) if located is not None else None
    return location.place() if location is not None else None


def _features(f: _File, profile: Element, party: Party, parts: list[str]) -> None:
    """Each feature as the CSV has it: a remark part, a column of the main row, an address."""
    specs, x = advanced_data()["features"], f.x
    titles: list[str] = []
    for feature in x.all(profile, "Feature"):
        kind = f.refs.value("FeatureType", feature.get("FeatureTypeID")) or f"Feature {feature.get('FeatureTypeID')}"
        spec = specs.get(kind, {})
        for version in x.all(feature, "FeatureVersion"):
            if spec.get("address"):
                located = x.one(version, "VersionLocation")
                location = f.locations.get(str(located.get("LocationID"))) if located is not None else None
                party.row.addresses += [location.address()] if location is not None else []
                continue
            value = _feature_value(f, version)
            if value is None:
                continue
            if f.refs.value("Reliability", version.get("ReliabilityID")) == advanced_data()["false_reliability"]:
                party.notes.append(f"{kind} {value} (reported false)")
            elif spec.get("column") == "title":
                titles.append(value)
            elif spec.get("column"):
                party.row.vessel[spec["column"]] = value
            else:
                parts.append(f"{spec.get('remark', kind)} {value}")
    party.row.title = "; ".join(titles) or None


def _party(ctx: ParseContext, f: _File, node: Element) -> Party | None:
    fixed, profile = node.get("FixedRef"), f.x.one(node, "Profile")
    if fixed is None or not fixed.isdigit() or profile is None:
        raise ctx.error("<DistinctParty> without a numeric FixedRef and a Profile", line=node.sourceline)
    listing = f.listings.get(str(profile.get("ID")), Listing())
    sdn_type = _sdn_type(ctx, f, profile)
    party = Party(OfacRow(ent_num=fixed, line=node.sourceline or 0, name="", sdn_type=sdn_type,
                          programs=listing.programs, title=None), profile=str(profile.get("ID")))
    parts: list[str] = []
    for identity in f.x.all(profile, "Identity"):
        _names(f, identity, party, sdn_type == "individual")
        for part, fraudulent in f.documents.get(str(identity.get("ID")), []):
            parts.append(part)
            party.notes += [f"{part}: marked fraudulent by OFAC"] if fraudulent else []
    if not party.row.name:
        if not party.row.aliases:
            raise ctx.error("the party has no name", line=node.sourceline, record=fixed)
        party.row.name = party.row.aliases.pop(0)[1]
        ctx.stats["parties without a main Latin name"] += 1
    _features(f, profile, party, parts)
    comment = f.x.text(node, "Comment")
    party.row.remarks = remark_parts([*parts, *split_remarks(comment or "")])
    return party


def _relations(x: Xml, root: Element, refs: Refs) -> dict[str, list[tuple[str, str]]]:
    """``from profile -> [(to profile, role)]`` of ``ProfileRelationships``."""
    out: dict[str, list[tuple[str, str]]] = {}
    for rel in x.all(root, "ProfileRelationships/ProfileRelationship"):
        role = refs.value("RelationType", rel.get("RelationTypeID")) or "Related to"
        role += " (former)" if rel.get("Former") == "true" else ""
        out.setdefault(str(rel.get("From-ProfileID")), []).append((str(rel.get("To-ProfileID")), role))
    return out


def _enrich(ctx: ParseContext, built: list[Entity], party: Party, listing: Listing) -> None:
    """Add what only the advanced format says: listing date, legal basis, lists, measures, scripts."""
    target, sanction = built[0], built[1]
    for day in sorted(set(listing.dates))[:1]:
        put(sanction, ["listingDate"], day)
        ctx.stats["listing dates"] += 1
    sanction.add("summary", [f"Legal basis: {v}" for v in dict.fromkeys(listing.legal)])
    sanction.add("summary", [f"On OFAC's {v}" for v in dict.fromkeys(listing.lists)])
    sanction.add("provisions", listing.measures)
    for text, script in party.scripts:
        target.add("notes", name_note(text, script=script))
        ctx.stats["names in other scripts"] += 1
    target.add("notes", party.notes)


def _links(ctx: ParseContext, party: Party, related: list[tuple[str, str]], by_profile: dict[str, str],
           existing: set[str]) -> Iterator[Entity]:
    for other_profile, role in related:
        other = by_profile.get(other_profile)
        if other is None or other == party.row.ent_num or f"{ctx.dataset}-{party.row.ent_num}-link-{other}" in existing:
            ctx.stats["relations to parties not in the file"] += other is None
            continue
        link = ctx.make("UnknownLink", party.row.ent_num, "link", other)
        add_ref(link, "subject", f"{ctx.dataset}-{party.row.ent_num}")
        add_ref(link, "object", f"{ctx.dataset}-{other}")
        link.add("role", role)
        existing.add(str(link.id))
        ctx.stats["links"] += 1
        yield link


def _report(ctx: ParseContext, refs: Refs) -> None:
    for name, count in refs.from_fallback.items():
        ctx.stats[f"{name} values from ofac_reference.yml"] += count
    if refs.missing:
        ctx.stats["reference ids unknown"] += sum(refs.missing.values())
        ctx.warn(f"{ctx.main.name}: {len(refs.missing)} reference ids are defined neither in the file nor in "
                 f"ofac_reference.yml (e.g. {', '.join(sorted(refs.missing)[:3])}); their values are left out")


def parse(ctx: ParseContext) -> Iterator[Entity]:
    """Every entity of one OFAC advanced XML publication."""
    root, namespace = parse_xml_root(ctx.main, advanced_data()["root"], "OFAC's advanced XML")
    x = Xml(namespace)
    refs = read_refs(x, root)
    ctx.publication_date = date_iso(x, x.one(root, "DateOfIssue"))
    f = _File(x, refs, read_locations(x, root, refs), read_documents(x, root, refs), _listings(x, root, refs))
    parties: dict[str, Party] = {}
    for node in x.all(root, "DistinctParties/DistinctParty"):
        party = _party(ctx, f, node)
        if party is not None:
            if party.row.ent_num in parties:
                raise ctx.error(f"FixedRef {party.row.ent_num} appears twice", line=party.row.line)
            parties[party.row.ent_num] = party
            ctx.stats["rows"] += 1
    spec, resolve = get_source(ctx.dataset), NameIndex(p.row for p in parties.values())
    relations, by_profile = _relations(x, root, refs), {p.profile: p.row.ent_num for p in parties.values()}
    for party in parties.values():
        built = list(build_entry(ctx, spec, party.row, resolve))
        _enrich(ctx, built, party, f.listings.get(party.profile, Listing()))
        existing = {str(e.id) for e in built}
        yield from built
        yield from _links(ctx, party, relations.get(party.profile, []), by_profile, existing)
        ctx.stats["targets"] += 1
        ctx.advance(1)
    _report(ctx, refs)
