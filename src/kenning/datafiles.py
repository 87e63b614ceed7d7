"""Reading Kenning's own YAML data files (tables, vocabularies, grammars): one parser, one error message.

A data file that cannot be read, is not valid YAML, or does not hold a mapping at its top level is a
:class:`~kenning.errors.ConfigError` naming the file: a broken installation, not bad user input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kenning.errors import ConfigError

__all__ = ["parse_mapping", "read_mapping"]


def parse_mapping(text: str, where: str) -> dict[str, Any]:
    """The YAML mapping in ``text`` (``where`` names its file in errors)."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: not valid YAML: {exc}") from exc
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping at the top level")
    return value


def read_mapping(path: Path) -> dict[str, Any]:
    """The YAML mapping in the file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the data file: {exc.strerror or exc}") from exc
    return parse_mapping(text, str(path))
