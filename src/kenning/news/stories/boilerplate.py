"""An outlet's boilerplate: the sentences it repeats across its reports, found by counting, not by lists.

A sentence (by :func:`~.text.sentence_key`: its folded words) that one outlet printed in
:data:`BOILERPLATE_REPORTS` reports or more is that outlet's boilerplate — copyright and subscription
lines, "for more information" paragraphs, contact blocks, "related" lists — wherever it stands. The
counts are the stored ones (``news_sentence_counts``) plus the batch's own, so the second report of a new
outlet already shows what the two share. A report with no known outlet has no boilerplate.

The same counts tell the reconcile stage which sentences are never facts, and the stories stage leaves
those sentences out of the words it compares. :func:`backfill_counts` counts the reports of a store
written before the counts existed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from kenning.news.model import ArticleResult
from kenning.news.storage import counts, load_results
from kenning.news.storage import stories as rows
from kenning.news.stories.features import Canon, StoryFeatures, sentence_keys, story_features

__all__ = ["BOILERPLATE_REPORTS", "Boilerplate", "backfill_counts", "boilerplate_keys", "repeated_elsewhere"]

#: Reports of one outlet a sentence must be in to be that outlet's boilerplate.
BOILERPLATE_REPORTS = 2


def boilerplate_keys(results: Sequence[ArticleResult], known: Mapping[tuple[str, str], int] | None = None,
                     ) -> dict[str, set[str]]:
    """Report id → the keys of its sentences its outlet repeats, counting ``results`` (each once) and
    ``known`` counts of other reports."""
    seen: Counter[tuple[str, str]] = Counter(known or {})
    unique = list({r.article.id: r for r in results}.values())
    for result in unique:
        if result.article.outlet:
            seen.update((result.article.outlet, k) for k in set(sentence_keys(result).values()))
    found: dict[str, set[str]] = {}
    for result in unique:
        outlet = result.article.outlet
        keys = set(sentence_keys(result).values())
        found[result.article.id] = {k for k in keys if outlet and seen[(outlet, k)] >= BOILERPLATE_REPORTS}
    return found


@dataclass
class Boilerplate:
    """The boilerplate sentences of a batch of new reports (see the module docstring)."""

    keys: dict[str, set[str]]

    @classmethod
    def read(cls, conn: Connection, results: Sequence[ArticleResult]) -> Boilerplate:
        """The new reports' boilerplate, from the stored counts and the batch."""
        wanted = {(r.article.outlet, k) for r in results if r.article.outlet for k in sentence_keys(r).values()}
        return cls(boilerplate_keys(results, counts.sentence_counts(conn, wanted)))

    def features(self, result: ArticleResult, canon: Canon | None, embeddings: bool) -> StoryFeatures:
        """The report's story features, its boilerplate left out (and its opening's embedding, when asked)."""
        found = story_features(result, canon, self.keys.get(result.article.id, set()))
        if not embeddings:
            return found
        from dataclasses import replace

        from kenning.news.stories.embed import embed_texts, opening_text

        vector = embed_texts([opening_text(result.article.title, result.article.text)])[0]
        return replace(found, embedding=tuple(float(v) for v in vector))

    @staticmethod
    def count(conn: Connection, results: Sequence[ArticleResult], features: Mapping[str, StoryFeatures]) -> None:
        """Add stored reports to the counts: their terms and names, and their sentences by outlet."""
        counts.add_counts(conn, [(r.article.outlet or "", _terms(features.get(r.article.id)),
                                  set(sentence_keys(r).values()) if r.article.outlet else set())
                                 for r in results])


def _terms(features: StoryFeatures | None) -> set[str]:
    return set() if features is None else {*features.terms, *features.names}


def backfill_counts(conn: Connection) -> None:
    """Count every stored report when nothing is counted yet (a store written before the counts)."""
    if not counts.counts_empty(conn) or counts.count_reports(conn) == 0:
        return
    stored = {f["id"]: StoryFeatures.from_dict(f) for found in rows.member_features(conn).values() for f in found}
    results = load_results(conn, sorted(stored))
    Boilerplate.count(conn, results, stored)


def repeated_elsewhere(conn: Connection, results: Sequence[ArticleResult]) -> dict[str, set[str]]:
    """Report id → the keys of its sentences that its outlet printed in stored reports outside ``results``
    (the stored reports of one story): what the reconcile stage never takes for a fact."""
    unique = list({r.article.id: r for r in results}.values())
    keys = {r.article.id: set(sentence_keys(r).values()) for r in unique}
    wanted = {(r.article.outlet, k) for r in unique if r.article.outlet for k in keys[r.article.id]}
    stored = counts.sentence_counts(conn, wanted)
    inside: Counter[tuple[str, str]] = Counter()
    for result in unique:
        if result.article.outlet:
            inside.update((result.article.outlet, k) for k in keys[result.article.id])
    found: dict[str, set[str]] = {}
    for result in unique:
        outlet = result.article.outlet
        found[result.article.id] = {k for k in keys[result.article.id]
                                    if outlet and stored.get((outlet, k), 0) - inside[(outlet, k)] >= 1}
    return found
