"""The news pipeline for one article or many: annotate → link → extract events, timed per stage.

After the events, targets that are not mentions (names on list lines the NLP stage did not mark) are
linked on their names alone (:mod:`kenning.news.events.target_links`); that time counts as linking.

:func:`extract` runs the stages in this process. :func:`extract_many` spreads articles over worker
processes: the spaCy pipelines, the list ruler and the screener are loaded once, in the parent, and the
workers inherit them when they are forked, so each worker starts without loading anything; results come
back in input order. Each worker takes :data:`BATCH` articles at a time and runs their texts through one
``nlp.pipe`` (:func:`extract_batch`: about 8 % less CPU for the model than one call per text, measured on the
Treasury releases); linking and events then run article by article.

``result.timings`` holds the seconds of each stage (``nlp``, ``link``, ``events``) of that article,
measured in the process that ran it, and the CPU seconds of the same stages (``cpu_nlp``, ``cpu_link``,
``cpu_events``: the wall time of a shared machine says little). In a batch the model's time is spread
over its articles in equal shares.

For a server, :class:`ExtractionProcess` runs the pipeline in a child process. A server process
answers ``/match`` requests under Python's global interpreter lock. Extracting one news report
(spaCy's parser and entity recogniser, linking, events) takes hundreds of milliseconds of that lock;
done in the server, every screening request waiting meanwhile waits that long too.
:class:`ExtractionProcess` keeps one long-lived child process (started with ``spawn``: the server has
threads, which a ``fork`` would copy in whatever state they are) that opens its own screener and language
pipeline once, and extracts whatever is sent to it. When the store's lists change, the next report starts
a new child over the new lists (the old one finishes its report first). Storing and story placement stay
in the server: they are database work, and the server's store is the one that must see them.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial

from kenning import settings
from kenning.errors import ExtractError
from kenning.matching import Screener
from kenning.news.article import Article
from kenning.news.events.extract import extract_events
from kenning.news.events.parse import load_parser
from kenning.news.events.target_links import link_named_targets
from kenning.news.ingest import IngestFailure
from kenning.news.link.linker import link
from kenning.news.model import ArticleResult
from kenning.news.nlp.annotation import annotate, annotate_many
from kenning.news.nlp.french import french_resources
from kenning.news.nlp.models import resources
from kenning.progress import Advance
from kenning.store import Store

__all__ = ["BATCH", "STAGES", "Extracted", "ExtractionProcess", "Failed", "extract", "extract_batch",
           "extract_isolated", "extract_many"]

#: The stages, in order, as keys of ``ArticleResult.timings`` (``cpu_`` + stage: their CPU seconds).
STAGES = ("nlp", "link", "events")
#: Articles a worker runs through one ``nlp.pipe`` call.
BATCH = 4


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
    wall, cpu = time.perf_counter(), time.thread_time()
    result = annotate(article, french_resources(store) if article.language == "fr" else resources(store))
    result.timings.update({"nlp": time.perf_counter() - wall, "cpu_nlp": time.thread_time() - cpu})
    return _after_nlp(result, screener, store, anchor)


def extract_batch(articles: Sequence[Article], screener: Screener | None = None, *,
                  store: Store | None = None) -> list[ArticleResult | Failed]:
    """Articles through every stage, their texts through one ``nlp.pipe``, in input order; an article
    that raises comes back as :class:`Failed` (if the model raised on the batch, each article is run
    alone so that only the odd one fails). French articles go through their own pipeline one by one."""
    if not articles:
        return []
    if any(a.language == "fr" for a in articles):
        english = [a for a in articles if a.language != "fr"]
        done = {id(a): r for a, r in zip(english, extract_batch(english, screener, store=store), strict=True)}
        return [done[id(a)] if id(a) in done else _guarded(partial(extract, a, screener, store=store), a)
                for a in articles]
    wall, cpu = time.perf_counter(), time.thread_time()
    try:
        annotated = list(annotate_many(articles, resources(store), batch_size=max(1, len(articles))))
    except Exception:  # which article raised is found by running them one by one
        return [_guarded(partial(extract, a, screener, store=store), a) for a in articles]
    count = len(articles)
    share = {"nlp": (time.perf_counter() - wall) / count, "cpu_nlp": (time.thread_time() - cpu) / count}
    out: list[ArticleResult | Failed] = []
    for result in annotated:
        result.timings.update(share)
        out.append(_guarded(partial(_after_nlp, result, screener, store, None), result.article))
    return out


def _after_nlp(result: ArticleResult, screener: Screener | None, store: Store | None,
               anchor: str | None) -> ArticleResult:
    """Linking, events and the name-only targets' links of an annotated article, timed."""
    marks = [(time.perf_counter(), time.thread_time())]
    if screener is not None:
        link(result, screener, store)
    marks.append((time.perf_counter(), time.thread_time()))
    extract_events(result, anchor=anchor)
    marks.append((time.perf_counter(), time.thread_time()))
    if screener is not None:
        link_named_targets(result, screener)
    marks.append((time.perf_counter(), time.thread_time()))
    for kind, clock in (("", 0), ("cpu_", 1)):
        result.timings[kind + "link"] = marks[1][clock] - marks[0][clock] + marks[3][clock] - marks[2][clock]
        result.timings[kind + "events"] = marks[2][clock] - marks[1][clock]
    return result


