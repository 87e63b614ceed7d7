"""What customers are screened against: listed parties (or news mentions) as scoring records, with an
index from retrieval keys to their names.

Records are the matcher's own (:func:`kenning.matching.records.entity_record`), their names prepared with
the profile's pinned part rarity, so a party scores the same in every run of one profile. The analysed
names of every current party are cached under ``MONITOR_DIR`` by (entity id, content hash): a new list
version re-analyses only the parties it changed.
"""

from __future__ import annotations

import hashlib
import pickle
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt
import orjson

from kenning import settings
from kenning.matching.features import prepare
from kenning.matching.records import EntityRecord, NameRecord, RawEntity, entity_record
from kenning.model import Entity
from kenning.monitor.parts import name_key_hashes
from kenning.names import NameAnalysis

__all__ = ["RawCache", "TargetIndex", "build_targets", "entity_stamp", "record_of"]


def entity_stamp(entity: Entity, records: Sequence[Entity]) -> str:
    """sha1 of a party and the records that hang off it (sanctions, passports, links): it changes exactly
    when the list's diff shows the party as changed."""
    body = [entity.to_dict()["properties"], sorted((r.id, r.to_dict()["properties"]) for r in records)]
    return hashlib.sha1(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


def record_of(raw: RawEntity, rarity: dict[str, float], position: int = 0) -> EntityRecord:
    """A party's scoring record with its names prepared under ``rarity``."""
    names = tuple(NameRecord(position, prop, prepare(analysis, rarity)) for prop, analysis in raw.names)
    return replace(raw.record, names=names)


@dataclass
class TargetIndex:
    """Scoring records of the targets, and key → target-name postings (sorted hashes, CSR)."""

    records: list[EntityRecord]
    analyses: list[list[NameAnalysis]]
    name_target: npt.NDArray[np.int32]
    name_slot: npt.NDArray[np.int32]
    key_hashes: npt.NDArray[np.int64]
    offsets: npt.NDArray[np.int64]
    postings: npt.NDArray[np.int32]
    dates: dict[str, list[int]] = field(default_factory=dict)
    numbers: dict[str, list[int]] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict)
    #: Names this index among others (what screening caches covers by).
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    def lookup(self, hashes: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """For each hash that some target name has: (index into ``hashes``, its postings' start and end)."""
        if not len(self.key_hashes) or not len(hashes):
            return np.zeros(0, dtype=np.int64), np.zeros((0, 2), dtype=np.int64)
        pos = np.searchsorted(self.key_hashes, hashes)
        pos[pos >= len(self.key_hashes)] = 0
        found = np.nonzero(self.key_hashes[pos] == hashes)[0]
        spans = np.stack([self.offsets[pos[found]], self.offsets[pos[found] + 1]], axis=1)
        return found.astype(np.int64), spans


def build_targets(raws: Sequence[RawEntity], rarity: dict[str, float]) -> TargetIndex:
    """Index the targets' names by their retrieval keys."""
    records, analyses = [], []
    name_target: list[int] = []
    name_slot: list[int] = []
    keys: list[int] = []
    owners: list[int] = []
    dates: dict[str, list[int]] = {}
    numbers: dict[str, list[int]] = {}
    for t, raw in enumerate(raws):
        records.append(record_of(raw, rarity, t))
        analyses.append([a for _p, a in raw.names])
        for slot, (_prop, analysis) in enumerate(raw.names):
            name = len(name_target)
            name_target.append(t)
            name_slot.append(slot)
            hashes = name_key_hashes(analysis)
            keys.extend(hashes)
            owners.extend([name] * len(hashes))
        for date in raw.record.birth_dates:
            if len(date) == 10:
                dates.setdefault(date, []).append(t)
        for number in raw.record.id_numbers:
            numbers.setdefault(number, []).append(t)
    key_array = np.array(keys, dtype=np.int64)
    name_array = np.array(owners, dtype=np.int32)
    order = np.lexsort((name_array, key_array))
    key_array, name_array = key_array[order], name_array[order]
    unique, starts = np.unique(key_array, return_index=True)
    return TargetIndex(records, analyses, np.array(name_target, dtype=np.int32), np.array(name_slot, dtype=np.int32),
                       unique.astype(np.int64), np.append(starts, len(key_array)).astype(np.int64), name_array,
                       dates, numbers, {r.id: i for i, r in enumerate(records)})


class RawCache:
    """Analysed parties by (id, content hash), kept in ``MONITOR_DIR`` between runs."""

    def __init__(self, matcher: str) -> None:
        self.path = settings.MONITOR_DIR / f"parties-{matcher}.pkl"
        self._items: dict[str, tuple[str, RawEntity]] = {}
        self._loaded = False
        self._dirty = False

    def _load(self) -> None:
        """Read the cache file on first use: a run that screens only changed entries (whose content is new,
        so the cache cannot hold them) never pays for reading every party."""
        self._loaded = True
        if self.path.exists():
            try:
                with self.path.open("rb") as fh:
                    self._items = pickle.load(fh) | self._items
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                pass

    def get(self, entities: Iterable[Entity], cached: bool = True) -> list[RawEntity]:
        """Each entity analysed (from the cache when its content is unchanged; ``cached=False`` analyses
        them without reading the cache file, for a few changed entries)."""
        if cached and not self._loaded:
            self._load()
        out = []
        for entity in entities:
            digest = hashlib.sha1(orjson.dumps(entity.to_dict()["properties"], option=orjson.OPT_SORT_KEYS)
                                  ).hexdigest()
            known = self._items.get(str(entity.id))
            if known is None or known[0] != digest:
                known = (digest, entity_record(entity))
                self._items[str(entity.id)] = known
                self._dirty = True
            out.append(known[1])
        return out

    def save(self) -> None:
        if not self._dirty:
            return
        if not self._loaded:
            self._load()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(self._items, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(self.path)
        self._dirty = False
