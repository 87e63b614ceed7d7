"""The French sanctions vocabulary of the events stage, read from ``data/events_fr.yml`` and checked.

Measures and authorities are the English canonical ones (``events_measures.yml``, ``events_authorities.yml``):
a French entry naming one that does not exist there is a :class:`~kenning.errors.ConfigError`, so a French
report can only yield values an English one can.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kenning.errors import ConfigError
from kenning.news.datafile import data_mapping
from kenning.news.events.authority import depth
from kenning.news.events.vocabulary import Authority, authorities, measures
from kenning.news.nlp.french_orgs import org_heads

__all__ = ["FILE", "FrenchVocabulary", "french_authority", "french_vocabulary"]

FILE = "events_fr.yml"


@dataclass(frozen=True)
class FrenchVocabulary:
    """Cue, trigger lemmas, measures, authorities and number words of French reports."""

    cue: re.Pattern[str]
    verbs: frozenset[str]
    support_verbs: frozenset[str]
    nouns: frozenset[str]
    target_prepositions: frozenset[str]
    measures: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    authorities: tuple[tuple[Authority, re.Pattern[str]], ...]
    reason_marks: frozenset[str]
    group_nouns: frozenset[str]
    continuation: re.Pattern[str]
    background_adverbs: frozenset[str] = frozenset()
    #: Nouns of frozen property whose owner is a target ("les avoirs de X", "le gel des biens de X").
    asset_nouns: frozenset[str] = frozenset()
    #: Participle and gerund forms of the regular (-er) trigger verbs, to their verb: the forms a tagger
    #: may take for a noun or an adjective ("en sanctionnant", "les personnes sanctionnées").
    verb_forms: dict[str, str] = field(default_factory=dict)
    #: Nouns a name may name an organisation by ("le groupe Wagner", "la société X"): under a role, the
    #: organisation qualifies the role's holder ("membre du groupe Wagner"), it is no target.
    organisation_nouns: frozenset[str] = frozenset()
    #: Roles whose "de" complement is what the holder leads or belongs to ("le chef de Wagner").
    holder_roles: frozenset[str] = frozenset()


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in data.get(key) or ())


def _alias_pattern(names: list[str]) -> re.Pattern[str]:
    body = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.-])(?:{body})(?![\w-])")


_PARTICIPLES = ("ant", "é", "ée", "és", "ées")


def _verb_forms(verbs: frozenset[str]) -> dict[str, str]:
    """Present and past participles of the regular -er verbs (the gerund is "en" + present participle)."""
    return {verb[:-2] + ending: verb for verb in sorted(verbs) if verb.endswith("er") for ending in _PARTICIPLES}


def _load(data: dict[str, Any]) -> FrenchVocabulary:
    known_measures = {m.name for m in measures()}
    by_name = {a.name: a for a in authorities()}
    for name in data["measures"]:
        if name not in known_measures:
            raise ConfigError(f"news data file {FILE}: measure {name!r} is not in events_measures.yml")
    for name in data["authorities"]:
        if name not in by_name:
            raise ConfigError(f"news data file {FILE}: authority {name!r} is not in events_authorities.yml")
    return FrenchVocabulary(
        cue=re.compile(str(data["cue"]), re.IGNORECASE), verbs=_words(data, "verbs"),
        support_verbs=_words(data, "support_verbs"), nouns=_words(data, "nouns"),
        target_prepositions=_words(data, "target_prepositions"),
        measures=tuple((str(name), tuple(re.compile(str(p), re.IGNORECASE) for p in patterns))
                       for name, patterns in data["measures"].items()),
        authorities=tuple((by_name[str(name)], _alias_pattern([str(a) for a in aliases]))
                          for name, aliases in data["authorities"].items()),
        reason_marks=_words(data, "reason_marks"), group_nouns=_words(data, "group_nouns"),
        continuation=re.compile(str(data["continuation"]), re.IGNORECASE),
        background_adverbs=_words(data, "background_adverbs"), asset_nouns=_words(data, "asset_nouns"),
        verb_forms=_verb_forms(_words(data, "verbs")), holder_roles=_words(data, "holder_roles"),
        organisation_nouns=_words(data, "organisation_nouns") | org_heads().nouns)


@cache
def french_vocabulary() -> FrenchVocabulary:
    """The checked vocabulary (read once per process); a missing or malformed section is a ConfigError."""
    try:
        return _load(dict(data_mapping(FILE)))
    except (KeyError, TypeError, AttributeError, re.error) as exc:
        raise ConfigError(f"news data file {FILE}: missing or malformed entry: {exc}") from exc


def french_authority(text: str) -> Authority | None:
    """The most specific authority a French phrase names (OFAC over the Treasury over the United States)."""
    best: tuple[int, int, int] | None = None
    found: Authority | None = None
    for authority, pattern in french_vocabulary().authorities:
        for match in pattern.finditer(text):
            key = (depth(authority), match.end() - match.start(), -match.start())
            if best is None or key > best:
                best, found = key, authority
    return found
