"""The text conventions inside OFSI's cells: UK dates, ``(1) a (2) b`` lists, country spellings and the
``(Label):value`` runs of the ``Other Information`` column.

Pure functions on strings; the labels, country spellings and identifier labels come from ``gb_ofsi.yml``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from followthemoney.types import registry

from kenning.sources.gb_un_eu_common import clean_text, iso_date, load_data

__all__ = [
    "Part",
    "document_country",
    "labelled_parts",
    "linked_groups",
    "ofsi_data",
    "registration_numbers",
    "resolve_countries",
    "split_numbered",
    "split_reference",
    "stated_provisions",
    "uk_date",
]

#: One part of Other Information: its label (None for text before the first label) and its value.
Part = tuple[str | None, str]

_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_NUMBERED = re.compile(r"\(\d+(?:\s*-\s*\d+)?\)")
_PAREN = re.compile(r"\s*\([^()]*\)")
_NOW = re.compile(r"\b(?:now|currently)\s+([A-Za-z][A-Za-z .'-]+)", re.IGNORECASE)
_UK_REFERENCE = re.compile(r"\s*(?:(?:and|&|,)\s*)?([A-Z]{2,4}\d{3,5})\b\.?")
_UN_REFERENCE = re.compile(r"\s*(?:(?:and|&|,)\s*)?([A-Z]{2}[a-z]\.\d{3})\b\.?")
_ADDED_MEASURES = re.compile(r"in addition to an asset freeze:\s*([^.]+)", re.IGNORECASE)
_OFSI_ID = re.compile(r"OFSI ID:?\s*(\d+)")
_BARE_NUMBER = re.compile(r"\b[A-Z]{0,3}\d[\d/\-]*\d\b")
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")


def ofsi_data() -> dict[str, Any]:
    """The parsed ``gb_ofsi.yml``."""
    return load_data("gb_ofsi.yml")


def uk_date(text: str | None) -> str | None:
    """``11/09/1983`` → ``1983-09-11``; ``00/00/1983`` → ``1983``; ``00/08/1961`` → ``1961-08``;
    ``1983`` and ``09/1983`` as written. Anything else is None."""
    value = (text or "").strip()
    match = _UK_DATE.match(value)
    if match is not None:
        return iso_date(match.group(3), match.group(2), match.group(1))
    match = _MONTH_YEAR.match(value)
    if match is not None:
        return iso_date(match.group(2), match.group(1))
    match = _YEAR.match(value)
    return iso_date(match.group(1)) if match is not None else None


def split_numbered(text: str | None, keep_empty: bool = False) -> list[str]:
    """``(1) Russia (2) Ukraine.`` → ``['Russia', 'Ukraine']``; unnumbered text is one item.
    Items that are empty or a lone dash (``(2) -``) are dropped, or kept as ``''`` with
    ``keep_empty`` so that two numbered lists still pair up by position."""
    pieces = _NUMBERED.split(text or "")
    if len(pieces) > 1 and not pieces[0].strip(" .,;"):
        pieces = pieces[1:]
    items = []
    for piece in pieces:
        item = clean_text(piece.strip(" .,;")) or ""
        if item.strip("-– "):
            items.append(item)
        elif keep_empty:
            items.append("")
    return items


@cache
def resolve_countries(text: str) -> tuple[str, ...]:
    """Country codes for OFSI's spellings: the override table, else FtM on the whole text, on the
    ``now X`` it names, on the text without its ``(...)`` remarks, then on each comma/full-stop part
    (``Estonia, Russia`` → ``('ee', 'ru')``). Nothing readable gives ``()``."""
    overrides: dict[str, str] = ofsi_data()["countries"]
    value = text.strip(" .,")
    if value in overrides:
        return (overrides[value],)
    nows = [m.group(1).strip(" .,)") for m in _NOW.finditer(value)]
    singles = [value, *nows, _PAREN.sub("", value)]
    for candidate in singles:
        code = _country(candidate)
        if code is not None:
            return (code,)
    codes = (_country(part) for part in re.split(r"[,.]", value))
    return tuple(dict.fromkeys(code for code in codes if code is not None))


def _country(text: str) -> str | None:
    value = text.strip(" .,")
    code = registry.country.clean_text(value) if value else None
    return str(code) if code is not None else None


def document_country(details: str) -> str | None:
    """The issuing country when a document's details start with it: ``Saudi Arabia, issue date: ...``."""
    return _country(re.split(r"[.,:(;]", details, maxsplit=1)[0])


