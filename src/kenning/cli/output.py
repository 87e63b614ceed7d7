"""How commands print: JSON (``--json``) or a readable rich table on stdout; messages on stderr."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import orjson
from rich.console import Console
from rich.table import Table

__all__ = ["emit_json", "print_table", "stdout_console"]

stdout_console = Console(soft_wrap=True)


def emit_json(data: Any) -> None:
    """Pretty JSON on stdout (UTF-8, non-ASCII kept as is)."""
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS) + b"\n")
    sys.stdout.flush()


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A table on stdout for people."""
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    stdout_console.print(table)
