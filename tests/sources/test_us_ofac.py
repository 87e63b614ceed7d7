"""The OFAC legacy CSV parser on real excerpts of the SDN and consolidated lists (tests/fixtures/lists/us_ofac)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kenning.errors import ParseError
from kenning.model import Entity, is_target
from kenning.sources.base import ParseContext, get_source
from kenning.sources.us_ofac import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "us_ofac"
BUNDLED = Path(__file__).resolve().parents[2] / "data" / "lists" / "us_ofac"


def sdn_context(folder: Path = FIXTURES, **files: Path) -> ParseContext:
    paths = {"main": folder / "sdn.csv", "alt": folder / "alt.csv", "add": folder / "add.csv"}
    paths.update(files)
    return ParseContext(dataset="us_ofac_sdn", files=paths)


def cons_context(folder: Path = FIXTURES) -> ParseContext:
    return ParseContext(dataset="us_ofac_cons", files={
        "main": folder / "cons_prim.csv", "alt": folder / "cons_alt.csv",
        "add": folder / "cons_add.csv", "comments": folder / "cons_comments.csv"})


def by_id(ctx: ParseContext) -> dict[str, Entity]:
    entities = {}
    for entity in parse(ctx):
        assert entity.id not in entities, f"duplicate id {entity.id}"
        entities[str(entity.id)] = entity
    return entities


@pytest.fixture(scope="module")
def sdn() -> dict[str, Entity]:
    return by_id(sdn_context())


def test_camara(sdn: dict[str, Entity]) -> None:
    camara = sdn["us_ofac_sdn-42618"]
    assert camara.schema.name == "Person"
    assert camara.get("name") == ["CAMARA, Sadio"]
    assert (camara.get("lastName"), camara.get("firstName")) == (["CAMARA"], ["Sadio"])
    assert camara.get("birthDate") == ["1979-03-22"]
    assert camara.get("birthPlace") == ["Kati, Koulikoro, Mali"]
    assert camara.get("nationality") == ["ml"]
    assert camara.get("citizenship") == ["ml"]
    assert camara.get("gender") == ["male"]
    assert camara.get("passportNumber") == ["DA0004031"]
    assert camara.get("program") == ["RUSSIA-EO14024"]
    assert camara.get("topics") == ["sanction"]
    assert camara.get("address") == ["Bamako, Mali", "Malibougou, Kati, Koulikoro, Mali"]
    passport = sdn["us_ofac_sdn-42618-id-1"]
    assert passport.schema.name == "Passport"
    assert passport.get("holder") == ["us_ofac_sdn-42618"]
    assert passport.get("number") == ["DA0004031"]
    assert passport.get("country") == ["ml"]
    assert passport.get("endDate") == ["2015-10-15"]
    link = sdn["us_ofac_sdn-42618-link-22543"]
    assert link.schema.name == "UnknownLink"
    assert (link.get("subject"), link.get("object")) == (["us_ofac_sdn-42618"], ["us_ofac_sdn-22543"])
    assert link.get("role") == ["Linked To"]
    assert sdn["us_ofac_sdn-22543"].get("name") == ["PRIVATE MILITARY COMPANY 'WAGNER'"]


def test_sanction_record(sdn: dict[str, Entity]) -> None:
    spec = get_source("us_ofac_sdn")
    sanction = sdn["us_ofac_sdn-42618-sanction"]
    assert sanction.get("entity") == ["us_ofac_sdn-42618"]
    assert sanction.get("authority") == [spec.authority]
    assert sanction.get("country") == ["us"]
    assert sanction.get("program") == ["RUSSIA-EO14024"]
    assert sanction.get("provisions") == ["Blocking of property"]
    assert sanction.get("sourceUrl") == [spec.homepage]
    wagner = sdn["us_ofac_sdn-22543-sanction"]
    assert wagner.get("program") == ["TCO", "UKRAINE-EO13660", "CAR", "RUSSIA-EO14024"]
    assert "Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 " \
           "and/or 589.209" in wagner.get("provisions")


def test_directive_dates_go_to_the_sanction(sdn: dict[str, Entity]) -> None:
    sber = sdn["us_ofac_sdn-17018-sanction"]
    assert sber.get("listingDate") == ["2022-02-24"]
    assert sber.get("startDate") == ["2022-03-26"]
    assert "Listing Date (EO 14024 Directive 2): 24 Feb 2022" in sber.get("summary")
    assert "Executive Order 13662 Directive Determination - Subject to Directive 1" in sber.get("provisions")


def test_wagner_group_links(sdn: dict[str, Entity]) -> None:
    for ent_num in ("42616", "42617", "40969", "44477"):
        link = sdn[f"us_ofac_sdn-{ent_num}-link-22543"]
        assert link.get("object") == ["us_ofac_sdn-22543"]
    # 47739 (PIKALOV) is not linked; 21171's link target is not in this excerpt: kept in notes
    assert not [i for i in sdn if i.startswith("us_ofac_sdn-47739-link")]
    assert sdn["us_ofac_sdn-21171"].get("notes") == ["Linked To: INTERNET RESEARCH AGENCY LLC"]


def test_aliases_strong_weak_and_former(sdn: dict[str, Entity]) -> None:
    bank = sdn["us_ofac_sdn-306"]
    assert bank.get("alias") == ["NATIONAL BANK OF CUBA"]
    assert bank.get("weakAlias") == ["BNC"]
    pikalov = sdn["us_ofac_sdn-47739"]
    assert pikalov.get("alias") == ["PIKALOV, Konstantin Aleksandrovich", "MAZAEV, Konstantin"]
    assert pikalov.get("weakAlias") == ["MAZAI", "MAZAY"]
    assert pikalov.get("innCode") == ["781491227404"]
    assert pikalov.get("taxNumber") == ["781491227404"]
    assert sdn["us_ofac_sdn-4243"].get("previousName") == ["ANA I", "SAND SWAN"]
    assert "SBERBANK OF RSFSR" in sdn["us_ofac_sdn-17018"].get("previousName")


def test_dates_circa_range_and_alt(sdn: dict[str, Entity]) -> None:
    circa = sdn["us_ofac_sdn-7782"]
    assert circa.get("birthDate") == ["1951"]
    assert circa.get("notes") == ["DOB circa 1951"]
    naqdi = sdn["us_ofac_sdn-12057"]
    assert {"1951", "1952", "1953", "1960", "1961", "1962"} <= set(naqdi.get("birthDate"))
    assert "DOB 1951 to 1953" in naqdi.get("notes")
    assert "alt. DOB 1960 to 1962" in naqdi.get("notes")
    assert sdn["us_ofac_sdn-40969"].get("birthDate") == ["1982-07-11", "1980-01-03"]


def test_title_and_positions(sdn: dict[str, Entity]) -> None:
    lavrov = sdn["us_ofac_sdn-35233"]
    assert lavrov.get("position") == ["Minister of Foreign Affairs of the Russian Federation"]
    assert lavrov.get("notes") == []
    naqdi = sdn["us_ofac_sdn-12057"]
    assert "Head of the Basij" in naqdi.get("position")


def test_free_text_is_kept_and_counted() -> None:
    ctx = sdn_context()
    entities = by_id(ctx)
    assert entities["us_ofac_sdn-8188"].get("notes") == ["daughter of Saddam Hussein al-Tikriti"]
    assert ctx.stats["remarks_unparsed"] == 1
    assert ctx.stats["remark_parts"] == ctx.stats["remarks_parsed"] + ctx.stats["remarks_unparsed"]


def test_many_identifiers_in_source_order(sdn: dict[str, Entity]) -> None:
    ibrahim = sdn["us_ofac_sdn-9758"]
    passports = [sdn[f"us_ofac_sdn-9758-id-{n}"] for n in range(1, 12)]
    assert "us_ofac_sdn-9758-id-12" not in sdn
    assert [p.first("number") for p in passports][:3] == ["M-110522", "R-841697", "A-333602"]
    assert passports[0].get("startDate") == ["1978-11-13"]
    assert passports[0].get("country") == ["in"]
    assert set(ibrahim.get("passportNumber")) == {p.first("number") for p in passports}
    mehr = sdn["us_ofac_sdn-12802"]
    assert mehr.get("phone")[:2] == ["+982188526300", "+982188526301"]
    assert sdn["us_ofac_sdn-12802-id-1"].get("type") == ["Business Registration Document #"]
    assert "Fax: 982188526337" in mehr.get("notes")


def test_vessels(sdn: dict[str, Entity]) -> None:
    ebano = sdn["us_ofac_sdn-4243"]
    assert ebano.schema.name == "Vessel"
    assert ebano.get("type") == ["General Cargo"]
    assert ebano.get("flag") == ["pa"]
    assert ebano.get("tonnage") == ["2595"]
    assert ebano.get("grossRegisteredTonnage") == ["1865"]
    assert ebano.get("imoNumber") == ["IMO7406784"]
    dino = sdn["us_ofac_sdn-15904"]
    assert dino.get("callSign") == ["5IM411"]
    assert dino.get("owner") == ["us_ofac_sdn-15117"]  # Vess_owner "NITC", an alias of 15117
    assert dino.get("pastFlags") == ["tz"]


def test_aircraft(sdn: dict[str, Entity]) -> None:
    plane = sdn["us_ofac_sdn-15431"]
    assert plane.schema.name == "Airplane"
    assert plane.get("model") == ["IL76-TD"]
    assert plane.get("buildDate") == ["1992"]
    assert plane.get("serialNumber") == ["1023409321"]
    assert plane.get("operator") == ["us_ofac_sdn-13109"]  # "YAS AIR" resolved through an alias
    assert plane.get("notes") == ["Aircraft Construction Number (also called L/N or S/N or F/N) 8401"]
    assert sdn["us_ofac_sdn-15431-link-13109"].get("object") == ["us_ofac_sdn-13109"]


def test_orphans_and_truncation_are_reported() -> None:
    ctx = sdn_context()
    targets = [e for e in parse(ctx) if is_target(e)]
    assert len(targets) == 21
    assert ctx.stats["orphan_alt"] == 3
    assert ctx.stats["orphan_add"] == 5
    assert ctx.stats["remarks_truncated"] == 1
    # SBERBANK's remark stops at "Listing Date (EO 14024 Directive 3)": kept in notes, not read as a date
    sberbank = next(e for e in targets if e.id == "us_ofac_sdn-17018")
    assert sberbank.get("notes") == ["Listing Date (EO 14024 Directive 3)"]
    orphan_lines = [w for w in ctx.warnings if "not in sdn.csv" in w]
    assert len(orphan_lines) == 1
    assert "3 alt.csv rows" in orphan_lines[0] and "5 add.csv rows" in orphan_lines[0]
    assert "17016" in orphan_lines[0]
    assert not [e for e in targets if e.id == "us_ofac_sdn-17016"]


def test_companions_are_optional() -> None:
    ctx = ParseContext(dataset="us_ofac_sdn", files={"main": FIXTURES / "sdn.csv"})
    entities = by_id(ctx)
    camara = entities["us_ofac_sdn-42618"]
    assert camara.get("address") == []
    assert camara.get("passportNumber") == ["DA0004031"]
    assert entities["us_ofac_sdn-306"].get("alias") == []
    assert ctx.stats["orphan_alt"] == 0


def test_progress_and_row_counts() -> None:
    seen: list[int] = []
    ctx = sdn_context()
    ctx.progress = seen.append
    list(parse(ctx))
    assert sum(seen) == 21
    assert ctx.stats["rows"] == 21 and ctx.stats["targets"] == 21


def test_every_reference_points_inside_the_file(sdn: dict[str, Entity]) -> None:
    for entity in sdn.values():
        for prop in ("entity", "holder", "subject", "object", "owner", "operator"):
            for ref in entity.get(prop, quiet=True):
                assert ref in sdn, f"{entity.id}.{prop} -> {ref}"


def test_consolidated_list_with_comments() -> None:
    ctx = cons_context()
    entities = by_id(ctx)
    rusag = entities["us_ofac_cons-17014"]
    # "Registration Numbe" ends the main file's remark; cons_comments.csv continues "r 1027700342890 (Russia)"
    assert rusag.get("ogrnCode") == ["1027700342890"]
    assert rusag.get("weakAlias") == ["RUSAG"]
    assert ctx.stats["comments"] == 1
    sanction = entities["us_ofac_cons-17014-sanction"]
    assert "Blocking of property" not in sanction.get("provisions")
    assert sanction.get("authority") == [get_source("us_ofac_cons").authority]
    cmic = entities["us_ofac_cons-30882-sanction"]
    assert cmic.get("listingDate") == ["2021-06-03"]
    assert cmic.get("startDate") == ["2021-08-02"]
    telecom = entities["us_ofac_cons-30882"]
    assert telecom.get("uscCode") == ["9111000071093019X7"]
    assert "China Telecom Corp Ltd" in telecom.get("alias")
    isins = [e.first("number") for e in entities.values()
             if e.schema.name == "Identification" and e.first("type") == "ISIN"]
    assert "US1694261033" in isins
    assert entities["us_ofac_cons-30882-link-30939"].get("object") == ["us_ofac_cons-30939"]
    dweik = entities["us_ofac_cons-9668"]
    assert dweik.get("political") == ["HAMAS - Hebron"]
    assert dweik.get("birthPlace") == ["Al-Khalil, Hebron"]
    assert ctx.stats["remarks_unparsed"] == 0


def test_parsing_is_deterministic() -> None:
    first = [e.to_dict() for e in parse(sdn_context())]
    second = [e.to_dict() for e in parse(sdn_context())]
    assert first == second
    assert [e.to_dict() for e in parse(cons_context())] == [e.to_dict() for e in parse(cons_context())]


# --- broken files: each is a ParseError naming the file and the line --------------------------------

def _lines() -> list[bytes]:
    return (FIXTURES / "sdn.csv").read_bytes()[:-1].split(b"\r\n")[:3]


def _write(tmp_path: Path, data: bytes, name: str = "sdn.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _parse_error(ctx: ParseContext) -> ParseError:
    with pytest.raises(ParseError) as caught:
        list(parse(ctx))
    return caught.value


def test_row_with_wrong_number_of_columns(tmp_path: Path) -> None:
    first, second, third = _lines()
    short = second.rsplit(b",", 1)[0]
    path = _write(tmp_path, b"\r\n".join([first, short, third]) + b"\r\n\x1a")
    error = _parse_error(ParseContext(dataset="us_ofac_sdn", files={"main": path}))
    assert (error.path, error.line) == (str(path), 2)
    assert "expected 12 columns, found 11" in str(error)


def test_undecodable_bytes(tmp_path: Path) -> None:
    first, second, third = _lines()
    path = _write(tmp_path, b"\r\n".join([first, second, third.replace(b'",', b'\xe1",', 1)]) + b"\r\n\x1a")
    error = _parse_error(ParseContext(dataset="us_ofac_sdn", files={"main": path}))
    assert (error.path, error.line) == (str(path), 3)
    assert "undecodable byte 0xe1" in str(error)


def test_empty_file(tmp_path: Path) -> None:
    path = _write(tmp_path, b"\r\n\x1a")
    error = _parse_error(ParseContext(dataset="us_ofac_sdn", files={"main": path}))
    assert error.path == str(path)
    assert "empty" in str(error)


def test_binary_file(tmp_path: Path) -> None:
    path = _write(tmp_path, b"PK\x03\x04" + b"\x00" * 64)
    error = _parse_error(ParseContext(dataset="us_ofac_sdn", files={"main": path}))
    assert error.path == str(path)
    assert "ZIP archive" in str(error)


def test_non_numeric_ent_num(tmp_path: Path) -> None:
    first, second, _ = _lines()
    path = _write(tmp_path, b"\r\n".join([first, b"X" + second]) + b"\r\n\x1a")
    error = _parse_error(ParseContext(dataset="us_ofac_sdn", files={"main": path}))
    assert (error.path, error.line) == (str(path), 2)
    assert "ent_num 'X" in str(error)


def test_bad_companion_file_is_named(tmp_path: Path) -> None:
    alt = (FIXTURES / "alt.csv").read_bytes().split(b"\r\n")
    path = _write(tmp_path, b"\r\n".join([alt[0], alt[1] + b",extra", *alt[2:]]), name="alt.csv")
    error = _parse_error(sdn_context(alt=path))
    assert (error.path, error.line) == (str(path), 2)
    assert "expected 5 columns, found 6" in str(error)


def test_unknown_alt_type_is_read_as_alias(tmp_path: Path) -> None:
    path = _write(tmp_path, b'306,220,"xka","NATIONAL BANK OF CUBA",-0- \r\n\x1a', name="alt.csv")
    ctx = sdn_context(alt=path)
    entities = by_id(ctx)
    assert entities["us_ofac_sdn-306"].get("alias") == ["NATIONAL BANK OF CUBA"]
    assert ctx.stats["alt_unknown_type"] == 1
    assert any("alt_type other than aka, fka, nka" in w for w in ctx.warnings)


def test_duplicate_ent_num(tmp_path: Path) -> None:
    first, second, _ = _lines()
    path = _write(tmp_path, b"\r\n".join([first, second, first]) + b"\r\n\x1a")
    error = _parse_error(ParseContext(dataset="us_ofac_sdn", files={"main": path}))
    assert error.line == 3
    assert "appears twice" in str(error)


# --- the bundled lists in full ----------------------------------------------------------------------

@pytest.mark.slow
def test_full_sdn_list() -> None:
    ctx = sdn_context(BUNDLED)
    entities = list(parse(ctx))  # its speed is measured by bench.load_lists (make bench), not asserted here
    targets = [e for e in entities if is_target(e)]
    assert len(targets) == 14965
    assert len({e.id for e in entities}) == len(entities)
    assert ctx.stats["orphan_alt"] == 2460
    # quality floor: at least 99.5 % of the remark parts are read by a rule
    assert ctx.stats["remarks_unparsed"] <= 0.005 * ctx.stats["remark_parts"]


@pytest.mark.slow
def test_full_consolidated_list() -> None:
    targets = [e for e in parse(cons_context(BUNDLED)) if is_target(e)]
    assert len(targets) == 442


@pytest.mark.parametrize(("name", "aliases", "kept"), [
    ("VTB BANK BELARUS CLOSED JOINT STOCK COMPANY",
     ["VTB BANK BELARUS CLOSED JOINT STOCK COMPANY", "VTB BANK BELARUS", "CJSC VTB BANK BELARUS"],
     ["VTB BANK BELARUS", "CJSC VTB BANK BELARUS"]),
    ("DOE, John", ["DOE, John", "DOE, Johnny"], ["DOE, Johnny"]),
    ("ACME LTD", ["ACME LIMITED"], ["ACME LIMITED"]),
    ("ONLY NAME", ["ONLY NAME"], []),
])
def test_an_alias_repeating_the_name_is_the_name(tmp_path: Path, name: str, aliases: list[str],
                                                 kept: list[str]) -> None:
    """alt.csv sometimes lists the primary name as an a.k.a.; the XML editions do not: it is the name."""
    kind = '"individual"' if "," in name else "-0- "
    (tmp_path / "sdn.csv").write_text(f'1,"{name}",{kind},"SDGT",' + ",".join(["-0- "] * 8) + "\r\n", "utf-8")
    (tmp_path / "alt.csv").write_text("".join(f'1,{n},"aka","{a}",-0- \r\n' for n, a in enumerate(aliases, 2)),
                                      "utf-8")
    (tmp_path / "add.csv").write_text("", "utf-8")
    party = by_id(ParseContext(dataset="us_ofac_sdn", files={"main": tmp_path / "sdn.csv",
                                                             "alt": tmp_path / "alt.csv"}))["us_ofac_sdn-1"]
    assert party.get("name") == [name] and party.get("alias") == kept
