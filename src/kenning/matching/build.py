"""Building the candidate index from the store, and finding the persisted one that matches it.

The index file is named by a fingerprint of what it was built from: the store's current list versions
and the name tables of :mod:`kenning.names`. A process whose store has not changed loads the file (no
rebuild); any change to the lists or the tables builds a new one. Same-as links are read from the store
at every open (they are small), so relinking does not rebuild the index.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from kenning import settings
from kenning.errors import StoreError
from kenning.matching.index import FORMAT, CandidateIndex, build_index
from kenning.matching.records import RawEntity, entity_record
from kenning.progress import progress_bar
from kenning.store import Store, open_store
from kenning.store.sameas import same_as_links, same_as_pairs

__all__ = ["fingerprint", "load_links", "load_same_as", "matcher_digest", "open_index", "persisted_index"]

_NAMES_DATA = Path(__file__).resolve().parents[1] / "names" / "data"
_CODE_VERSION = "kenning-index-1"


def _names_tables_digest() -> str:
    digest = hashlib.sha1()
    for path in sorted(_NAMES_DATA.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def matcher_digest() -> str:
    """What scoring depends on besides the lists: the index code version and the name tables, hashed.
    Monitoring pins it with its profile and screens everything again when it changes."""
    return hashlib.sha1(f"{_CODE_VERSION}:{FORMAT}:{_names_tables_digest()}".encode()).hexdigest()[:20]


def fingerprint(store: Store) -> str:
    """What the index depends on, hashed: current versions, name tables, code version."""
    digest = hashlib.sha1(f"{_CODE_VERSION}:{FORMAT}".encode())
    for name, info in sorted(store.current_versions().items()):
        digest.update(f"{name}:{info.id}:{info.sha256}\n".encode())
    digest.update(_names_tables_digest().encode())
    return digest.hexdigest()[:20]


def load_same_as(store: Store) -> dict[str, list[str]]:
    """Every same-as link, both directions."""
    links: dict[str, list[str]] = defaultdict(list)
    with store.connect() as conn:
        pairs = same_as_pairs(conn)
    for left, right in pairs:
        links[left].append(right)
        links[right].append(left)
    return dict(links)


def load_links(store: Store | None = None) -> dict[tuple[str, str], dict[str, Any]]:
    """Every same-as link by its (sorted) pair of ids: score, method and the evidence that joined them."""
    store = store or open_store()
    with store.connect() as conn:
        rows = same_as_links(conn)
    return {(min(a, b), max(a, b)): {"left": min(a, b), "right": max(a, b), "score": round(score, 4),
                                     "method": method, "evidence": evidence}
            for a, b, score, method, evidence in rows}


def records_from_store(store: Store, show_progress: bool = True) -> list[RawEntity]:
    """Every listed party of the current versions, with its names analysed."""
    total = sum(v.entity_count for v in store.current_versions().values())
    records: list[RawEntity] = []
    with progress_bar("indexing names", total=total, enabled=show_progress) as advance:
        for entity in store.iter_entities(targets_only=True):
            records.append(entity_record(entity))
            if len(records) % 500 == 0:
                advance(500)
    return records


def open_index(store: Store | None = None, rebuild: bool = False,
               show_progress: bool = True) -> tuple[CandidateIndex, dict[str, list[str]]]:
    """The index of the store's current versions: loaded from ``KENNING_INDEX_DIR`` or built and saved."""
    store = store or open_store()
    if not store.current_versions():
        raise StoreError("no lists are loaded: run `kenning lists load` first")
    key = fingerprint(store)
    path = settings.INDEX_DIR / f"index-{key}.pkl"
    index = None if rebuild or not path.exists() else CandidateIndex.load(path)
    if index is None:
        index = build_index(records_from_store(store, show_progress), key)
        index.save(settings.INDEX_DIR)
        for old in settings.INDEX_DIR.glob("index-*.pkl"):
            if old != path:
                old.unlink(missing_ok=True)
    return index, load_same_as(store)


def persisted_index(store: Store | None = None) -> tuple[Path, Path]:
    """The index file of the store's current versions (built and saved if missing, not loaded otherwise) and a
    JSON file of the same-as links written beside it: what another process or machine needs to screen."""
    store = store or open_store()
    if not store.current_versions():
        raise StoreError("no lists are loaded: run `kenning lists load` first")
    key = fingerprint(store)
    path = settings.INDEX_DIR / f"index-{key}.pkl"
    same_as = load_same_as(store)
    if not path.exists():
        index, same_as = open_index(store)
        path = settings.INDEX_DIR / f"index-{index.fingerprint}.pkl"
    links = settings.INDEX_DIR / f"same-as-{key}.json"
    tmp = links.with_suffix(".tmp")
    tmp.write_text(json.dumps(same_as, sort_keys=True), encoding="utf-8")
    tmp.replace(links)
    return path, links
