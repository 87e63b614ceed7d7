"""The pair rule monitoring screens with, and the name parts it is computed on.

A customer name ``q`` *covers* a listed name ``n`` to the share of ``q``'s strong parts (weighted as the
matcher weighs them) that share a retrieval key with ``n`` — canonical form, sound, one-letter deletion
or joined compound, :mod:`kenning.matching.keys`. A customer and an entry are compared when some pair of
their names covers at least :data:`COVER_MIN`, or covers at all while they share a full birth date or an
identifier number; the matcher then scores the customer against the entry's names that qualified. Parts
are keyed as the matcher keys them and also as written (a typo of a spelling the name tables map to another
form still shares a key); initials have no keys and do not count in the share.

The rule depends on the pair alone — not on what else is listed or who else is a customer — so screening
one new entry against every customer (through the customer index) finds exactly the pairs that screening
every customer against every entry would: this is what makes an incremental run equal to a full one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kenning.matching.features import Prepared
from kenning.matching.keys import exact_keys, hash_key, name_keys, part_keys, typo_keys
from kenning.names import NameAnalysis, canonical_token

__all__ = ["COVER_MIN", "RULE_VERSION", "NameParts", "name_key_hashes", "name_parts"]

#: Part of the profile's matcher id: a change of the rule below means screening everything again.
RULE_VERSION = 2

#: The share of a customer name's strong parts a listed name must share keys with: a name of two equally
#: weighted parts needs both (one shared given name is not enough). Planted-name recall against batch
#: screening's is measured on the screening dev set's dev and test parts by ``bench/monitor.py``.
COVER_MIN = 0.6
#: Name parts beyond this position are not indexed (a cap on the postings of very long names).
MAX_PARTS = 16


@dataclass(frozen=True, slots=True)
class NameParts:
    """One customer name's strong parts: each part's weight, the sum, and (key hash, part) pairs."""

    total: float
    weights: tuple[float, ...]
    keys: tuple[tuple[int, int], ...]


def _compound_parts(analysis: NameAnalysis) -> dict[str, list[int]]:
    """Which parts each joined compound of the name is made of."""
    wanted = set(analysis.compounds)
    found: dict[str, list[int]] = {}
    tokens = analysis.tokens
    for start in range(len(tokens)):
        for end in range(start + 2, min(len(tokens), start + 4) + 1):
            joined = canonical_token("".join(tokens[start:end]))
            if joined in wanted and joined not in found:
                found[joined] = list(range(start, end))
    return found


def name_parts(analysis: NameAnalysis, prepared: Prepared) -> NameParts | None:
    """The parts the pair rule weighs, or None for a name with no strong part (never compared)."""
    if analysis.is_empty or analysis.is_weak_only:
        return None
    weights = tuple(0.0 if weak or i >= MAX_PARTS or len(token) < 2 else w
                    for i, (w, weak, token) in enumerate(zip(prepared.weights, prepared.weak, prepared.tokens,
                                                             strict=True)))
    total = sum(weights)
    if total <= 0:
        return None
    keys: dict[tuple[int, int], None] = {}
    for i, token, _exact in part_keys(analysis):
        if i < MAX_PARTS:
            for key in _part_hashes(token, analysis.phonetic[i], analysis.tokens[i]):
                keys[(key, i)] = None
    for compound, parts in _compound_parts(analysis).items():
        for i in parts:
            if i < MAX_PARTS and weights[i] > 0:
                keys[(hash_key("c" + compound), i)] = None
    return NameParts(total, weights, tuple(keys))


@lru_cache(maxsize=1 << 15)
def _part_hashes(token: str, phonetic: str, raw: str) -> tuple[int, ...]:
    """A strong part's keys, hashed, in order (exact, typo, as written): they depend on the part alone, and
    a portfolio's names repeat their parts (frequent given names and surnames) far more than the names."""
    keys = [*exact_keys(token, phonetic), *typo_keys(token), *_written_keys(raw, token)]
    return tuple(dict.fromkeys(hash_key(key) for key in keys))


def _raw_keys(analysis: NameAnalysis, i: int) -> list[str]:
    """Keys of a part as written, when its canonical form differs (``heidar`` beside ``haydar``): a typo of
    the written form still shares a key with it."""
    return _written_keys(analysis.tokens[i], analysis.canonical[i])


def _written_keys(raw: str, canonical: str) -> list[str]:
    """A part's keys as written (its form and typos), when that differs from its canonical form."""
    if raw == canonical or len(raw) < 2:
        return []
    return ["c" + raw, *typo_keys(raw)]


def name_key_hashes(analysis: NameAnalysis) -> list[int]:
    """Every retrieval key of a listed name (or of a news mention), hashed: the matcher's, and the keys of
    its parts as written."""
    keys = list(name_keys(analysis))
    keys += [k for i, _token, _exact in part_keys(analysis) for k in _raw_keys(analysis, i)]
    return [hash_key(k) for k in dict.fromkeys(keys)]
