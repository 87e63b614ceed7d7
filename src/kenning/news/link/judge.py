"""Weighing a screening candidate against what the article says around the mention.

:class:`Facts` are what the lists say about a candidate beyond its names (countries, positions,
programmes, related parties, the listing's reasons and notes), read once per entity from the store.
:func:`judge` compares them with a :class:`~kenning.news.link.context.Cluster` and returns the
matcher's score moved by each piece of context that confirms or weakens the link, with the reasons
in words. The effect sizes live in ``data/link_rules.yml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from followthemoney.types import registry
from rapidfuzz import fuzz

from kenning.errors import ConfigError
from kenning.matching import Result
from kenning.matching.records import EntityRecord
from kenning.matching.similarity import PHONETIC
from kenning.matching.similarity_v2 import token_similarity_v2
from kenning.model import Entity
from kenning.names import analyze, canonical_token, normalize
from kenning.news.datafile import data_mapping
from kenning.news.link.context import Cluster
from kenning.news.nlp.gazetteer import gazetteer
from kenning.news.nlp.lexicon import lexicon

__all__ = ["Facts", "Rules", "Verdict", "facts_of", "judge", "listed_word", "rules", "spelled_alike", "surname_matches"]

RULES_FILE = "link_rules.yml"
_COUNTRY_PROPS = ("nationality", "citizenship", "country", "birthCountry", "jurisdiction")
_TEXT_PROPS = ("notes", "position", "summary")
_NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
_WORD = re.compile(r"[a-z0-9]+")
#: Spelling similarity (0-100) at which a word of the article counts as the listed surname.
SURNAME_SIMILARITY = 80


@dataclass(frozen=True)
class Rules:
    """The numbers of ``data/link_rules.yml``."""

    limit: int
    near_miss: float
    tie_margin: float
    name_tie_margin: float
    surname_floor: float
    surname_confirmations: int
    sure_name: float
    effects: dict[str, float]
    position_stopwords: frozenset[str]
    loose_legal_forms: frozenset[str]
    position_synonyms: dict[str, str]
    #: Confirmations a one-word person name needs when its title is the listed position of one candidate only.
    titled_surname_confirmations: int


@cache
def rules() -> Rules:
    """The linker's rules, checked."""
    data = data_mapping(RULES_FILE)
    try:
        effects = {str(k): float(v) for k, v in data["effects"].items()}
        found = Rules(int(data["limit"]), float(data["near_miss"]), float(data["tie_margin"]),
                      float(data["name_tie_margin"]),
                      float(data["surname_floor"]), int(data["surname_confirmations"]),
                      float(data["sure_name"]), effects,
                      frozenset(str(w) for w in data["position_stopwords"]),
                      frozenset(str(w) for w in data["loose_legal_forms"]),
                      {str(k): str(v) for k, v in data["position_synonyms"].items()},
                      int(data["titled_surname_confirmations"]))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"news data file {RULES_FILE} is incomplete or malformed: {exc!r}") from exc
    needed = {"role_country", "role_country_conflict", "sentence_country", "sentence_country_conflict",
              "position", "related_org", "related_party", "longer_listed_name", "longer_listed_name_cap",
              "reason_org", "program"}
    if needed - set(effects):
        raise ConfigError(f"news data file {RULES_FILE} lacks effects {sorted(needed - set(effects))}")
    return found


@dataclass(frozen=True)
class Facts:
    """What the lists say about one candidate, beyond its names."""

    countries: frozenset[str]
    positions: tuple[str, ...]
    program_countries: frozenset[str]
    related: frozenset[str]
    #: Normalised words of reasons, notes and positions.
    text_words: frozenset[str]
    #: Normalised words of every listed name and alias.
    name_words: frozenset[str] = frozenset()
    #: The distinctive (strong, canonical) words of each listed name and alias.
    name_sets: tuple[frozenset[str], ...] = ()
    #: Normalised words of the listed surnames (``lastName``; empty when the list gives none).
    surnames: frozenset[str] = frozenset()
    #: Countries of the parties the lists relate it to (filled by the linker: Wagner's Malian officers).
    associate_countries: frozenset[str] = frozenset()
    #: Countries of the authorities whose sanctions list it (us for an OFAC entry).
    authority_countries: frozenset[str] = frozenset()


