"""The UK Sanctions List parser on every real record of the two samples (26/03/2026 and 14/08/2026, see
``tests/fixtures/lists/gb_fcdo/PROVENANCE.md``): each record lists the values it must yield, so a dropped
field fails. Then the layout's edge cases and broken files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kenning.errors import InputError, ParseError
from kenning.model import Entity
from kenning.sources import gb_fcdo
from kenning.sources.base import ParseContext
from kenning.sources.detect import detect_dataset
from kenning.sources.gb_fcdo_details import leading_country, uk_birth_date
from testkit import LISTS

MARCH = LISTS / "gb_fcdo" / "UK-Sanctions-List.xml"
AUGUST = LISTS / "gb_fcdo" / "UK-Sanctions-List_2026-08-14.xml"
AFG = "The Afghanistan (Sanctions) (EU Exit) Regulations 2020"
MALI = "The Mali (Sanctions) (EU Exit) Regulations 2020"
ISIL = "Isil (Da'esh) and Al-Qaeda (United Nations Sanctions) (EU Exit) Regulations 2019"
UN_SOURCE = "Designation source: UN (a UN designation the UK gives effect to)"
UK_SOURCE = "Designation source: UK (a designation the UK made)"
DIRECTOR = "The Director Disqualification Sanction was imposed on 09/04/2025."


def parse(path: Path) -> tuple[ParseContext, dict[str, Entity]]:
    ctx = ParseContext(dataset="gb_fcdo", files={"main": path})
    return ctx, {str(e.id): e for e in gb_fcdo.parse(ctx)}


@pytest.fixture(scope="module")
def march() -> tuple[ParseContext, dict[str, Entity]]:
    return parse(MARCH)


@pytest.fixture(scope="module")
def august() -> tuple[ParseContext, dict[str, Entity]]:
    return parse(AUGUST)


#: Per record: the values its party (``party``), Sanction (``sanction``) and documents (``id-N``) must
#: have; every property named must equal the list exactly.
MARCH_RECORDS: dict[str, dict[str, dict[str, Any]]] = {
    "AFG0001": {
        "party": {"schema": "Organization", "name": ["HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE"],
                  "alias": ["Haji Alim Hawala", "Haji Hakim Hawala", "Haji Khair Ullah Money Service",
                            "Haji Khairullah and Abdul Sattar and Company", "Haji Khairullah Money Exchange",
                            "Haji Khairullah-Haji Sattar Sarafi", "Haji Salam Hawala",
                            "Sarafi-yi Haji Khairullah Haji Satar Haji Esmatullah", "حاجی خيرالله و حاجی ستار صرافی"],
                  "email": ["helmand_exchange_msp@yahoo.com"], "country": ["af", "pk", "ir", "ae"],
                  "program": [AFG], "modifiedAt": ["2022-01-12"]},
        "sanction": {"authorityId": ["AFG0001"], "unscId": ["TAe.010"], "recordId": ["12703"],
                     "listingDate": ["2012-06-29"], "provisions": ["Asset freeze"], "summary": [UN_SOURCE],
                     "reason": []},
    },
    "AFG0006": {
        "party": {"schema": "Person", "name": ["MOHAMMAD HASSAN AKHUND"], "alias": ["محمد حسن آخوند"],
                  "title": ["Mullah", "Haji"], "firstName": ["MOHAMMAD"], "middleName": ["HASSAN"],
                  "lastName": ["AKHUND"],
                  "birthDate": ["1945", "1946", "1947", "1948", "1949", "1950", "1955", "1956", "1957", "1958"],
                  "birthPlace": ["Pashmul village, Panjwai District, Kandahar Province, Afghanistan"],
                  "birthCountry": ["af"], "nationality": ["af"], "passportNumber": ["P04581926"],
                  "address": ["Kabul, Afghanistan"],
                  "position": ["First Deputy, Council of Ministers under the previous Taliban regime (1996-2001)",
                               "Governor of Kandahar under the previous Taliban regime (1996-2001)",
                               "Foreign Minister under the previous Taliban regime (1996-2001)",
                               "Political Advisor of Mullah Mohammed Omar"], "modifiedAt": ["2026-03-13"]},
        "sanction": {"unscId": ["TAi.002"], "recordId": ["7172"], "listingDate": ["2001-01-25"],
                     "provisions": ["Asset freeze", "Travel Ban"], "summary": [UN_SOURCE]},
        # the same passport ten times in the file: one record
        "id-1": {"schema": "Passport", "number": ["P04581926"], "country": ["af"], "startDate": ["2024-08-07"],
                 "endDate": ["2034-08-07"]},
    },
    "AFG0007": {
        "party": {"schema": "Person", "name": ["Abdul Kabir MOHAMMAD JAN"],
                  "alias": ["KABIR MUHAMMAD JAN ABDUL", "ABDUL KABIR MUHAMMAD JAN", "A Kabir", "عبد الکبیر محمد جان"],
                  "title": ["Maulavi"], "birthDate": ["1963", "1972-01-30"], "passportNumber": ["D0009925"],
                  "birthPlace": ["Nahrin District, Baghlan Province, Afghanistan"], "address": ["Afghanistan"]},
        "sanction": {"unscId": ["TAi.003"], "recordId": ["6909"], "listingDate": ["2001-01-25"]},
        "id-1": {"number": ["D0009925"], "country": ["af"], "startDate": ["2022-05-22"], "endDate": ["2027-05-22"]},
    },
    "LIB0077": {
        "party": {"schema": "Organization", "name": ["Africa Corps"],
                  "alias": ["Expeditionary Corps", "PMC Wagner", "Wagner Group"], "notes": [DIRECTOR],
                  "program": ["The Libya (Sanctions) (EU Exit) Regulations 2020"]},
        "sanction": {"recordId": ["16630"], "listingDate": ["2024-11-07"], "modifiedAt": ["2025-04-09"],
                     "provisions": ["Asset freeze", "Director Disqualification Sanction"], "summary": [UK_SOURCE]},
    },
    "LIB0078": {
        "party": {"schema": "Person", "name": ["Andrey Averyanov"],
                  "alias": ["Andrei Averyanov", "Andrey Vladimirovich Averyanov", "Андрей Владимирович АВЕРЬЯНОВ"],
                  "nationality": ["ru"], "gender": ["male"],
                  "notes": ["Name (Cyrillic script): Андрей Владимирович АВЕРЬЯНОВ", DIRECTOR]},
        "sanction": {"recordId": ["16631"], "provisions": ["Asset freeze", "Travel Ban",
                                                           "Director Disqualification Sanction"]},
    },
    "MAL0010": {
        "party": {"schema": "Organization", "name": ["Katiba Macina"],
                  "alias": ["Front de liberation du Macina", "Katibat Macina", "Macina Katiba"],
                  "legalForm": ["Armed Terrorist Group"], "address": ["Mali"], "country": ["ml"], "program": [MALI]},
        "sanction": {"recordId": ["15662"], "listingDate": ["2022-12-08"], "summary": [UK_SOURCE]},
    },
    "MAL0011": {
        "party": {"schema": "Person", "name": ["Ivan Aleksandrovitch MASLOV"], "firstName": ["Ivan"],
                  "middleName": ["Aleksandrovitch"], "lastName": ["MASLOV"], "birthDate": ["1982-07-11"],
                  "nationality": ["ru"], "position": ["Head of the Wagner Group in Mali"], "gender": ["male"],
                  "program": [MALI], "modifiedAt": ["2025-04-09"]},
        "sanction": {"authorityId": ["MAL0011"], "recordId": ["16024"], "program": [MALI],
                     "listingDate": ["2023-07-20"],
                     "provisions": ["Asset freeze", "Travel Ban", "Director Disqualification Sanction"],
                     "summary": [UK_SOURCE]},
    },
    "MAL0012": {
        "party": {"schema": "Organization", "name": ["Marko Mining"],
                  "alias": ["Marco Mining", "Marco Mining Sarl", "Марко Майнинг"], "legalForm": ["Private Company"],
                  "registrationNumber": ["Ma.Bko.2013.M.1610"],
                  "address": ["Badalabougou SEMA, Rue 117, Porte 79, Bamako, Mali"]},
        "sanction": {"recordId": ["16633"], "listingDate": ["2024-11-07"]},
    },
    "RUS0251": {
        "party": {"schema": "Person", "name": ["Vladimir Vladimirovich PUTIN"],
                  "alias": ["Vladimir Putin", "владимир владимирович путин"], "birthDate": ["1952-10-07"],
                  "birthPlace": ["St Petersburg (then Leningrad), Russia"], "address": ["Moscow, Russia"],
                  "position": ["President of the Russian Federation"]},
        "sanction": {"recordId": ["14196"], "listingDate": ["2022-02-25"],
                     "provisions": ["Asset freeze", "Trust Services Sanctions", "Director Disqualification Sanction"]},
    },
    "RUS0252": {
        "party": {"schema": "Person", "name": ["Sergei Viktorovich Lavrov"],
                  "alias": ["Sergei Lavrov", "Sergey Lavrov", "Sergey Viktorovich Lavrov", "Сергей Викторович Лавров"],
                  "birthDate": ["1950-03-21"], "position": ["Foreign Minister of the Russian Federation"]},
        "sanction": {"recordId": ["14197"]},
    },
}

AUGUST_RECORDS: dict[str, dict[str, dict[str, Any]]] = {
    "AFG0011": {
        "party": {"schema": "Person", "name": ["ABDUL LATIF MANSUR"],
                  "alias": ["Abdul Latif MANSOOR", "Wali MOHAMMAD", "عبد اللطيف منصور"],
                  "birthDate": ["1968", "1967-11-12"], "passportNumber": ["D0009720", "D0010442"],
                  "birthPlace": ["Zurmat District, Paktia Province, Afghanistan",
                                 "Garda Saray District, Paktia Province, Afghanistan"], "birthCountry": ["af"],
                  "address": ["Darul Aman, Kabul, Afghanistan"], "modifiedAt": ["2026-04-29"]},
        "sanction": {"unscId": ["TAi.007"], "recordId": ["7270"], "listingDate": ["2001-01-31"]},
        "id-1": {"number": ["D0009720"], "startDate": ["2021-10-12"], "endDate": ["2026-10-12"]},
        "id-2": {"number": ["D0010442"], "startDate": ["2024-11-13"], "endDate": ["2029-11-13"]},
    },
    "AQD0128": {
        "party": {"schema": "Person", "name": ["AKRAM TURKI HISHAN AL-MAZIDIH"],
                  "alias": ["Akram Turki Al-Hishan", "أكرم تركي هاشم المزيده"],
                  "weakAlias": ["Abu Akram", "Abu Jarrah"],
                  "birthDate": ["1974", "1975", "1979", "1958-09", "1985"], "idNumber": ["0075258"],
                  "country": ["iq", "sy"], "program": [ISIL]},
        "sanction": {"unscId": ["QDi.276"], "provisions": ["Asset freeze", "Arms embargo", "Travel Ban"]},
        "id-1": {"schema": "Identification", "number": ["0075258"], "summary": ["Ration card no."],
                 "type": ["National identifier"]},
    },
    "AQD0377": {
        "party": {"schema": "Organization", "name": ["Khatiba al-Tawhid wal-Jihad (KTJ)"],
                  "alias": ["Jama'at al-Tawhid wal-Jihad", "Jannat Oshiklari", "Катиба ат-Таухид валь-Джихад"],
                  "legalForm": ["Terrorist Group"]},
        "sanction": {"unscId": ["QDe.168"], "recordId": ["14211"]},
    },
    "DPR0075": {
        "party": {"schema": "Vessel", "name": ["Petrel 8"], "alias": ["Jal Vahini", "Jal_Vahini", "Tian Tai 36"],
                  "imoNumber": ["IMO9562233"], "flag": ["km"], "pastFlags": ["in"], "type": ["Bulk Carrier"],
                  "tonnage": ["7078"], "buildDate": ["2011"],
                  "notes": ["Current owner/operator: Global United Shipping India", "Length of ship: 134.5",
                            "Pursuant to paragraph 6 of Security Council Resolution 2371 (2017) and paragraph 6 "
                            "of Security Council Resolution 2375 (2017)"]},
        "sanction": {"recordId": [], "listingDate": ["2017-10-03"], "provisions": ["Prohibition of port entry"]},
    },
}


def _check(entities: dict[str, Entity], unique_id: str, expected: dict[str, dict[str, Any]]) -> None:
    for part, values in expected.items():
        entity_id = f"gb_fcdo-{unique_id}" + ("" if part == "party" else f"-{part}")
        entity = entities[entity_id]
        for prop, value in values.items():
            found = entity.schema.name if prop == "schema" else entity.get(prop)
            assert found == value, f"{entity_id} {prop}"


@pytest.mark.parametrize("unique_id", sorted(MARCH_RECORDS))
def test_march_records(march: tuple[ParseContext, dict[str, Entity]], unique_id: str) -> None:
    _check(march[1], unique_id, MARCH_RECORDS[unique_id])


@pytest.mark.parametrize("unique_id", sorted(AUGUST_RECORDS))
def test_august_records(august: tuple[ParseContext, dict[str, Entity]], unique_id: str) -> None:
    _check(august[1], unique_id, AUGUST_RECORDS[unique_id])


def test_every_record_read_and_dated(march: tuple[ParseContext, dict[str, Entity]],
                                     august: tuple[ParseContext, dict[str, Entity]]) -> None:
    samples = ((march, "2026-03-26", MARCH_RECORDS), (august, "2026-08-14", AUGUST_RECORDS))
    for (ctx, entities), date, records in samples:
        assert ctx.publication_date == date
        assert ctx.warnings == []
        targets = {e.id.removeprefix("gb_fcdo-") for e in entities.values() if e.schema.name != "Sanction"
                   and "-id-" not in str(e.id)}
        assert targets == set(records)
    assert march[0].stats["repeated documents read once"] == 9


def test_statement_of_reasons_and_phones_kept(march: tuple[ParseContext, dict[str, Entity]]) -> None:
    entities = march[1]
    reason = entities["gb_fcdo-MAL0011-sanction"].get("reason")[0]
    assert reason.startswith("As head of the Wagner Group in Mali, Ivan Aleksandrovitch Maslov")
    assert "deliberate targeting of civilians" in reason
    assert entities["gb_fcdo-RUS0251-sanction"].get("reason")[0].endswith(
        "The trust services sanctions were imposed on 21/03/2023.")
    exchange = entities["gb_fcdo-AFG0001"]
    assert "Phone: -101823" in exchange.get("notes") and "Phone: 0202-104748" in exchange.get("notes")
    assert any(n.startswith("Pakistan National Tax Number: 1774308") for n in exchange.get("notes"))
    assert len(exchange.get("address")) == 27


def test_dates_and_document_countries() -> None:
    assert [uk_birth_date(v) for v in ("dd/mm/1945", "dd/09/1958", "30/01/1972", "1985", "DD/MM/2001", "x")] == [
        "1945", "1958-09", "1972-01-30", "1985", "2001", None]
    assert leading_country("Afghanistan diplomatic passport number D0009925, issued on 22 May 2022") == "af"
    assert leading_country("United Arab Emirates passport 123") == "ae"
    assert leading_country("Ration card no.") is None


def _designation(body: str) -> str:
    return (f"<Designations><DateGenerated>01/02/2026</DateGenerated><Designation><UniqueID>TST0001</UniqueID>"
            f"{body}</Designation></Designations>")


def test_unknown_elements_types_and_indicators_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "uk.xml"
    path.write_text(_designation(
        "<Names><Name><Name6>SEA TEST</Name6><NameType>Strange</NameType></Name></Names>"
        "<IndividualEntityShip>Aircraft</IndividualEntityShip><SanctionsImposed>Asset freeze</SanctionsImposed>"
        "<SanctionsImposedIndicators><AssetFreeze>true</AssetFreeze><TravelBan>true</TravelBan>"
        "<NewMeasureKind>true</NewMeasureKind><Deflag>false</Deflag></SanctionsImposedIndicators>"
        "<FutureField>kept here</FutureField>"
        "<EntityDetails><Entity><Subsidiaries><Subsidiary>Sub Ltd</Subsidiary></Subsidiaries>"
        "<NewThings><NewThing>x 1</NewThing></NewThings></Entity></EntityDetails>"), "utf-8")
    ctx, entities = parse(path)
    party = entities["gb_fcdo-TST0001"]
    assert party.schema.name == "LegalEntity" and party.get("name") == ["SEA TEST"]
    assert ctx.warnings == ["designation TST0001: unknown IndividualEntityShip 'Aircraft'; loaded as a LegalEntity"]
    assert ctx.stats["names of an unknown NameType"] == 1
    assert entities["gb_fcdo-TST0001-sanction"].get("provisions") == ["Asset freeze", "Travel ban",
                                                                      "New measure kind"]
    assert set(party.get("notes")) == {"Future Field: kept here", "Subsidiary: Sub Ltd", "New Things: x 1"}
    assert ctx.publication_date == "2026-02-01"


@pytest.mark.parametrize(("data", "message"), [
    (b"<?xml version='1.0'?>\n<CONSOLIDATED_LIST/>\n", r"uk\.xml, line 2: not the UK Sanctions List XML"),
    (b"<Designations>\n<Designation><LastUpdated>01/01/2026</LastUpdated></Designation>\n</Designations>",
     r"uk\.xml, line 2: <Designation> without a UniqueID"),
    (b"<Designations>\n<Designation><UniqueID>A1</UniqueID>\n", r"uk\.xml, line 3: malformed XML"),
    (b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<Designations>&e;</Designations>',
     r"uk\.xml, line 1: the XML declares entities"),
    (b"", r"uk\.xml: the file is empty"),
])
def test_broken_files(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "uk.xml"
    path.write_bytes(data)
    with pytest.raises(ParseError, match=message):
        list(gb_fcdo.parse(ParseContext(dataset="gb_fcdo", files={"main": path})))


def test_duplicate_unique_id_keeps_the_first(tmp_path: Path) -> None:
    path = tmp_path / "uk.xml"
    record = "<Designation><UniqueID>A1</UniqueID><Names><Name><Name6>X</Name6></Name></Names></Designation>"
    path.write_text(f"<Designations>{record}\n{record}</Designations>", "utf-8")
    ctx, entities = parse(path)
    assert ctx.stats["duplicate UniqueIDs skipped"] == 1 and "gb_fcdo-A1" in entities


def test_detected_by_name_or_root_and_csv_edition_refused(tmp_path: Path) -> None:
    assert detect_dataset(MARCH) == ("gb_fcdo", "main")
    renamed = tmp_path / "uksl.xml"
    renamed.write_bytes(MARCH.read_bytes())
    assert detect_dataset(renamed) == ("gb_fcdo", "main")
    csv_edition = tmp_path / "UK-Sanctions-List.csv"
    csv_edition.write_text("Report Date: 02-Oct-2026\n", "utf-8")
    with pytest.raises(InputError, match=r"UK-Sanctions-List\.csv: UK Sanctions List .*this edition is not read"):
        detect_dataset(csv_edition)
