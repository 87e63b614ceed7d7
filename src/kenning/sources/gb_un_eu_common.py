"""Building blocks the UK (``gb_ofsi``), UN (``un_sc``) and EU (``eu_fsf``) parsers share.

One checked way to add a value (:func:`add_value`: a property the schema lacks or a value FtM
rejects is counted in ``ctx.stats``, never silently lost), the records every listed party gets
(:func:`make_sanction`, :func:`make_identification`, :func:`make_link`), partial and spanned dates
(:func:`iso_date`, :func:`year_span`) and dates written in prose (:func:`find_dates`,
:func:`document_dates`). Word lists live in ``gb_un_eu_common.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from kenning.datafiles import read_mapping
from kenning.model import MAX_EACH_YEAR_SPAN, Entity, add_ref, make_id, year_span
from kenning.sources.base import ParseContext, get_source

__all__ = [
    "MAX_EACH_YEAR_SPAN",
    "TextDate",
    "add_document_details",
    "add_names",
    "add_ref",
    "add_value",
    "add_values",
    "clean_text",
    "document_dates",
    "find_dates",
    "iso_date",
    "iso_day",
    "join_parts",
    "known_schema",
    "load_data",
    "make_identification",
    "make_link",
    "make_sanction",
    "name_note",
    "year_span",
]

#: Ranges at most this many years wide give every year they span; wider ones only their two ends.

_SPACES = re.compile(r"\s+")


@cache
def load_data(name: str) -> dict[str, Any]:
    """Read one of the YAML data files next to this module (``gb_ofsi.yml``...), once."""
    return read_mapping(Path(__file__).with_name(name))


def clean_text(value: str | None) -> str | None:
    """Collapse runs of whitespace and strip; empty text becomes None."""
    if value is None:
        return None
    text = _SPACES.sub(" ", value).strip()
    return text or None


def join_parts(parts: Iterable[str | None], sep: str = ", ") -> str | None:
    """Join the non-empty parts (each cleaned, repeats dropped) into one string, or None."""
    seen: list[str] = []
    for part in parts:
        text = clean_text(part)
        if text is not None and text not in seen:
            seen.append(text)
    return sep.join(seen) or None


def name_note(name: str, *, script: str | None = None, language: str | None = None) -> str | None:
    """``Name (Cyrillic script, language RU): Андрей ...``: what a list says of one name's script and
    language, for the party's notes (FtM names carry neither); None when it says neither."""
    said = join_parts([f"{script} script" if script else None, f"language {language}" if language else None])
    return f"Name ({said}): {name}" if said else None


def add_value(ctx: ParseContext, entity: Entity, prop: str, value: str | None) -> str | None:
    """Add one value to ``prop`` if the schema has it and FtM accepts it; return what was stored.

    A property the schema lacks (a position on a company) or a value FtM's cleaning rejects (an
    impossible date) is counted in ``ctx.stats`` so the load report shows what was left out.
    """
    text = clean_text(value)
    if text is None:
        return None
    prop_obj = entity.schema.get(prop)
    if prop_obj is None or prop_obj.stub:
        ctx.stats[f"values dropped: {entity.schema.name} has no {prop}"] += 1
        return None
    added: str | None = entity.unsafe_add(prop_obj, text)
    if added is None:
        ctx.stats[f"values dropped: invalid {prop}"] += 1
    return added


def add_values(ctx: ParseContext, entity: Entity, prop: str, values: Iterable[str | None]) -> None:
    """:func:`add_value` for each value, in order."""
    for value in values:
        add_value(ctx, entity, prop, value)


def add_names(ctx: ParseContext, target: Entity, names: dict[str, list[str]]) -> None:
    """Names by property, strongest property first (``name``, ``alias``...: the dict's order); a name is
    stored once, under the first property that has it, and counted."""
    seen: set[str] = set()
    for prop, values in names.items():
        for value in values:
            if value not in seen:
                seen.add(value)
                add_value(ctx, target, prop, value)
                ctx.stats[{"name": "names", "weakAlias": "weak aliases"}.get(prop, "aliases")] += 1


def add_document_details(ctx: ParseContext, doc: Entity, details: str, country: str | None) -> None:
    """A document's details as written (its summary), its issuing country, and the issue and expiry
    dates the details state."""
    add_value(ctx, doc, "summary", details)
    add_value(ctx, doc, "country", country)
    starts, ends = document_dates(details)
    add_values(ctx, doc, "startDate", starts)
    add_values(ctx, doc, "endDate", ends)


def known_schema(ctx: ParseContext, table: dict[str, str], value: str | None, *, field: str, record: str,
                 records: str) -> str:
    """The FtM schema ``table`` gives a record's kind (``value`` of ``field``); an unknown kind is loaded as
    a LegalEntity, counted (``{records} of an unknown {field}``) and warned about."""
    schema = table.get(value or "")
    if schema is None:
        ctx.stats[f"{records} of an unknown {field}"] += 1
        ctx.warn(f"{record}: unknown {field} {value!r}; loaded as a LegalEntity")
        return "LegalEntity"
    return schema


