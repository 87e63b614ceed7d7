"""The UN Security Council parser on a real excerpt of consolidated.xml (7 individuals, 2 entities)
and on broken or hostile files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kenning import settings
from kenning.errors import ParseError
from kenning.model import Entity
from kenning.sources import un_sc
from kenning.sources.base import ParseContext

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "un_sc" / "consolidated.xml"

#: A parse's context (stats, warnings, publication date) and its entities by id.
Parsed = tuple[ParseContext, dict[str, Entity]]


def parse_file(path: Path) -> Parsed:
    ctx = ParseContext(dataset="un_sc", files={"main": path})
    entities = {str(e.id): e for e in un_sc.parse(ctx)}
    return ctx, entities


@pytest.fixture(scope="module")
def parsed() -> Parsed:
    return parse_file(FIXTURE)


def _schemata(entities: dict[str, Entity]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entity in entities.values():
        counts[entity.schema.name] = counts.get(entity.schema.name, 0) + 1
    return counts


def test_counts_and_publication_date(parsed: Parsed) -> None:
    ctx, entities = parsed
    assert ctx.publication_date == "2026-02-27"
    assert _schemata(entities) == {"Person": 7, "Organization": 2, "Sanction": 9, "Passport": 3,
                                   "Identification": 1}
    assert ctx.stats["records"] == 9
    assert ctx.stats["documents without a number (kept as notes)"] == 1


def test_individual_sanction_and_committee(parsed: Parsed) -> None:
    _, entities = parsed
    badege = entities["un_sc-6907993"]
    assert badege.schema.name == "Person"
    assert badege.get("name") == ["ERIC BADEGE"]
    assert (badege.get("firstName"), badege.get("secondName")) == (["ERIC"], ["BADEGE"])
    assert badege.get("alias") == []  # its only INDIVIDUAL_ALIAS is empty
    assert badege.get("gender") == ["male"]
    assert badege.get("birthDate") == ["1971"]
    assert badege.get("nationality") == ["cd"]
    assert badege.get("address") == ["Rwanda (as of early 2016)"]
    assert badege.get("country") == ["rw"]
    assert badege.get("program") == ["DRC", "1533 Committee (Democratic Republic of the Congo)"]
    assert badege.get("modifiedAt") == ["2016-10-13"]
    assert badege.get("notes")[0].startswith("He fled to Rwanda in March 2013")
    sanction = entities["un_sc-6907993-sanction"]
    assert sanction.get("entity") == ["un_sc-6907993"]
    assert sanction.get("unscId") == ["CDi.001"]
    assert sanction.get("listingDate") == ["2012-12-31"]
    assert sanction.get("authority") == ["United Nations Security Council"]
    assert sanction.get("country") == ["un"]
    assert sanction.get("program") == ["DRC", "1533 Committee (Democratic Republic of the Congo)"]
    assert sanction.get("reason") == badege.get("notes")
    assert sanction.get("sourceUrl") == ["https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list"]


def test_documents_low_aliases_and_original_script(parsed: Parsed) -> None:
    _, entities = parsed
    person = entities["un_sc-6908704"]
    assert person.get("name") == ["Ahmad Oumar Imhamad al-Fitouri"]
    assert person.get("alias") == ["احمد عمر امحمد الفيتوري"]
    assert person.get("weakAlias") == ["Al-Dabachi", "Al Ammu", "The Uncle", "Al-Ahwal", "Al Dabbashi"]
    assert person.get("birthDate") == ["1988-05-07"]
    assert person.get("birthPlace") == ["possibly Sabratha, Talil neighbourhood"]
    assert person.get("position") == [
        "Commander of the Anas al-Dabbashi militia, Leader of a transnational trafficking network"]
    assert person.get("modifiedAt") == ["2020-02-25"]  # the latest LAST_DAY_UPDATED
    assert person.get("passportNumber") == ["LY53FP76"]
    assert person.get("idNumber") == ["119880387067"]
    passport = entities["un_sc-6908704-id-1"]
    assert passport.schema.name == "Passport"
    assert passport.get("holder") == ["un_sc-6908704"]
    assert passport.get("country") == ["ly"]
    assert passport.get("startDate") == ["2015-09-29"]
    assert passport.get("summary") == ["Issued in Tripoli"]
    national = entities["un_sc-6908704-id-2"]
    assert national.schema.name == "Identification"
    assert national.get("number") == ["119880387067"]
    assert national.get("type") == ["National Identification Number"]


def test_dates_of_birth_between_and_in_notes(parsed: Parsed) -> None:
    _, entities = parsed
    haqqani = entities["un_sc-2785696"]
    assert haqqani.get("birthDate") == ["1977", "1978"]
    assert "Date of birth: between 1977 and 1978 Approximately" in haqqani.get("notes")
    assert haqqani.get("weakAlias") == ["Khalifa"]
    assert "سراج الدين جلال الدين حقانى" in haqqani.get("alias")
    assert haqqani.get("birthPlace")[0] == "Danda, Miramshah, North Waziristan, Pakistan"
    assert haqqani.get("birthCountry") == ["pk", "af"]
    assert entities["un_sc-6907996"].get("birthDate") == ["1973-11"]
    assert "Date of birth: Nov. 1973" in entities["un_sc-6907996"].get("notes")
    mustafa = entities["un_sc-2983746"]
    assert mustafa.get("birthDate") == ["1977-08", "1977-09", "1976"]
    assert "Date of birth: Between Aug. and Sep. 1977" in mustafa.get("notes")
    assert mustafa.get("nationality") == ["pk", "sa"]


def test_title_designation_and_approximate_year(parsed: Parsed) -> None:
    _, entities = parsed
    faiz = entities["un_sc-110913"]
    assert faiz.get("name") == ["FAIZ"]
    assert faiz.get("title") == ["Maulavi"]
    assert faiz.get("position") == [
        "Head of the Information Department, Ministry of Foreign Affairs under the Taliban regime"]
    assert faiz.get("birthDate") == ["1969"]
    assert "Date of birth: approximately 1969" in faiz.get("notes")
    assert faiz.get("birthPlace") == ["Ghazni Province, Afghanistan"]
    assert faiz.get("modifiedAt") == ["2011-11-29"]
    assert faiz.get("address") == []  # an empty INDIVIDUAL_ADDRESS


def test_documents_without_number_and_issue_dates_in_notes(parsed: Parsed) -> None:
    _, entities = parsed
    yasin = entities["un_sc-113328"]
    assert "National Identification Number: SSN 156-92-9858 (United States of America)" in yasin.get("notes")
    assert yasin.get("passportNumber") == ["27082171", "MO887925"]
    first = entities["un_sc-113328-id-1"]
    assert first.get("summary") == ["United States of America, issued on 21 Jun. 1992 in Amman, Jordan"]
    assert first.get("startDate") == ["1992-06-21"]
    assert entities["un_sc-113328-id-2"].get("country") == ["iq"]


def test_entities(parsed: Parsed) -> None:
    _, entities = parsed
    aqap = entities["un_sc-2881836"]
    assert aqap.schema.name == "Organization"
    assert aqap.get("name") == ["AL-QAIDA IN THE ARABIAN PENINSULA (AQAP)"]
    assert aqap.get("previousName") == ["Al-Qaida in Yemen (AQY)"]
    assert aqap.get("alias")[:2] == ["القاعدة في جزيرة العرب",
                                     "Al-Qaida of Jihad Organization in the Arabian Peninsula"]
    assert len(aqap.get("alias")) == 6
    assert entities["un_sc-2881836-sanction"].get("unscId") == ["QDe.129"]
    kingly = entities["un_sc-6908673"]
    assert kingly.get("address") == [
        "Trust Company Complex, Ajeltake Road, Ajeltake Island, Majuro MH, 96960, Marshall Islands"]
    assert kingly.get("country") == ["mh"]
    assert kingly.get("program") == ["DPRK", "1718 Committee (Democratic People's Republic of Korea)"]


def test_parsing_is_deterministic() -> None:
    first = [e.to_dict() for e in parse_file(FIXTURE)[1].values()]
    assert first == [e.to_dict() for e in parse_file(FIXTURE)[1].values()]


def _write(tmp_path: Path, data: bytes, name: str = "consolidated.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _raises(path: Path, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        list(un_sc.parse(ParseContext(dataset="un_sc", files={"main": path})))


def test_truncated_xml_names_the_line(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    cut = data[: len(data) // 2]
    last_line = cut.count(b"\n") + 1
    _raises(_write(tmp_path, cut), rf"consolidated\.xml, line {last_line}: malformed XML")


def test_external_entity_is_refused(tmp_path: Path) -> None:
    doc = (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
           b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>&e;</FIRST_NAME>"
           b"</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>\n")
    _raises(_write(tmp_path, doc), r"consolidated\.xml, line 2: the XML declares entities; refused")


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    doc = (f'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">{entities}]>\n'
           "<CONSOLIDATED_LIST>&lol9;</CONSOLIDATED_LIST>\n").encode()
    _raises(_write(tmp_path, doc), r"line 2: the XML declares entities")


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"", "consolidated.xml", r"consolidated\.xml: the file is empty"),
    (b"PK\x03\x04" + b"\x00" * 32, "consolidated.xml", r"expected XML but the file is a ZIP archive"),
    (b"<!DOCTYPE html>\n<html><body><p>Maintenance<br></p></body></html>\n", "consolidated.xml",
     r"consolidated\.xml, line 2: malformed XML"),
    (b"<html>\n<body><p>Maintenance</p></body>\n</html>\n", "consolidated.xml",
     r"consolidated\.xml, line 1: not the UN consolidated list: the root element is <html>"),
    (b'<?xml version="1.0"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL><FIRST_NAME>X</FIRST_NAME>'
     b"</INDIVIDUAL>\n</INDIVIDUALS>\n</CONSOLIDATED_LIST>\n", "consolidated.xml",
     r"consolidated\.xml, line 4: <INDIVIDUAL> without a DATAID"),
    (b'<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST>\n<X>\xff\xfe</X>\n</CONSOLIDATED_LIST>\n',
     "consolidated.xml", r"consolidated\.xml, line 3: malformed XML"),
    (b"DATAID,NAME\n1,X\n", "consolidated.xml", r"line 1: expected XML but the file does not start with '<'"),
])
def test_files_that_are_not_the_un_list(tmp_path: Path, data: bytes, name: str, message: str) -> None:
    _raises(_write(tmp_path, data, name), message)


@pytest.mark.slow
def test_full_bundled_list_counts() -> None:
    # its parse time is printed here and measured by bench.load_lists (make bench), not asserted: CI is noisy
    started = time.perf_counter()
    ctx, entities = parse_file(settings.DATA_DIR / "lists" / "un_sc" / "consolidated.xml")
    seconds = time.perf_counter() - started
    counts = _schemata(entities)
    assert (counts["Person"], counts["Organization"]) == (730, 273)
    assert ctx.stats["targets"] == 1003
    assert ctx.stats.get("duplicate DATAIDs skipped", 0) == 0
    assert not [k for k in ctx.stats if k.startswith("unknown UN_LIST_TYPE")]
    print(f"un_sc: {seconds:.2f} s, {len(entities)} entities")
