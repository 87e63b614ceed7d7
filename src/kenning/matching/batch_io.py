"""Reading batch screening input: CSV with a header, or JSON lines; one Query (or an error) per row."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import orjson

from kenning.errors import InputError, KenningError, ParseError
from kenning.matching.types import Query
from kenning.sources.readers import decode_text, read_text

__all__ = ["CSV_COLUMNS", "JSONL_SUFFIXES", "Row", "parse_batch", "parse_row", "parse_rows", "rows_of_text"]

CSV_COLUMNS = ("name", "schema", "birth_date", "country", "id_number", "ref")
#: File endings read as JSON lines; every other file is CSV.
JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
EXPECT = "CSV or JSON lines"

#: (line, ref, query or None, error message or None)
Row = tuple[int, str | None, Query | None, str | None]


def _listish(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v not in (None, "")]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _query(data: dict[str, Any], datasets: tuple[str, ...]) -> Query:
    names = data.get("name", data.get("names"))
    if names in (None, "", []):
        raise InputError("the row has no name")
    return Query.build(_listish(names) if isinstance(names, list) else str(names),
                       schema=(data.get("schema") or "Thing"), birth_dates=_listish(data.get("birth_date")),
                       countries=_listish(data.get("country")), id_numbers=_listish(data.get("id_number")),
                       datasets=datasets, ref=str(data["ref"]) if data.get("ref") not in (None, "") else None)


def parse_row(line: int, data: dict[str, Any], datasets: tuple[str, ...] = ()) -> Row:
    """One input row (column → value) as a query, or the error that keeps it from being one."""
    ref = str(data["ref"]) if data.get("ref") not in (None, "") else None
    try:
        return (line, ref, _query(data, datasets), None)
    except KenningError as exc:
        return (line, ref, None, str(exc))


def _csv_rows(name: str, text: str, datasets: tuple[str, ...]) -> list[Row]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "name" not in header:
        optional = ", ".join(CSV_COLUMNS[1:])
        raise ParseError(name, f"the CSV header must have a 'name' column (optional: {optional})", line=1)
    reader.fieldnames = header
    rows: list[Row] = []
    for data in reader:
        line = reader.line_num
        if None in data:
            rows.append((line, None, None, f"{len(header) + len(data[None])} columns, the header has {len(header)}"))
            continue
        rows.append(parse_row(line, {k: (v or "").strip() for k, v in data.items()}, datasets))
    return rows


def _jsonl_rows(text: str, datasets: tuple[str, ...]) -> list[Row]:
    rows: list[Row] = []
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            rows.append((line, None, None, f"not valid JSON: {exc}"))
            continue
        if not isinstance(data, dict):
            rows.append((line, None, None, "a JSON line must be an object with a 'name'"))
            continue
        rows.append(parse_row(line, data, datasets))
    return rows


def parse_rows(path: Path, datasets: tuple[str, ...] = ()) -> list[Row]:
    """Every row of a batch file; JSON lines for ``.jsonl``/``.json``/``.ndjson``, CSV otherwise."""
    text = read_text(path, expect=EXPECT)
    return rows_of_text(text, str(path), path.suffix.lower() in JSONL_SUFFIXES, datasets)


def parse_batch(data: bytes, name: str, jsonl: bool, datasets: tuple[str, ...] = ()) -> list[Row]:
    """Every row of a batch sent as bytes (a request body); ``name`` names it in errors."""
    return rows_of_text(decode_text(data, name, expect=EXPECT), name, jsonl, datasets)


def rows_of_text(text: str, name: str, jsonl: bool, datasets: tuple[str, ...] = ()) -> list[Row]:
    """Every row of a batch's text: JSON lines when ``jsonl``, else CSV with a header."""
    return _jsonl_rows(text, datasets) if jsonl else _csv_rows(name, text, datasets)
