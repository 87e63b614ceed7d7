"""French hyphenated compounds kept as one token ("état-major", "lieutenant-colonel", "franco-malien").

spaCy's French tokenizer splits a hyphenated word that its exception list lacks; role phrases ("chef
d'état-major de l'armée de l'air") then break at the hyphen, and the parser reads "major" as a new phrase.
:func:`keep_hyphenated` makes a tokenizer keep such words whole — the rule and its exceptions (inverted
pronouns: "dit-il", "a-t-il") are in ``data/nlp_hyphens_fr.yml``. The French pipeline's tokenizer and the
tokenizer that cuts the French gazetteer and role phrases get the same rule, so phrases and documents
line up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from kenning.errors import ConfigError
from kenning.news.datafile import data_mapping

__all__ = ["is_compound", "keep_hyphenated"]

_FILE = "nlp_hyphens_fr.yml"
_WORD = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)+$")


@cache
def _clitics() -> frozenset[str]:
    try:
        return frozenset(str(w).lower() for w in data_mapping(_FILE)["clitics"])
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"news data file {_FILE}: missing or malformed `clitics`: {exc}") from exc


def is_compound(text: str) -> bool:
    """A French hyphenated compound to keep whole (see the module docstring)."""
    if not _WORD.match(text):
        return False
    parts = text.split("-")
    return all(p[:1].islower() and p.lower() not in _clitics() for p in parts[1:])


def keep_hyphenated(tokenizer: Any) -> Any:
    """``tokenizer`` (spaCy's French one) made to keep hyphenated compounds whole; returns it."""
    before: Callable[[str], Any] | None = tokenizer.token_match

    def match(text: str) -> Any:
        return (before(text) if before is not None else None) or (text if is_compound(text) else None)

    tokenizer.token_match = match
    return tokenizer
