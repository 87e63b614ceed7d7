"""Facts about OFAC's legacy CSV lists outside the remark grammar, read from ``ofac_lists.yml``.

SDN_Type → schema, the provisions each list states for all its entries, alias types, and the word
lists that classify free text: honorifics (``title``), offices (``position``), political groups
(``political``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from kenning.datafiles import read_mapping
from kenning.errors import ConfigError

__all__ = ["ListFacts", "load_list_facts"]

_FACTS = Path(__file__).with_name("ofac_lists.yml")


@dataclass(frozen=True)
class ListFacts:
    """The contents of ``ofac_lists.yml``; the patterns match whole words, case-insensitively."""

    schemata: Mapping[str, str]
    provisions: Mapping[str, tuple[str, ...]]
    alt_types: Mapping[str, str]
    honorifics: frozenset[str]
    position_pattern: re.Pattern[str]
    political_pattern: re.Pattern[str]


def _words(words: Iterable[Any], anchored: bool = False) -> re.Pattern[str]:
    """One pattern finding any of ``words`` as whole words (at the start only when ``anchored``)."""
    ordered = sorted((str(w) for w in words), key=len, reverse=True)
    body = r"\b(?:" + "|".join(re.escape(w) for w in ordered) + r")\b"
    return re.compile(("^" if anchored else "") + body, re.IGNORECASE)


@cache
def load_list_facts(path: str | None = None) -> ListFacts:
    """Read ``ofac_lists.yml`` (or the file ``path`` names)."""
    target = Path(path) if path else _FACTS
    try:
        raw = read_mapping(target)
        return ListFacts(
            schemata={str(k): str(v) for k, v in raw["schemata"].items()},
            provisions={str(k): tuple(v or ()) for k, v in raw["provisions"].items()},
            alt_types={str(k): str(v) for k, v in raw["alt_types"].items()},
            honorifics=frozenset(str(h).casefold() for h in raw["honorifics"]),
            position_pattern=_words(raw["position_words"]),
            political_pattern=_words(raw["political_groups"], anchored=True),
        )
    except (OSError, yaml.YAMLError, KeyError, AttributeError, TypeError) as exc:
        raise ConfigError(f"{target}: cannot read the OFAC list facts: {exc}") from exc
