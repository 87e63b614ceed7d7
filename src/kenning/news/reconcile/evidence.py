"""Evidence for a statement: the sentence of the report that says it, and where its words sit.

Every statement of a reconciliation report points into its article's text: the sentence (from
``ArticleResult.sentences``) and, when the words can be found there, their own span, so a reader (or the
web page highlighting them) sees exactly what each source wrote.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from kenning.news.model import ArticleResult, Span
from kenning.news.reconcile.model import Evidence, Statement

__all__ = ["evidence_at", "find_words", "statement"]


def _sentence(result: ArticleResult, position: int) -> Span | None:
    starts = [s.start for s in result.sentences]
    index = bisect.bisect_right(starts, position) - 1
    if index >= 0 and position < result.sentences[index].end:
        return result.sentences[index]
    return None


def evidence_at(result: ArticleResult, start: int, end: int) -> Evidence:
    """The sentence around ``[start, end)`` with those offsets as the words' span."""
    sentence = _sentence(result, start)
    if sentence is None:
        text = result.article.text[start:end]
        return Evidence(result.article.id, start, end, text, start, end)
    return Evidence(result.article.id, sentence.start, sentence.end, sentence.text, start, end)


def find_words(result: ArticleResult, words: str, near: Sequence[Span] = ()) -> Evidence | None:
    """Where ``words`` occur: inside one of the ``near`` spans first, else anywhere in the text."""
    if not words.strip():
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words.split()), re.IGNORECASE)
    text = result.article.text
    for span in near:
        match = pattern.search(text, span.start, span.end)
        if match:
            return evidence_at(result, match.start(), match.end())
    match = pattern.search(text)
    return evidence_at(result, match.start(), match.end()) if match else None


def statement(result: ArticleResult, value: str, normalized: str | None, near: Sequence[Span] = (),
              span: Span | None = None) -> Statement:
    """One source's statement: its words located in the text (or the first ``near`` span as evidence)."""
    found = evidence_at(result, span.start, span.end) if span is not None else find_words(result, value, near)
    if found is None:
        first = near[0] if near else (result.sentences[0] if result.sentences else Span(0, 0, ""))
        found = Evidence(result.article.id, first.start, first.end, first.text)
    return Statement(result.article.id, value, normalized, found, result.article.outlet, result.article.language)
