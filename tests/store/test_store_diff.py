"""Diffs fold records into their party, and a record unchanged on both sides is unchanged whatever its id:
records are numbered in source order, so an inserted passport or the same publication in another format
(OFAC's CSV and XML order identifiers differently) must not show as changes."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from kenning.model import Entity, add_ref, make_entity
from kenning.sources.detect import group_paths
from kenning.store.diff import diff_entities
from kenning.store.loader import parse_publication
from testkit import LISTS, REPO


def _party(numbers: list[str], changed: dict[str, str] | None = None) -> list[Entity]:
    person = make_entity("Person", "x-1")
    person.add("name", "Test Person")
    out = [person]
    for n, number in enumerate(numbers, start=1):
        doc = make_entity("Passport", f"x-1-id-{n}")
        add_ref(doc, "holder", "x-1")
        doc.add("number", number)
        doc.add("country", (changed or {}).get(number, "ir"))
        out.append(doc)
    return out


@pytest.mark.parametrize(("old", "new", "changed"), [
    (["A1", "B2", "C3"], ["A1", "B2", "C3"], []),
    (["A1", "B2", "C3"], ["Z0", "A1", "B2", "C3"], [("added", ["Z0"])]),  # inserted first: ids shift
    (["A1", "B2", "C3"], ["C3", "B2", "A1"], []),  # reordered
    (["A1", "B2", "C3"], ["A1", "C3"], [("removed", ["B2"])]),
    (["A1", "A1"], ["A1"], [("removed", ["A1"])]),  # a repeated record counts once per copy
])
def test_records_are_matched_by_content_then_by_id(old: list[str], new: list[str],
                                                   changed: list[tuple[str, list[str]]]) -> None:
    result = diff_entities(_party(old), _party(new))
    records = [r for c in result.changed for r in c.records]
    found = [(r["status"], r["properties"]["number"]["added"] or r["properties"]["number"]["removed"])
             for r in records]
    assert sorted(found) == sorted(changed)


def test_a_changed_record_still_shows() -> None:
    result = diff_entities(_party(["A1", "B2"]), _party(["A1", "B2"], changed={"B2": "iq"}))
    [change] = result.changed
    assert [r["properties"] for r in change.records] == [{"country": {"added": ["iq"], "removed": ["ir"]}}]


def test_the_same_publication_in_two_formats_differs_only_in_the_files(tmp_path: Path) -> None:
    xml = tmp_path / "CONSOLIDATED.XML"
    xml.write_bytes(gzip.decompress((LISTS / "us_ofac" / "xml" / "CONSOLIDATED.XML.gz").read_bytes()))
    csv = parse_publication("us_ofac_cons", group_paths([REPO / "data" / "lists" / "us_ofac" / "cons_prim.csv"])[
        "us_ofac_cons"])
    result = diff_entities(csv.entities, parse_publication("us_ofac_cons", {"main": xml}).entities)
    assert result.to_dict()["summary"] == {"added": 0, "removed": 0, "changed": 3, "unchanged": 439}
