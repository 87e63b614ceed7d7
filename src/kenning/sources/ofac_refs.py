"""The parts of OFAC's advanced XML that the parties refer to by id: reference values, locations, dates and
identity documents.

:class:`Refs` resolves a ``...ID`` attribute through the file's own ``ReferenceValueSets``, else through
``ofac_reference.yml`` (for extracts that carry none), and counts what neither knows. Dates are written
the way the legacy CSV writes them (``19 Apr 1947``, ``1991``, ``circa 1960 to 1962``) so that the CSV's
date reader and remark grammar read them the same way.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, TypeAlias

from kenning.datafiles import read_mapping
from kenning.sources.ofac_xml import address_row

__all__ = ["Element", "Location", "Refs", "Xml", "advanced_data", "date_iso", "period_text", "read_documents",
           "read_locations", "read_refs"]

#: An lxml element (lxml ships no type information here, so it is Any to mypy).
Element: TypeAlias = Any
#: One reference value: its text and its attributes.
RefValue: TypeAlias = tuple[str, dict[str, str]]

_ADDRESS_LINES = ("ADDRESS1", "ADDRESS2", "ADDRESS3", "REGION")


@cache
def advanced_data() -> dict[str, Any]:
    """The parsed ``ofac_advanced.yml``."""
    return read_mapping(Path(__file__).with_name("ofac_advanced.yml"))


@cache
def _fallback() -> dict[str, dict[str, RefValue]]:
    raw = read_mapping(Path(__file__).with_name("ofac_reference.yml"))
    sets: dict[str, dict[str, RefValue]] = {}
    for name, values in raw.items():
        sets[name] = {}
        for key, value in (values or {}).items():
            if isinstance(value, dict):
                attrs = {str(k): str(v) for k, v in value.items() if k != "value"}
                sets[name][str(key)] = (str(value.get("value", "")), attrs)
            else:
                sets[name][str(key)] = (str(value), {})
    return sets


class Xml:
    """Namespace-aware lookups in one file (the namespace is the root element's own)."""

    def __init__(self, namespace: str | None) -> None:
        self.ns = f"{{{namespace}}}" if namespace else ""

    def q(self, path: str) -> str:
        return "/".join(self.ns + part for part in path.split("/"))

    def all(self, node: Element, path: str) -> list[Element]:
        return list(node.iterfind(self.q(path)))

    def one(self, node: Element, path: str) -> Element | None:
        return node.find(self.q(path))

    def text(self, node: Element, path: str) -> str | None:
        found = node.find(self.q(path))
        value = " ".join((found.text or "").split()) if found is not None else ""
        return value or None


@dataclass
class Refs:
    """Reference values by set (``AliasType``...) and id, the file's first; ``missing`` counts the unknown."""

    sets: dict[str, dict[str, RefValue]]
    missing: Counter[str] = field(default_factory=Counter)
    from_fallback: Counter[str] = field(default_factory=Counter)

    def get(self, name: str, ref_id: str | None) -> RefValue | None:
        if ref_id is None:
            return None
        found = self.sets.get(name, {}).get(ref_id)
        if found is None:
            found = _fallback().get(name, {}).get(ref_id)
            if found is None:
                self.missing[f"{name} {ref_id}"] += 1
                return None
            self.from_fallback[name] += 1
        return found

    def value(self, name: str, ref_id: str | None) -> str | None:
        found = self.get(name, ref_id)
        return found[0] if found is not None and found[0] else None

    def attr(self, name: str, ref_id: str | None, attr: str) -> str | None:
        found = self.get(name, ref_id)
        return found[1].get(attr) if found is not None else None


def read_refs(x: Xml, root: Element) -> Refs:
    """The file's ``ReferenceValueSets`` (``<AliasTypeValues><AliasType ID="1400">A.K.A.</AliasType>``...)."""
    sets: dict[str, dict[str, RefValue]] = {}
    container = x.one(root, "ReferenceValueSets")
    for values in container if container is not None else ():
        if not isinstance(values.tag, str):
            continue
        name = values.tag.split("}")[-1].removesuffix("Values")
        sets[name] = {str(item.get("ID")): (" ".join((item.text or "").split()),
                                            {str(k): str(v) for k, v in item.attrib.items() if k != "ID"})
                      for item in values if isinstance(item.tag, str) and item.get("ID")}
    return Refs(sets)


def _ymd(x: Xml, node: Element | None) -> tuple[int, int, int] | None:
    if node is None:
        return None
    parts = [x.text(node, tag) for tag in ("Year", "Month", "Day")]
    try:
        year, month, day = (int(p) if p else 0 for p in parts)
    except ValueError:
        return None
    return (year, month, day) if year else None


def date_iso(x: Xml, node: Element | None) -> str | None:
    """A ``Date`` (``Year``, ``Month``, ``Day``) as ISO (as far as it goes)."""
    found = _ymd(x, node)
    if found is None:
        return None
    year, month, day = found
    if not month:
        return f"{year:04d}"
    return date(year, month, day).isoformat() if day else f"{year:04d}-{month:02d}"


def _ofac(day: tuple[int, int, int]) -> str:
    return date(*day).strftime("%d %b %Y")


def period_text(x: Xml, period: Element | None) -> str | None:
    """A ``DatePeriod`` as the CSV writes it: ``19 Apr 1947``, ``Apr 1947``, ``1991``, ``1960 to 1965``,
    ``01 Jan 1960 to 31 Dec 1962``; ``circa`` when OFAC marks it approximate."""
    if period is None:
        return None
    start = _ymd(x, x.one(period, "Start/From")) or _ymd(x, x.one(period, "Start/To"))
    end = _ymd(x, x.one(period, "End/To")) or _ymd(x, x.one(period, "End/From")) or start
    if start is None or end is None or not start[1] or not end[1]:
        return None
    whole_years = start[1:] == (1, 1) and end[1:] == (12, 31)
    if start == end:
        text = _ofac(start)
    elif whole_years:
        text = f"{start[0]}" if start[0] == end[0] else f"{start[0]} to {end[0]}"
    elif start[:2] == end[:2] and start[2] == 1 and end[2] == calendar.monthrange(end[0], end[1])[1]:
        text = date(start[0], start[1], 1).strftime("%b %Y")
    else:
        text = f"{_ofac(start)} to {_ofac(end)}"
    approximate = any(node.get("Approximate") == "true" for node in x.all(period, "Start") + x.all(period, "End"))
    return f"circa {text}" if approximate else text


@dataclass(frozen=True)
class Location:
    """One ``Location``: its parts by type (``CITY``, ``ADDRESS1``...) and its country's name."""

    parts: dict[str, list[str]]
    country: str | None

    def address(self) -> tuple[str | None, str | None]:
        """``(full address, country)`` as the CSV's add.csv gives it."""
        lines = [v for kind in _ADDRESS_LINES for v in self.parts.get(kind, [])]
        first = {kind: next(iter(self.parts.get(kind, [])), None) for kind in ("CITY", "STATE/PROVINCE", "POSTAL CODE")}
        return address_row(lines, first["CITY"], first["STATE/PROVINCE"], first["POSTAL CODE"], self.country)

    def place(self) -> str | None:
        """The location as one phrase (its parts, then its country): for nationality and places of birth."""
        words = [v for values in self.parts.values() for v in values]
        if self.country and self.country not in words:
            words.append(self.country)
        return ", ".join(words) or None


def read_locations(x: Xml, root: Element, refs: Refs) -> dict[str, Location]:
    """Every ``Locations/Location`` by its id."""
    no_country = set(advanced_data()["no_country"])
    out: dict[str, Location] = {}
    for node in x.all(root, "Locations/Location"):
        parts: dict[str, list[str]] = {}
        for part in x.all(node, "LocationPart"):
            kind = refs.value("LocPartType", part.get("LocPartTypeID")) or "Unknown"
            for value in x.all(part, "LocationPartValue"):
                text = x.text(value, "Value")
                if text:
                    parts.setdefault(kind, []).append(text)
        country_node = x.one(node, "LocationCountry")
        area_node = x.one(node, "LocationAreaCode")
        country = (refs.value("Country", country_node.get("CountryID")) if country_node is not None else None) or (
            refs.value("Country", area_node.get("AreaCodeID")) if area_node is not None else None)
        out[str(node.get("ID"))] = Location(parts, None if country in no_country else country)
    return out


def _document_part(x: Xml, node: Element, refs: Refs) -> str | None:
    """One ``IDRegDocument`` as the CSV's remark part: ``Passport A123 (Iran) issued 01 Jan 2000 expires ...``
    (a document OFAC knows to be fraudulent is said so by :func:`read_documents`)."""
    kind = refs.value("IDRegDocType", node.get("IDRegDocTypeID"))
    number = x.text(node, "IDRegistrationNo")
    if kind is None or number is None:
        return None
    country = refs.value("Country", node.get("IssuedBy-CountryID"))
    text = f"{kind} {number}" + (f" ({country})" if country else "")
    authority = x.text(node, "IssuingAuthority")
    if authority:
        text += f" (issued by {authority})"
    dates = {refs.value("IDRegDocDateType", d.get("IDRegDocDateTypeID")): period_text(x, x.one(d, "DatePeriod"))
             for d in x.all(node, "DocumentDate")}
    if dates.get("Issue Date"):
        text += f" issued {dates['Issue Date']}"
    if dates.get("Expiration Date"):
        text += f" expires {dates['Expiration Date']}"
    return text


def read_documents(x: Xml, root: Element, refs: Refs) -> dict[str, list[tuple[str, bool]]]:
    """The identity documents' remark parts by the ``IdentityID`` they belong to, each with whether OFAC
    marks it fraudulent."""
    out: dict[str, list[tuple[str, bool]]] = {}
    fraudulent = advanced_data()["fraudulent"]
    for node in x.all(root, "IDRegDocuments/IDRegDocument"):
        part = _document_part(x, node, refs)
        if part is not None:
            known_false = refs.value("Validity", node.get("ValidityID")) == fraudulent
            out.setdefault(str(node.get("IdentityID")), []).append((part, known_false))
    return out
