"""OFAC's SDN and consolidated lists in their legacy XML form: ``sdnList/sdnEntry`` (``SDN.XML``,
``CONSOLIDATED.XML``).

The XML holds what the legacy CSV files hold, structured: names and akas (with their strong/weak
category), the programs, the title, vessel details, addresses, dates and places of birth,
nationalities, citizenships, identity documents and the other facts (``idList``), and the remarks the
CSV keeps beside them. Each entry is turned into the :class:`~kenning.sources.ofac_build.OfacRow` the
CSV reader would build — a fact becomes the remark part the CSV writes for it (``DOB 19 Apr 1947``,
``Passport A123 (Iran)``), read by the same grammar (``ofac_remarks.yml``) — and built by the same
:func:`~kenning.sources.ofac_build.build_entry`, so the same publication read as CSV or XML gives the
same parties with the same ids (tested on OFAC's whole consolidated list). The publication date is
``publshInformation/Publish_Date``; a ``Record_Count`` other than the number of entries is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, TypeAlias

from kenning.model import Entity
from kenning.sources.base import ParseContext, get_source
from kenning.sources.ofac_build import NameIndex, OfacRow, build_entry
from kenning.sources.ofac_lists import load_list_facts
from kenning.sources.ofac_remarks import Remark, classify, load_rules, split_remarks
from kenning.sources.readers import parse_xml_root

__all__ = ["address_row", "alias_prop", "check_count", "parse", "remark_parts", "sdn_type"]

#: An lxml element (lxml ships no type information here, so it is Any to mypy).
Element: TypeAlias = Any

_VESSEL = {"callSign": "call_sign", "vesselType": "vess_type", "tonnage": "tonnage",
           "grossRegisteredTonnage": "grt", "vesselFlag": "vess_flag", "vesselOwner": "vess_owner"}
_WRAPPED = re.compile(r"^\((.*)\)$", re.DOTALL)


def sdn_type(value: str | None) -> str | None:
    """The CSV's SDN_Type for an XML type: ``Individual`` → ``individual``; ``Entity`` is the CSV's null."""
    folded = (value or "").strip().lower()
    return None if folded in ("", "entity") else folded


def alias_prop(kind: str | None, weak: bool) -> str:
    """The property of an aka as the CSV gives it: a strong one by its alt_type (``f.k.a.`` → previousName),
    a weak one as the CSV's remark aliases read it (``a.k.a. 'X'`` → weakAlias, ``f.k.a. 'X'`` → previousName)."""
    folded = (kind or "a.k.a.").strip().casefold()
    if weak:
        rule = load_rules().rules.get(folded)
        return rule.props[0] if rule is not None and rule.section == "aliases" and rule.props else "weakAlias"
    return load_list_facts().alt_types.get(folded.replace(".", ""), "alias")


def address_row(lines: Iterable[str | None], city: str | None, state: str | None, postal: str | None,
                country: str | None) -> tuple[str | None, str | None]:
    """``(full address, country)`` as the CSV writes it: street lines, ``city, state postal``, country."""
    street = ", ".join(line for line in lines if line) or None
    place = ", ".join(p for p in (city, state) if p)
    csz = " ".join(p for p in (place, postal) if p) or None
    full = ", ".join(p for p in (street, csz, country) if p) if street or csz else None
    return full, country


def remark_parts(parts: Iterable[str]) -> list[Remark]:
    """Remark parts classified by the CSV grammar; a part wrapped in parentheses (``(Linked To: X)``, as the
    XML writes some) is read without them."""
    out = []
    for part in parts:
        text = part.strip()
        wrapped = _WRAPPED.match(text)
        if wrapped is not None and "(" not in wrapped.group(1):
            text = wrapped.group(1).strip()
        if text:
            out.append(classify(text))
    return out


def check_count(ctx: ParseContext, declared: int | None, found: int) -> None:
    """Report a file whose own count of entries is not the number it holds (a cut or an excerpt); the
    loader refuses it unless counts are not checked."""
    ctx.declared_count = declared
    if declared is not None and declared != found:
        ctx.stats["entries missing against the declared count"] += declared - found
        ctx.warn(f"{ctx.main.name}: the file declares {declared} entries but holds {found}")


class _Xml:
    """Namespace-aware lookups in one file (the namespace is the root element's own)."""

    def __init__(self, namespace: str | None) -> None:
        self.ns = f"{{{namespace}}}" if namespace else ""

    def text(self, node: Element, tag: str) -> str | None:
        found = node.find(self.ns + tag)
        value = (found.text or "").strip() if found is not None else ""
        return value or None

    def all(self, node: Element, path: str) -> list[Element]:
        return list(node.iterfind("/".join(self.ns + p for p in path.split("/"))))


