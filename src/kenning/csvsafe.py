"""CSV that a spreadsheet reads as data: no cell is ever run as a formula.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be evaluated by
Excel, LibreOffice or Google Sheets (CSV injection); such a cell gets a leading apostrophe, which the
spreadsheet shows as text. Every CSV Kenning writes goes through :func:`safe_writer`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

__all__ = ["FORMULA_START", "SafeWriter", "safe_cell", "safe_writer"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """``value`` as a CSV cell that a spreadsheet will not run as a formula (None is empty)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class SafeWriter:
    """A ``csv.writer`` whose every cell goes through :func:`safe_cell`."""

    def __init__(self, out: IO[str], **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[object]) -> None:
        """Write one row."""
        self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        """Write every row."""
        for row in rows:
            self.writerow(row)


def safe_writer(out: IO[str], **options: Any) -> SafeWriter:
    """A CSV writer over ``out`` (``csv.writer`` options) that neutralises formula cells."""
    return SafeWriter(out, **options)
