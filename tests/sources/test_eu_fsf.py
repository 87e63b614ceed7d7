"""The EU FSF parser on a hand-written excerpt in the XML 1.1 layout (entries 1-3 reproduce quoted real
excerpts, 4-6 are invented to reach the cases the real records lack: circa and ranged birth dates,
flags on documents, delistings; see the fixture's header comment). The real records are tested in
``test_eu_fsf_real.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from kenning.errors import ParseError
from kenning.model import Entity
from kenning.sources import eu_fsf
from kenning.sources.base import ParseContext

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "eu_fsf" / "eu_fsf.xml"
NS = 'xmlns="http://eu.europa.ec/fpi/fsd/export"'

#: A parse's context (stats, warnings, publication date) and its entities by id.
Parsed = tuple[ParseContext, dict[str, Entity]]


def parse_file(path: Path) -> Parsed:
    ctx = ParseContext(dataset="eu_fsf", files={"main": path})
    entities = {str(e.id): e for e in eu_fsf.parse(ctx)}
    return ctx, entities


@pytest.fixture(scope="module")
def parsed() -> Parsed:
    return parse_file(FIXTURE)


def test_counts_and_generation_date(parsed: Parsed) -> None:
    ctx, entities = parsed
    assert ctx.publication_date == "2024-05-14"
    schemata = sorted(e.schema.name for e in entities.values())
    assert schemata.count("Person") == 4
    assert schemata.count("Organization") == 2
    assert schemata.count("Sanction") == 6
    assert (schemata.count("Passport"), schemata.count("Identification")) == (2, 3)
    assert ctx.warnings == []


def test_person_with_passport_and_regulation(parsed: Parsed) -> None:
    _, entities = parsed
    mugabe = entities["eu_fsf-1"]
    assert mugabe.get("name") == ["Robert Gabriel Mugabe"]
    assert (mugabe.get("firstName"), mugabe.get("middleName"), mugabe.get("lastName")) == (
        ["Robert"], ["Gabriel"], ["Mugabe"])
    assert mugabe.get("position") == ["Former President"]
    assert mugabe.get("gender") == ["male"]
    assert mugabe.get("birthDate") == ["1924-02-21"]
    assert mugabe.get("birthPlace") == []  # only "UNKNOWN" given
    assert mugabe.get("passportNumber") == ["AD001095"]
    passport = entities["eu_fsf-1-id-1"]
    assert passport.schema.name == "Passport"
    assert passport.get("holder") == ["eu_fsf-1"]
    assert (passport.get("type"), passport.get("summary")) == (["National passport"], ["(passport)"])
    assert passport.get("country") == []
    sanction = entities["eu_fsf-1-sanction"]
    assert sanction.get("entity") == ["eu_fsf-1"]
    assert sanction.get("authorityId") == ["EU.36.64"]
    assert sanction.get("program") == ["ZWE"]
    assert sanction.get("country") == ["eu"]
    assert sanction.get("listingDate") == ["2018-02-16"]  # no designationDate: the regulation's publication
    assert sanction.get("summary") == [
        "Regulation 2018/223 (OJ L43), amendment by the commission, published 2018-02-16, "
        "in force 2018-02-16: "
        "http://eur-lex.europa.eu/legal-content/EN/TXT/PDF/?uri=CELEX:32018R0223&from=EN"]


def test_enterprise_names_in_many_languages(parsed: Parsed) -> None:
    _, entities = parsed
    ibda = entities["eu_fsf-207"]
    assert ibda.schema.name == "Organization"
    assert ibda.get("name") == ["İslami Büyük Doğu Akıncılar Cephesi"]
    assert ibda.get("alias") == ["Great Islamic Eastern Warriors Front",
                                 "Фронт на великите ислямски източни воини",
                                 "Μέγα Ισλαµικό Μέτωπο των Πολεµιστών της Ανατολής", "IBDA-C"]
    sanction = entities["eu_fsf-207-sanction"]
    assert (sanction.get("listingDate"), sanction.get("startDate")) == (["2018-03-22"], ["2018-03-23"])


def test_name_without_language_is_primary(parsed: Parsed) -> None:
    _, entities = parsed
    putin = entities["eu_fsf-135909"]
    assert putin.get("name") == ["Vladimir Vladimirovich PUTIN"]
    assert putin.get("alias") == ["Vladimir Vladimirovitj PUTIN"]
    assert putin.get("position") == ["President of the Russian Federation"]
    assert putin.get("birthDate") == ["1952-10-07"]
    assert putin.get("birthPlace") == ["Leningrad (now Saint-Petersburg), RUSSIAN FEDERATION"]
    assert putin.get("birthCountry") == ["ru"]
    assert putin.get("notes") == ["Name (language SV): Vladimir Vladimirovitj PUTIN",
                                  "Birth: Leningrad (now Saint-Petersburg), ex USSR (now Russian Federation)"]
    sanction = entities["eu_fsf-135909-sanction"]
    assert sanction.get("listingDate") == ["2022-02-25"]
    assert sanction.get("authorityId") == []


def test_weak_aliases_circa_and_ranged_births_flags(parsed: Parsed) -> None:
    _, entities = parsed
    person = entities["eu_fsf-900101"]
    assert person.get("name") == ["Karim Sami AL-TESTARI"]
    assert person.get("weakAlias") == ["Abu Sami", "Karim Testari"]
    assert person.get("alias") == ["كريم سامي التستري"]
    assert person.get("title") == ["Brigadier General"]
    assert person.get("position") == ["Brigadier General", "Head of the Test Directorate"]
    assert person.get("nationality") == ["sy"]
    assert person.get("birthDate") == ["1967", "1963", "1964", "1965"]
    assert "Date of birth: circa 1967" in person.get("notes")
    assert "Date of birth: 1963 to 1965" in person.get("notes")
    assert person.get("birthPlace") == ["Homs, SYRIAN ARAB REPUBLIC"]
    assert person.get("address") == ["Test Street 12, Mezzeh, Damascus, SYRIAN ARAB REPUBLIC"]
    assert person.get("passportNumber") == ["D-0012345"]
    assert person.get("idNumber") == ["٠١٠٢٠٣٠٤٠٥٠", "01020304050"]  # number and its latinNumber
    passport = entities["eu_fsf-900101-id-1"]
    assert passport.get("authority") == ["Ministry of Foreign Affairs"]
    assert (passport.get("startDate"), passport.get("endDate")) == (["2015-03-02"], ["2021-03-01"])
    assert passport.get("summary") == ["diplomatic document; name on document: Karim AL TESTARI"]
    assert passport.get("country") == ["sy"]
    national = entities["eu_fsf-900101-id-2"]
    assert national.schema.name == "Identification"
    assert national.get("type") == ["National identification card"]
    assert national.get("number") == ["٠١٠٢٠٣٠٤٠٥٠", "01020304050"]
    sanction = entities["eu_fsf-900101-sanction"]
    assert sanction.get("reason") == [
        "Responsible for the violent repression against the civilian population."]
    assert (sanction.get("listingDate"), sanction.get("startDate")) == (["2012-01-18"], ["2012-01-19"])
    assert sanction.get("modifiedAt") == ["2023-05-29"]
    assert len(sanction.get("summary")) == 2


def test_enterprise_identifiers_and_contacts(parsed: Parsed) -> None:
    _, entities = parsed
    company = entities["eu_fsf-900201"]
    assert company.get("alias") == ["АО Тестовый Завод"]
    assert company.get("registrationNumber") == ["1027700000001"]
    assert company.get("taxNumber") == ["7700000001"]
    assert company.get("address") == ["Testovaya ulitsa 1, PO Box 12, 123456, Moscow, RUSSIAN FEDERATION"]
    assert company.get("phone") == ["+74950000000"]
    assert company.get("email") == ["info@testovy-zavod.example"]
    assert company.get("website") == ["https://testovy-zavod.example/"]
    assert "Fax: +7 495 000 00 01" in company.get("notes")
    assert "Function: Manufacturer of test equipment" in company.get("notes")
    assert entities["eu_fsf-900201-id-1"].get("summary") == ["OGRN"]
    assert entities["eu_fsf-900201-sanction"].get("program") == ["UKR"]


def test_delisting_un_reference_and_partial_birth_date(parsed: Parsed) -> None:
    _, entities = parsed
    person = entities["eu_fsf-900301"]
    assert person.get("gender") == ["female"]
    assert person.get("birthDate") == ["1971-04"]
    sanction = entities["eu_fsf-900301-sanction"]
    assert sanction.get("unscId") == ["QDi.999"]
    assert sanction.get("endDate") == ["2023-03-14"]
    assert sanction.get("program") == ["TAQA"]


def test_unknown_subject_type_is_a_legal_entity_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "eu.xml"
    path.write_text(f'<export {NS} generationDate="2024-01-02T03:04:05Z">\n'
                    '<sanctionEntity logicalId="5"><subjectType code="vessel"/>'
                    '<nameAlias wholeName="SEA TEST" strong="true"/></sanctionEntity>\n</export>\n', "utf-8")
    ctx, entities = parse_file(path)
    assert entities["eu_fsf-5"].schema.name == "LegalEntity"
    assert entities["eu_fsf-5"].get("name") == ["SEA TEST"]
    assert ctx.warnings == ["sanctionEntity 5: unknown subjectType 'vessel'; loaded as a LegalEntity"]
    assert ctx.publication_date == "2024-01-02"


@pytest.mark.parametrize(("data", "message"), [
    (b'<?xml version="1.0"?>\n<CONSOLIDATED_LIST/>\n',
     r"eu\.xml, line 2: not the EU Financial Sanctions File: the root element is <CONSOLIDATED_LIST>"),
    (f'<export {NS}>\n<sanctionEntity>\n<subjectType code="person"/></sanctionEntity>\n</export>\n'.encode(),
     r"eu\.xml, line 2: <sanctionEntity> without a logicalId"),
    (f'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<export {NS}>&e;</export>'.encode(),
     r"eu\.xml, line 1: the XML declares entities"),
    (f'<export {NS}>\n<sanctionEntity logicalId="1">\n<nameAlias wholeName="X"'.encode(),
     r"eu\.xml, line 3: malformed XML"),
    (b"", r"eu\.xml: the file is empty"),
])
def test_broken_files(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "eu.xml"
    path.write_bytes(data)
    with pytest.raises(ParseError, match=message):
        list(eu_fsf.parse(ParseContext(dataset="eu_fsf", files={"main": path})))


def test_parsing_is_deterministic() -> None:
    first = [e.to_dict() for e in parse_file(FIXTURE)[1].values()]
    assert first == [e.to_dict() for e in parse_file(FIXTURE)[1].values()]


def _alias(whole: str, lang: str = "", parts: bool = False, strong: str = "true") -> str:
    first, last = [*whole.split(" ", 1), ""][:2] if parts else ("", "")
    return (f'<nameAlias firstName="{first}" lastName="{last}" wholeName="{whole}" nameLanguage="{lang}" '
            f'strong="{strong}"/>')


@pytest.mark.parametrize(("aliases", "main"), [
    ([_alias("Alias One", "FR"), _alias("Real Name", "", parts=True)], "Real Name"),
    ([_alias("Alias One"), _alias("Real Name", "EN", parts=True)], "Real Name"),
    ([_alias("Nom Reel", "FR", parts=True), _alias("Real Name", "EN", parts=True)], "Real Name"),
    ([_alias("Alias One", "DE"), _alias("Alias Two", "EN"), _alias("Plain Name")], "Plain Name"),
    ([_alias("Alias One", "DE"), _alias("Alias Two", "EN")], "Alias Two"),
    ([_alias("Weak Name", "", parts=True, strong="false"), _alias("Other", "IT")], "Other"),
    ([_alias("First Strong"), _alias("Second Strong")], "First Strong"),
])
def test_main_name_is_the_strong_alias_with_parts_then_without_language(
        tmp_path: Path, aliases: list[str], main: str) -> None:
    path = tmp_path / "eu.xml"
    path.write_text(f'<export {NS}><sanctionEntity logicalId="7"><subjectType code="person"/>{"".join(aliases)}'
                    "</sanctionEntity></export>", "utf-8")
    _, entities = parse_file(path)
    assert entities["eu_fsf-7"].get("name") == [main]


@pytest.mark.parametrize("dash", ["-", " - ", ""])
def test_a_dash_is_no_value(tmp_path: Path, dash: str) -> None:
    path = tmp_path / "eu.xml"
    path.write_text(f'<export {NS}><sanctionEntity logicalId="8"><subjectType code="person"/>'
                    f'{_alias("A Name")}<birthdate city="{dash}" place="{dash}" birthdate="1960-01-02" '
                    f'countryIso2Code="PK" countryDescription="PAKISTAN"/></sanctionEntity></export>', "utf-8")
    _, entities = parse_file(path)
    assert entities["eu_fsf-8"].get("birthPlace") == ["PAKISTAN"]
