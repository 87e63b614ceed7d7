"""Loading the ingest data files (``news/data/ingest_*``): word lists and mappings live there, not in code."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from kenning.datafiles import parse_mapping
from kenning.errors import ConfigError

__all__ = ["data_lines", "data_mapping", "data_patterns"]


def _read(name: str) -> str:
    try:
        return resources.files("kenning.news").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"news data file {name} cannot be read: {exc}") from exc


@cache
def data_mapping(name: str) -> dict[str, Any]:
    """The YAML mapping in data file ``name``; anything but a mapping is a ConfigError."""
    return parse_mapping(_read(name), f"news data file {name}")


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """The non-blank lines of data file ``name`` that are not ``#`` comments, stripped."""
    lines = (line.strip() for line in _read(name).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def data_patterns(name: str) -> tuple[re.Pattern[str], ...]:
    """Each line of data file ``name`` compiled as a case-insensitive regex matching a whole line."""
    patterns = []
    for line in data_lines(name):
        try:
            patterns.append(re.compile(rf"(?:{line})", re.IGNORECASE))
        except re.error as exc:
            raise ConfigError(f"news data file {name}: bad pattern {line!r}: {exc}") from exc
    return tuple(patterns)
