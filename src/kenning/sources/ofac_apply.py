"""Put the parts of an OFAC remark on the entities of one entry: the party, its Sanction, its records.

:func:`apply_remarks` reads each :class:`~kenning.sources.ofac_remarks.Remark` by the section of its
rule (facts, identifiers, sanction, aliases, links, notes). Free text of a person becomes a ``title``,
``political`` or ``position`` when the word lists of ``ofac_lists.yml`` say so; anything else is
kept verbatim in ``notes`` and counted as ``remarks_unparsed``.
A value FtM refuses (a phone number it cannot read, a property the party's schema lacks) is kept
verbatim in ``notes`` too, so nothing the source says is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from followthemoney.types import registry

from kenning.model import Entity, add_ref
from kenning.sources.base import ParseContext
from kenning.sources.ofac_dates import parse_date
from kenning.sources.ofac_lists import ListFacts
from kenning.sources.ofac_remarks import Identifier, Remark, Rule, parse_identifier, quoted_name

__all__ = ["Entry", "Resolver", "add_ref", "apply_remarks", "put"]

#: Finds the entry (its ent_num) a name in the same file belongs to, or None.
Resolver = Callable[[str], str | None]

_QUALIFIER = re.compile(r"^\(([^)]*)\)\s*:?\s*(.*)$", re.DOTALL)
_URL = re.compile(r"https?://\S+")
_DIGITS = re.compile(r"\D+")
#: FtM types whose cleaning depends on the value alone, and whose values repeat across a list.
_REPEATED_TYPES = frozenset({"country", "date", "gender", "url"})
_ALT = re.compile(r"^alt\.\s+", re.IGNORECASE)


@dataclass
class Entry:
    """The entities one OFAC entry becomes, and what applying its remarks needs to know."""

    ent_num: str
    target: Entity
    sanction: Entity
    lists: ListFacts
    #: The Title column's parts (casefolded): remarks often repeat them.
    title_parts: frozenset[str] = frozenset()
    records: list[Entity] = field(default_factory=list)
    links: dict[str, Entity] = field(default_factory=dict)


@lru_cache(maxsize=65536)
def _clean_repeated(type_name: str, value: str, fmt: str | None) -> str | None:
    """FtM's cleaning of a value whose cleaning does not depend on the entity (countries, dates, URLs)."""
    cleaned = registry.get(type_name).clean(value, format=fmt)
    return None if cleaned is None else str(cleaned)


def put(entity: Entity, props: Sequence[str], value: str) -> bool:
    """Add ``value`` to the first of ``props`` the entity's schema has and whose type accepts it."""
    for name in props:
        prop = entity.schema.properties.get(name)
        if prop is None or prop.stub:
            continue
        if prop.type.name in _REPEATED_TYPES:
            cleaned = _clean_repeated(prop.type.name, value, prop.format)
        else:
            cleaned = prop.type.clean(value, proxy=entity, format=prop.format)
        if cleaned is not None:
            entity.add(prop, cleaned, cleaned=True)
            return True
    return False


def _keep(ctx: ParseContext, entry: Entry, remark: Remark, reason: str) -> None:
    """A part understood but not representable: its text goes to the party's notes."""
    entry.target.add("notes", remark.raw)
    ctx.stats[reason] += 1


def _candidates(kind: str, value: str) -> list[str]:
    """The spellings of one fact value to offer FtM, best first."""
    if kind == "gender":
        return [value.strip().lower()]
    if kind == "phone":
        digits = _DIGITS.sub("", value)
        return [value, f"+{digits.lstrip('0')}"] if digits else [value]
    if kind == "imo" and value.strip().isascii() and value.strip().isdigit():
        return [f"IMO{value.strip()}"]
    return [value]


def _fact(ctx: ParseContext, entry: Entry, rule: Rule, remark: Remark, resolve: Resolver) -> None:
    """A fact about the party: a date, a country, a phone number, another entry's name, plain text."""
    target = entry.target
    if rule.kind == "date":
        parsed = parse_date(remark.value)
        added = [put(target, rule.props, value) for value in parsed.values]
        if not added or not all(added):
            _keep(ctx, entry, remark, "remarks_rejected")
        elif not parsed.exact:
            target.add("notes", remark.raw)
        return
    if rule.kind == "entity":
        other = resolve(remark.value)
        if other is None or not add_ref(target, rule.props[0], f"{ctx.dataset}-{other}"):
            _keep(ctx, entry, remark, "operators_unresolved")
        return
    if not any(put(target, rule.props, value) for value in _candidates(rule.kind, remark.value)):
        _keep(ctx, entry, remark, "remarks_rejected")


