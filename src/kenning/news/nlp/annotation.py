"""The NLP stage: an :class:`Article` in, an :class:`ArticleResult` with sentences and mentions out.

``annotate(article)`` runs the spaCy model (loaded once per process, see
:mod:`kenning.news.nlp.models`), then Kenning's own steps on its output:

1. :mod:`~kenning.news.nlp.fix` — entity fixes with the gazetteer and the list ruler;
2. :mod:`~kenning.news.nlp.roles` — titles and roles attached to people, with the country they name;
3. :mod:`~kenning.news.nlp.coref` — short forms and surnames pointing at the fullest name.

Mentions are PERSON, ORG, GPE, NORP, DATE and MONEY, with character offsets into ``article.text``;
their ``links`` stay empty until :func:`kenning.news.link.linker.link`. ``annotate_many`` streams a batch
through ``nlp.pipe``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from kenning.news.article import Article
from kenning.news.model import ArticleResult, Mention, Span
from kenning.news.nlp.coref import resolve_coreference
from kenning.news.nlp.ents import WANTED, Ent, Tokens
from kenning.news.nlp.fix import fix_entities
from kenning.news.nlp.models import Resources, resources
from kenning.news.nlp.roles import attach_roles

__all__ = ["Resources", "annotate", "annotate_doc", "annotate_many", "resources"]

#: Documents per ``nlp.pipe`` batch.
BATCH_SIZE = 16


def _sentences(toks: Tokens) -> tuple[list[Span], list[int]]:
    """Sentence spans (whitespace-trimmed) and, for each token, the index of its sentence."""
    spans: list[Span] = []
    of_token = [0] * len(toks)
    i = 0
    while i < len(toks):
        start, end = toks[i].sent_start, toks[i].sent_end
        raw = toks.span_text(start, end)
        text = raw.strip()
        if text:
            first = toks[start].idx + (len(raw) - len(raw.lstrip()))
            spans.append(Span(first, first + len(text), text))
        of_token[start:end] = [max(len(spans) - 1, 0)] * (end - start)
        i = max(end, i + 1)
    return spans, of_token


def _mention(toks: Tokens, ent: Ent, sentence: int) -> Mention:
    start, end = toks.char_span(ent.start, ent.end)
    role = role_span = None
    if ent.role_start is not None and ent.role_end is not None:
        rstart, rend = toks.char_span(ent.role_start, ent.role_end)
        role_span = Span(rstart, rend, toks.text[rstart:rend])
        role = ent.role_text or role_span.text
    refers = ent.refers_to.text(toks) if ent.refers_to is not None else None
    return Mention(text=toks.text[start:end], label=ent.label, start=start, end=end, sentence=sentence,
                   role=role, role_span=role_span, country=ent.country, refers_to=refers)


def annotate_doc(article: Article, doc: Doc, res: Resources) -> ArticleResult:
    """The result for an article whose text the model has already processed into ``doc``."""
    started = time.perf_counter()
    toks = Tokens(doc)
    sentences, of_token = _sentences(toks)
    ents = fix_entities(toks, res)
    ents = attach_roles(toks, ents, res)
    ents = resolve_coreference(toks, ents, res)
    mentions = [_mention(toks, e, of_token[e.start]) for e in ents if e.label in WANTED]
    result = ArticleResult(article=article, sentences=sentences, mentions=mentions)
    result.timings["nlp_rules"] = time.perf_counter() - started
    return result


def annotate(article: Article, res: Resources | None = None) -> ArticleResult:
    """Sentences and mentions of one article (links empty).

    ``res`` defaults to the cached model, gazetteer and list ruler of the configured store.
    """
    res = res or resources()
    started = time.perf_counter()
    doc = res.nlp(article.text)
    result = annotate_doc(article, doc, res)
    result.timings["nlp"] = time.perf_counter() - started
    return result


def annotate_many(articles: Iterable[Article], res: Resources | None = None,
                  batch_size: int = BATCH_SIZE) -> Iterator[ArticleResult]:
    """Annotate a stream of articles through ``nlp.pipe``, in order (``res`` as in :func:`annotate`)."""
    res = res or resources()
    started = time.perf_counter()
    pairs = res.nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size)
    for doc, article in pairs:
        result = annotate_doc(article, doc, res)
        now = time.perf_counter()
        result.timings["nlp"] = now - started
        started = now
        yield result
