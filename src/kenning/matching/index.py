"""The candidate index: every name and alias of every listed party, searchable by retrieval keys.

Keys (see :mod:`kenning.matching.keys`) are stored as a sorted array of 63-bit hashes with CSR
postings (numpy), so a lookup is one ``searchsorted`` and a weighted ``bincount`` over the postings;
nothing per name is a Python object on the hot path. The index is persisted next to the store and
reused while the store's current versions are unchanged.
"""

from __future__ import annotations

import math
import os
import pickle
import secrets
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kenning.matching.features import prepare
from kenning.matching.keys import birth_keys, hash_key, name_keys
from kenning.matching.records import EntityRecord, NameRecord, RawEntity

__all__ = ["CandidateIndex", "build_index"]

#: Bumped whenever the pickled layout changes (part of the file name, so old files are never read).
FORMAT = 5


@dataclass
class CandidateIndex:
    """Listed parties, their analysed names, and the key → names postings."""

    entities: list[EntityRecord]
    name_entity: npt.NDArray[np.int32]
    name_slot: npt.NDArray[np.int32]
    key_hashes: npt.NDArray[np.int64]
    offsets: npt.NDArray[np.int64]
    postings: npt.NDArray[np.int32]
    idf: npt.NDArray[np.float32]
    rarity: dict[str, float]
    fingerprint: str

    @property
    def size(self) -> int:
        return len(self.name_entity)

    def lookup(self, keys: list[str]) -> npt.NDArray[np.int64]:
        """Position of each key in the index, -1 for keys no name has."""
        hashes = np.fromiter((hash_key(k) for k in keys), dtype=np.int64, count=len(keys))
        pos = np.searchsorted(self.key_hashes, hashes)
        pos[pos >= len(self.key_hashes)] = 0
        return np.where(self.key_hashes[pos] == hashes, pos, -1)

    def retrieve(self, positions: npt.NDArray[np.int64],
                 weights: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """The names sharing any of the found keys, and each one's summed weight x idf over those keys."""
        keep = positions >= 0
        pos, w = positions[keep], weights[keep] * self.idf[positions[keep]]
        starts, ends = self.offsets[pos], self.offsets[pos + 1]
        if not len(pos) or int((ends - starts).sum()) == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        names = np.concatenate([self.postings[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)])
        unique, inverse = np.unique(names, return_inverse=True)
        sums = np.bincount(inverse, weights=np.repeat(w, ends - starts))
        return unique.astype(np.int64), sums.astype(np.float64, copy=False)

    def save(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"index-{self.fingerprint}.pkl"
        # A temporary name of this process's own: two processes (a server and `lists load`) may build the
        # same index at once; each renames its own complete file over the target.
        tmp = folder / f".index-{self.fingerprint}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        try:
            with tmp.open("wb") as fh:
                pickle.dump((FORMAT, self), fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(target)
        finally:
            tmp.unlink(missing_ok=True)
        return target

    @staticmethod
    def load(path: Path) -> CandidateIndex | None:
        try:
            with path.open("rb") as fh:
                version, index = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
            return None
        return index if version == FORMAT and isinstance(index, CandidateIndex) else None


def _rarity(entities: list[RawEntity]) -> dict[str, float]:
    """Token informativeness from how many names carry it: rare parts weigh more than common ones."""
    counts: Counter[str] = Counter()
    total = 0
    for raw in entities:
        for _prop, analysis in raw.names:
            total += 1
            counts.update(set(analysis.canonical))
    reference = math.log(total / 5) if total > 5 else 1.0
    return {tok: min(1.2, max(0.4, math.log(total / df) / reference)) for tok, df in counts.items() if df > 5}


def build_index(raw_entities: list[RawEntity], fingerprint: str) -> CandidateIndex:
    """Build postings for every name of every party, and the parties' scoring records."""
    rarity = _rarity(raw_entities)
    name_entity: list[int] = []
    name_slot: list[int] = []
    key_list: list[int] = []
    name_list: list[int] = []
    entities: list[EntityRecord] = []
    for e_index, raw in enumerate(raw_entities):
        records = []
        for slot, (prop, analysis) in enumerate(raw.names):
            n_index = len(name_entity)
            name_entity.append(e_index)
            name_slot.append(slot)
            records.append(NameRecord(e_index, prop, prepare(analysis, rarity)))
            for key in [*name_keys(analysis), *birth_keys(raw.record.birth_dates)]:
                key_list.append(hash_key(key))
                name_list.append(n_index)
        entities.append(replace(raw.record, names=tuple(records)))
    hashes = np.array(key_list, dtype=np.int64)
    names = np.array(name_list, dtype=np.int32)
    order = np.lexsort((names, hashes))
    hashes, names = hashes[order], names[order]
    unique, starts, counts = np.unique(hashes, return_index=True, return_counts=True)
    offsets = np.append(starts, len(hashes)).astype(np.int64)
    idf = np.log1p(len(name_entity) / counts).astype(np.float32)
    return CandidateIndex(
        entities=entities, name_entity=np.array(name_entity, dtype=np.int32),
        name_slot=np.array(name_slot, dtype=np.int32), key_hashes=unique.astype(np.int64), offsets=offsets,
        postings=names, idf=idf, rarity=rarity, fingerprint=fingerprint)