def _identifier(ctx: ParseContext, entry: Entry, rule: Rule, remark: Remark) -> None:
    """An identity document or registry number: a record of the party plus the number flat on it."""
    target = entry.target
    found = parse_identifier(rule, remark.value)
    if found is None:
        _keep(ctx, entry, remark, "remarks_rejected")
        return
    flat = put(target, rule.props, found.number)
    specific = rule.by_country.get(found.code or "")
    if specific is not None:
        put(target, [specific], found.number)
    if not target.schema.is_a("LegalEntity"):
        if not flat:
            _keep(ctx, entry, remark, "remarks_rejected")
        return
    entry.records.append(_document(ctx, entry, rule.schema, found, remark))
    ctx.stats["identifiers"] += 1


def _document(ctx: ParseContext, entry: Entry, schema: str, found: Identifier, remark: Remark) -> Entity:
    """The Identification (or Passport) record of one identifier, numbered in source order."""
    doc = ctx.make(schema, entry.ent_num, "id", len(entry.records) + 1)
    add_ref(doc, "holder", str(entry.target.id))
    doc.add("number", found.number)
    doc.add("type", found.type)
    doc.add("country", found.code or found.country)
    if found.issued is not None:
        doc.add("startDate", found.issued.values)
    if found.expires is not None:
        doc.add("endDate", found.expires.values)
    if not found.exact:
        doc.add("summary", remark.raw)
    return doc


def _sanction(ctx: ParseContext, entry: Entry, rule: Rule, remark: Remark) -> None:
    """A statement about the sanction: a measure, a listing or effective date, the program's link."""
    sanction = entry.sanction
    text = _ALT.sub("", remark.raw)
    if rule.kind == "date":
        qualified = _QUALIFIER.match(remark.value)
        parsed = parse_date(qualified.group(2) if qualified else remark.value)
        for prop in rule.props:
            sanction.add(prop, list(parsed.values))
        sanction.add("summary", text)
        if not parsed.values:
            ctx.stats["remarks_rejected"] += 1
        return
    if rule.kind == "url":
        found = _URL.search(remark.value)
        if found is not None:
            sanction.add(rule.props[0], found.group(0).rstrip(".,;)"))
            return
    sanction.add("provisions", text)


def _link(ctx: ParseContext, entry: Entry, rule: Rule, remark: Remark, resolve: Resolver) -> None:
    """``Linked To: NAME``: an UnknownLink to the entry of that name, or a note when none has it."""
    other = resolve(remark.value)
    if other is None:
        _keep(ctx, entry, remark, "links_unresolved")
        return
    if other == entry.ent_num or other in entry.links:
        return
    link = ctx.make("UnknownLink", entry.ent_num, "link", other)
    add_ref(link, "subject", str(entry.target.id))
    add_ref(link, "object", f"{ctx.dataset}-{other}")
    link.add("role", rule.props[0] if rule.props else rule.key)
    entry.links[other] = link
    ctx.stats["links"] += 1


def _free_text(ctx: ParseContext, entry: Entry, remark: Remark) -> bool:
    """A part no key names: the Title column repeated, a person's title, office or political group.

    False when none of these reads it; the text then stays in notes.
    """
    folded = remark.raw.casefold()
    if folded in entry.title_parts:
        return True
    target, lists = entry.target, entry.lists
    if target.schema.is_a("Person"):
        if folded in lists.honorifics:
            target.add("title", remark.raw)
            return True
        if lists.political_pattern.search(remark.raw):
            target.add("political", remark.raw)
            return True
        if lists.position_pattern.search(remark.raw):
            target.add("position", remark.raw)
            ctx.stats["remarks_positions"] += 1
            return True
    target.add("notes", remark.raw)
    return False


def apply_remarks(ctx: ParseContext, entry: Entry, remarks: Sequence[Remark], resolve: Resolver) -> None:
    """Apply every part of one entry's remark, in source order, counting what was read."""
    for remark in remarks:
        ctx.stats["remark_parts"] += 1
        rule = remark.rule
        if rule is None:
            ctx.stats["remarks_parsed" if _free_text(ctx, entry, remark) else "remarks_unparsed"] += 1
            continue
        ctx.stats["remarks_parsed"] += 1
        if rule.section == "facts":
            _fact(ctx, entry, rule, remark, resolve)
        elif rule.section == "identifiers":
            _identifier(ctx, entry, rule, remark)
        elif rule.section == "sanction":
            _sanction(ctx, entry, rule, remark)
        elif rule.section == "aliases":
            name = quoted_name(remark.value)
            if name:
                entry.target.add(rule.props[0] if rule.props else "weakAlias", name)
                ctx.stats["remark_aliases"] += 1
        elif rule.section == "links":
            _link(ctx, entry, rule, remark, resolve)
        else:
            entry.target.add("notes", remark.raw)