def _program_countries(programs: list[str]) -> frozenset[str]:
    return frozenset(code for program in dict.fromkeys(programs) for code in _program_codes(program))


@cache
def _program_codes(program: str) -> frozenset[str]:
    """The countries one programme name names, whole or by its words (a few hundred programme names
    recur across thousands of entries: each is read once per process)."""
    codes = set()
    for piece in (program, *re.split(r"[^A-Za-z]+", program)):
        place = gazetteer().lookup_text(piece.title()) if piece else None
        if place is not None and place.code and place.label in ("GPE", "NORP"):
            codes.add(place.code)
    return frozenset(codes)


def _plain(text: str) -> str:
    """Lower case without accents (for reasons and notes of any length)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _names(entity: Entity, record: EntityRecord | None) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """Every word of the listed names, and the strong canonical words of each name: from the screener's
    index when it has the entity (already analysed), else analysed here."""
    if record is not None and record.names:
        originals = [n.name.original for n in record.names]
        parts = {frozenset(t for t, weak in zip(n.name.tokens, n.name.weak, strict=True) if not weak)
                 for n in record.names}
    else:
        originals = [v for p in _NAME_PROPS for v in entity.get(p, quiet=True)]
        parts = {frozenset(analyze(v, entity.schema.name).strong_tokens) for v in originals}
    words = frozenset(w for v in originals for w in _WORD.findall(_plain(v)))
    return words, tuple(sorted(parts - {frozenset()}, key=sorted))  # in one order in every process


def facts_of(entity: Entity | None, records: list[Entity], record: EntityRecord | None = None) -> Facts:
    """Facts from a listed entity, the records pointing at it (sanctions, links, identifiers) and, when
    given, its screening record (for the names)."""
    if entity is None:
        return Facts(frozenset(), (), frozenset(), frozenset(), frozenset())
    countries = {v for p in _COUNTRY_PROPS for v in entity.get(p, quiet=True)}
    programs = list(entity.get("program", quiet=True))
    texts = [v for p in _TEXT_PROPS for v in entity.get(p, quiet=True)]
    related: set[str] = set()
    for linked in records:
        programs.extend(linked.get("program", quiet=True))
        texts.extend(linked.get("reason", quiet=True))
        for prop in linked.schema.properties.values():
            if prop.type == registry.entity:
                related.update(v for v in linked.get(prop) if v not in (entity.id, linked.id))
    words = frozenset(w for t in texts for w in _WORD.findall(_plain(t)))
    names, sets = _names(entity, record)
    surnames = frozenset(w for v in entity.get("lastName", quiet=True) for w in _WORD.findall(_plain(v)))
    authorities = frozenset(v for r in records if r.schema.name == "Sanction" for v in r.get("country", quiet=True))
    return Facts(frozenset(countries), tuple(entity.get("position", quiet=True)), _program_countries(programs),
                 frozenset(related), words, names, sets, surnames, authority_countries=authorities)


@dataclass
class Verdict:
    """A candidate's score after context, and why."""

    result: Result
    score: float
    confirmed: list[str] = field(default_factory=list)
    weakened: list[str] = field(default_factory=list)
    effects: dict[str, float] = field(default_factory=dict)

    def add(self, effect: str, value: float, reason: str) -> None:
        self.score += value
        self.effects[effect] = round(value, 4)
        (self.confirmed if value > 0 else self.weakened).append(reason)

    def evidence(self, cluster: Cluster) -> dict[str, Any]:
        """The matcher's feature scores plus the context that confirmed or weakened the link."""
        evidence = {"name": round(self.result.score, 4), "matched_name": self.result.matched_name,
                    "features": {k: round(v.score, 4) for k, v in self.result.explanation.items()},
                    "query": cluster.query, "context": cluster.describe_context(), "effects": self.effects,
                    "confirmed_by": self.confirmed, "weakened_by": self.weakened}
        if cluster.split_from:
            evidence["split_from"] = cluster.split_from
        return evidence


