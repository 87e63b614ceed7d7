"""Read OFSI's ``ConList.csv`` or ``ConList.xlsx`` into the same table of text cells.

The CSV is the workbook's cells unchanged, so both give identical rows: row 1 ``Last Updated`` and
its date, row 2 the header, then one row per name variant. The file's extension decides the reader
(``.xlsx`` → openpyxl, read-only; anything else → the careful CSV reader), and its content must
agree: a ZIP named ``.csv``, a text file named ``.xlsx`` or a CSV without OFSI's header is a
ParseError naming the file and the line (CSV) or row (XLSX).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from kenning import settings
from kenning.errors import ParseError
from kenning.sources.base import ParseContext
from kenning.sources.gb_ofsi_text import ofsi_data, uk_date
from kenning.sources.readers import iter_csv, read_bytes, read_text, sniff_kind

__all__ = ["OfsiTable", "read_table"]

_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class OfsiTable:
    """The cells of one OFSI file: the publication date of row 1, the header and the data rows."""

    path: Path
    published: str | None
    header: tuple[str, ...]
    #: ``(position, cells by column name)``: the CSV line or the XLSX row where the row starts.
    rows: list[tuple[int, dict[str, str]]]
    #: ``"line"`` (CSV) or ``"row"`` (XLSX): what ``position`` counts, for error messages.
    unit: str

    def error(self, message: str, position: int) -> ParseError:
        """A ParseError naming the file and the line (CSV) or the row (XLSX)."""
        if self.unit == "line":
            return ParseError(str(self.path), message, line=position)
        return ParseError(str(self.path), message, record=f"row {position}")


def _cell_text(value: object) -> str:
    """A workbook cell as the CSV writes it: empty for None, dates as DD/MM/YYYY, whole floats bare."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_unpacked(path: Path, data: bytes) -> None:
    """An XLSX is a ZIP: its parts unpacked must stay within ``KENNING_LIST_MAX_BYTES`` (a small file whose
    shared strings unpack to gigabytes is refused before any part is read)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ParseError(str(path), f"cannot open the XLSX workbook: {exc}") from exc
    if unpacked > settings.LIST_MAX_BYTES:
        raise ParseError(str(path), f"the workbook unpacks to {unpacked} bytes, more than the "
                         f"{settings.LIST_MAX_BYTES} a list file may have (KENNING_LIST_MAX_BYTES); refused")


def _xlsx_rows(path: Path) -> list[tuple[int, list[str]]]:
    """The non-empty rows of the workbook's first sheet, trailing empty cells dropped."""
    data = read_bytes(path)
    if not data.startswith(_ZIP):
        kind = sniff_kind(data) or "text"
        raise ParseError(str(path), f"expected an XLSX workbook but the file is {kind}")
    _check_unpacked(path, data)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, XML and its own errors alike
        raise ParseError(str(path), f"cannot open the XLSX workbook: {exc}") from exc
    rows: list[tuple[int, list[str]]] = []
    position = 0
    try:
        for position, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            if position > settings.LIST_MAX_ROWS:
                raise ParseError(str(path), f"more than {settings.LIST_MAX_ROWS} rows (KENNING_LIST_MAX_ROWS); "
                                 "refused", record=f"row {position}")
            cells = [_cell_text(v) for v in values]
            while cells and not cells[-1].strip():
                cells.pop()
            if cells:
                rows.append((position, cells))
    except Exception as exc:  # a damaged sheet part surfaces while streaming rows
        raise ParseError(str(path), f"cannot read the XLSX sheet: {exc}",
                         record=f"row {position + 1}") from exc
    finally:
        workbook.close()
    return rows


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    text = read_text(path, expect="the OFSI consolidated list as CSV")
    return list(iter_csv(path, text))


def _published(ctx: ParseContext, cells: list[str]) -> str | None:
    value = uk_date(cells[1]) if len(cells) > 1 else None
    if value is None:
        ctx.warn(f"{ctx.main.name}: row 1 gives no readable 'Last Updated' date")
    return value


def _check_header(table: OfsiTable, header: list[str], position: int) -> None:
    missing = [c for c in ofsi_data()["columns"] if c not in header]
    if missing:
        shown = ", ".join(repr(c) for c in missing[:4]) + (" ..." if len(missing) > 4 else "")
        raise table.error(f"not the OFSI consolidated list (2022 format): the header lacks {shown}", position)


def _build(ctx: ParseContext, raw: list[tuple[int, list[str]]], unit: str) -> OfsiTable:
    """Check the date row and header, then turn each data row into cells by column name."""
    probe = OfsiTable(ctx.main, None, (), [], unit)
    if not raw:
        raise probe.error("the file has no rows", 1)
    index, published = 0, None
    if raw[0][1][0].strip() == ofsi_data()["date_row_label"]:
        published = _published(ctx, raw[0][1])
        index = 1
    if index >= len(raw):
        raise probe.error("the header row is missing", raw[-1][0] + 1)
    position, header_cells = raw[index]
    header = [c.strip() for c in header_cells]
    _check_header(probe, header, position)
    table = OfsiTable(ctx.main, published, tuple(header), [], unit)
    width = len(header)
    for position, cells in raw[index + 1:]:
        if (unit == "line" and len(cells) != width) or len(cells) > width:
            raise table.error(f"expected {width} columns, found {len(cells)}", position)
        padded = cells + [""] * (width - len(cells))
        table.rows.append((position, dict(zip(header, padded, strict=True))))
    return table


def read_table(ctx: ParseContext) -> OfsiTable:
    """Read ``ctx.main`` (CSV or XLSX, by extension) into an :class:`OfsiTable`."""
    path = ctx.main
    if path.suffix.lower() == ".xlsx":
        return _build(ctx, _xlsx_rows(path), "row")
    return _build(ctx, _csv_rows(path), "line")