def make_sanction(ctx: ParseContext, target: Entity, source_id: str) -> Entity:
    """The Sanction record of one listed party, with the catalogue's authority, country and homepage."""
    spec = get_source(ctx.dataset)
    sanction = ctx.make("Sanction", source_id, "sanction")
    add_ref(sanction, "entity", target.id)
    add_value(ctx, sanction, "authority", spec.authority)
    add_value(ctx, sanction, "country", spec.country)
    add_value(ctx, sanction, "sourceUrl", spec.homepage or None)
    return sanction


def make_identification(ctx: ParseContext, target: Entity, source_id: str, n: int, number: str, *,
                        passport: bool, flat_prop: str) -> Entity:
    """Passport/Identification ``{dataset}-{source_id}-id-{n}``; the number also goes flat on the target."""
    doc = ctx.make("Passport" if passport else "Identification", source_id, "id", n)
    add_ref(doc, "holder", target.id)
    add_value(ctx, doc, "number", number)
    add_value(ctx, target, flat_prop, number)
    ctx.stats["identifications"] += 1
    return doc


def make_link(ctx: ParseContext, target: Entity, source_id: str, other_source_id: str, role: str) -> Entity:
    """UnknownLink ``{dataset}-{source_id}-link-{other}`` from the target to another listed party."""
    link = ctx.make("UnknownLink", source_id, "link", other_source_id)
    add_ref(link, "subject", target.id)
    add_ref(link, "object", make_id(ctx.dataset, other_source_id))
    add_value(ctx, link, "role", role)
    ctx.stats["links"] += 1
    return link


_DatePart = int | str | None


def iso_date(year: _DatePart, month: _DatePart = None, day: _DatePart = None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from parts; unknown parts (None, 0, '') end the value.

    >>> iso_date(1983, 9, 11), iso_date("1983", "00", "00"), iso_date(1983, 2, 30)
    ('1983-09-11', '1983', '1983-02')
    """
    try:
        y, m, d = (int(str(v).strip()) if v not in (None, "") else 0 for v in (year, month, day))
    except ValueError:
        return None
    if not 1000 <= y <= 2999:
        return None
    if not 1 <= m <= 12:
        return f"{y:04d}"
    try:
        return date(y, m, d).isoformat() if d else f"{y:04d}-{m:02d}"
    except ValueError:
        return f"{y:04d}-{m:02d}"


_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def iso_day(value: str | None) -> str | None:
    """The checked ISO day that opens a date or timestamp: ``2001-01-25-05:00`` (UN) and
    ``2018-12-21T14:39:54.511+01:00`` (EU) both give their day; anything else is None."""
    match = _ISO_DAY.match(value or "")
    return iso_date(*match.groups()) if match else None


@dataclass(frozen=True)
class TextDate:
    """A date found in prose: its ISO value and where it starts and ends in the text."""

    value: str
    start: int
    end: int


def _month_names() -> dict[str, int]:
    return {str(k): int(v) for k, v in load_data("gb_un_eu_common.yml")["months"].items()}


_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WORDY = re.compile(r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")


def find_dates(text: str) -> list[TextDate]:
    """Every date in ``text`` written as ``11/09/1983``, ``16.2.2007``, ``2026-12-11``,
    ``4 Jun. 2018`` or ``June 2018``, in order of appearance (day-month order, as the lists write)."""
    months = _month_names()
    found: list[TextDate] = []
    for match in _NUMERIC.finditer(text):
        value = iso_date(match.group(3), match.group(2), match.group(1))
        if value is not None:
            found.append(TextDate(value, match.start(), match.end()))
    for match in _ISO.finditer(text):
        value = iso_date(match.group(1), match.group(2), match.group(3))
        if value is not None:
            found.append(TextDate(value, match.start(), match.end()))
    for match in _WORDY.finditer(text):
        month = months.get(match.group(2).lower())
        value = iso_date(match.group(3), month, match.group(1)) if month else None
        if value is not None:
            found.append(TextDate(value, match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def document_dates(text: str) -> tuple[list[str], list[str]]:
    """Issue (start) and expiry (end) dates in a document's details, by the words just before each date."""
    words = load_data("gb_un_eu_common.yml")["document_dates"]
    starts: list[str] = []
    ends: list[str] = []
    previous_end = 0
    for found in find_dates(text):
        before = text[previous_end:found.start].lower()
        previous_end = found.end
        if any(word in before for word in words["end"]):
            ends.append(found.value)
        elif any(word in before for word in words["start"]):
            starts.append(found.value)
    return starts, ends
