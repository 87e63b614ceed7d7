"""Hostile or broken list files: each is refused with its file (and line or record) named, exit code 2,
within its caps, and the store is left as it was. Nothing is silently dropped, truncated or stored."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from kenning.sources.base import MAX_WARNINGS, ParseContext
from kenning.store import Store
from testkit import LISTS, SetSetting, run_cli

UN = LISTS / "un_sc" / "consolidated.xml"
OFAC = LISTS / "us_ofac"


def _refused(path: Path, *fragments: str, dataset: str | None = None) -> str:
    args = ["lists", "load", "--skip-count-check", "--no-link", *(["--dataset", dataset] if dataset else []),
            str(path)]
    result = run_cli(*args)
    assert result.code == 2, result.err
    assert str(path.name) in result.err and "Traceback" not in result.err, result.err
    for fragment in fragments:
        assert fragment in result.err, result.err
    assert not Store().current_versions(), "a refused file changed the store"
    return result.err


def _un_variant(tmp_path: Path, text: str, name: str = "consolidated.xml") -> Path:
    folder = tmp_path / "un"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def _sdn_variant(tmp_path: Path, row: str, last: bool = False) -> Path:
    """The OFAC excerpt with ``row`` first (or ``last``: past the first 4 KiB that a binary sniff reads)."""
    shutil.copytree(OFAC, tmp_path / "ofac")
    sdn = tmp_path / "ofac" / "sdn.csv"
    rows = [r for r in sdn.read_text(encoding="utf-8").splitlines() if r.strip("\x1a ")]
    sdn.write_text("\n".join([*rows, row] if last else [row, *rows]) + "\n", encoding="utf-8")
    return sdn


# -- not a regular file ---------------------------------------------------------------------------

def test_a_directory_named_like_a_list_is_refused(kenning_home: Path, tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").mkdir()
    _refused(tmp_path / "sdn.csv", "not a regular file", dataset="us_ofac_sdn")


def test_a_pipe_named_like_a_list_is_refused_without_blocking(kenning_home: Path, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "sdn.csv")
    _refused(tmp_path / "sdn.csv", "not a regular file", dataset="us_ofac_sdn")


def test_a_device_behind_a_list_name_is_refused(kenning_home: Path, tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").symlink_to("/dev/zero")
    _refused(tmp_path / "sdn.csv", "not a regular file", dataset="us_ofac_sdn")


# -- caps -----------------------------------------------------------------------------------------

def test_a_file_over_the_size_cap_is_refused(kenning_home: Path, kenning_setting: SetSetting) -> None:
    kenning_setting("LIST_MAX_BYTES", "1000")
    _refused(UN, "KENNING_LIST_MAX_BYTES")


def test_a_workbook_that_unpacks_past_the_cap_is_refused(kenning_home: Path, tmp_path: Path,
                                                        kenning_setting: SetSetting) -> None:
    kenning_setting("LIST_MAX_BYTES", str(1024 * 1024))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\0" * (8 * 1024 * 1024))
    (tmp_path / "ConList.xlsx").write_bytes(buffer.getvalue())
    _refused(tmp_path / "ConList.xlsx", "unpacks to", dataset="gb_ofsi")


@pytest.mark.parametrize("source", [OFAC / "sdn.csv", LISTS / "gb_ofsi" / "ConList.csv",
                                    LISTS / "gb_ofsi" / "ConList.xlsx"])
def test_a_table_over_the_row_cap_is_refused(kenning_home: Path, kenning_setting: SetSetting, source: Path) -> None:
    kenning_setting("LIST_MAX_ROWS", "5")
    _refused(source, "KENNING_LIST_MAX_ROWS")


def test_a_load_over_its_time_budget_is_refused(kenning_home: Path, kenning_setting: SetSetting) -> None:
    kenning_setting("LOAD_SECONDS", "0.000001")
    _refused(UN, "KENNING_LOAD_SECONDS")


def test_only_the_first_warnings_are_kept_and_all_are_counted() -> None:
    ctx = ParseContext(dataset="un_sc", files={"main": UN})
    for number in range(MAX_WARNINGS + 250):
        ctx.warn(f"warning {number}")
    kept = ctx.kept_warnings()
    assert len(kept) == MAX_WARNINGS + 1 and kept[-1] == "... and 250 more warnings"
    assert ctx.stats["warnings"] == MAX_WARNINGS + 250


# -- XML that hides or cuts data ------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["UTF-7", "UTF-32", "IBM037", "x-mac-roman", "ISO-2022-JP"])
def test_declared_encodings_other_than_utf8_utf16_latin1_are_refused(kenning_home: Path, tmp_path: Path,
                                                                     encoding: str) -> None:
    text = UN.read_text(encoding="utf-8").replace('encoding="UTF-8"', f'encoding="{encoding}"', 1)
    _refused(_un_variant(tmp_path, text), f"declares the encoding '{encoding}'")


def test_the_utf7_entity_attack_is_refused(kenning_home: Path, tmp_path: Path) -> None:
    attack = ('<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE CONSOLIDATED+AF8-LIST +AFs-+ADw-!ENTITY x '
              'SYSTEM +ACI-file:///etc/passwd+ACI-+AD4-+AF0-+AD4-+ADw-CONSOLIDATED+AF8-LIST+AD4-+ACY-x+ADs-'
              '+ADw-/CONSOLIDATED+AF8-LIST+AD4-')
    _refused(_un_variant(tmp_path, attack), "UTF-7")


@pytest.mark.parametrize("encoding", ["UTF-16", "ISO-8859-1"])
def test_the_allowed_encodings_still_load(kenning_home: Path, tmp_path: Path, encoding: str) -> None:
    text = UN.read_text(encoding="utf-8").replace('encoding="UTF-8"', f'encoding="{encoding}"', 1)
    if encoding == "ISO-8859-1":
        text = text.encode("latin-1", "replace").decode("latin-1")
    folder = tmp_path / "un"
    folder.mkdir()
    (folder / "consolidated.xml").write_bytes(text.encode("utf-16" if encoding == "UTF-16" else "latin-1"))
    result = run_cli("lists", "load", "--skip-count-check", "--no-link", str(folder / "consolidated.xml"))
    assert result.code == 0, result.err


def test_a_doctype_is_refused(kenning_home: Path, tmp_path: Path) -> None:
    text = UN.read_text(encoding="utf-8").replace("<CONSOLIDATED_LIST", "<!DOCTYPE CONSOLIDATED_LIST>\n"
                                                  "<CONSOLIDATED_LIST", 1)
    _refused(_un_variant(tmp_path, text), "DOCTYPE")


@pytest.mark.parametrize("element", ["FIRST_NAME", "SECOND_NAME", "NAME_ORIGINAL_SCRIPT", "COMMENTS1"])
def test_a_processing_instruction_inside_a_value_is_refused(kenning_home: Path, tmp_path: Path,
                                                             element: str) -> None:
    text = UN.read_text(encoding="utf-8")
    value = re.search(rf"<{element}>([^<]{{2,}})</{element}>", text)
    assert value is not None
    cut = value.group(1)[:1] + "<?php echo 1 ?>" + value.group(1)[1:]
    err = _refused(_un_variant(tmp_path, text.replace(value.group(0), f"<{element}>{cut}</{element}>", 1)),
                   "processing instruction")
    assert "line " in err


def test_a_duplicate_un_dataid_is_refused(kenning_home: Path, tmp_path: Path) -> None:
    text = UN.read_text(encoding="utf-8")
    first = re.search(r"<INDIVIDUAL>.*?</INDIVIDUAL>", text, re.DOTALL)
    assert first is not None
    doubled = text.replace(first.group(0), first.group(0) * 2, 1)
    data_id = re.search(r"<DATAID>(\d+)</DATAID>", first.group(0))
    assert data_id is not None
    _refused(_un_variant(tmp_path, doubled), f"DATAID {data_id.group(1)} appears twice",
             f"record {data_id.group(1)}")


# -- CSV values that become something else --------------------------------------------------------

@pytest.mark.parametrize("ent_num", ["¹2345", "12³", "٣٤٥", "１２３", "12 3", ""])
def test_an_id_that_is_not_ascii_digits_is_refused(kenning_home: Path, tmp_path: Path, ent_num: str) -> None:
    row = f'{ent_num},"TEST, Name","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '
    _refused(_sdn_variant(tmp_path, row), "is not a number", "line 1")


@pytest.mark.parametrize("where", ["name", "remarks"])
def test_a_nul_character_is_refused(kenning_home: Path, tmp_path: Path, where: str) -> None:
    name, remarks = ("TEST\x00, Name", "-0- ") if where == "name" else ("TEST, Name", "DOB 1970\x00; POB X")
    row = f'99999,"{name}","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"{remarks}"'
    sdn = _sdn_variant(tmp_path, row, last=True)
    lines = len(sdn.read_text(encoding="utf-8").splitlines())
    _refused(sdn, "NUL character", f"line {lines}")