def _guarded(run: Callable[[], ArticleResult], article: Article) -> ArticleResult | Failed:
    try:
        return run()
    except Exception as exc:  # one odd report must not stop the others: it is reported as failed
        return Failed(article, str(exc), exc.__class__.__name__)


def _work(batch: list[Article]) -> list[ArticleResult | Failed]:
    return extract_batch(batch, _WORK.screener, store=_WORK.store)


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
    batches = [items[i:i + BATCH] for i in range(0, len(items), BATCH)]
    if workers <= 1 or len(batches) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for batch in batches:
            yield from _work(batch)
        return
    resources(store)
    load_parser()
    if any(a.language == "fr" for a in items):
        french_resources(store)
        load_parser("fr")
    context = multiprocessing.get_context("fork")
    with context.Pool(min(workers, len(batches)), initializer=_start_worker) as pool:
        for done in pool.imap(_work, batches, chunksize=1):
            yield from done


Extracted = tuple[list[ArticleResult], list[IngestFailure]]


@dataclass
class _Child:
    """What the child process opened at its start."""

    ready: bool = False


_CHILD = _Child()


def _start_child(environment: dict[str, str]) -> None:
    """In the child: take the server's settings, open its store, its screener and the language pipeline,
    once."""
    from kenning.matching import Screener
    from kenning.news.events.parse import load_parser
    from kenning.news.nlp.models import resources
    from kenning.store import Store

    for name in [k for k in os.environ if k.startswith("KENNING_")]:
        del os.environ[name]
    os.environ.update(environment)
    settings.reload()
    store = Store()
    _WORK.store, _WORK.screener = store, Screener.open()
    resources(store)
    load_parser()
    _CHILD.ready = True


def extract_isolated(articles: Sequence[Article], screener: Screener | None, workers: int = 2,
                     store: Store | None = None, advance: Advance | None = None) -> Extracted:
    """Run the pipeline over ``articles`` on ``workers`` processes; a report the pipeline fails on (any
    exception: an extractor bug on one odd report must not cost the batch) is a failure, the others go on."""
    step = advance or (lambda _n: None)
    results: list[ArticleResult] = []
    failures: list[IngestFailure] = []
    for outcome in extract_many(articles, screener, workers, store=store):
        if isinstance(outcome, Failed):
            failures.append(IngestFailure(outcome.article.source, f"cannot be extracted: {outcome.kind}: "
                                          f"{outcome.error}", ExtractError))
        else:
            results.append(outcome)
        step(1)
    return results, failures


def _extract_in_child(articles: list[Article]) -> Extracted:
    return extract_isolated(articles, _WORK.screener, 1, _WORK.store)


class ExtractionProcess:
    """One child process extracting reports for this server, restarted when the lists change."""

    def __init__(self) -> None:
        self._environment = settings.environment()  # the server's, as it started
        self._pool: ProcessPoolExecutor | None = None
        self._mark: str | None = None
        self._lock = threading.Lock()

    def _current(self, mark: str | None) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None or mark != self._mark:
                if self._pool is not None:
                    self._pool.shutdown(wait=False)  # it finishes what it was given, then exits
                self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_start_child, initargs=(self._environment,))
                self._mark = mark
            return self._pool

    def extract(self, articles: Sequence[Article], mark: str | None) -> Extracted:
        """Extract ``articles`` in the child made for the lists of ``mark`` (the server's screening mark)."""
        pool = self._current(mark)
        try:
            return pool.submit(_extract_in_child, list(articles)).result()
        except BrokenProcessPool as exc:  # the child died (killed, out of memory): the next report starts another
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            raise ExtractError(f"the news extraction process stopped: {exc}") from exc

    def child_pid(self, mark: str | None) -> int:
        """The process id of the child for the lists of ``mark`` (started if needed)."""
        return int(self._current(mark).submit(os.getpid).result())

    def close(self) -> None:
        """Stop the child (at server shutdown)."""
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None
