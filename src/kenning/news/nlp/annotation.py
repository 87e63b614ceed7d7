"""The NLP stage: an :class:`Article` in, an :class:`ArticleResult` with sentences and mentions out.

``annotate(article)`` runs the spaCy model (loaded once per process, see
:mod:`kenning.news.nlp.models`), then Kenning's own steps on its output:

1. :mod:`~kenning.news.nlp.fix` — entity fixes with the gazetteer and the list ruler;
2. :mod:`~kenning.news.nlp.roles` — titles and roles attached to people, with the country they name;
3. :mod:`~kenning.news.nlp.coref` — short forms and surnames pointing at the fullest name.

Mentions are PERSON, ORG, GPE, NORP, DATE and MONEY, with character offsets into ``article.text``;
their ``links`` stay empty until :func:`kenning.news.link.linker.link`. ``annotate_many`` streams a batch
through ``nlp.pipe``; a long report is parsed in parts (:mod:`~kenning.news.nlp.parts`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from kenning.news.article import Article
from kenning.news.model import ArticleResult
from kenning.news.nlp.coref import resolve_coreference
from kenning.news.nlp.ents import WANTED, Tokens
from kenning.news.nlp.fix import fix_entities
from kenning.news.nlp.french import annotate_french
from kenning.news.nlp.models import Resources, resources
from kenning.news.nlp.parts import parse, parse_many
from kenning.news.nlp.roles import attach_roles
from kenning.news.nlp.spans import sentence_spans, to_mention

__all__ = ["Resources", "annotate", "annotate_doc", "annotate_many", "resources"]

#: Documents per ``nlp.pipe`` batch.
BATCH_SIZE = 16


def annotate_doc(article: Article, doc: Doc, res: Resources) -> ArticleResult:
    """The result for an article whose text the model has already processed into ``doc``."""
    started = time.perf_counter()
    toks = Tokens(doc)
    sentences, of_token = sentence_spans(toks)
    ents = fix_entities(toks, res)
    ents = attach_roles(toks, ents, res)
    ents = resolve_coreference(toks, ents, res)
    mentions = [to_mention(toks, e, of_token[e.start]) for e in ents if e.label in WANTED]
    result = ArticleResult(article=article, sentences=sentences, mentions=mentions)
    result.timings["nlp_rules"] = time.perf_counter() - started
    return result


def annotate(article: Article, res: Resources | None = None) -> ArticleResult:
    """Sentences and mentions of one article (links empty).

    ``res`` defaults to the cached model, gazetteer and list ruler of the configured store. A report in
    French goes through the French pipeline (:mod:`~kenning.news.nlp.french`; ``res`` is used only when it
    is the French one); any other language through the English one.
    """
    if article.language == "fr":
        return annotate_french(article, res if res is not None and res.language == "fr" else None)
    res = res if res is not None and res.language == "en" else resources()
    started = time.perf_counter()
    doc = parse(res.nlp, article.text)
    result = annotate_doc(article, doc, res)
    result.timings["nlp"] = time.perf_counter() - started
    return result


def annotate_many(articles: Iterable[Article], res: Resources | None = None,
                  batch_size: int = BATCH_SIZE) -> Iterator[ArticleResult]:
    """Annotate a stream of articles through ``nlp.pipe``, in order (``res`` as in :func:`annotate`)."""
    res = res or resources()
    started = time.perf_counter()
    pairs = parse_many(res.nlp, ((a.text, a) for a in articles), batch_size)
    for doc, article in pairs:
        result = annotate_doc(article, doc, res)
        now = time.perf_counter()
        result.timings["nlp"] = now - started
        started = now
        yield result
