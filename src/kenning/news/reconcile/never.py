"""Sentences that are never facts: an outlet's boilerplate, contact lines, and headings or list items.

Three classes, each told by where and how a sentence occurs, not by a list of phrases:

* ``boilerplate`` — the outlet printed the same sentence in reports outside this story (counted over the
  stored reports: :func:`kenning.news.stories.boilerplate.repeated_elsewhere`): removal procedures,
  "for more information", subscription and copyright lines;
* ``contact`` — it carries an e-mail address, a web address or a telephone number;
* ``heading`` — it is not a sentence: it does not end as one (a full stop, question or exclamation
  mark, maybe inside quotes or brackets). Headlines of "related" blocks, section titles, datelines
  ("July 25, 2023 11:25 pm | Updated …") and captions come out here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from kenning.news.model import ArticleResult, Span
from kenning.news.stories.text import sentence_key

__all__ = ["NEVER_REASONS", "never_facts", "never_reason"]

NEVER_REASONS = ("boilerplate", "contact", "heading")
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.-]+"  # e-mail
    r"|\bhttps?://|\bwww\.[\w-]+\."  # web address
    r"|(?<![\w-])\+?\d{1,3}?[\s.(-]*\d{2,4}[)\s.-]+\d{3,4}[\s.-]+\d{3,4}(?![\w-])")  # telephone
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")


def never_reason(sentence: Span, boilerplate: set[str] | frozenset[str] = frozenset()) -> str | None:
    """Why a sentence is never a fact (one of :data:`NEVER_REASONS`), or None when it may be one."""
    key = sentence_key(sentence.text)
    if key is not None and key in boilerplate:
        return "boilerplate"
    if _CONTACT.search(sentence.text):
        return "contact"
    if not _SENTENCE_END.search(sentence.text):
        return "heading"
    return None


def never_facts(results: Sequence[ArticleResult], boilerplate: Mapping[str, set[str]] | None = None,
                ) -> dict[tuple[str, int], str]:
    """(article id, sentence start) → why that sentence is never a fact, for every such sentence."""
    found = {}
    for result in results:
        keys = (boilerplate or {}).get(result.article.id, set())
        for sentence in result.sentences:
            reason = never_reason(sentence, keys)
            if reason is not None:
                found[(result.article.id, sentence.start)] = reason
    return found
