"""Compact, picklable views of list entities and queries: just what scoring reads.

Scoring never touches FtM objects: at index build time every listed party becomes an
:class:`EntityRecord` (its names analysed once, its birth dates, countries and identifier numbers
cleaned once), and every query becomes a :class:`QueryRecord` the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from followthemoney.types import registry

from kenning.matching.features import Memo, Prepared, prepare
from kenning.matching.types import Query, clean_id_number
from kenning.model import Entity, caption
from kenning.names import NameAnalysis, analyze, lookalike_reading, normalize, revised_reading

__all__ = [
    "ID_PROPS",
    "NAME_PROPS",
    "EntityRecord",
    "NameRecord",
    "QueryRecord",
    "RawEntity",
    "entity_record",
    "query_record",
]

#: Name properties and the small discount a match through each carries (primary names rank first).
NAME_PROPS: dict[str, float] = {"name": 1.0, "alias": 0.99, "previousName": 0.98, "weakAlias": 0.95}

#: Identifier properties compared as exact numbers.
ID_PROPS = ("passportNumber", "idNumber", "taxNumber", "registrationNumber", "innCode", "ogrnCode", "okpoCode",
            "leiCode", "swiftBic", "imoNumber", "mmsi", "vatCode", "callSign", "serialNumber")

_COUNTRY_PROPS = ("nationality", "citizenship", "country", "birthCountry", "jurisdiction", "flag")


@dataclass(frozen=True, slots=True)
class NameRecord:
    """One name of a listed party, prepared for scoring."""

    entity: int
    prop: str
    name: Prepared


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """One listed party as scoring sees it."""

    id: str
    dataset: str
    schema: str
    caption: str
    names: tuple[NameRecord, ...]
    birth_dates: tuple[str, ...]
    countries: frozenset[str]
    id_numbers: frozenset[str]


@dataclass(frozen=True, slots=True)
class RawEntity:
    """A listed party before indexing: its record without names, and its analysed names by property."""

    record: EntityRecord
    names: tuple[tuple[str, NameAnalysis], ...]


@dataclass(frozen=True, slots=True)
class QueryRecord:
    """A validated query with its names analysed and prepared."""

    query: Query
    analyses: tuple[NameAnalysis, ...]
    names: tuple[Prepared, ...]
    birth_dates: tuple[str, ...]
    countries: frozenset[str]
    id_numbers: frozenset[str]
    #: One memo of part pairings per query name, filled while scoring (see ``features.name_score``).
    memos: tuple[Memo, ...] = ()
    #: The memos of other similarity rules (an algorithm's profile name -> one memo per query name).
    other_memos: dict[str, tuple[Memo, ...]] = field(default_factory=dict)

    def memos_for(self, profile: str) -> tuple[Memo, ...]:
        """The memos of the similarity rules called ``profile`` (``"v1"``: :attr:`memos`), one per name."""
        if profile == "v1":
            return self.memos or tuple({} for _ in self.names)
        found = self.other_memos.get(profile)
        if found is None:
            found = self.other_memos[profile] = tuple({} for _ in self.names)
        return found


def _countries(entity: Entity) -> frozenset[str]:
    return frozenset(v for p in _COUNTRY_PROPS for v in entity.get(p, quiet=True))


def entity_record(entity: Entity) -> RawEntity:
    """Analyse every name of a listed party once (deduplicated by canonical form)."""
    schema = entity.schema.name
    seen: set[tuple[str, ...]] = set()
    names = []
    for prop in NAME_PROPS:
        for value in entity.get(prop, quiet=True):
            analysis = analyze(value, schema)
            if analysis.is_empty or analysis.canonical in seen:
                continue
            seen.add(analysis.canonical)
            names.append((prop, analysis))
    ids = frozenset(clean_id_number(v) for p in ID_PROPS for v in entity.get(p, quiet=True))
    dataset = str(entity.id).split("-", 1)[0]
    birth = tuple(sorted(set(entity.get("birthDate", quiet=True))))
    record = EntityRecord(id=str(entity.id), dataset=dataset, schema=schema, caption=caption(entity),
                          names=(), birth_dates=birth, countries=_countries(entity),
                          id_numbers=frozenset(i for i in ids if len(i) >= 4))
    return RawEntity(record, tuple(names))


def _readings(names: tuple[str, ...]) -> list[str]:
    """Each name, and beside it the Latin name it imitates when it is written in look-alike letters, and
    the lists' spelling of a Korean name written in the Revised Romanization."""
    out = []
    for name in names:
        out.append(name)
        for other in (lookalike_reading(name), revised_reading(name)):
            if other is not None and normalize(other) != normalize(name):
                out.append(other)
    return out


def query_record(query: Query, rarity: dict[str, float] | None = None) -> QueryRecord:
    """Analyse a query's names as names of its schema (with the Latin reading of a name written in
    look-alike letters of another script); names with nothing left are dropped."""
    analyses = tuple(a for a in (analyze(n, query.schema) for n in _readings(query.names)) if not a.is_empty)
    countries = frozenset(str(c) for c in (registry.country.clean(v) for v in query.countries) if c)
    return QueryRecord(query=query, analyses=analyses, names=tuple(prepare(a, rarity) for a in analyses),
                       birth_dates=query.birth_dates, countries=countries, memos=tuple({} for _ in analyses),
                       id_numbers=frozenset(i for i in query.id_numbers if len(i) >= 4))
