"""Body-text extraction quality, scored the way the Scrapinghub article-extraction benchmark does.

Each text is cut into ``\\w+`` tokens and then into overlapping 4-token shingles. Per page, the
shingle bags of the reference and the extraction give true positives (shared shingles, counted
with multiplicity), false positives (extra extracted shingles) and false negatives (missed
reference shingles); the three are normalised to sum to 1 so that long pages weigh no more than
short ones. Precision is averaged over pages that extracted something, recall over pages that
have a reference, and F1 is the harmonic mean of those two averages. Used by
``bench/news_html.py`` and by the quality-floor test, so both measure the same thing.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

__all__ = ["PageScore", "Quality", "score_page", "summarise"]

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


@dataclass(frozen=True)
class PageScore:
    """One page's normalised true-positive, false-positive and false-negative shares."""

    tp: float
    fp: float
    fn: float


@dataclass(frozen=True)
class Quality:
    """Averaged precision, recall and F1 over a set of pages."""

    precision: float
    recall: float
    f1: float


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    """The bag of 4-token shingles; a text shorter than 4 tokens is one shingle of what it has."""
    tokens = _TOKEN.findall(text)
    bag: Counter[tuple[str, ...]] = Counter()
    for start in range(max(1, len(tokens) - SHINGLE + 1)):
        shingle = tuple(tokens[start:start + SHINGLE])
        if shingle:
            bag[shingle] += 1
    return bag


def score_page(reference: str, extracted: str | None) -> PageScore:
    """Compare one page's extracted body with its reference body."""
    true, pred = _shingles(reference), _shingles(extracted or "")
    tp = fp = fn = 0.0
    for key in true.keys() | pred.keys():
        t, p = true.get(key, 0), pred.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    if total > 0:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(tp, fp, fn)


def _precision(s: PageScore) -> float:
    if s.fp == s.fn == 0:
        return 1.0
    return s.tp / (s.tp + s.fp) if s.tp + s.fp > 0 else 0.0


def _recall(s: PageScore) -> float:
    if s.fp == s.fn == 0:
        return 1.0
    return s.tp / (s.tp + s.fn) if s.tp + s.fn > 0 else 0.0


def summarise(scores: list[PageScore]) -> Quality:
    """Average precision and recall over pages as the benchmark does, then take F1 of the averages."""
    precisions = [_precision(s) for s in scores if s.tp + s.fp > 0]
    recalls = [_recall(s) for s in scores if s.tp + s.fn > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return Quality(precision, recall, f1)
