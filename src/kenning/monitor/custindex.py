"""The index over customer names: the matcher's retrieval keys of every customer name part, the other way
round — from a key to the customer names (and their parts) that have it.

A new or amended list entry (or a news mention) is screened against every customer through it: its keys
give the customer names that share them, and the parts they cover, so the pair rule of
:mod:`kenning.monitor.parts` is computed for all customers at once in numpy. The index is kept in
segments of ``.npy`` files under ``MONITOR_DIR/customers/`` (memory-mapped when read): the first run writes
one, each later run adds one for the customers it screened afresh, and many segments are compacted into
one. A posting records the customer's change counter (``seq``): postings of an older version of a
customer are ignored when read.

A segment also keeps each indexed customer name's analysis (the matcher's reading of the names and their
weights under the profile's rarity, pickled, keyed by a hash of the names and schema): a re-screen or a news
report scores the customers it reaches with the analysis made when they were indexed instead of analysing
their names again (about a third of what scoring a reached customer cost).
"""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import orjson

from kenning import settings
from kenning.matching.keys import hash_key
from kenning.monitor.parts import NameParts

__all__ = ["ANALYSIS_FORMAT", "CustomerIndex", "IndexedCustomer", "Segment", "build_segment", "date_key",
           "merge_segments", "names_key", "number_key"]

_ARRAYS = ("key_hashes", "offsets", "post_name", "post_part", "post_weight", "name_customer", "name_seq",
           "name_total", "qual_hashes", "qual_customer")
#: The stored analyses (absent from segments written before they were kept: those read as empty).
_BLOBS = ("blob_keys", "blob_offsets", "blob_data")
#: Part of every stored analysis: one of another format is not used (the names are analysed again).
ANALYSIS_FORMAT = 1
#: Segments kept before they are compacted into one.
MAX_SEGMENTS = 6


def date_key(date: str) -> int:
    return hash_key("b" + date)


def number_key(number: str) -> int:
    return hash_key("i" + number)


def names_key(names: Sequence[str], schema: str) -> int:
    """The key of a customer's names (as imported) and schema in the stored analyses."""
    return hash_key("a" + schema + "\x1e" + "\x1f".join(names))


@dataclass(frozen=True)
class IndexedCustomer:
    """What the index needs of one customer: its row id, change counter, name parts and qualifiers."""

    pk: int
    seq: int
    names: tuple[NameParts, ...]
    dates: tuple[str, ...]
    numbers: tuple[str, ...]
    #: (names_key, pickled analysis) of the customer's names, kept with the index.
    analysis: tuple[int, bytes] | None = None


