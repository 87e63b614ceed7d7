"""One OFAC legacy CSV entry (its main row, aliases, addresses and remark) → FtM entities.

:class:`OfacRow` is what :mod:`kenning.sources.us_ofac` reads from the files; :func:`build_entry`
turns it into the listed party, its Sanction, its Identification/Passport records and its
UnknownLinks, in that order. :class:`NameIndex` resolves the names used in ``Linked To:``, in the
``Vess_owner`` column and in ``Aircraft Operator`` remarks to entries of the same file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kenning.model import Entity, add_ref
from kenning.sources.base import ParseContext, SourceSpec
from kenning.sources.ofac_apply import Entry, apply_remarks, put
from kenning.sources.ofac_lists import ListFacts, load_list_facts
from kenning.sources.ofac_remarks import Remark, quoted_name

__all__ = ["NameIndex", "OfacRow", "build_entry", "name_key"]

_SPACES = re.compile(r"\s+")


@dataclass
class OfacRow:
    """One entry as read from the files; ``None`` stands for OFAC's null ``-0-``."""

    ent_num: str
    line: int
    name: str
    sdn_type: str | None
    programs: list[str]
    title: str | None
    vessel: dict[str, str] = field(default_factory=dict)
    remarks: list[Remark] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)
    addresses: list[tuple[str | None, str | None]] = field(default_factory=list)
    #: The incomplete last part of a remark cut at the field's limit (kept in notes, unread).
    cut_part: str | None = None


def name_key(name: str) -> str:
    """How names are compared when resolving references: case, spacing and a final period ignored."""
    return _SPACES.sub(" ", name).strip().rstrip(".").strip().casefold()


class NameIndex:
    """Resolve a name to the entry listing it: first by primary name, then by alias (first in file order)."""

    def __init__(self, rows: Iterable[OfacRow]) -> None:
        self.primary: dict[str, str] = {}
        self.alias: dict[str, str] = {}
        for row in rows:
            self.primary.setdefault(name_key(row.name), row.ent_num)
            for _, alias in row.aliases:
                self.alias.setdefault(name_key(alias), row.ent_num)
            for remark in row.remarks:
                if remark.rule is not None and remark.rule.section == "aliases":
                    self.alias.setdefault(name_key(quoted_name(remark.value)), row.ent_num)

    def __call__(self, name: str) -> str | None:
        key = name_key(name)
        return self.primary.get(key) or self.alias.get(key)


def _title_parts(title: str | None) -> list[str]:
    """The Title column, which may hold several offices separated by ``;``."""
    if title is None:
        return []
    return [part.strip() for part in title.split(";") if part.strip()]


def _names(entry: Entry, row: OfacRow) -> None:
    """The primary name as listed, its two parts where OFAC splits ``LAST, Given``, and the aliases (an
    alias that repeats the primary name, as alt.csv sometimes does, is the name already)."""
    target = entry.target
    target.add("name", row.name)
    if target.schema.is_a("Person") and row.name.count(",") == 1:
        last, given = (part.strip() for part in row.name.split(","))
        target.add("lastName", last)
        target.add("firstName", given)
    for prop, alias in row.aliases:
        if alias != row.name:
            target.add(prop, alias)


def _columns(ctx: ParseContext, entry: Entry, row: OfacRow, facts: ListFacts, resolve: NameIndex) -> None:
    """Title and vessel columns of the main row."""
    target = entry.target
    for title in _title_parts(row.title):
        is_honorific = title.casefold() in facts.honorifics
        prop = "title" if is_honorific or not target.schema.is_a("Person") else "position"
        target.add(prop, title)
    column_props = {"call_sign": "callSign", "vess_type": "type", "vess_flag": "flag",
                    "tonnage": "tonnage", "grt": "grossRegisteredTonnage"}
    for column, prop in column_props.items():
        value = row.vessel.get(column)
        if value is not None:
            value = value.replace(",", "") if column in ("tonnage", "grt") else value
            if not put(target, [prop], value):
                target.add("notes", f"{column}: {value}")
    owner = row.vessel.get("vess_owner")
    if owner is not None:
        other = resolve(owner)
        if other is None or not add_ref(target, "owner", f"{ctx.dataset}-{other}"):
            target.add("notes", f"Vessel owner: {owner}")


def _addresses(entry: Entry, row: OfacRow) -> None:
    """One full address string per add.csv row (when it has more than a country) and its country."""
    for address, country in row.addresses:
        if address:
            entry.target.add("address", address)
        if country:
            put(entry.target, ["country"], country)


def _sanction(ctx: ParseContext, spec: SourceSpec, row: OfacRow, facts: ListFacts) -> Entity:
    """The Sanction record of one entry, with what the catalogue says of the list's authority."""
    sanction = ctx.make("Sanction", row.ent_num, "sanction")
    add_ref(sanction, "entity", f"{ctx.dataset}-{row.ent_num}")
    sanction.add("authority", spec.authority)
    put(sanction, ["country"], spec.country)
    sanction.add("program", row.programs)
    sanction.add("provisions", list(facts.provisions.get(ctx.dataset, ())))
    put(sanction, ["sourceUrl"], spec.homepage)
    return sanction


def build_entry(ctx: ParseContext, spec: SourceSpec, row: OfacRow, resolve: NameIndex) -> Iterator[Entity]:
    """The party, its Sanction, its identity records and its links, in that order."""
    facts = load_list_facts()
    schema = facts.schemata.get(row.sdn_type or "-0-")
    if schema is None:
        raise ctx.error(f"unknown SDN_Type {row.sdn_type!r}", line=row.line, record=row.ent_num)
    target = ctx.make(schema, row.ent_num)
    entry = Entry(ent_num=row.ent_num, target=target, sanction=_sanction(ctx, spec, row, facts),
                  lists=facts,
                  title_parts=frozenset(t.casefold() for t in [row.title or "", *_title_parts(row.title)]))
    _names(entry, row)
    target.add("program", row.programs)
    target.add("topics", "sanction")
    _columns(ctx, entry, row, facts, resolve)
    _addresses(entry, row)
    apply_remarks(ctx, entry, row.remarks, resolve)
    if row.cut_part is not None:
        target.add("notes", row.cut_part)
    yield target
    yield entry.sanction
    yield from entry.records
    yield from entry.links.values()
