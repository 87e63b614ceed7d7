"""The French role vocabulary (``data/nlp_roles_fr.yml``): role heads, words inside a role, words that
are never names."""

from __future__ import annotations

from functools import cache

from kenning.news.datafile import data_mapping
from kenning.news.nlp.phrases import fold

__all__ = ["ROLES_FILE", "RoleWords", "role_words"]

ROLES_FILE = "nlp_roles_fr.yml"


class RoleWords:
    """The French role vocabulary as folded token tuples."""

    def __init__(self) -> None:
        data = data_mapping(ROLES_FILE)
        self.heads = frozenset(tuple(fold(w) for w in str(h).replace("'", "' ").split()) for h in data["heads"])
        self.head_words = frozenset(w for h in self.heads for w in h)
        self.inside = frozenset(fold(str(w)) for w in data["inside"])
        self.not_names = frozenset(fold(str(w)) for w in data["not_names"])

    def is_head(self, word: str) -> bool:
        """A role head word, also feminine or plural ("ministres", "générale", "adjointe"), or a hyphenated
        compound with one ("sous-chef", "lieutenant-colonel": kept whole by :mod:`.hyphens`)."""
        key = fold(word)
        return any(k in self.head_words for part in {key, *key.split("-")}
                   for k in (part, part.rstrip("sx"), part.removesuffix("e"), part.removesuffix("es")))


@cache
def role_words() -> RoleWords:
    return RoleWords()
