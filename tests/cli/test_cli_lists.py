"""``kenning lists`` / ``entity`` / ``export`` end to end, and every bad input the spine must refuse.

Each bad input must give exit code 2, a message naming the file and the line or record, and leave the
store exactly as it was (the earlier version still current and readable).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from testkit import LISTS, run_cli

OFAC = LISTS / "us_ofac"
UN = LISTS / "un_sc" / "consolidated.xml"


def _load_fixture_ofac() -> None:
    result = run_cli("lists", "load", "--skip-count-check", "--no-link", "--json", str(OFAC / "sdn.csv"))
    assert result.code == 0, result.err
    assert json.loads(result.out)[0]["status"] == "loaded"


def test_load_status_entity_export(kenning_home: Path) -> None:
    _load_fixture_ofac()
    status = json.loads(run_cli("lists", "status", "--json").out)
    assert status["us_ofac_sdn"]["entities"] == 21
    entity = json.loads(run_cli("entity", "us_ofac_sdn-42618", "--json").out)
    assert entity["properties"]["passportNumber"] == ["DA0004031"]
    assert entity["readable"]["nationality"] == ["Mali"]
    assert entity["relations"][0]["other"]["id"] == "us_ofac_sdn-22543"
    ftm = run_cli("export", "--format", "ftm")
    lines = [json.loads(line) for line in ftm.out.splitlines()]
    assert len(lines) == 72 and {"id", "schema", "properties", "datasets"} <= set(lines[0])
    rows = list(csv.DictReader(io.StringIO(run_cli("export", "--format", "csv").out)))
    assert len(rows) == 21
    camara = next(r for r in rows if r["id"] == "us_ofac_sdn-42618")
    assert camara["birth_dates"] == "1979-03-22" and camara["programs"] == "RUSSIA-EO14024"
    missing = run_cli("entity", "us_ofac_sdn-1", "--json")
    assert missing.code == 3 and "no entity" in missing.err


def test_diff_of_two_files_cli(kenning_home: Path, tmp_path: Path) -> None:
    old = tmp_path / "old" / "sdn.csv"
    old.parent.mkdir()
    kept = [line for line in (OFAC / "sdn.csv").read_bytes().split(b"\r\n") if not line.startswith(b"42618,")]
    old.write_bytes(b"\r\n".join(kept))
    for companion in ("alt.csv", "add.csv"):
        shutil.copy(OFAC / companion, old.parent / companion)
    out = run_cli("lists", "diff", str(old), str(OFAC / "sdn.csv"), "--json")
    assert out.code == 0, out.err
    data = json.loads(out.out)
    assert [a["source_id"] for a in data["added"]] == ["42618"]
    assert data["summary"] == {"added": 1, "removed": 0, "changed": 0, "unchanged": 20}


def _xml(tmp: Path, body: bytes) -> Path:
    path = tmp / "consolidated.xml"
    path.write_bytes(body)
    return path


BAD_INPUTS = {
    "truncated_xml": ("un_sc", lambda tmp: _xml(tmp, UN.read_bytes()[:3000]), "line"),
    "external_entity": ("un_sc", lambda tmp: _xml(tmp, b'<?xml version="1.0"?>\n<!DOCTYPE x [\n'
                                                  b'<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
                                                  b"<CONSOLIDATED_LIST>&e;</CONSOLIDATED_LIST>"), "line 3"),
    "billion_laughs": ("un_sc", lambda tmp: _xml(tmp, b'<?xml version="1.0"?>\n<!DOCTYPE l [\n<!ENTITY a "aaaa">\n'
                                                 b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">\n'
                                                 b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>\n'
                                                 b"<CONSOLIDATED_LIST>&c;</CONSOLIDATED_LIST>"), "line 3"),
    "wrong_columns": ("us_ofac_sdn", "columns", "line 22"),
    "undecodable": ("us_ofac_sdn", "bytes", "line 3"),
    "empty": ("us_ofac_sdn", "empty", "empty"),
    "zip_named_csv": ("us_ofac_sdn", "zip", "ZIP"),
    "html_named_xml": ("un_sc", lambda tmp: _xml(tmp, b"<!DOCTYPE html>\n<html><body>Not found</body></html>"), "xml"),
    "count_out_of_range": ("us_ofac_sdn", "count", "outside the expected range"),
}


def _bad_sdn(tmp: Path, kind: str) -> Path:
    folder = tmp / "bad"
    folder.mkdir()
    path = folder / "sdn.csv"
    good = (OFAC / "sdn.csv").read_bytes()
    if kind == "columns":
        path.write_bytes(good.rstrip(b"\x1a") + b'99999,"X","individual"\r\n')
    elif kind == "bytes":
        lines = good.split(b"\r\n")
        lines[2] = lines[2][:12] + b"\xff" + lines[2][13:]
        path.write_bytes(b"\r\n".join(lines))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "zip":
        path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    else:
        shutil.copy(OFAC / "sdn.csv", path)
    return path


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_exit_2_names_file_and_leaves_store(kenning_home: Path, tmp_path: Path, case: str) -> None:
    _load_fixture_ofac()
    before = run_cli("lists", "status", "--json").out
    dataset, maker, expected = BAD_INPUTS[case]
    path = maker(tmp_path) if callable(maker) else _bad_sdn(tmp_path, maker)
    args = ["lists", "load", "--no-link", "--dataset", dataset, str(path)]
    if case != "count_out_of_range":
        args.insert(2, "--skip-count-check")
    result = run_cli(*args)
    assert result.code == 2, (result.code, result.err)
    assert str(path) in result.err and expected.lower() in result.err.lower(), result.err
    assert run_cli("lists", "status", "--json").out == before
    assert json.loads(run_cli("entity", "us_ofac_sdn-42618", "--json").out)["caption"] == "CAMARA, Sadio"


def test_entity_by_a_lists_own_reference(kenning_home: Path, tmp_path: Path) -> None:
    eu = LISTS / "eu_fsf" / "real" / "export_2026-08-05.xml"
    uk = LISTS / "gb_fcdo" / "UK-Sanctions-List.xml"
    for path in (eu, uk, LISTS / "gb_ofsi" / "ConList.csv"):
        assert run_cli("lists", "load", "--skip-count-check", "--no-link", str(path)).code == 0
    saddam = run_cli("entity", "EU.27.28")
    assert saddam.code == 0 and "EU.27.28 is eu_fsf-13" in saddam.err
    assert "Saddam Hussein Al-Tikriti" in saddam.out and "Regulation 1210/2003 (OJ L169)" in saddam.out
    # LIB0077 is the UK list's own id, and the reference the OFSI group 16630 gives: the UK list's party
    assert json.loads(run_cli("entity", "LIB0077", "--json").out)["id"] == "gb_fcdo-LIB0077"
    assert run_cli("entity", "TAi.002", "--json").out.count('"id": "gb_fcdo-AFG0006"') == 1
    shared = tmp_path / "UK-Sanctions-List.xml"
    record = "<Designation><UniqueID>{}</UniqueID><UNReferenceNumber>QDi.999</UNReferenceNumber></Designation>"
    shared.write_text(f"<Designations>{record.format('TST1')}{record.format('TST2')}</Designations>", "utf-8")
    assert run_cli("lists", "load", "--skip-count-check", "--no-link", str(shared)).code == 0
    both = run_cli("entity", "QDi.999")
    assert both.code == 3 and "QDi.999 is the reference of 2 parties: gb_fcdo-TST1, gb_fcdo-TST2" in both.err
    assert run_cli("entity", "NOPE.1").code == 3
