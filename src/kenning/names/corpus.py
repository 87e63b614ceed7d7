"""The names of listed persons in the bundled official lists, grouped by listed person.

Used by :mod:`kenning.names.build_tables` to mine spelling variants, and by quality tests. It reads
the raw files directly (csv, XML) rather than through :mod:`kenning.sources`, because it needs only
names and must stay independent of the entity model.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree

from kenning.errors import ParseError

__all__ = ["PersonNames", "read_people"]

_NULL = "-0-"
_UN_NAME_TAGS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


@dataclass(slots=True)
class PersonNames:
    """All names one list gives one person: Latin-script names and, where given, the original script."""

    key: str
    names: list[str] = field(default_factory=list)
    native: list[str] = field(default_factory=list)


def _cell(value: str) -> str:
    value = value.strip().strip("\x1a").strip()
    return "" if value == _NULL else value


def _read_rows(path: Path, skip: int = 0) -> Iterator[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = csv.reader(fh)
            for _ in range(skip):
                next(rows, None)
            yield from rows
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ParseError(str(path), f"cannot be read: {exc}") from exc


def _ofac(folder: Path, prim: str, alt: str) -> Iterator[PersonNames]:
    people: dict[str, PersonNames] = {}
    for row in _read_rows(folder / prim):
        if len(row) > 2 and _cell(row[2]) == "individual" and _cell(row[1]):
            people[row[0].strip()] = PersonNames(f"{prim}:{row[0].strip()}", [_cell(row[1])])
    for row in _read_rows(folder / alt):
        person = people.get(row[0].strip()) if len(row) > 3 else None
        if person is not None and _cell(row[3]):
            person.names.append(_cell(row[3]))
    yield from people.values()


def _ofsi(path: Path) -> Iterator[PersonNames]:
    people: dict[str, PersonNames] = {}
    for row in _read_rows(path, skip=2):
        if len(row) < 36 or row[28].strip() != "Individual":
            continue
        person = people.setdefault(row[35], PersonNames(f"ofsi:{row[35]}"))
        given = " ".join(part.strip() for part in row[1:6] if part.strip())
        surname = row[0].strip()
        if surname or given:
            person.names.append(f"{surname}, {given}" if surname and given else surname or given)
        if row[7].strip():
            person.native.append(row[7].strip())
    yield from people.values()


def _un(path: Path) -> Iterator[PersonNames]:
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as exc:
        raise ParseError(str(path), f"cannot be read: {exc}") from exc
    for node in root.iter("INDIVIDUAL"):
        person = PersonNames(f"un:{node.findtext('DATAID', '')}")
        parts = [(node.findtext(tag) or "").strip() for tag in _UN_NAME_TAGS]
        if any(parts):
            person.names.append(" ".join(p for p in parts if p))
        for alias in node.iter("INDIVIDUAL_ALIAS"):
            alias_name = (alias.findtext("ALIAS_NAME") or "").strip()
            if alias_name:
                person.names.append(alias_name)
        native = (node.findtext("NAME_ORIGINAL_SCRIPT") or "").strip()
        if native:
            person.native.append(native)
        yield person


def read_people(lists_dir: Path) -> list[PersonNames]:
    """Every listed person of the OFAC SDN and consolidated lists, the UK OFSI list and the UN list."""
    ofac = lists_dir / "us_ofac"
    people = list(_ofac(ofac, "sdn.csv", "alt.csv"))
    people += _ofac(ofac, "cons_prim.csv", "cons_alt.csv")
    people += _ofsi(lists_dir / "gb_ofsi" / "ConList.csv")
    people += _un(lists_dir / "un_sc" / "consolidated.xml")
    return [p for p in people if p.names]
