"""The event vocabularies of ``data/events_*.yml``, checked once and compiled.

Every word list the event extractor uses lives in those files: trigger lemmas, measures, authorities,
programmes and reason markers. A missing section, a bad regex or a measure name that the measure
vocabulary does not define is a :class:`~kenning.errors.ConfigError` naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from kenning.errors import ConfigError
from kenning.news.datafile import data_mapping

__all__ = ["Authority", "Measure", "NounTrigger", "Program", "Reasons", "Triggers", "authorities", "group_labels",
           "measures", "program_mask", "programs", "reasons", "triggers"]

#: The kinds of party a group noun names ("six individuals", "three companies"), shared with reconciliation,
#: and the mention labels each kind's members carry (vessels and aircraft: any label).
_KINDS_FILE = "reconcile_parties.yml"
_KIND_LABELS = {"person": frozenset({"PERSON"}), "organization": frozenset({"ORG"})}


@dataclass(frozen=True)
class Measure:
    """A canonical sanctions measure and the words that name it."""

    name: str
    patterns: tuple[re.Pattern[str], ...]
    replaces: frozenset[str]
    lift: bool
    generic: bool
    listing: bool


@dataclass(frozen=True)
class Authority:
    """A sanctions authority: normalised name, country code, broader authority and the names used for it."""

    name: str
    country: str
    parent: str | None
    aliases: tuple[str, ...]
    implies: dict[str, tuple[str, ...]]
    publishers: tuple[str, ...]


@dataclass(frozen=True)
class Program:
    """A legal basis pattern and the normalised name it gives (``{1}`` = the pattern's first group)."""

    pattern: re.Pattern[str]
    name: str


@dataclass(frozen=True)
class NounTrigger:
    """A noun that names an action, with the words it needs or refuses before it and the verbs that carry it."""

    measures: tuple[str, ...]
    needs: frozenset[str]
    refuses: frozenset[str]
    verbs: frozenset[str] | None


@dataclass(frozen=True)
class Triggers:
    """Trigger lemmas and the surface patterns around them (see ``events_triggers.yml``)."""

    def cued(self, text: str) -> bool:
        """Whether ``text`` may hold an action: a cue word outside the phrases that never announce one, or
        the name of a sanctions list (which a list verb may carry: "adding 18 entities to the SDN List")."""
        return self.cue.search(self.cue_ignore.sub(" ", text)) is not None or self.list_words.search(text) is not None

    cue: re.Pattern[str]
    cue_ignore: re.Pattern[str]
    verbs: dict[str, tuple[str, ...]]
    authority_verbs: dict[str, tuple[str, ...]]
    nouns: dict[str, NounTrigger]
    light_verbs: frozenset[str]
    lift_verbs: frozenset[str]
    list_verbs: dict[str, str]
    list_words: re.Pattern[str]
    background_words: frozenset[str]
    holdings: frozenset[str]
    property_verbs: dict[str, str]
    copular_property: str
    property_words: frozenset[str]
    craft_names: tuple[re.Pattern[str], ...]
    plural_pronouns: frozenset[str]
    singular_pronouns: frozenset[str]
    anaphoric_targets: re.Pattern[str]
    cataphoric_targets: re.Pattern[str]
    previously_marked: re.Pattern[str]
    modal_words: frozenset[str]
    conditional_marks: frozenset[str]
    hypothetical_verbs: frozenset[str]
    hypothetical_nouns: frozenset[str]
    adjective_authority_prefix: re.Pattern[str]
    anaphoric_subjects: re.Pattern[str]
    continuation: re.Pattern[str]
    action_reference: re.Pattern[str]
    list_item: re.Pattern[str]


@dataclass(frozen=True)
class Reasons:
    """Markers that introduce the reason for an action (see ``events_reasons.yml``)."""

    prepositions: frozenset[str]
    verbs: dict[str, str | None]
    marks: frozenset[str]
    phrases: tuple[str, ...]
    not_reasons: frozenset[str]
    speech_verbs: frozenset[str]
    statement_words: frozenset[str]


def _regex(file: str, text: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """``text`` compiled, its lines joined without the line breaks (long patterns are written as YAML
    literal blocks, one piece per line); a bad pattern is a ConfigError."""
    try:
        return re.compile("".join(line.strip() for line in text.splitlines()), flags)
    except re.error as exc:
        raise ConfigError(f"{file}: bad pattern {text!r}: {exc}") from exc


def _section(file: str, data: dict[str, Any], key: str) -> Any:
    if key not in data:
        raise ConfigError(f"{file}: missing section {key!r}")
    return data[key]


@cache
def measures() -> tuple[Measure, ...]:
    """The measure vocabulary in file order (most specific first)."""
    file = "events_measures.yml"
    found = []
    for name, spec in _section(file, data_mapping(file), "measures").items():
        found.append(Measure(str(name), tuple(_regex(file, p) for p in spec["patterns"]),
                             frozenset(spec.get("replaces") or ()), bool(spec.get("lift")),
                             bool(spec.get("generic")), bool(spec.get("listing"))))
    return tuple(found)


def _check_measures(file: str, names: tuple[str, ...]) -> tuple[str, ...]:
    known = {m.name for m in measures()}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ConfigError(f"{file}: measures {unknown} are not defined in events_measures.yml")
    return names


@cache
def triggers() -> Triggers:
    """The trigger vocabulary."""
    file = "events_triggers.yml"
    data = data_mapping(file)

    def words(key: str) -> frozenset[str]:
        """A word list of the file, lower case."""
        return frozenset(str(w).lower() for w in _section(file, data, key))

    def verb_table(key: str) -> dict[str, tuple[str, ...]]:
        return {str(k): _check_measures(file, tuple(v)) for k, v in _section(file, data, key).items()}

    nouns = {str(k): NounTrigger(_check_measures(file, tuple(v["measures"])), frozenset(v.get("with") or ()),
                                 frozenset(v.get("without") or ()),
                                 frozenset(v["verbs"]) if v.get("verbs") else None)
             for k, v in _section(file, data, "nouns").items()}
    list_verbs = {str(k): _check_measures(file, (str(v),))[0] for k, v in _section(file, data, "list_verbs").items()}
    return Triggers(
        cue=_regex(file, _section(file, data, "cue")), cue_ignore=_regex(file, _section(file, data, "cue_ignore")),
        verbs=verb_table("verbs"),
        authority_verbs=verb_table("authority_verbs"), nouns=nouns, light_verbs=words("light_verbs"),
        lift_verbs=words("lift_verbs"), list_verbs=list_verbs,
        list_words=_regex(file, _section(file, data, "list_words")),
        background_words=words("background_words"), holdings=words("holdings"),
        property_verbs={str(k): _check_measures(file, (str(v),))[0]
                        for k, v in _section(file, data, "property_verbs").items()},
        copular_property=_check_measures(file, (str(_section(file, data, "copular_property")),))[0],
        property_words=words("property_words"),
        craft_names=tuple(_regex(file, str(p), 0) for p in _section(file, data, "craft_names")),
        plural_pronouns=words("plural_pronouns"), singular_pronouns=words("singular_pronouns"),
        anaphoric_targets=_regex(file, _section(file, data, "anaphoric_targets")),
        cataphoric_targets=_regex(file, _section(file, data, "cataphoric_targets")),
        previously_marked=_regex(file, _section(file, data, "previously_marked")), modal_words=words("modal_words"),
        conditional_marks=words("conditional_marks"), hypothetical_verbs=words("hypothetical_verbs"),
        hypothetical_nouns=words("hypothetical_nouns"),
        adjective_authority_prefix=_regex(file, _section(file, data, "adjective_authority_prefix")),
        anaphoric_subjects=_regex(file, _section(file, data, "anaphoric_subjects")),
        continuation=_regex(file, _section(file, data, "continuation")),
        action_reference=_regex(file, _section(file, data, "action_reference")),
        list_item=_regex(file, _section(file, data, "list_item")))


@cache
def authorities() -> tuple[Authority, ...]:
    """The authority table; every parent must be an authority of the table."""
    file = "events_authorities.yml"
    found = []
    for spec in _section(file, data_mapping(file), "authorities"):
        implies = {str(k): _check_measures(file, tuple(v)) for k, v in (spec.get("implies") or {}).items()}
        found.append(Authority(str(spec["name"]), str(spec["country"]), spec.get("parent"),
                               tuple(str(a) for a in spec["aliases"]), implies,
                               tuple(str(p) for p in spec.get("publishers") or ())))
    names = {a.name for a in found}
    for authority in found:
        if authority.parent is not None and authority.parent not in names:
            raise ConfigError(f"{file}: {authority.name}: unknown parent {authority.parent!r}")
    return tuple(found)


@cache
def programs() -> tuple[Program, ...]:
    """The programme patterns in file order."""
    file = "events_programs.yml"
    return tuple(Program(_regex(file, str(p["pattern"]), 0), str(p["name"]))
                 for p in _section(file, data_mapping(file), "programs"))


@cache
def program_mask() -> re.Pattern[str]:
    """Legal-basis phrases to hide from the parser: an opener, a programme, an amendment, a quoted title."""
    file = "events_programs.yml"
    data = data_mapping(file)
    openers = "|".join(re.escape(o) for o in _section(file, data, "mask_openers"))
    names = "|".join(f"(?:{p.pattern.pattern})" for p in programs())
    return _regex(file, rf"(?:{openers})\s+(?:the\s+)?(?:{names}){_section(file, data, 'mask_suffix')}", 0)


@cache
def reasons() -> Reasons:
    """The reason markers."""
    file = "events_reasons.yml"
    data = data_mapping(file)
    return Reasons(
        prepositions=frozenset(_section(file, data, "prepositions")),
        verbs={str(k): (str(v) if v is not None else None) for k, v in _section(file, data, "verbs").items()},
        marks=frozenset(_section(file, data, "marks")), phrases=tuple(_section(file, data, "phrases")),
        not_reasons=frozenset(_section(file, data, "not_reasons")),
        speech_verbs=frozenset(_section(file, data, "speech_verbs")),
        statement_words=frozenset(_section(file, data, "statement_words")))


@cache
def _kind_words() -> dict[str, str]:
    """Group noun (lower case) → kind of party."""
    kinds = _section(_KINDS_FILE, data_mapping(_KINDS_FILE), "kinds")
    return {str(word).lower(): str(kind) for kind, words in kinds.items() for word in words}


def group_labels(words: str) -> frozenset[str] | None:
    """The mention labels of the parties a group phrase names ("the following six individuals" → PERSON),
    from its first group noun; None when the phrase names no kind or a kind any label may carry."""
    table = _kind_words()
    for word in re.findall(r"[A-Za-z]+", words.lower()):
        if word in table:
            return _KIND_LABELS.get(table[word])
    return None
