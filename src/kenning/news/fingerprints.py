"""Text fingerprints of news reports: the keys that recognise exact and near-duplicate copies.

Two keys are computed once, when an :class:`~kenning.news.article.Article` is made:

* ``content_hash``: SHA-256 of the normalised body (case-folded, punctuation dropped, whitespace
  collapsed), so the same report re-published with other line breaks or quotes is an exact copy;
* ``fingerprint``: a 64-bit SimHash over 3-word shingles of the same normalised words. Reports that
  differ in a sentence or two keep most shingles, so their fingerprints differ in few bits.

A near pair found by fingerprint distance is confirmed with the Jaccard similarity of the shingle sets
(:func:`kenning.news.ingest.dedup.find_duplicates` within a batch, the news storage against stored
reports), so a chance fingerprint collision never makes a duplicate.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = [
    "NEAR_JACCARD",
    "NEAR_MAX_BITS",
    "content_hash",
    "hamming",
    "jaccard",
    "normalise_words",
    "shingles",
    "simhash",
]

_WORD = re.compile(r"\w+")
#: Words per shingle for the fingerprint and the Jaccard check.
SHINGLE_WORDS = 3
#: Fingerprints this many bits apart or closer are near-duplicate candidates.
NEAR_MAX_BITS = 18
#: Shingle-set Jaccard similarity at or above which a candidate pair is a near-duplicate.
NEAR_JACCARD = 0.5


def normalise_words(text: str) -> list[str]:
    """Case-folded words of ``text`` after Unicode compatibility normalisation; punctuation is dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised words: equal for texts that differ only in layout or punctuation."""
    return hashlib.sha256(" ".join(normalise_words(text)).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[str]:
    """The set of overlapping word triples of the normalised text (the whole text when shorter)."""
    words = normalise_words(text)
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def simhash(text: str) -> int:
    """64-bit SimHash of the shingle set: each shingle's hash votes on every bit."""
    votes = [0] * 64
    for shingle in shingles(text):
        value = int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            votes[bit] += 1 if value >> bit & 1 else -1
    return sum(1 << bit for bit in range(64) if votes[bit] > 0)


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two fingerprints."""
    return (a ^ b).bit_count()


def jaccard(a: set[str], b: set[str]) -> float:
    """Size of the intersection over size of the union (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)
