"""Extraction in a child process, for a server: a posted report's language pipeline runs beside the
server's event loop and thread pool, not under the same interpreter lock as its screening requests.

A server process answers ``/match`` requests under Python's global interpreter lock. Extracting one news
report (spaCy's parser and entity recogniser, linking, events) takes hundreds of milliseconds of that
lock; done in the server, every screening request waiting meanwhile waits that long too.
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
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from kenning import settings
from kenning.errors import ExtractError
from kenning.news.article import Article
from kenning.news.ingest import IngestFailure
from kenning.news.model import ArticleResult

__all__ = ["Extracted", "ExtractionProcess"]

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
    from kenning.news.pipeline import _WORK
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


def _extract_in_child(articles: list[Article]) -> Extracted:
    from kenning.news.pipeline import _WORK
    from kenning.news.service import extract_isolated

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
