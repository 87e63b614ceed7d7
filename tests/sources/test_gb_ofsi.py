"""The UK OFSI parser on a real 52-row excerpt of ConList (CSV and its XLSX twin) and on broken files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from kenning import settings
from kenning.errors import ParseError
from kenning.model import Entity
from kenning.sources import gb_ofsi
from kenning.sources.base import ParseContext
from kenning.sources.gb_ofsi_text import (
    registration_numbers,
    resolve_countries,
    split_numbered,
    split_reference,
    uk_date,
)
from kenning.sources.gb_un_eu_common import document_dates, iso_date, year_span

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "gb_ofsi"
CSV = FIXTURES / "ConList.csv"
XLSX = FIXTURES / "ConList.xlsx"

#: A parse's context (stats, warnings, publication date) and its entities by id.
Parsed = tuple[ParseContext, dict[str, Entity]]


def parse_file(path: Path) -> Parsed:
    ctx = ParseContext(dataset="gb_ofsi", files={"main": path})
    entities = {str(e.id): e for e in gb_ofsi.parse(ctx)}
    return ctx, entities


@pytest.fixture(scope="module")
def parsed() -> Parsed:
    return parse_file(CSV)


def test_publication_date_counts_and_stats(parsed: Parsed) -> None:
    ctx, entities = parsed
    assert ctx.publication_date == "2025-04-10"
    targets = [e for e in entities.values() if e.schema.name in ("Person", "Organization", "Vessel")]
    assert len(targets) == 15
    assert ctx.stats["rows"] == 52
    assert ctx.stats["targets"] == 15
    assert ctx.stats["links"] == 1
    assert ctx.stats["groups without a primary name"] == 1
    assert ctx.warnings == []


def test_perfilev_person_sanction_and_passport(parsed: Parsed) -> None:
    _, entities = parsed
    person = entities["gb_ofsi-16031"]
    assert person.schema.name == "Person"
    assert person.get("name") == ["Vitalii Viktorovitch PERFILEV"]
    assert (person.get("firstName"), person.get("middleName"), person.get("lastName")) == (
        ["Vitalii"], ["Viktorovitch"], ["PERFILEV"])
    assert person.get("birthDate") == ["1983-09-11"]
    assert person.get("birthPlace") == ["Novossibirsk, Russia"]
    assert person.get("birthCountry") == ["ru"]
    assert person.get("nationality") == ["ru"]
    assert person.get("gender") == ["male"]
    assert person.get("passportNumber") == ["NR 75 2987491"]
    assert person.get("address") == ["Bangui, Central African Republic"]
    assert person.get("country") == ["cf"]
    assert person.get("program") == ["Central African Republic"]
    assert person.get("topics") == ["sanction"]
    sanction = entities["gb_ofsi-16031-sanction"]
    assert sanction.get("entity") == ["gb_ofsi-16031"]
    assert sanction.get("authorityId") == ["CAF0022"]
    assert sanction.get("authority") == ["HM Treasury, Office of Financial Sanctions Implementation"]
    assert sanction.get("country") == ["gb"]
    assert sanction.get("sourceUrl") == [
        "https://www.gov.uk/government/publications/financial-sanctions-consolidated-list-of-targets"]
    assert sanction.get("reason")[0].startswith("As head of Wagner in the Central African Republic")
    assert sanction.get("listingDate") == ["2023-07-20"]
    assert sanction.get("startDate") == []  # designated on the day it was listed
    assert sanction.get("modifiedAt") == ["2023-07-28"]
    assert sanction.get("provisions") == ["Asset freeze"]
    passport = entities["gb_ofsi-16031-id-1"]
    assert passport.schema.name == "Passport"
    assert passport.get("holder") == ["gb_ofsi-16031"]
    assert passport.get("number") == ["NR 75 2987491"]
    assert passport.get("type") == ["Passport"]
    assert passport.get("summary") == ["Date of delivery: 30/03/2016 Expiration date: 30/03/2026"]
    assert (passport.get("startDate"), passport.get("endDate")) == (["2016-03-30"], ["2026-03-30"])


def test_wagner_commanders(parsed: Parsed) -> None:
    _, entities = parsed
    maslov = entities["gb_ofsi-16024"]
    assert maslov.get("name") == ["Ivan Aleksandrovitch MASLOV"]
    assert maslov.get("birthDate") == ["1982-07-11"]
    assert maslov.get("position") == ["Head of Wagner Group in Mali"]
    assert entities["gb_ofsi-16024-sanction"].get("authorityId") == ["MAL0011"]
    pikalov = entities["gb_ofsi-16032"]
    assert pikalov.get("name") == ["Konstantin Aleksendrovitch PIKALOV"]
    assert pikalov.get("alias") == ["KONSTANTIN", "MAZAEV", "MAZAY", "Konstantin PIKALOV", "Kostya PIKALOV",
                                    "UNCLE PIKALOV"]
    assert pikalov.get("birthDate") == ["1968-07-23"]
    prigozhin = entities["gb_ofsi-13968"]
    assert prigozhin.get("name") == ["Yevgeniy Viktorovich PRIGOZHIN"]
    assert prigozhin.get("alias") == ["Evgeny PRIGOZHIN", "Евгений Викторович ПРИГОЖИН", "Yevgeny PRIGOZHIN"]
    assert prigozhin.get("title") == ["Mr"]
    assert prigozhin.get("position") == ["Responsible for and support to the Wagner Group",
                                         "Funder and former director of Internet Research Agency"]
    sanction = entities["gb_ofsi-13968-sanction"]
    assert (sanction.get("listingDate"), sanction.get("startDate")) == (["2020-10-15"], ["2020-12-31"])


def test_wagner_group_africa_corps_and_lavrov(parsed: Parsed) -> None:
    _, entities = parsed
    wagner = entities["gb_ofsi-15033"]
    assert wagner.schema.name == "Organization"
    assert wagner.get("name") == ["WAGNER GROUP"]
    assert wagner.get("alias") == ["CHVK VAGNER", "CHVK WAGNER", "PMC VAGNER", "PMC WAGNER", "ЧВК Вагнера",
                                   "VAGNER GROUP", "Группа Вагнера"]
    assert entities["gb_ofsi-15033-sanction"].get("provisions") == ["Asset freeze", "Trust services"]
    corps = entities["gb_ofsi-16630"]
    assert corps.get("name") == ["AFRICA CORPS"]
    assert corps.get("alias") == ["EXPEDITIONARY CORPS", "PMC WAGNER", "WAGNER GROUP"]
    assert corps.get("program") == ["Libya"]
    assert entities["gb_ofsi-16630-sanction"].get("authorityId") == ["LIB0077"]
    lavrov = entities["gb_ofsi-14197"]
    assert lavrov.get("name") == ["Sergei Viktorovich LAVROV"]
    assert "Сергей Викторович Лавров" in lavrov.get("alias")
    assert "Sergey LAVROV" in lavrov.get("alias")
    assert lavrov.get("position") == ["Foreign Minister of the Russian Federation"]
    assert lavrov.get("notes") == [
        "Financial sanctions imposed in addition to an asset freeze: Trust services. "
                                   "Date trust services sanctions imposed: 21/03/2023."]


def test_alias_kinds_partial_dates_and_numbered_documents(parsed: Parsed) -> None:
    _, entities = parsed
    logarcheo = entities["gb_ofsi-8283"]
    assert logarcheo.get("name") == ["LOGARCHEO S.A."]
    assert logarcheo.get("previousName") == ["LOGARCHEO AG"]
    assert entities["gb_ofsi-8283-sanction"].get("unscId") == ["IQe.200"]
    abdullah = entities["gb_ofsi-11205"]
    assert abdullah.get("weakAlias") == ["Amir Abdullah SAHIB"]
    assert abdullah.get("birthDate") == ["1972"]  # written 00/00/1972
    bahaji = entities["gb_ofsi-7059"]
    assert bahaji.get("name") == ["Said BAHAJI"]
    assert bahaji.get("alias") == ["Zouheir AL MAGHRIBI", "سعيد باهاجى"]
    assert bahaji.get("weakAlias") == ["Mohamed ABBATTAY", "Abderrahmane AL MAGHRIBI"]
    assert bahaji.get("nationality") == ["de", "ma"]
    assert bahaji.get("passportNumber") == ["28642163", "954242"]
    assert bahaji.get("idNumber") == ["1336597587"]
    first, second, national = (entities[f"gb_ofsi-7059-id-{n}"] for n in (1, 2, 3))
    assert first.get("summary") == ["German provisional. Issued by the city of Hamburg"]
    assert second.get("summary") == ["Moroccan. Issued on 28 June 1995 in Meknas, Morocco. Expired"]
    assert (second.get("country"), second.get("startDate")) == (["ma"], ["1995-06-28"])
    assert national.schema.name == "Identification"
    assert national.get("type") == ["National Identification Number"]
    assert national.get("number") == ["1336597587"]
    assert national.get("summary") == ['Germany identity document ("Bundespersonalausweis")']


def test_several_dates_and_places_of_birth(parsed: Parsed) -> None:
    _, entities = parsed
    khalimov = entities["gb_ofsi-13313"]  # two rows: DOB 14/05/1975 and 00/00/1975
    assert khalimov.get("birthDate") == ["1975-05-14", "1975"]
    assert khalimov.get("birthPlace") == ["Varzob area, Tajikistan", "Dushanbe, Tajikistan"]
    assert khalimov.get("birthCountry") == ["tj"]
    assert (khalimov.get("address"), khalimov.get("country")) == (["Syria"], ["sy"])


def test_vessel_and_link_to_its_owner(parsed: Parsed) -> None:
    _, entities = parsed
    ship = entities["gb_ofsi-13651"]
    assert ship.schema.name == "Vessel"
    assert ship.get("name") == ["SAM JONG 2"]
    assert "YU_JONG_3" in ship.get("alias")
    assert ship.get("imoNumber") == ["IMO7408873"]
    assert (ship.get("flag"), ship.get("pastFlags")) == (["kp"], ["ru"])
    assert ship.get("type") == ["Oil tanker"]
    assert (ship.get("tonnage"), ship.get("buildDate")) == (["1676"], ["1975"])
    assert "Current owners: Korea Samjong Shipping" in ship.get("notes")
    assert "Length of ship: 80" in ship.get("notes")
    link = entities["gb_ofsi-13651-link-13635"]
    assert link.schema.name == "UnknownLink"
    assert (link.get("subject"), link.get("object"), link.get("role")) == (
        ["gb_ofsi-13651"], ["gb_ofsi-13635"], ["Listed as asset of"])
    assert entities["gb_ofsi-13635"].get("name") == ["KOREA SAMJONG SHIPPING"]


def test_company_identifiers_contacts_and_fallback_name(parsed: Parsed) -> None:
    _, entities = parsed
    avangard = entities["gb_ofsi-15375"]
    assert avangard.get("alias") == ["ОАО Авангард"]
    assert avangard.get("innCode") == ["7804001110"]
    assert avangard.get("website") == ["http://www.avangard-plastik.ru/en/"]
    assert avangard.get("email") == ["info@avangard-plastik.ru"]
    assert avangard.get("legalForm") == ["Joint Stock Company"]
    assert avangard.get("address") == [
        "Premises 48H, Liter A, 72 Propekt Kondrat'evskii, Saint Petersburg, 195271, Russia",
        "78, Oktyabrskaya st, Safonovo, Smolyensk, 215500, Russia"]
    assert "Parent company: JSC Military Industrial Corporation NPO Mashinostroyenia" in avangard.get("notes")
    institute = entities["gb_ofsi-16601"]  # no row is its "Primary name": the first variation stands in
    assert institute.get("name") == ["33RD SCIENTIFIC RESEARCH AND TESTING INSTITUTE"]
    assert institute.get("phone") == ["+73432559988"]


def test_csv_and_xlsx_give_identical_entities() -> None:
    _, from_csv = parse_file(CSV)
    ctx, from_xlsx = parse_file(XLSX)
    assert ctx.publication_date == "2025-04-10"
    assert [e.to_dict() for e in from_xlsx.values()] == [e.to_dict() for e in from_csv.values()]


def test_parsing_is_deterministic() -> None:
    first = [e.to_dict() for e in parse_file(CSV)[1].values()]
    second = [e.to_dict() for e in parse_file(CSV)[1].values()]
    assert first == second


def test_text_conventions_of_the_cells() -> None:
    assert [uk_date(v) for v in ("11/09/1983", "00/00/1983", "00/08/1961", "1983", "dd/mm/yyyy")] == [
        "1983-09-11", "1983", "1961-08", "1983", None]
    assert split_numbered("(1) Russia (2) - (3) Ukraine.") == ["Russia", "Ukraine"]
    assert split_numbered("(1) a (2) - (3) b", keep_empty=True) == ["a", "", "b"]
    assert resolve_countries("Congo (Democratic Republic)") == ("cd",)  # not "cg" after dropping (...)
    assert resolve_countries("Former USSR, now Ukraine") == ("ua",)
    assert resolve_countries("Iraq (previous address)") == ("iq",)
    assert resolve_countries("Estonia, Russia") == ("ee", "ru")
    assert resolve_countries("115088") == ()
    assert split_reference("BEL0045 and GHR0050. Listed under two regimes.") == (
        ["BEL0045", "GHR0050"], "Listed under two regimes.")
    assert split_reference("QDi.028. Apprehended in July 2004", un=True) == (
        ["QDi.028"], "Apprehended in July 2004")
    assert registration_numbers("(1) INN: 7719898900 (2) OGRN: 5147746464234") == [
        ("innCode", "7719898900"), ("ogrnCode", "5147746464234")]
    assert registration_numbers("1117746568829 (Russia). Tax ID No. 7735579027") == [
        ("registrationNumber", "1117746568829"), ("taxNumber", "7735579027")]
    assert registration_numbers("19036 9982 (Belarus)") == [("registrationNumber", "19036 9982")]


def test_shared_date_helpers() -> None:
    assert year_span(1960, 1965) == ["1960", "1961", "1962", "1963", "1964", "1965"]
    assert year_span(1940, 1970) == ["1940", "1970"]  # wider than ten years: the two ends
    assert (iso_date(1983, 2, 30), iso_date(983), iso_date("1983", "13")) == ("1983-02", None, "1983")
    assert document_dates("Issue date: 27/04/1999, expiry date: 26/04/2004") == (
        ["1999-04-27"], ["2004-04-26"])
    assert document_dates("(1) Expires 26 Sep. 2017") == ([], ["2017-09-26"])


def _broken(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _records() -> list[bytes]:
    """The fixture's CSV records (cells may hold bare newlines; records end with CRLF)."""
    return CSV.read_bytes().split(b"\r\n")


