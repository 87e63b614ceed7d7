"""Duplicates within one batch of reports: exact copies by content hash, near copies by fingerprint.

The keys are computed when an :class:`~kenning.news.article.Article` is made
(:mod:`kenning.news.fingerprints`); :func:`find_duplicates` confirms every near pair found by fingerprint
distance with the Jaccard similarity of the shingle sets.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from kenning.news.article import Article
from kenning.news.fingerprints import NEAR_JACCARD, NEAR_MAX_BITS, hamming, jaccard, shingles

__all__ = ["find_duplicates"]


def find_duplicates(articles: Sequence[Article]) -> list[tuple[str, str, str, float]]:
    """Pairs ``(id_a, id_b, kind, similarity)`` of duplicate articles, in input order.

    ``kind`` is ``"exact"`` (same ``content_hash``, similarity 1.0) or ``"near"`` (fingerprints at
    most :data:`NEAR_MAX_BITS` apart and shingle Jaccard at least :data:`NEAR_JACCARD`; the
    similarity is that Jaccard, rounded to 3 places). Pairwise, so meant for batches of thousands,
    not millions.
    """
    found: list[tuple[str, str, str, float]] = []
    cache: dict[int, set[str]] = {}
    for i, j in combinations(range(len(articles)), 2):
        a, b = articles[i], articles[j]
        if a.content_hash == b.content_hash:
            found.append((a.id, b.id, "exact", 1.0))
            continue
        if hamming(int(a.fingerprint, 16), int(b.fingerprint, 16)) > NEAR_MAX_BITS:
            continue
        sa = cache.setdefault(i, shingles(a.text))
        sb = cache.setdefault(j, shingles(b.text))
        similarity = jaccard(sa, sb)
        if similarity >= NEAR_JACCARD:
            found.append((a.id, b.id, "near", round(similarity, 3)))
    return found
