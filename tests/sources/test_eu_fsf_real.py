"""The EU FSF parser verified field by field on real records: four entities of the export of 2026-08-05 and
three of 2021-01-15 (``tests/fixtures/lists/eu_fsf/real/PROVENANCE.md``). Each record lists the values it
must yield — names in every language with their codes, regulations with their programmes, publication
dates and URLs, birth dates (full and year-only), citizenships, identifications, addresses with their
contact details, remarks — so a dropped field fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kenning.model import Entity
from kenning.sources import eu_fsf
from kenning.sources.base import ParseContext
from kenning.sources.detect import detect_dataset
from testkit import LISTS

REAL = LISTS / "eu_fsf" / "real"
EXPORT_2026 = REAL / "export_2026-08-05.xml"
EXPORT_2021 = REAL / "export_2021-01-15_reformatted.xml"
EU = "European Union (Council of the EU; published by the European Commission, DG FISMA)"
IRQ_REGULATION = ("Regulation 1210/2003 (OJ L169), regulation by the commission, published 2003-07-08, in force "
                  "2003-07-07: http://eur-lex.europa.eu/LexUriServ/LexUriServ.do?uri=OJ:L:2003:169:0006:0023:EN:PDF")
RASHID_REMARK = ("Name Al Rashid Trust: Banned in Pakistan since October 2001. Reportedly defunct. Headquarters "
                 "were in Pakistan. Founded by Mufti Rashid Ahmad Ledahyanoy. Associated with Jaish-i-Mohammed. "
                 "Operations in Afghanistan: Herat, Jalalabad, Kabul, Kandahar, Mazar, Sherif, also operations in "
                 "Kosovo, Chechnya. Until 21.10.2008 the UN list included the entries ‘Al Rashid Trust’ (listed "
                 "on 6.10.2001) and ‘Aid Organization of the Ulema, Pakistan’ (listed on 24.4.2002 and amended "
                 "on 25.7.2006); The two entries were consolidated into this entry on 21 October 2008.")


def parse(path: Path) -> tuple[ParseContext, dict[str, Entity]]:
    ctx = ParseContext(dataset="eu_fsf", files={"main": path})
    return ctx, {str(e.id): e for e in eu_fsf.parse(ctx)}


RECORDS_2026: dict[str, dict[str, Any]] = {
    "eu_fsf-13": {"schema": "Person", "name": ["Saddam Hussein Al-Tikriti"], "firstName": ["Saddam"],
                  "lastName": ["Hussein Al-Tikriti"], "gender": ["male"], "alias": ["Abu Ali", "Abou Ali"],
                  "notes": ["Name (language FR): Abou Ali", "UNSC RESOLUTION 1483"], "nationality": ["iq"],
                  "birthDate": ["1937-04-28"], "birthPlace": ["al-Awja, near Tikrit, IRAQ"], "birthCountry": ["iq"],
                  "program": ["IRQ"], "modifiedAt": ["2003-07-08"]},
    "eu_fsf-13-sanction": {"authority": [EU], "authorityId": ["EU.27.28"], "program": ["IRQ"],
                           "listingDate": ["2003-07-08"], "startDate": ["2003-07-07"], "summary": [IRQ_REGULATION],
                           "unscId": [], "reason": []},
    "eu_fsf-191": {"schema": "Person", "name": ["Khalid Sheikh MOHAMMED"], "firstName": ["Khalid Sheikh"],
                   "lastName": ["MOHAMMED"],
                   "alias": ["Bin Khalid Fahd Bin Adballah", "Wadood Khalid Adbul", "Henin Ashraf Refaat Nabith",
                             "Bin Khalid Fahd Bin Abdallah", "Wadood Khalid Abdul", "Ali Salem"],
                   "notes": ["Name (language EN): Khalid Sheikh MOHAMMED",
                             "Name (language FR): Bin Khalid Fahd Bin Adballah",
                             "Name (language FR): Wadood Khalid Adbul",
                             "Name (language EN): Bin Khalid Fahd Bin Abdallah"],
                   "birthDate": ["1965-04-14", "1964-03-01"], "birthPlace": ["PAKISTAN"], "birthCountry": ["pk"],
                   "passportNumber": ["488555"], "program": ["TERR"], "modifiedAt": ["2025-01-31"]},
    "eu_fsf-191-sanction": {"authorityId": ["EU.3579.2"], "listingDate": ["2025-01-31"], "startDate": ["2025-02-01"],
                            "summary": ["Regulation 2025/206 (L 202500206), amendment by the council, published "
                                        "2025-01-31, in force 2025-02-01: "
                                        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L_202500206"]},
    "eu_fsf-191-id-1": {"schema": "Passport", "holder": ["eu_fsf-191"], "number": ["488555"],
                        "type": ["National passport"], "country": []},
    "eu_fsf-980": {"schema": "Organization", "name": ["Global Relief Foundation (GRF)"],
                   "address": ["PO Box 1406 - 60455, Bridgeview, Illinois, UNITED STATES",
                               "9935 South 76th Avenue, Unit 1, 60455, Bridgeview, Illinois, UNITED STATES"],
                   "country": ["us"], "program": ["TAQA"]},
    "eu_fsf-980-sanction": {"authorityId": ["EU.589.30"], "listingDate": ["2014-04-01"], "startDate": ["2014-03-31"]},
    "eu_fsf-330": {"schema": "Organization", "name": ["Al-Rasheed Trust"], "country": ["pk"],
                   "alias": ["Al Rasheed Trust", "Al-Rashid Trust", "Организация за подпомагане на Ulema, Пакистан",
                             "Aid Organisation of the Ulema, Pakistan", "Al Madina Trust", "Al Amin Trust",
                             "Al Ameen Trust", "Al-Madina Trust", "Al Rashid Trust", "Al-Ameen Trust",
                             "Al Amin Welfare Trust"]},
    "eu_fsf-330-sanction": {"authorityId": ["EU.522.39"], "listingDate": ["2001-10-06"], "startDate": ["2024-01-16"],
                            "modifiedAt": ["2024-01-15"]},
}

RECORDS_2021: dict[str, dict[str, Any]] = {
    "eu_fsf-20": {"name": ["Qusay Saddam Hussein Al-Tikriti"], "middleName": ["Saddam"],
                  "alias": ["Qoussaï Saddam Hussein Al-Tikriti"],
                  "position": ["Oversaw Special Republican Guard, Special Security Organisation, and Republican Guard"],
                  "birthDate": ["1965", "1966"], "birthPlace": ["Baghdad"], "birthCountry": [],
                  "notes": ["Name (language FR): Qoussaï Saddam Hussein Al-Tikriti", "Saddam's second son"]},
    "eu_fsf-46": {"name": ["Muhammad Hamza Zubaidi"], "position": ["Former Prime Minister"], "birthDate": ["1938"],
                  "birthPlace": ["Babylon, Babil", "Babylone, Babil (J.O. FR)"], "nationality": ["iq"],
                  "notes": ["Name (language FR): Mohammed Hamza Zoubaïdi", "UNSC RESOLUTION 1483 BASIS"]},
    "eu_fsf-20-sanction": {"authorityId": ["EU.39.56"], "summary": [IRQ_REGULATION]},
    "eu_fsf-46-sanction": {"authorityId": ["EU.106.12"]},
}


@pytest.mark.parametrize(("path", "records"), [(EXPORT_2026, RECORDS_2026), (EXPORT_2021, RECORDS_2021)])
def test_every_record_yields_its_values(path: Path, records: dict[str, dict[str, Any]]) -> None:
    _, entities = parse(path)
    for entity_id, values in records.items():
        entity = entities[entity_id]
        for prop, value in values.items():
            found = entity.schema.name if prop == "schema" else entity.get(prop)
            assert found == value, f"{entity_id} {prop}"


def test_contact_details_remarks_and_dates(tmp_path: Path) -> None:
    ctx, entities = parse(EXPORT_2026)
    assert ctx.publication_date == "2026-08-05" and ctx.warnings == []
    trust = entities["eu_fsf-330"]
    assert len(trust.get("address")) == 11
    assert trust.get("address")[0] == ("302b-40 Good Earth Court, Opposite Pia Planitarium, Block 13a, Gushan-I "
                                       "Igbal, Karachi, PAKISTAN")
    notes = trust.get("notes")
    assert RASHID_REMARK in notes
    assert {"Phone: 497 92 63", "Phone: 262 38 18-19", "Phone: 668 33 01", "Phone: 0300- 820 91 99",
            "Phone: 587-25 45", "Phone: 042-681 20 81", "Fax: 662 38 14"} <= set(notes)
    assert "Name (language BG): Организация за подпомагане на Ulema, Пакистан" in notes
    # the same person in the two exports, five years apart, reads the same
    saddam_2021 = parse(EXPORT_2021)[1]["eu_fsf-13"]
    assert saddam_2021.to_dict() == entities["eu_fsf-13"].to_dict()
    assert detect_dataset(EXPORT_2026) == ("eu_fsf", "main")


def test_counts(tmp_path: Path) -> None:
    ctx, entities = parse(EXPORT_2026)
    kinds = sorted(e.schema.name for e in entities.values())
    assert kinds == ["Organization"] * 2 + ["Passport"] + ["Person"] * 2 + ["Sanction"] * 4
    assert ctx.stats["names"] == 4 and ctx.stats["aliases"] == 19