@cache
def _label_pattern() -> re.Pattern[str]:
    labels = sorted(ofsi_data()["other_information"], key=len, reverse=True)
    return re.compile(r"\((" + "|".join(re.escape(label) for label in labels) + r")\)\s*:")


def labelled_parts(text: str) -> list[Part]:
    """Split Other Information at its known ``(Label):`` markers, in order; unknown markers stay in
    the value they appear in. Text before the first marker comes with the label None."""
    parts: list[Part] = []
    matches = list(_label_pattern().finditer(text))
    head = clean_text(text[: matches[0].start()] if matches else text)
    if head is not None:
        parts.append((None, head))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = clean_text(text[match.end():end])
        if value is not None:
            parts.append((match.group(1), value))
    return parts


def split_reference(value: str, un: bool = False) -> tuple[list[str], str | None]:
    """``BEL0045 and GHR0050. Free text`` → ``(['BEL0045', 'GHR0050'], 'Free text')``: the UK list
    references (or, with ``un``, UN ones such as ``QDi.028``) that open the value, and the rest."""
    pattern = _UN_REFERENCE if un else _UK_REFERENCE
    references: list[str] = []
    position = 0
    while (match := pattern.match(value, position)) is not None:
        references.append(match.group(1))
        position = match.end()
    return references, clean_text(value[position:])


def stated_provisions(text: str) -> list[str]:
    """Measures stated as ``Financial sanctions imposed in addition to an asset freeze: Trust services.``"""
    found: list[str] = []
    for match in _ADDED_MEASURES.finditer(text):
        for item in re.split(r",|\band\b", match.group(1)):
            measure = clean_text(item)
            if measure is not None and measure not in found:
                found.append(measure[0].upper() + measure[1:])
    return found


def linked_groups(text: str) -> list[tuple[str, str]]:
    """``(role, group id)`` for each ``Listed as asset of X (OFSI ID: 13635`` in Other Information."""
    phrases: list[str] = ofsi_data()["link_phrases"]
    links: list[tuple[str, str]] = []
    previous = 0
    for match in _OFSI_ID.finditer(text):
        before = text[previous:match.start()]
        previous = match.end()
        role = next((p for p in phrases if p.lower() in before.lower()), "Mentioned in Other Information")
        if (role, match.group(1)) not in links:
            links.append((role, match.group(1)))
    return links


@cache
def _registration_pattern() -> re.Pattern[str]:
    labels = sorted(ofsi_data()["registration_labels"], key=len, reverse=True)
    alternatives = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"(?<![\w/])({alternatives})(?![\w/])\)?\s*(?:number|no\.?)?\s*[:\-–]?\s*"
                      r"([A-Z]{0,3}\d[\d/\- ]*\d)", re.IGNORECASE)


def registration_numbers(value: str) -> list[tuple[str, str]]:
    """``(prop, number)`` pairs from a ``Business Reg No`` value: ``(1) INN: 7719898900 (2) OGRN: 51...``
    gives innCode and ogrnCode; a number without a known label is a registrationNumber."""
    props = {k.upper(): v for k, v in ofsi_data()["registration_labels"].items()}
    found: list[tuple[str, str]] = []
    for numbered in split_numbered(value):
        item = _TRAILING_PAREN.sub("", numbered)
        matches = list(_registration_pattern().finditer(item))
        lead = _BARE_NUMBER.search(item[: matches[0].start()]) if matches else None
        if lead is not None:
            found.append(("registrationNumber", lead.group(0)))
        for match in matches:
            found.append((props[match.group(1).upper()], match.group(2).strip(" -/")))
        if not matches and re.search(r"\d", item):
            found.append(("registrationNumber", item))
    return found
