"""The list ruler: names and aliases of the loaded lists as phrases the news NLP tags in text.

Built from the store's current versions (organisations, and persons with at least two name words,
in natural order: "MASLOV, Ivan Aleksandrovich" → "Ivan Aleksandrovich MASLOV"; plus given name +
surname), skipping names that would tag ordinary words: single short words, common English words
(the model's own WordNet lemma index), places of the gazetteer, stop words. Besides the phrases it
keeps what the entity fixes need from the lists: given names (to spot person names the model
misses), surnames, and the one-word short names of organisations ("WAGNER GROUP" → "wagner").

The result is written as JSON next to the matching index (``KENNING_INDEX_DIR``) under a
fingerprint of the current list versions and of the data files it depends on, so a process loads
it (well under a second) instead of rebuilding it (a few seconds) while the lists are unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kenning import settings
from kenning.errors import StoreError
from kenning.model import Entity
from kenning.news.datafile import data_lines, data_mapping
from kenning.news.nlp.gazetteer import gazetteer, tokenizer
from kenning.news.nlp.lexicon import lexicon
from kenning.news.nlp.phrases import CONNECTORS, PhraseTable, fold
from kenning.store import Store

__all__ = ["FORMAT", "ListNames", "list_names", "ruler_path"]

#: Bumped whenever the file layout or the selection rules change (part of the fingerprint).
FORMAT = 1
_ORG_SCHEMAS = ("Organization", "Company", "LegalEntity", "PublicBody")
_PERSON_PROPS = ("name", "alias", "previousName")
_ORG_PROPS = ("name", "alias", "previousName")
#: Shortest single word kept as an organisation name, and longest name kept, in words.
MIN_SINGLE = 5
MAX_WORDS = 12


@dataclass
class ListNames:
    """What the NLP knows from the lists: tagged phrases, given names, surnames, short org names."""

    fingerprint: str
    phrases: dict[str, str] = field(default_factory=dict)
    given_names: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    org_cores: frozenset[str] = frozenset()
    #: Seconds spent building or loading, and which of the two happened.
    seconds: float = 0.0
    source: str = "empty"
    _table: PhraseTable[str] | None = None

    @property
    def table(self) -> PhraseTable[str]:
        """The phrases as a :class:`PhraseTable` (label payloads), built on first use."""
        if self._table is None:
            table: PhraseTable[str] = PhraseTable()
            for words, label in self.phrases.items():
                table.add(words.split(" "), label)
            self._table = table
        return self._table

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "fingerprint": self.fingerprint, "phrases": self.phrases,
                "given_names": sorted(self.given_names), "surnames": sorted(self.surnames),
                "org_cores": sorted(self.org_cores)}


def _fingerprint(store: Store) -> str | None:
    versions = store.current_versions()
    if not versions:
        return None
    digest = hashlib.sha256(f"format={FORMAT}".encode())
    for name, info in sorted(versions.items()):
        digest.update(f"{name}:{info.id}:{info.sha256}".encode())
    digest.update(json.dumps(data_mapping("nlp_roles.yml"), sort_keys=True).encode())
    for data_file in ("gazetteer_countries.csv", "gazetteer_orgs.csv"):
        digest.update("\n".join(data_lines(data_file)).encode())
    return digest.hexdigest()[:20]


def ruler_path() -> Path:
    """Where the list ruler is persisted."""
    return settings.INDEX_DIR / f"nlp-list-names-v{FORMAT}.json"


def _natural(name: str) -> str:
    """ "SURNAME, Given" → "Given SURNAME"; other names unchanged."""
    if name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        if last and first:
            return f"{first} {last}"
    return name


def _person_names(entity: Entity) -> Iterator[str]:
    for prop in _PERSON_PROPS:
        for value in entity.get(prop, quiet=True):
            yield _natural(value)
    firsts, lasts = entity.get("firstName", quiet=True), entity.get("lastName", quiet=True)
    for first in firsts:
        for last in lasts:
            yield f"{first.split()[0]} {last}" if first.split() else last


class _Builder:
    """Collects phrases and name words from list entities, applying the selection rules."""

    def __init__(self, common: frozenset[str]) -> None:
        self.common = common
        self.labels: dict[str, Counter[str]] = {}
        self.given: set[str] = set()
        self.surnames: set[str] = set()
        self.cores: set[str] = set()
        self.generic = lexicon().org_generic_words

    def _is_common(self, key: str) -> bool:
        return key in self.common or key in CONNECTORS or not any(ch.isalpha() for ch in key)

    def keep(self, keys: list[str], label: str) -> bool:
        """Whether a name (as folded tokens) may become a tagged phrase."""
        words = [k for k in keys if any(ch.isalpha() for ch in k)]
        if not words or len(keys) > MAX_WORDS or gazetteer().is_place_phrase(keys):
            return False
        if label == "PERSON":
            return len(words) >= 2 and not all(self._is_common(k) for k in words)
        if len(words) == 1:
            return len(words[0]) >= MIN_SINGLE and not self._is_common(words[0])
        return len(words) >= 3 or not all(self._is_common(k) for k in words)

    def add_name(self, name: str, label: str) -> None:
        keys = [fold(t.text) for t in tokenizer()(name) if not t.is_space]
        if self.keep(keys, label):
            self.labels.setdefault(" ".join(keys), Counter())[label] += 1
        if label != "PERSON":
            rest = [k for k in keys if k not in self.generic and any(ch.isalpha() for ch in k)]
            if len(rest) == 1 and len(keys) > 1 and len(rest[0]) >= 4 and rest[0] not in CONNECTORS:
                self.cores.add(rest[0])

    def add_entity(self, entity: Entity) -> None:
        if entity.schema.name == "Person":
            for name in _person_names(entity):
                self.add_name(name, "PERSON")
            for value in entity.get("firstName", quiet=True):
                self.given.update(k for k in (fold(w) for w in value.split())
                                  if len(k) >= 3 and k.isalpha() and not self._is_common(k))
            for value in entity.get("lastName", quiet=True):
                self.surnames.update(fold(w) for w in value.split() if len(w) >= 3)
        elif entity.schema.name in _ORG_SCHEMAS:
            for prop in _ORG_PROPS:
                for value in entity.get(prop, quiet=True):
                    self.add_name(value, "ORG")

    def result(self, fingerprint: str) -> ListNames:
        phrases = {words: counts.most_common(1)[0][0] for words, counts in self.labels.items()}
        return ListNames(fingerprint, phrases, frozenset(self.given), frozenset(self.surnames),
                         frozenset(self.cores - self.surnames))


def build_list_names(entities: Iterable[Entity], fingerprint: str, common: frozenset[str]) -> ListNames:
    """The list ruler for these entities; ``common`` are the lower-case common words to skip."""
    builder = _Builder(common)
    for entity in entities:
        builder.add_entity(entity)
    return builder.result(fingerprint)


def _load(path: Path, fingerprint: str) -> ListNames | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint or data.get("format") != FORMAT:
        return None
    return ListNames(fingerprint, dict(data["phrases"]), frozenset(data["given_names"]),
                     frozenset(data["surnames"]), frozenset(data["org_cores"]))


def _save(path: Path, names: ListNames) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".nlp-list-names-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(names.to_json(), out, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError as exc:
        raise StoreError(f"cannot write the NLP list ruler to {path}: {exc}") from exc


def list_names(store: Store | None, common: frozenset[str], rebuild: bool = False) -> ListNames:
    """The list ruler of the store's current versions: loaded from disk, or built and saved.

    With no store, or a store with no lists, the ruler is empty and nothing is written.
    """
    started = time.perf_counter()
    fingerprint = _fingerprint(store) if store is not None else None
    if store is None or fingerprint is None:
        return ListNames("empty")
    path = ruler_path()
    names = None if rebuild else _load(path, fingerprint)
    source = "loaded"
    if names is None:
        names = build_list_names(store.iter_entities(targets_only=True), fingerprint, common)
        _save(path, names)
        source = "built"
    names.seconds = time.perf_counter() - started
    names.source = source
    return names