def _published(text: str | None) -> str | None:
    try:
        return datetime.strptime(text or "", "%m/%d/%Y").date().isoformat()
    except ValueError:
        return None


def _facts(x: _Xml, node: Element) -> list[str]:
    """The entry's structured facts as the remark parts the CSV writes for them."""
    parts = [f"DOB {v}" for v in (x.text(i, "dateOfBirth") for i in x.all(node, "dateOfBirthList/dateOfBirthItem"))
             if v]
    parts += [f"POB {v}" for v in (x.text(i, "placeOfBirth") for i in x.all(node, "placeOfBirthList/placeOfBirthItem"))
              if v]
    parts += [f"nationality {v}" for v in (x.text(i, "country") for i in x.all(node, "nationalityList/nationality"))
              if v]
    parts += [f"citizen {v}" for v in (x.text(i, "country") for i in x.all(node, "citizenshipList/citizenship")) if v]
    for item in x.all(node, "idList/id"):
        kind, number = x.text(item, "idType"), x.text(item, "idNumber")
        if kind is None or number is None:
            continue
        country, issued, expires = (x.text(item, t) for t in ("idCountry", "issueDate", "expirationDate"))
        parts.append(f"{kind} {number}" + (f" ({country})" if country else "") + (f" issued {issued}" if issued else "")
                     + (f" expires {expires}" if expires else ""))
    return parts


def _row(ctx: ParseContext, x: _Xml, node: Element) -> OfacRow:
    uid, last, first = x.text(node, "uid"), x.text(node, "lastName"), x.text(node, "firstName")
    if uid is None or not uid.isdigit():
        raise ctx.error(f"<sdnEntry> without a numeric uid ({uid!r})", line=node.sourceline)
    if last is None:
        raise ctx.error("the entry has no name", line=node.sourceline, record=uid)
    info = node.find(x.ns + "vesselInfo")
    vessel = {} if info is None else {column: v for tag, column in _VESSEL.items() if (v := x.text(info, tag))}
    row = OfacRow(ent_num=uid, line=node.sourceline or 0, name=f"{last}, {first}" if first else last,
                  sdn_type=sdn_type(x.text(node, "sdnType")),
                  programs=[p.text.strip() for p in x.all(node, "programList/program") if p.text and p.text.strip()],
                  title=x.text(node, "title"), vessel=vessel)
    row.remarks = remark_parts([*_facts(x, node), *split_remarks(x.text(node, "remarks") or "")])
    for aka in x.all(node, "akaList/aka"):
        aka_last, aka_first = x.text(aka, "lastName"), x.text(aka, "firstName")
        if aka_last or aka_first:
            name = f"{aka_last}, {aka_first}" if aka_last and aka_first else str(aka_last or aka_first)
            row.aliases.append((alias_prop(x.text(aka, "type"), x.text(aka, "category") == "weak"), name))
            ctx.stats["aliases"] += 1
    for address in x.all(node, "addressList/address"):
        row.addresses.append(address_row([x.text(address, f"address{i}") for i in (1, 2, 3)],
                                         x.text(address, "city"), x.text(address, "stateOrProvince"),
                                         x.text(address, "postalCode"), x.text(address, "country")))
        ctx.stats["addresses"] += 1
    return row


def parse(ctx: ParseContext) -> Iterator[Entity]:
    """Every entity of one OFAC legacy XML publication, built as the CSV reader builds them."""
    root, namespace = parse_xml_root(ctx.main, "sdnList", "OFAC's legacy XML")
    x = _Xml(namespace)
    info = root.find(x.ns + "publshInformation")
    ctx.publication_date = _published(x.text(info, "Publish_Date")) if info is not None else None
    rows: dict[str, OfacRow] = {}
    for node in x.all(root, "sdnEntry"):
        row = _row(ctx, x, node)
        if row.ent_num in rows:
            raise ctx.error(f"uid {row.ent_num} appears twice", line=row.line, record=row.ent_num)
        rows[row.ent_num] = row
        ctx.stats["rows"] += 1
    declared = x.text(info, "Record_Count") if info is not None else None
    check_count(ctx, int(declared) if declared and declared.isdigit() else None, len(rows))
    spec, resolve = get_source(ctx.dataset), NameIndex(rows.values())
    for row in rows.values():
        yield from build_entry(ctx, spec, row, resolve)
        ctx.stats["targets"] += 1
        ctx.advance(1)