def _position_words(text: str) -> set[str]:
    r = rules()
    words = {r.position_synonyms.get(w, w) for w in _WORD.findall(normalize(text))}
    return {w for w in words if w not in r.position_stopwords and len(w) > 1}


def _position_match(roles: list[str], positions: tuple[str, ...]) -> str | None:
    lex = lexicon()
    for role in roles:
        mine = _position_words(role)
        for position in positions:
            shared = mine & _position_words(position)
            if len(shared) >= 2 or (shared and any(lex.is_head(w) for w in shared) and len(mine) == 1):
                return f"role {role!r} ~ listed position {position!r}"
    return None


def _org_words(name: str) -> frozenset[str]:
    """The distinctive words of an organisation's name ("Wagner Group" → {"wagner"})."""
    generic = lexicon().org_generic_words | rules().position_stopwords
    return frozenset(w for w in _WORD.findall(normalize(name)) if w not in generic)


def judge(cluster: Cluster, result: Result, facts: Facts, linked: dict[tuple[str, str], set[str]]) -> Verdict:
    """The candidate's score moved by the article's context (see ``data/link_rules.yml``)."""
    verdict = Verdict(result, result.score)
    _judge_countries(cluster, facts, verdict)
    position = _position_match(cluster.roles, facts.positions)
    if position:
        verdict.add("position", rules().effects["position"], position)
    _judge_orgs(cluster, facts, linked, verdict)
    if cluster.label == "ORG":
        _judge_longer_name(cluster, facts, verdict)
    verdict.score = min(1.0, max(0.0, verdict.score))
    return verdict


def _judge_countries(cluster: Cluster, facts: Facts, verdict: Verdict) -> None:
    """Countries of the role and of the sentences against the listed ones. Places nearby that are none of
    the listed countries weaken a candidate only when they are not tied to it either, by its programme or
    by the listed countries of the parties the lists relate it to ("Wagner au Mali": Wagner is listed in
    Russia, and its listed associates include Malian officers), and the country of an authority that
    lists it says nothing against it ("ses avoirs aux États-Unis", "selon Washington": the sanctioning
    power, named beside its designee)."""
    effects = rules().effects
    elsewhere = cluster.sentence_countries - facts.authority_countries
    if cluster.role_countries and facts.countries:
        if cluster.role_countries & facts.countries:
            codes = ", ".join(sorted(cluster.role_countries & facts.countries))
            verdict.add("role_country", effects["role_country"], f"country {codes} of the role is the listed one")
        else:
            verdict.add("role_country", effects["role_country_conflict"],
                        f"role country {', '.join(sorted(cluster.role_countries))} is not the listed "
                        f"{', '.join(sorted(facts.countries))}")
    elif cluster.sentence_countries & facts.countries:
        codes = ", ".join(sorted(cluster.sentence_countries & facts.countries))
        verdict.add("sentence_country", effects["sentence_country"], f"country {codes} named nearby is listed")
    elif elsewhere and facts.countries and not (
            cluster.sentence_countries & (facts.program_countries | facts.associate_countries)):
        verdict.add("sentence_country", effects["sentence_country_conflict"],
                    f"countries named nearby ({', '.join(sorted(elsewhere))}) are not the "
                    f"listed {', '.join(sorted(facts.countries))}")
    if (cluster.sentence_countries | cluster.role_countries) & facts.program_countries:
        codes = ", ".join(sorted((cluster.sentence_countries | cluster.role_countries) & facts.program_countries))
        verdict.add("program", effects["program"], f"country {codes} named nearby is in the listed programme")