@dataclass
class Segment:
    """Postings of some customers: key → (customer name, part, part weight), CSR over sorted key hashes."""

    key_hashes: npt.NDArray[np.int64]
    offsets: npt.NDArray[np.int64]
    post_name: npt.NDArray[np.int32]
    post_part: npt.NDArray[np.int8]
    post_weight: npt.NDArray[np.float32]
    name_customer: npt.NDArray[np.int64]
    name_seq: npt.NDArray[np.int64]
    name_total: npt.NDArray[np.float32]
    #: Sorted hashes of birth dates and identifier numbers, and the customer each belongs to.
    qual_hashes: npt.NDArray[np.int64]
    qual_customer: npt.NDArray[np.int64]
    #: Stored analyses: sorted names keys, their offsets in ``blob_data`` (one more), the pickled bytes.
    blob_keys: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    blob_offsets: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    blob_data: npt.NDArray[np.uint8] = field(default_factory=lambda: np.zeros(0, dtype=np.uint8))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name in _ARRAYS + _BLOBS:
            np.save(folder / f"{name}.npy", getattr(self, name))

    @classmethod
    def load(cls, folder: Path) -> Segment:
        found = [n for n in _ARRAYS + _BLOBS if n in _ARRAYS or (folder / f"{n}.npy").exists()]
        return cls(**{name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in found})

    def analysis(self, key: int) -> bytes | None:
        """The stored analysis of the names with this key, pickled, or None."""
        at = int(np.searchsorted(self.blob_keys, key))
        if at >= len(self.blob_keys) or int(self.blob_keys[at]) != key:
            return None
        return bytes(self.blob_data[int(self.blob_offsets[at]):int(self.blob_offsets[at + 1])])

    def cover(self, hashes: npt.NDArray[np.int64], target_names: npt.NDArray[np.int64],
              ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """For every (customer name, target name) sharing a key: customer name, target name, cover."""
        empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
        if not len(self.key_hashes) or not len(hashes):
            return empty
        pos = np.searchsorted(self.key_hashes, hashes)
        pos[pos >= len(self.key_hashes)] = 0
        hit = np.nonzero(self.key_hashes[pos] == hashes)[0]
        if not len(hit):
            return empty
        starts, ends = self.offsets[pos[hit]], self.offsets[pos[hit] + 1]
        spans = [np.arange(s, e) for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
        where = np.concatenate(spans)
        tname = np.repeat(target_names[hit], ends - starts)
        code = (self.post_name[where].astype(np.int64) << 24) | (self.post_part[where].astype(np.int64) << 16) | tname
        code, first = np.unique(code, return_index=True)
        weights = np.asarray(self.post_weight[where][first], dtype=np.float64)
        pair, inverse = np.unique(code >> 24 << 16 | (code & 0xFFFF), return_inverse=True)
        sums = np.bincount(inverse, weights=weights)
        cname = pair >> 16
        return cname, pair & 0xFFFF, sums / np.asarray(self.name_total[cname], dtype=np.float64)

    def qualified(self, hashes: Sequence[int]) -> set[int]:
        """Customers with one of these birth-date or identifier hashes."""
        if not len(self.qual_hashes) or not hashes:
            return set()
        wanted = np.array(list(hashes), dtype=np.int64)
        lo = np.searchsorted(self.qual_hashes, wanted, side="left")
        hi = np.searchsorted(self.qual_hashes, wanted, side="right")
        return {int(c) for a, b in zip(lo.tolist(), hi.tolist(), strict=True) for c in self.qual_customer[a:b]}


def build_segment(customers: Iterable[IndexedCustomer]) -> Segment:
    """A segment of these customers' postings."""
    keys: list[int] = []
    names: list[int] = []
    parts: list[int] = []
    weights: list[float] = []
    name_customer: list[int] = []
    name_seq: list[int] = []
    name_total: list[float] = []
    qual: list[tuple[int, int]] = []
    blobs: dict[int, bytes] = {}
    for customer in customers:
        if customer.analysis is not None and customer.names:
            blobs.setdefault(*customer.analysis)
        for name in customer.names:
            n = len(name_customer)
            name_customer.append(customer.pk)
            name_seq.append(customer.seq)
            name_total.append(name.total)
            for key, part in name.keys:
                keys.append(key)
                names.append(n)
                parts.append(part)
                weights.append(name.weights[part])
        qual += [(date_key(d), customer.pk) for d in customer.dates if len(d) == 10]
        qual += [(number_key(i), customer.pk) for i in customer.numbers if len(i) >= 4]
    segment = _segment(np.array(keys, dtype=np.int64), np.array(names, dtype=np.int32),
                       np.array(parts, dtype=np.int8), np.array(weights, dtype=np.float32),
                       np.array(name_customer, dtype=np.int64), np.array(name_seq, dtype=np.int64),
                       np.array(name_total, dtype=np.float32), np.array([q[0] for q in qual], dtype=np.int64),
                       np.array([q[1] for q in qual], dtype=np.int64))
    order = sorted(blobs)
    data = [blobs[k] for k in order]
    segment.blob_keys = np.array(order, dtype=np.int64)
    segment.blob_offsets = np.concatenate([[0], np.cumsum([len(d) for d in data], dtype=np.int64)]).astype(np.int64)
    segment.blob_data = np.frombuffer(b"".join(data), dtype=np.uint8)
    return segment


def _merge_blobs(segments: Sequence[Segment], into: Segment) -> None:
    """The stored analyses of ``segments`` (each key once, the newest segment's) into ``into``."""
    keys = [np.asarray(s.blob_keys) for s in segments]
    if not sum(len(k) for k in keys):
        return
    where = np.concatenate([np.full(len(k), n, dtype=np.int64) for n, k in enumerate(keys)])
    every = np.concatenate(keys)
    order = np.lexsort((-where, every))  # by key, the newest segment first
    unique, first = np.unique(every[order], return_index=True)
    chosen = order[first]
    starts = np.concatenate([np.asarray(s.blob_offsets)[:-1] for s in segments])[chosen]
    ends = np.concatenate([np.asarray(s.blob_offsets)[1:] for s in segments])[chosen]
    datas = [np.asarray(s.blob_data) for s in segments]
    pieces = [datas[w][a:b] for w, a, b in zip(where[chosen].tolist(), starts.tolist(), ends.tolist(), strict=True)]
    into.blob_keys = unique.astype(np.int64)
    into.blob_offsets = np.concatenate([[0], np.cumsum(ends - starts)]).astype(np.int64)
    into.blob_data = np.concatenate(pieces).astype(np.uint8)


def _segment(keys: npt.NDArray[np.int64], names: npt.NDArray[np.int32], parts: npt.NDArray[np.int8],
             weights: npt.NDArray[np.float32], name_customer: npt.NDArray[np.int64], name_seq: npt.NDArray[np.int64],
             name_total: npt.NDArray[np.float32], qual_hashes: npt.NDArray[np.int64],
             qual_customer: npt.NDArray[np.int64]) -> Segment:
    order = np.lexsort((names, keys))
    keys = keys[order]
    unique, starts = np.unique(keys, return_index=True)
    qorder = np.argsort(qual_hashes, kind="stable")
    return Segment(unique.astype(np.int64), np.append(starts, len(keys)).astype(np.int64), names[order],
                   parts[order], weights[order], name_customer, name_seq, name_total, qual_hashes[qorder],
                   qual_customer[qorder])


def merge_segments(segments: Sequence[Segment], live: dict[int, int] | None) -> Segment:
    """One segment with every posting of ``segments`` (those of customers whose ``seq`` is current in
    ``live`` only, when given)."""
    keys, names, parts, weights = [], [], [], []
    name_customer, name_seq, name_total, qual_h, qual_c = [], [], [], [], []
    base = 0
    for seg in segments:
        keep = np.ones(len(seg.name_customer), dtype=bool) if live is None else np.array(
            [live.get(int(c)) == int(s) for c, s in zip(seg.name_customer, seg.name_seq, strict=True)], dtype=bool)
        renumber = np.cumsum(keep) - 1 + base
        post_keys = np.repeat(np.asarray(seg.key_hashes), np.diff(np.asarray(seg.offsets)).astype(np.int64))
        ok = keep[np.asarray(seg.post_name)]
        keys.append(post_keys[ok])
        names.append(renumber[np.asarray(seg.post_name)[ok]].astype(np.int32))
        parts.append(np.asarray(seg.post_part)[ok])
        weights.append(np.asarray(seg.post_weight)[ok])
        name_customer.append(np.asarray(seg.name_customer)[keep])
        name_seq.append(np.asarray(seg.name_seq)[keep])
        name_total.append(np.asarray(seg.name_total)[keep])
        qkeep = np.ones(len(seg.qual_customer), dtype=bool) if live is None else np.isin(
            np.asarray(seg.qual_customer), np.array(list(live), dtype=np.int64))
        qual_h.append(np.asarray(seg.qual_hashes)[qkeep])
        qual_c.append(np.asarray(seg.qual_customer)[qkeep])
        base += int(keep.sum())
    merged = _segment(*(np.concatenate(a) for a in (keys, names, parts, weights, name_customer, name_seq,
                                                     name_total, qual_h, qual_c)))
    _merge_blobs(segments, merged)
    return merged


class CustomerIndex:
    """Every segment of one profile, queried together."""

    def __init__(self, profile: int) -> None:
        self.folder = settings.MONITOR_DIR / "customers" / f"profile-{profile}"
        self.profile = profile
        self.segments: list[Segment] = []
        self.seq = 0
        meta = self.folder / "meta.json"
        if meta.exists():
            info = orjson.loads(meta.read_bytes())
            self.seq = int(info["seq"])
            self.segments = [Segment.load(self.folder / name) for name in info["segments"]]
            self._names = list(info["segments"])
        else:
            self._names = []

    def add(self, segment: Segment, seq: int, live: dict[int, int] | None = None) -> None:
        """Persist a new segment covering customers up to ``seq``; compact when there are many."""
        name = f"seg-{len(self._names) + 1:04d}-{seq}"
        segment.save(self.folder / name)
        self.segments.append(Segment.load(self.folder / name))
        self._names.append(name)
        self.seq = max(self.seq, seq)
        if len(self.segments) > MAX_SEGMENTS and live is not None:
            merged = merge_segments(self.segments, live)
            old = list(self._names)
            name = f"seg-{len(self._names) + 1:04d}-{seq}-all"
            merged.save(self.folder / name)
            self.segments, self._names = [Segment.load(self.folder / name)], [name]
            self._write_meta()
            for stale in old:
                shutil.rmtree(self.folder / stale, ignore_errors=True)
            return
        self._write_meta()

    def _write_meta(self) -> None:
        tmp = self.folder / "meta.json.tmp"
        tmp.write_bytes(orjson.dumps({"seq": self.seq, "segments": self._names}))
        tmp.replace(self.folder / "meta.json")

    def reset(self) -> None:
        """Forget every segment (a full run writes the index anew)."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.segments, self._names, self.seq = [], [], 0

    def analysis(self, names: tuple[str, ...], schema: str) -> Any:
        """The stored analysis of a customer's names (what :meth:`Screening.named` makes), or None."""
        key = names_key(names, schema)
        for seg in reversed(self.segments):
            blob = seg.analysis(key)
            if blob is not None:
                found = pickle.loads(blob)
                if found[0] == ANALYSIS_FORMAT and found[1] == names and found[2] == schema:
                    return found[3]
        return None

    @property
    def names(self) -> int:
        return sum(len(s.name_customer) for s in self.segments)
