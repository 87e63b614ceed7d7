"""The word lists of ``data/nlp_roles.yml``, loaded once and checked."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kenning.errors import ConfigError
from kenning.news.datafile import data_mapping
from kenning.news.nlp.phrases import fold

__all__ = ["Lexicon", "lexicon"]

ROLES_FILE = "nlp_roles.yml"
_KEYS = ("heads", "role_words", "ranks", "tails", "nationality_nouns", "copulas", "group_nouns", "org_generic_words",
         "org_heads", "title_pairs")


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[-3:-2] in ("s", "x", "h"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Lexicon:
    """Role heads, role words, ranks, tails, nationality nouns, copulas, group nouns, org words."""

    heads: frozenset[str]
    role_words: frozenset[str]
    ranks: frozenset[str]
    tails: frozenset[str]
    nationality_nouns: frozenset[str]
    copulas: tuple[tuple[str, ...], ...]
    group_nouns: frozenset[str]
    org_generic_words: frozenset[str]
    org_heads: frozenset[str]
    title_pairs: frozenset[tuple[str, ...]]

    def is_head(self, word: str) -> bool:
        """True for a role head noun, singular or plural ("minister", "Ministers", "chiefs")."""
        key = fold(word)
        return key in self.heads or _singular(key) in self.heads

    def is_role_word(self, word: str) -> bool:
        """True for a head, rank or word that only ever belongs to a role ("Defence", "Air", "Deputy")."""
        key = fold(word).rstrip(".")
        return self.is_head(word) or key in self.role_words or key in self.ranks

    def is_rank(self, word: str) -> bool:
        """True for a rank or honorific ("Colonel", "Lt.", "Mr")."""
        return fold(word).rstrip(".") in self.ranks


@cache
def lexicon() -> Lexicon:
    """The lexicon from ``data/nlp_roles.yml``."""
    data = data_mapping(ROLES_FILE)
    values: dict[str, list[str]] = {}
    for key in _KEYS:
        entries = data.get(key)
        if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
            raise ConfigError(f"news data file {ROLES_FILE}: {key} must be a list of words")
        values[key] = [e.strip().lower() for e in entries]
    heads = {entry.split()[-1] for entry in values["heads"]}
    return Lexicon(
        heads=frozenset(heads),
        role_words=frozenset(values["role_words"]),
        ranks=frozenset(values["ranks"]),
        tails=frozenset(values["tails"]),
        nationality_nouns=frozenset(values["nationality_nouns"]),
        copulas=tuple(sorted((tuple(c.split()) for c in values["copulas"]), key=len, reverse=True)),
        group_nouns=frozenset(values["group_nouns"]),
        org_generic_words=frozenset(values["org_generic_words"]),
        org_heads=frozenset(values["org_heads"]),
        title_pairs=frozenset(tuple(p.split()) for p in values["title_pairs"]),
    )
