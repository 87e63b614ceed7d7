"""Reading batch screening input: CSV with a header, or JSON lines; one Query (or an error) per row.

Rows are read leniently: a schema, birth date or country that cannot be read is left out of the row's
query with a warning naming the field (:attr:`kenning.matching.Query.warnings`); only a row without a
name is an error.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import orjson

from kenning.errors import InputError, KenningError, ParseError
from kenning.matching.types import Query
from kenning.sources.readers import decode_text, read_text

__all__ = ["CSV_COLUMNS", "JSONL_SUFFIXES", "Record", "Row", "listish", "parse_batch", "parse_row", "parse_rows",
           "read_records", "rows_of_text"]

CSV_COLUMNS = ("name", "schema", "birth_date", "country", "id_number", "ref")
#: File endings read as JSON lines; every other file is CSV.
JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
EXPECT = "CSV or JSON lines"

#: (line, ref, query or None, error message or None)
Row = tuple[int, str | None, Query | None, str | None]


def listish(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v not in (None, "")]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _query(data: dict[str, Any], datasets: tuple[str, ...]) -> Query:
    names = data.get("name", data.get("names"))
    if names in (None, "", []):
        raise InputError("the row has no name")
    return Query.build(listish(names) if isinstance(names, list) else str(names),
                       schema=(data.get("schema") or "Thing"), birth_dates=listish(data.get("birth_date")),
                       countries=listish(data.get("country")), id_numbers=listish(data.get("id_number")),
                       datasets=datasets, ref=str(data["ref"]) if data.get("ref") not in (None, "") else None,
                       lenient=True)


def parse_row(line: int, data: dict[str, Any], datasets: tuple[str, ...] = ()) -> Row:
    """One input row (column → value) as a query, or the error that keeps it from being one."""
    ref = str(data["ref"]) if data.get("ref") not in (None, "") else None
    try:
        return (line, ref, _query(data, datasets), None)
    except KenningError as exc:
        return (line, ref, None, str(exc))


#: (line, the row's fields or None, the error that made it unreadable or None)
Record = tuple[int, dict[str, Any] | None, str | None]


def _csv_records(name: str, text: str, required: tuple[str, ...], optional: tuple[str, ...]) -> list[Record]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [r for r in required if r not in header]
    if missing:
        columns = " and ".join(repr(m) for m in missing)
        raise ParseError(name, f"the CSV header must have a {columns} column{'s' if len(missing) > 1 else ''} "
                         f"(optional: {', '.join(optional)})", line=1)
    reader.fieldnames = header
    rows: list[Record] = []
    for data in reader:
        line = reader.line_num
        if None in data:
            rows.append((line, None, f"{len(header) + len(data[None])} columns, the header has {len(header)}"))
            continue
        rows.append((line, {k: (v or "").strip() for k, v in data.items()}, None))
    return rows


def _jsonl_records(text: str, required: tuple[str, ...]) -> list[Record]:
    rows: list[Record] = []
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            rows.append((line, None, f"not valid JSON: {exc}"))
            continue
        if not isinstance(data, dict):
            rows.append((line, None, f"a JSON line must be an object with a {' and a '.join(map(repr, required))}"))
            continue
        rows.append((line, data, None))
    return rows


def read_records(text: str, name: str, jsonl: bool, required: tuple[str, ...] = ("name",),
                 optional: tuple[str, ...] = CSV_COLUMNS[1:]) -> list[Record]:
    """The rows of a CSV (with a header that has the ``required`` columns) or JSON-lines text, each with
    its line; ``name`` names the input in errors."""
    return _jsonl_records(text, required) if jsonl else _csv_records(name, text, required, optional)


def parse_rows(path: Path, datasets: tuple[str, ...] = ()) -> list[Row]:
    """Every row of a batch file; JSON lines for ``.jsonl``/``.json``/``.ndjson``, CSV otherwise."""
    text = read_text(path, expect=EXPECT)
    return rows_of_text(text, str(path), path.suffix.lower() in JSONL_SUFFIXES, datasets)


def parse_batch(data: bytes, name: str, jsonl: bool, datasets: tuple[str, ...] = ()) -> list[Row]:
    """Every row of a batch sent as bytes (a request body); ``name`` names it in errors."""
    return rows_of_text(decode_text(data, name, expect=EXPECT), name, jsonl, datasets)


def rows_of_text(text: str, name: str, jsonl: bool, datasets: tuple[str, ...] = ()) -> list[Row]:
    """Every row of a batch's text: JSON lines when ``jsonl``, else CSV with a header."""
    return [(line, None, None, error) if data is None else parse_row(line, data, datasets)
            for line, data, error in read_records(text, name, jsonl)]
