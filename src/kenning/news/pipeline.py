"""The news pipeline for one article or many: annotate → link → extract events, timed per stage.

After the events, targets that are not mentions (names on list lines the NLP stage did not mark) are
linked on their names alone (:mod:`kenning.news.events.target_links`); that time counts as linking.

:func:`extract` runs the stages in this process. :func:`extract_many` spreads articles over worker
processes: the spaCy pipelines, the list ruler and the screener are loaded once, in the parent, and the
workers inherit them when they are forked, so each worker starts without loading anything; results come
back in input order. ``result.timings`` holds the seconds of each stage (``nlp``, ``link``, ``events``)
of that article, measured in the process that ran it.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kenning.matching import Screener
from kenning.news.article import Article
from kenning.news.events.extract import extract_events
from kenning.news.events.parse import load_parser
from kenning.news.events.target_links import link_named_targets
from kenning.news.link.linker import link
from kenning.news.model import ArticleResult
from kenning.news.nlp.annotation import annotate
from kenning.news.nlp.french import french_resources
from kenning.news.nlp.models import resources
from kenning.store import Store

__all__ = ["STAGES", "Failed", "extract", "extract_many"]

#: The stages, in order, as keys of ``ArticleResult.timings``.
STAGES = ("nlp", "link", "events")


@dataclass
class _Work:
    """What the worker processes inherit from the parent at fork time."""

    screener: Screener | None = None
    store: Store | None = None


_WORK = _Work()


@dataclass(frozen=True)
class Failed:
    """An article the pipeline raised on: the batch goes on without it."""

    article: Article
    error: str
    kind: str


def extract(article: Article, screener: Screener | None = None, *, store: Store | None = None,
            anchor: str | None = None) -> ArticleResult:
    """One article through every stage; linking runs only when a screener is given.

    ``store`` is the store whose lists the NLP ruler and the linker read (default: the configured one);
    ``anchor`` is passed to :func:`~kenning.news.events.extract.extract_events` for an undated article.
    """
    started = time.perf_counter()
    result = annotate(article, french_resources(store) if article.language == "fr" else resources(store))
    annotated = time.perf_counter()
    if screener is not None:
        link(result, screener, store)
    linked = time.perf_counter()
    extract_events(result, anchor=anchor)
    done = time.perf_counter()
    if screener is not None:
        link_named_targets(result, screener)
    finished = time.perf_counter()
    result.timings.update({"nlp": annotated - started, "link": linked - annotated + finished - done,
                           "events": done - linked})
    return result


def _work(article: Article) -> ArticleResult | Failed:
    try:
        return extract(article, _WORK.screener, store=_WORK.store)
    except Exception as exc:  # one odd report must not stop the others: it is reported as failed
        return Failed(article, str(exc), exc.__class__.__name__)


def _start_worker() -> None:
    """In a fresh worker: leave the parent's database connections to the parent (SQLAlchemy's advice
    for forked processes); the models and the screener are already in memory."""
    if _WORK.store is not None:
        _WORK.store.engine.dispose(close=False)


def extract_many(articles: Iterable[Article], screener: Screener | None = None, workers: int = 2, *,
                 store: Store | None = None) -> Iterator[ArticleResult | Failed]:
    """Every article through every stage on ``workers`` processes (1: in this process), in input order;
    an article that raises comes back as :class:`Failed` and the others go on."""
    items = list(articles)
    _WORK.screener, _WORK.store = screener, store
    if workers <= 1 or len(items) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(_work, items)
        return
    resources(store)
    load_parser()
    if any(a.language == "fr" for a in items):
        french_resources(store)
        load_parser("fr")
    context = multiprocessing.get_context("fork")
    with context.Pool(min(workers, len(items)), initializer=_start_worker) as pool:
        yield from pool.imap(_work, items, chunksize=1)
