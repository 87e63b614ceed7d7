"""Forward screening's caches shared between customers change no cover and no match.

A screening keeps what each customer name part's keys reach among the target names (a part reaches the
same names in every customer name holding it), and a part's keys are hashed once (they depend on the part
alone). Over generated customers — variants of listed names, and
names on no list made of listed parts recombined (so that parts recur across customers) — screened one
after another with one screening, every name's covers equal the pair rule computed from scratch (every key
looked up, the (target name, part) rows made unique, each target name's cover summed), and every
customer's matches (scores and explanations) equal screening it alone with a fresh screening; every name's
parts (those customers', and every listed name of the bundled lists, in every script) equal the parts
computed without the cache.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kenning.matching import Screener
from kenning.matching.algorithms import get_algorithm
from kenning.matching.keys import hash_key, part_keys, typo_keys
from kenning.monitor import screen
from kenning.monitor.customers import Customer
from kenning.monitor.parts import COVER_MIN, MAX_PARTS, NameParts, _compound_parts, _raw_keys, name_parts
from kenning.monitor.screen import Screening, _covers, forward
from kenning.monitor.targets import RawCache, TargetIndex, build_targets, record_of
from kenning.store import Store
from screenkit import generated_queries

pytestmark = pytest.mark.slow


def _reference_covers(parts: Sequence[NameParts], targets: TargetIndex) -> list[tuple[Any, Any, Any, Any]]:
    """The pair rule's covers as first written: every key of the name looked up at once, nothing kept."""
    out = []
    for name in parts:
        hashes = np.array([k for k, _p in name.keys], dtype=np.int64)
        part_of = np.array([p for _k, p in name.keys], dtype=np.int64)
        found, spans = targets.lookup(hashes)
        if not len(found):
            continue
        tnames = np.concatenate([targets.postings[s:e] for s, e in spans.tolist()]).astype(np.int64)
        code = np.unique((tnames << 8) | np.repeat(part_of[found], spans[:, 1] - spans[:, 0]))
        weights = np.asarray(name.weights, dtype=np.float64)[code & 0xFF]
        tname, inverse = np.unique(code >> 8, return_inverse=True)
        covers = np.bincount(inverse, weights=weights) / name.total
        out.append((tname, targets.name_target[tname], targets.name_slot[tname], covers >= COVER_MIN - 1e-9))
    return out


def _reference_parts(analysis: Any, prepared: Any) -> NameParts | None:
    """A name's parts as first written: every key of every part made and hashed again, nothing kept."""
    if analysis.is_empty or analysis.is_weak_only:
        return None
    weights = tuple(0.0 if weak or i >= MAX_PARTS or len(token) < 2 else w
                    for i, (w, weak, token) in enumerate(zip(prepared.weights, prepared.weak, prepared.tokens,
                                                             strict=True)))
    if sum(weights) <= 0:
        return None
    keys: dict[tuple[int, int], None] = {}
    for i, token, exact in part_keys(analysis):
        if i < MAX_PARTS:
            for key in [*exact, *typo_keys(token), *_raw_keys(analysis, i)]:
                keys[(hash_key(key), i)] = None
    for compound, parts in _compound_parts(analysis).items():
        for i in parts:
            if i < MAX_PARTS and weights[i] > 0:
                keys[(hash_key("c" + compound), i)] = None
    return NameParts(sum(weights), weights, tuple(keys))


def _customers(screener: Screener) -> list[Customer]:
    rng = random.Random(17)
    out = []
    for n, query in enumerate(generated_queries(screener, 300, seed=11)):
        out.append(Customer(f"v{n}", query.names, query.schema, query.birth_dates, query.countries))
    people = [e for e in screener.index.entities if e.schema == "Person" and e.names]
    parts = [p for e in people[:400] for p in e.names[0].name.original.split()]
    for n in range(300):  # names on no list, of parts that recur across customers and lists
        name = " ".join(rng.sample(parts[:200], 2) if rng.random() < 0.5 else rng.sample(parts, 3))
        out.append(Customer(f"r{n}", (name,), rng.choice(["Person", "Thing"]), (), ()))
    return out


def test_forward_caches_change_no_cover_and_no_match(bundled_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    screener = Screener.open()
    algorithm = get_algorithm("kenning-v2")
    entities = Store().iter_entities(targets_only=True)
    targets = build_targets(RawCache("test").get(entities, cached=False), screener.index.rarity)
    shared = Screening(algorithm, algorithm.threshold, screener.index.rarity)
    looked_up = matched = 0
    for pk, customer in enumerate(_customers(screener)):
        parts = shared.customer(customer)[1]
        hits = shared.part_hits(targets)
        for mine, reference in itertools.zip_longest(_covers(parts, targets, hits), _reference_covers(parts, targets)):
            assert mine is not None and reference is not None, customer
            assert all(np.array_equal(a, b) for a, b in zip(mine, reference, strict=True)), customer
        record = shared.query(customer)
        for analysis, prepared in zip(record.analyses, record.names, strict=True):
            assert name_parts(analysis, prepared) == _reference_parts(analysis, prepared), analysis
        looked_up += sum(len({p for _k, p in name.keys}) for name in parts)
        found = forward(shared, pk, customer, targets)
        alone = forward(Screening(algorithm, algorithm.threshold, screener.index.rarity), pk, customer, targets)
        assert found == alone, customer
        matched += len(found)
    assert matched > 100
    for raw in RawCache("test").get(Store().iter_entities(targets_only=True), cached=False):  # every listed name
        for record_name, (_prop, analysis) in zip(record_of(raw, screener.index.rarity).names, raw.names, strict=True):
            assert name_parts(analysis, record_name.name) == _reference_parts(analysis, record_name.name), analysis
    assert len(shared.part_hits(targets)) < 0.8 * looked_up  # parts were shared, not each looked up
    monkeypatch.setattr(screen, "HITS_KEPT", 2000)  # a small bound: the hits kept are dropped over and over
    small = Screening(algorithm, algorithm.threshold, screener.index.rarity)
    for customer in _customers(screener)[:200]:
        parts = small.customer(customer)[1]
        mine = _covers(parts, targets, small.part_hits(targets))
        assert all(np.array_equal(a, b) for m, r in zip(mine, _reference_covers(parts, targets), strict=True)
                   for a, b in zip(m, r, strict=True)), customer
    assert small.part_hits(targets).size <= 2000 + 4000