def _judge_orgs(cluster: Cluster, facts: Facts, linked: dict[tuple[str, str], set[str]], verdict: Verdict) -> None:
    """An organisation nearby (or any party the article links) that the lists relate to the candidate, else
    an organisation nearby that its listing names."""
    effects = rules().effects
    for key, name in sorted(cluster.orgs.items()):
        ids = linked.get(key, set())
        if ids & facts.related:
            verdict.add("related_org", effects["related_org"], f"{name!r} nearby is linked to it in the lists")
            return
    for key, ids in sorted(linked.items()):
        if key != cluster.key and ids & facts.related:
            verdict.add("related_party", effects["related_party"],
                        f"{key[1]!r}, named in the article, is linked to it in the lists")
            return
    for name in sorted(set(cluster.orgs.values())):
        words = _org_words(name)
        if words and words <= facts.text_words:
            verdict.add("reason_org", effects["reason_org"], f"{name!r} nearby is named in its listing")
            return


def _judge_longer_name(cluster: Cluster, facts: Facts, verdict: Verdict) -> None:
    """A listed name that says much more than the article's ("Ministry of Defense of the Russian
    Federation" against "223 FLIGHT UNIT STATE AIRLINES OF THE MINISTRY OF DEFENSE OF THE RUSSIAN
    FEDERATION") names another body, often a subordinate one: each extra word beyond the first costs."""
    query = frozenset(analyze(cluster.query, "Organization").strong_tokens)
    if not query or not facts.name_sets:
        return
    best = max(facts.name_sets, key=lambda listed: (len(query & listed), -len(listed - query)))
    extra, missing = len(best - query), len(query - best)
    effects = rules().effects
    if extra >= 2 and extra > missing:
        value = max(effects["longer_listed_name_cap"], effects["longer_listed_name"] * (extra - 1))
        verdict.add("longer_listed_name", value,
                    f"the listed name adds {', '.join(sorted(best - query))} to {cluster.query!r}")


def surname_matches(name: str, facts: Facts) -> bool:
    """Whether a word of the article's name is the listed surname, allowing for spelling
    (``"Kosykhina"`` ~ ``"KOSIKHINA"``) and for another language's romanisation as the matcher reads it
    (``"Prigojine"`` ~ ``"PRIGOZHIN"``: a phonetic key shared by two words that differ in few letters, not a
    key alone: "Mohammad" and "MAHMOOD" share one); True when the list gives no surname."""
    if not facts.surnames:
        return True
    words = set(_WORD.findall(normalize(name)))
    for word in words:
        for surname in facts.surnames:
            if (canonical_token(word) == canonical_token(surname) or fuzz.ratio(word, surname) >= SURNAME_SIMILARITY
                    or token_similarity_v2(word, surname) >= PHONETIC):
                return True
    return False


def listed_word(word: str, facts: Facts) -> bool:
    """Whether one word is a whole word of a listed name, or a listed surname in another romanisation as the
    matcher reads it ("Poutine" ~ PUTIN: the phonetic equivalence of :func:`spelled_alike`, not an edit
    ratio: "GoR" is not "GORA")."""
    key = normalize(word)
    return key in facts.name_words or any(token_similarity_v2(key, s) >= PHONETIC for s in facts.surnames)


def spelled_alike(name: str, schema: str, facts: Facts) -> bool:
    """Whether the article's name is one of the listed names word for word, each word the listed one or
    its spelling in another romanisation as the matcher reads it ("Vladimir Poutine" ~ "Vladimir PUTIN",
    "Evgueni Prigojine" ~ "Evgeny PRIGOZHIN"): the same name, whatever its lower name score."""
    words = analyze(name, schema).strong_tokens
    for listed in facts.name_sets:
        if len(listed) != len(set(words)) or not words:
            continue
        left = set(listed)
        for word in words:
            found = next((w for w in sorted(left) if w == word or token_similarity_v2(word, w) >= PHONETIC), None)
            if found is None:
                break
            left.discard(found)
        else:
            return True
    return False
