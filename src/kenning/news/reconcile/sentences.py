"""Statements only one report makes, and statements several make, found by aligning sentences.

Every sentence of every report of the story is a TF-IDF vector over the story's sentences
(:mod:`.stories_text`). A sentence says something another report also says when its best match in
another report reaches :data:`ALIGN_MIN` cosine; such sentences, joined across reports, are one
``agreed`` fact with each report's words. A substantive sentence (at least :data:`MIN_WORDS` content
words, not mostly numbers: a dateline is not a claim) with no such match is a ``single-source`` fact —
unless it is already accounted for: the evidence of an event (reported through the merged events) or of a
compared claim. Sentences that are never facts (:mod:`.never`: boilerplate, contact lines, headings)
take part in nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from kenning.news.model import ArticleResult, Span
from kenning.news.reconcile.evidence import evidence_at
from kenning.news.reconcile.model import Fact, Statement
from kenning.news.stories.text import TfidfSpace, terms

__all__ = ["ALIGN_MIN", "MIN_WORDS", "sentence_facts"]

#: Cosine from which two sentences of different reports say the same thing.
ALIGN_MIN = 0.35
#: Content words a sentence needs to be a claim.
MIN_WORDS = 5
#: Characters of a sentence shown in a fact's ``about``.
ABOUT_CHARS = 90


@dataclass(frozen=True)
class _Sentence:
    article: int
    span: Span
    words: dict[str, int]


def _substantive(words: dict[str, int]) -> bool:
    digits = sum(c for w, c in words.items() if w.isdigit())
    letters = sum(c for w, c in words.items() if not w.isdigit())
    return letters >= MIN_WORDS and digits * 2 <= letters


def _about(text: str) -> str:
    return text if len(text) <= ABOUT_CHARS else text[:ABOUT_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _statement(result: ArticleResult, span: Span) -> Statement:
    return Statement(result.article.id, span.text, None, evidence_at(result, span.start, span.end),
                     result.article.outlet, result.article.language)


def sentence_facts(results: Sequence[ArticleResult], covered: set[tuple[str, int]],
                   never: Collection[tuple[str, int]] = ()) -> list[Fact]:
    """Agreed and single-source statements; ``covered`` holds (article id, sentence start) already reported,
    ``never`` those that are never facts."""
    sentences = [_Sentence(i, span, dict(terms(span.text)))
                 for i, result in enumerate(results) for span in result.sentences
                 if (result.article.id, span.start) not in never]
    if not sentences:
        return []
    space = TfidfSpace([s.words for s in sentences])
    matrix = space.matrix([s.words for s in sentences])
    similar = TfidfSpace.cosines(matrix, matrix)
    owner = np.array([s.article for s in sentences])
    parent = list(range(len(sentences)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    alone: list[int] = []
    for i, sentence in enumerate(sentences):
        candidate = (results[sentence.article].article.id, sentence.span.start) not in covered
        if not candidate or not _substantive(sentence.words):
            continue
        scores = np.where(owner != sentence.article, similar[i], -1.0)
        best = int(np.argmax(scores))
        if scores[best] >= ALIGN_MIN:
            parent[root(i)] = root(best)
        else:
            alone.append(i)
    facts = _agreed(results, sentences, [root(i) for i in range(len(sentences))])
    for i in alone:
        sentence = sentences[i]
        result = results[sentence.article]
        facts.append(Fact(_about(sentence.span.text), "statement", "text", "single-source",
                          [_statement(result, sentence.span)], note="no other report says this"))
    return facts


def _agreed(results: Sequence[ArticleResult], sentences: list[_Sentence], roots: list[int]) -> list[Fact]:
    """One agreed fact per group of aligned sentences that spans two reports or more."""
    groups: dict[int, list[int]] = {}
    for i, top in enumerate(roots):
        groups.setdefault(top, []).append(i)
    facts = []
    for members in groups.values():
        if len({sentences[i].article for i in members}) < 2:
            continue
        statements = [_statement(results[sentences[i].article], sentences[i].span) for i in sorted(members)]
        facts.append(Fact(_about(statements[0].value), "statement", "text", "agreed", statements,
                          note="reports say this in similar words"))
    return facts
