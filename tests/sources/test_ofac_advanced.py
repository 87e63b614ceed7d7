"""OFAC's advanced XML on real records: an extract of SDN_ADVANCED.XML of 2026-09-09 (four parties, no
reference value sets: ids resolve through ``ofac_reference.yml``) and a 2021 test file with its own sets,
in the current and the old UN namespace. Each record lists the values it must yield; the same parties read
from the bundled legacy CSV have the same ids and the same facts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from kenning.errors import ParseError
from kenning.model import Entity
from kenning.sources import ofac_advanced
from kenning.sources.base import ParseContext
from kenning.sources.detect import detect_dataset, group_paths
from kenning.sources.ofac_refs import Xml, period_text
from kenning.store.loader import parse_publication
from testkit import LISTS, REPO

ADVANCED = LISTS / "us_ofac" / "advanced"
EXTRACT = ADVANCED / "sdn_advanced_2026-09-09.xml"
FILE_2021 = ADVANCED / "sdn_advanced_2021-01-19.xml"
FILE_2021_UN = ADVANCED / "sdn_advanced_2021-01-19_un-namespace.xml"
REFERENCE = REPO / "src" / "kenning" / "sources" / "ofac_reference.yml"
RISK = "Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive Order 13886"
ZOMOR_ARABIC = "عبود عبداللطيف حسن الزمر"


def parse(path: Path, dataset: str = "us_ofac_sdn") -> tuple[ParseContext, dict[str, Entity]]:
    ctx = ParseContext(dataset=dataset, files={"main": path})
    return ctx, {str(e.id): e for e in ofac_advanced.parse(ctx)}


EXTRACT_RECORDS: dict[str, dict[str, Any]] = {
    "us_ofac_sdn-36": {"schema": "Organization", "name": ["AEROCARIBBEAN AIRLINES"], "alias": ["AERO-CARIBBEAN"],
                       "address": ["Havana, Cuba"], "country": ["cu"], "program": ["CUBA"]},
    "us_ofac_sdn-36-sanction": {"listingDate": ["1986-12-10"], "program": ["CUBA"],
                                "provisions": ["Blocking of property"], "summary": ["On OFAC's SDN List"]},
    "us_ofac_sdn-2677": {"schema": "Person", "name": ["AL-ZOMOR, Abboud Abdul Latif Hassan"],
                         "lastName": ["AL-ZOMOR"], "firstName": ["Abboud Abdul Latif Hassan"],
                         "alias": ["ZUMAR, Abbud", ZOMOR_ARABIC, "AL-ZUMAR, Abbud", "EL-ZOMOR, Aboud Abdul Latif Hasan",
                                   "AL-ZUMUR, Abood Abdul Latif Hassan", "AL-ZAMUR, Abboud Abdul Latif Hassan"],
                         "notes": [f"Name (Arabic script): {ZOMOR_ARABIC}"], "birthDate": ["1947-04-19"],
                         "birthPlace": ["Nahia, Giza, Egypt"], "nationality": ["eg"], "country": ["eg"],
                         "gender": ["male"], "program": ["SDGT"]},
    "us_ofac_sdn-2677-sanction": {"listingDate": ["1995-01-23"], "provisions": ["Blocking of property", RISK],
                                  "summary": ["Legal basis: Executive Order 13224 (Terrorism)", "On OFAC's SDN List"]},
    "us_ofac_sdn-4238": {"schema": "Vessel", "name": ["MAR AZUL"], "callSign": ["CL2192"], "type": ["Tug"],
                         "flag": ["cu"], "grossRegisteredTonnage": ["212"], "address": [], "country": [],
                         "notes": ["Vessel owner: Samir de Navegacion S.A."]},
    "us_ofac_sdn-4238-sanction": {"listingDate": ["1989-01-05"], "program": ["CUBA"]},
    "us_ofac_sdn-15432": {"schema": "Airplane", "name": ["EP-GOL"], "model": ["IL-76TD"], "buildDate": ["1991"],
                          "serialNumber": ["1013409297"],
                          "notes": ["Aircraft Construction Number (also called L/N or S/N or F/N) 8305",
                                    "Aircraft Operator YAS AIR"]},
    "us_ofac_sdn-15432-sanction": {"listingDate": ["2012-09-19"], "provisions": ["Blocking of property", RISK]},
}


def _check(entities: dict[str, Entity], records: dict[str, dict[str, Any]]) -> None:
    for entity_id, values in records.items():
        entity = entities[entity_id]
        for prop, value in values.items():
            found = entity.schema.name if prop == "schema" else entity.get(prop)
            assert found == value, f"{entity_id} {prop}"


def test_extract_records_resolved_through_kenning_reference_values() -> None:
    ctx, entities = parse(EXTRACT)
    _check(entities, EXTRACT_RECORDS)
    assert ctx.publication_date == "2026-09-09" and ctx.warnings == []
    assert ctx.stats["listing dates"] == 4 and ctx.stats["names in other scripts"] == 1
    assert ctx.stats["FeatureType values from ofac_reference.yml"] == 20
    assert len(entities) == 8


def _with_reference_sets(tmp_path: Path, changes: dict[tuple[str, str], str]) -> Path:
    """The extract with a ReferenceValueSets block built from ofac_reference.yml (some values changed)."""
    sets = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    ns = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"
    block = etree.Element(f"{{{ns}}}ReferenceValueSets")
    for name, values in sets.items():
        group = etree.SubElement(block, f"{{{ns}}}{name}Values")
        for ref_id, value in values.items():
            attrs = {k: str(v) for k, v in value.items() if k != "value"} if isinstance(value, dict) else {}
            item = etree.SubElement(group, f"{{{ns}}}{name}", ID=str(ref_id), **attrs)
            item.text = changes.get((name, str(ref_id)), value["value"] if isinstance(value, dict) else str(value))
    text = EXTRACT.read_text(encoding="utf-8")
    head, tail = text.split("\n  \n  <Locations>", 1)
    path = tmp_path / "sdn_advanced.xml"
    path.write_text(head + etree.tostring(block, encoding="unicode") + "\n  <Locations>" + tail, encoding="utf-8")
    return path


def test_the_file_reference_value_sets_are_read_and_win(tmp_path: Path) -> None:
    _, fallback = parse(EXTRACT)
    ctx, own = parse(_with_reference_sets(tmp_path, {}))
    assert {k: v.to_dict() for k, v in own.items()} == {k: v.to_dict() for k, v in fallback.items()}
    assert not any("ofac_reference.yml" in key for key in ctx.stats)
    _, changed = parse(_with_reference_sets(tmp_path, {("Script", "160"): "Arabic (as this file says)",
                                                       ("LegalBasis", "1828"): "E.O. 13224"}))
    assert changed["us_ofac_sdn-2677"].get("notes") == [f"Name (Arabic (as this file says) script): {ZOMOR_ARABIC}"]
    assert "Legal basis: E.O. 13224" in changed["us_ofac_sdn-2677-sanction"].get("summary")


def test_unknown_reference_ids_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "sdn_advanced.xml"
    path.write_text(EXTRACT.read_text(encoding="utf-8").replace('FeatureTypeID="224"', 'FeatureTypeID="999999"'),
                    encoding="utf-8")
    ctx, entities = parse(path)
    assert ctx.stats["reference ids unknown"] == 1
    assert ctx.warnings == ["sdn_advanced.xml: 1 reference ids are defined neither in the file nor in "
                            "ofac_reference.yml (e.g. FeatureType 999999); their values are left out"]
    assert "Feature 999999 Male" in entities["us_ofac_sdn-2677"].get("notes")


@pytest.mark.parametrize("path", [FILE_2021, FILE_2021_UN])
def test_file_of_2021_with_its_own_sets_in_both_namespaces(path: Path) -> None:
    ctx, entities = parse(path)
    saddam = entities["us_ofac_sdn-7843"]
    assert saddam.get("name") == ["AL-TIKRITI, Saddam Hussein"]
    assert saddam.get("weakAlias") == ["ABU ALI"]
    assert saddam.get("alias") == ["HUSAYN, Saddam", "HUSSAIN, Saddam", "HUSSEIN, Saddam"]
    assert saddam.get("birthDate") == ["1937-04-28"] and saddam.get("birthPlace") == ["al-Awja, near Tikrit, Iraq"]
    assert saddam.get("notes") == ["named in UNSCR 1483"] and saddam.get("position") == ["President since 1979"]
    assert ctx.publication_date == "2021-01-19" and len(entities) == 2


def test_same_parties_and_facts_as_the_legacy_csv() -> None:
    """The four parties of the extract against the bundled sdn.csv: same ids, same names, dates, places,
    vessel and aircraft facts; the advanced format adds the Arabic-script name and the listing dates; the
    extract lacks the operator YAS AIR, which the whole CSV resolves to POUYA AIR."""
    csv_files = group_paths([REPO / "data" / "lists" / "us_ofac" / "sdn.csv"])["us_ofac_sdn"]
    from_csv = {str(e.id): e.to_dict()["properties"] for e in parse_publication("us_ofac_sdn", csv_files).entities}
    _, advanced = parse(EXTRACT)
    added = {"notes", "alias", "listingDate", "summary", "provisions", "operator"}
    for entity_id, entity in advanced.items():
        mine = entity.to_dict()["properties"]
        theirs = from_csv[entity_id]
        differing = {k for k in set(mine) | set(theirs) if sorted(mine.get(k, [])) != sorted(theirs.get(k, []))}
        assert differing <= added, entity_id
        assert set(theirs.get("alias", [])) <= set(mine.get("alias", [])), entity_id


def test_detection_by_list_id(tmp_path: Path) -> None:
    assert detect_dataset(EXTRACT) == ("us_ofac_sdn", "main")
    cons = tmp_path / "cons.xml"
    cons.write_text(EXTRACT.read_text(encoding="utf-8").replace('ListID="1550"', 'ListID="91507"'), encoding="utf-8")
    assert detect_dataset(cons) == ("us_ofac_cons", "main")
    _, entities = parse(cons, "us_ofac_cons")
    assert "On OFAC's Sectoral Sanctions Identifications List" in entities["us_ofac_cons-36-sanction"].get("summary")


def test_date_periods_as_the_csv_writes_them() -> None:
    def period(start: tuple[int, int, int], end: tuple[int, int, int], approximate: bool = False) -> str | None:
        parts = []
        for tag, (y, m, d) in (("Start", start), ("End", end)):
            flag = "true" if approximate else "false"
            parts.append(f"<{tag} Approximate='{flag}'><From><Year>{y}</Year><Month>{m}</Month><Day>{d}</Day></From>"
                         f"<To><Year>{y}</Year><Month>{m}</Month><Day>{d}</Day></To></{tag}>")
        return period_text(Xml(None), etree.fromstring(f"<DatePeriod>{''.join(parts)}</DatePeriod>"))

    assert period((1947, 4, 19), (1947, 4, 19)) == "19 Apr 1947"
    assert period((1991, 1, 1), (1991, 12, 31)) == "1991"
    assert period((1960, 1, 1), (1965, 12, 31)) == "1960 to 1965"
    assert period((1948, 2, 1), (1948, 2, 29)) == "Feb 1948"
    assert period((1960, 3, 4), (1962, 5, 6), approximate=True) == "circa 04 Mar 1960 to 06 May 1962"


@pytest.mark.parametrize(("edit", "message"), [
    (lambda t: t.replace('<DistinctParty xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/'
                         'exports/ADVANCED_XML" FixedRef="36">', '<DistinctParty>', 1),
     r"<DistinctParty> without a numeric FixedRef and a Profile"),
    (lambda t: re.sub(r"<Alias FixedRef=\"4238\".*?</Alias>", "", t, flags=re.DOTALL),
     r"record 4238: the party has no name"),
    (lambda t: t.replace("<Sanctions ", "<Other ", 1).replace("</Sanctions>", "</Other>"), r"not OFAC's advanced XML"),
])
def test_broken_files(tmp_path: Path, edit: Any, message: str) -> None:
    path = tmp_path / "sdn_advanced.xml"
    path.write_text(edit(EXTRACT.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ParseError, match=message):
        parse(path)


def test_identity_documents_become_the_csv_identifiers(tmp_path: Path) -> None:
    """IDRegDocuments (none in the extract, so two are added to AL-ZOMOR's identity 4423: a passport with its
    issuer and dates, a vessel IMO for MAR AZUL's identity 1663) read as the CSV's identifier remarks."""
    documents = (
        '<IDRegDocuments>'
        '<IDRegDocument ID="1" IDRegDocTypeID="1571" IdentityID="4423" IssuedBy-CountryID="11082" ValidityID="1">'
        '<IDRegistrationNo>A1234567</IDRegistrationNo>'
        '<DocumentDate IDRegDocDateTypeID="1480"><DatePeriod><Start><From><Year>2001</Year><Month>2</Month>'
        '<Day>3</Day></From></Start><End><To><Year>2001</Year><Month>2</Month><Day>3</Day></To></End></DatePeriod>'
        '</DocumentDate>'
        '<DocumentDate IDRegDocDateTypeID="1481"><DatePeriod><Start><From><Year>2011</Year><Month>2</Month>'
        '<Day>3</Day></From></Start><End><To><Year>2011</Year><Month>2</Month><Day>3</Day></To></End></DatePeriod>'
        '</DocumentDate></IDRegDocument>'
        '<IDRegDocument ID="2" IDRegDocTypeID="1626" IdentityID="1663" ValidityID="2">'
        '<IDRegistrationNo>IMO 7225946</IDRegistrationNo></IDRegDocument>'
        '</IDRegDocuments>')
    path = tmp_path / "sdn_advanced.xml"
    path.write_text(EXTRACT.read_text(encoding="utf-8").replace("<IDRegDocuments></IDRegDocuments>", documents),
                    encoding="utf-8")
    _, entities = parse(path)
    passport = entities["us_ofac_sdn-2677-id-1"]
    assert passport.schema.name == "Passport" and passport.get("number") == ["A1234567"]
    assert (passport.get("country"), passport.get("startDate"), passport.get("endDate")) == (
        ["eg"], ["2001-02-03"], ["2011-02-03"])
    assert entities["us_ofac_sdn-2677"].get("passportNumber") == ["A1234567"]
    vessel = entities["us_ofac_sdn-4238"]
    assert vessel.get("imoNumber") == ["IMO7225946"]
    assert "Vessel Registration Identification IMO 7225946: marked fraudulent by OFAC" in vessel.get("notes")
