"""Readers for the data files in ``kenning/names/data/`` (word lists, CSV tables, YAML mappings).

Each reader returns plain Python values and raises :class:`~kenning.errors.ConfigError` naming the
file when it is missing or malformed: a broken data file is a fault of Kenning, not of the user.
Callers cache what they build from these values; the readers themselves do no caching.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from kenning.datafiles import parse_mapping
from kenning.errors import ConfigError

__all__ = ["DATA_DIR", "read_csv", "read_lines", "read_yaml"]

#: The folder holding the tables of this package.
DATA_DIR = Path(__file__).resolve().parent / "data"


def _open_text(name: str) -> str:
    path = DATA_DIR / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"names data file {path} cannot be read: {exc}") from exc


def read_lines(name: str) -> list[str]:
    """Non-empty lines of a word list, without ``#`` comment lines and surrounding blanks."""
    lines = (line.strip() for line in _open_text(name).splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def read_csv(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a CSV table whose header (after ``#`` comment lines) must contain ``columns``."""
    rows = list(csv.DictReader(read_lines(name)))
    if rows:
        missing = [col for col in columns if col not in rows[0]]
        if missing:
            raise ConfigError(f"names data file {name} lacks the columns {missing}")
    for number, row in enumerate(rows, start=2):
        if any(row.get(col) in (None, "") for col in columns):
            raise ConfigError(f"names data file {name}, row {number}: an empty value in {columns}")
    return rows


def read_yaml(name: str) -> dict[str, Any]:
    """A YAML mapping."""
    return parse_mapping(_open_text(name), f"names data file {name}")