def _physical_line(records: list[bytes], index: int) -> int:
    """The editor line on which record ``index`` starts."""
    return b"\r\n".join(records[:index]).count(b"\n") + 1 + (1 if index else 0)


def test_row_with_wrong_number_of_columns(tmp_path: Path) -> None:
    records = _records()
    records[4] = records[4] + b",extra"
    path = _broken(tmp_path, "ConList.csv", b"\r\n".join(records))
    line = _physical_line(records, 4)
    with pytest.raises(ParseError, match=rf"ConList\.csv, line {line}: expected 36 columns, found 37"):
        list(gb_ofsi.parse(ParseContext(dataset="gb_ofsi", files={"main": path})))


def test_undecodable_bytes_name_their_line(tmp_path: Path) -> None:
    records = _records()
    records[6] = b"\xff" + records[6]
    path = _broken(tmp_path, "ConList.csv", b"\r\n".join(records))
    line = _physical_line(records, 6)
    with pytest.raises(ParseError, match=rf"ConList\.csv, line {line}: undecodable byte 0xff"):
        list(gb_ofsi.parse(ParseContext(dataset="gb_ofsi", files={"main": path})))


@pytest.mark.parametrize(("name", "data", "message"), [
    ("ConList.csv", b"", r"ConList\.csv: the file is empty"),
    ("ConList.csv", b"PK\x03\x04" + b"\x00" * 64, r"ConList\.csv: expected .* but the file is a ZIP archive"),
    ("ConList.csv", b"<!DOCTYPE html><html><body><p>Not found</p></body></html>\n",
     r"ConList\.csv, line 1: not the OFSI consolidated list \(2022 format\): the header lacks 'Name 6'"),
    ("ConList.csv", b"Last Updated,10/04/2025\r\nent_num,SDN_Name,SDN_Type\r\n1,X,individual\r\n",
     r"ConList\.csv, line 2: not the OFSI consolidated list"),
    ("ConList.csv", b'Last Updated,10/04/2025\r\n"Name 6,Name 1\r\n',
     r"ConList\.csv, line \d: malformed CSV"),
    ("ConList.xlsx", b"Last Updated,10/04/2025\r\n",
     r"ConList\.xlsx: expected an XLSX workbook but the file is text"),
    ("ConList.xlsx", b"PK\x03\x04not really a zip archive", r"ConList\.xlsx: cannot open the XLSX workbook"),
])
def test_files_that_are_not_what_they_claim(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = _broken(tmp_path, name, data)
    with pytest.raises(ParseError, match=message):
        list(gb_ofsi.parse(ParseContext(dataset="gb_ofsi", files={"main": path})))


def test_xlsx_row_wider_than_the_header_names_its_row(tmp_path: Path) -> None:
    path = tmp_path / "ConList.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    for row in [["Last Updated", "10/04/2025"], _records()[1].decode().split(","), ["X"] * 37]:
        sheet.append(row)
    workbook.save(path)
    with pytest.raises(ParseError, match=r"ConList\.xlsx, record row 3: expected 36 columns, found 37"):
        list(gb_ofsi.parse(ParseContext(dataset="gb_ofsi", files={"main": path})))


@pytest.mark.slow
def test_full_bundled_list_counts() -> None:
    # its parse time is printed here and measured by bench.load_lists (make bench), not asserted: CI is noisy
    folder = settings.DATA_DIR / "lists" / "gb_ofsi"
    started = time.perf_counter()
    ctx, entities = parse_file(folder / "ConList.csv")
    csv_seconds = time.perf_counter() - started
    targets = [e for e in entities.values() if e.schema.name in ("Person", "Organization", "Vessel")]
    assert len(targets) == 4686
    assert ctx.stats["rows"] == 18796
    assert entities["gb_ofsi-16031-sanction"].get("authorityId") == ["CAF0022"]
    assert entities["gb_ofsi-16031"].get("birthDate") == ["1983-09-11"]
    started = time.perf_counter()
    _, from_xlsx = parse_file(folder / "ConList.xlsx")
    xlsx_seconds = time.perf_counter() - started
    assert [e.to_dict() for e in from_xlsx.values()] == [e.to_dict() for e in entities.values()]
    print(f"gb_ofsi: CSV {csv_seconds:.2f} s, XLSX {xlsx_seconds:.2f} s, {len(entities)} entities")
