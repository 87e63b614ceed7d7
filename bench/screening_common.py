"""Shared pieces of the screening benchmarks: the scratch store, the listed parties as the dev set sees
them, dev-set cases and their queries, and scoring a case (a hit = an expected id among the matches).

The store lives under ``KENNING_HOME`` (default ``/tmp/kenning-bench-home``); when it holds no lists,
the bundled snapshots under ``data/lists`` are loaded into it first (about 10 s).
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kenning import settings
from kenning.model import Entity

__all__ = ["DEVSET", "Case", "Party", "Verdict", "case_query", "judge", "load_parties", "read_cases",
           "use_home"]

DEVSET = Path(__file__).parent / "data" / "screening_dev.jsonl"
DEFAULT_HOME = Path("/tmp/kenning-bench-home")
TARGETS = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")
NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
NUMBER_PROPS = ("passportNumber", "idNumber", "taxNumber", "registrationNumber", "innCode", "ogrnCode",
                "imoNumber", "leiCode", "swiftBic")
_NUMBER_JUNK = re.compile(r"[^0-9A-Z]+")


def use_home(home: Path | None = None, load: bool = True) -> Path:
    """Point Kenning at ``home`` (or $KENNING_HOME, or the default) and load the bundled lists if empty."""
    target = home or Path(os.environ.get("KENNING_HOME") or DEFAULT_HOME)
    os.environ["KENNING_HOME"] = str(target)
    os.environ.pop("KENNING_DB", None)
    os.environ.pop("KENNING_INDEX_DIR", None)
    settings.reload()
    if load:
        from kenning.store import open_store
        from kenning.store.service import load_lists

        store = open_store()
        if not store.current_versions():
            load_lists(store, show_progress=False)
        store.engine.dispose()
    return target


def _clean_number(value: str) -> str | None:
    cleaned = _NUMBER_JUNK.sub("", value.upper())
    return cleaned if len(cleaned) >= 6 and sum(c.isdigit() for c in cleaned) >= 4 else None


@dataclass
class Party:
    """A listed party as the dev set sees it (read from the store, not from Kenning's index)."""

    id: str
    dataset: str
    schema: str
    names: list[tuple[str, str]]
    birth_dates: list[str]
    countries: list[str]
    last_names: list[str]
    numbers: set[str] = field(default_factory=set)
    un_refs: set[str] = field(default_factory=set)

    @property
    def primary(self) -> str:
        return next((v for p, v in self.names if p == "name"), self.names[0][1] if self.names else "")

    @property
    def full_birth_dates(self) -> list[str]:
        return [d for d in self.birth_dates if len(d) == 10]

    def names_of(self, *props: str) -> list[str]:
        return [v for p, v in self.names if p in props]


def _party(entity: Entity) -> Party:
    names = [(p, v) for p in NAME_PROPS for v in sorted(entity.get(p, quiet=True))]
    countries = sorted({v for p in ("nationality", "citizenship", "country") for v in entity.get(p, quiet=True)})
    numbers = {n for p in NUMBER_PROPS for v in entity.get(p, quiet=True) if (n := _clean_number(v))}
    return Party(id=str(entity.id), dataset=str(entity.id).split("-", 1)[0], schema=entity.schema.name,
                 names=names, birth_dates=sorted(entity.get("birthDate", quiet=True)), countries=countries,
                 last_names=sorted(entity.get("lastName", quiet=True)), numbers=numbers)


def load_parties(keep_entities: bool = False) -> tuple[dict[str, Party], dict[str, Entity]]:
    """Every listed party of the current store versions (sorted by id), with UN references from its
    Sanction records and identifier numbers from its flat properties; optionally the FtM entities too."""
    from kenning.store import open_store

    store = open_store()
    parties: dict[str, Party] = {}
    entities: dict[str, Entity] = {}
    un_refs: dict[str, set[str]] = defaultdict(set)
    for entity in store.iter_entities():
        schema = entity.schema.name
        if schema == "Sanction":
            for ref in entity.get("unscId", quiet=True):
                for target in entity.get("entity", quiet=True):
                    un_refs[target].add(ref.strip().upper())
        elif schema in TARGETS:
            parties[str(entity.id)] = _party(entity)
            if keep_entities:
                entities[str(entity.id)] = entity
    store.engine.dispose()
    for target, refs in un_refs.items():
        if target in parties:
            parties[target].un_refs = refs
    return dict(sorted(parties.items())), entities


@dataclass
class Case:
    """One dev-set line."""

    cls: str
    query: dict[str, Any]
    expected: list[str]
    note: str
    split: str
    sub: str = ""

    @property
    def label(self) -> str:
        return f"{self.cls}/{self.sub}" if self.sub else self.cls

    @property
    def positive(self) -> bool:
        return bool(self.expected)

    def to_json(self) -> str:
        row: dict[str, Any] = {"class": self.cls}
        if self.sub:
            row["subclass"] = self.sub
        row.update({"query": self.query, "expected": self.expected, "note": self.note, "split": self.split})
        return json.dumps(row, ensure_ascii=False, sort_keys=False)


def read_cases(path: Path = DEVSET) -> list[Case]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out.append(Case(row["class"], row["query"], row["expected"], row.get("note", ""),
                            row.get("split", "dev"), row.get("subclass", "")))
    return out


def case_query(query: dict[str, Any]) -> Any:
    """The :class:`kenning.matching.Query` of a dev-set query (InputError for unusable input)."""
    from kenning.matching import Query

    return Query.build(query["name"], schema=query.get("schema"),
                       birth_dates=[query["birth_date"]] if query.get("birth_date") else [],
                       countries=[query["country"]] if query.get("country") else [],
                       datasets=query.get("datasets", ()), exclude_datasets=query.get("exclude_datasets", ()))


@dataclass
class Verdict:
    """How one algorithm did on one case."""

    hit: bool
    top1: bool
    alert: bool
    wrong_alerts: list[str]
    best: tuple[str, float] | None


def judge(expected: Iterable[str], ranked: list[tuple[str, float, bool]]) -> Verdict:
    """``ranked``: (id, score, match) best first. A hit is an expected id among the matches; top-1 is a
    matching expected id ranked first (ties with a counterpart of the same party count)."""
    wanted = set(expected)
    matches = [(i, s) for i, s, m in ranked if m]
    hit = any(i in wanted for i, _s in matches)
    top1 = bool(matches) and ranked[0][2] and (ranked[0][0] in wanted or any(
        i in wanted for i, s in matches if s >= ranked[0][1]))
    return Verdict(hit=hit, top1=bool(top1), alert=bool(matches),
                   wrong_alerts=[i for i, _s in matches if i not in wanted],
                   best=(ranked[0][0], ranked[0][1]) if ranked else None)
