"""News services the CLI, the API and the web UI call: add reports, list stories, reconcile one, dossier news.

* :func:`add_items` — ingest files, folders' files, URLs and feeds; skip what is stored already (an exact
  or near copy is kept as a duplicate relation, not a second article); extract with the screener; place
  each new report in a story (an undated report is read against its story's date and placed again with
  what it then says); store everything in one transaction, one savepoint per report, so a bad item fails
  alone. Returns one :class:`AddedArticle` per report and one failure per item that failed.
  :func:`add_articles` does the same for reports ingested already (the API's posted texts).
* :func:`extract_items` — the same ingestion and extraction without storing (``kenning news extract``).
* :func:`list_stories`, :func:`story_report`, :func:`entity_news`, :func:`get_article` — reads
  (:mod:`kenning.news.views`).

Every function makes sure the news tables exist (:func:`kenning.news.storage.ensure_news_tables`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from kenning.errors import StoreError
from kenning.matching import Screener
from kenning.news.article import Article
from kenning.news.ingest.collect import IngestFailure, find_duplicates, ingest_many
from kenning.news.model import ArticleResult
from kenning.news.pipeline import extract_isolated
from kenning.news.storage import (
    ensure_news_tables,
    find_stored_duplicate,
    insert_article,
    insert_duplicate,
    known_duplicate,
    now,
    replace_result,
    story_of,
)
from kenning.news.storage.stories import touch_stories
from kenning.news.stories.placing import (
    Batch,
    Placement,
    place,
    read_undated,
    reanchor,
    same_as_canon,
    save_batch,
    stale_undated,
    update_member,
)
from kenning.news.views import entity_news, get_article, list_stories, listing_of, release_listing, story_report
from kenning.progress import progress_bar
from kenning.store import Store

__all__ = ["AddedArticle", "Extractor", "ScreenerSource", "add_articles", "add_items", "entity_news", "expand_items",
           "extract_items", "get_article", "list_stories", "listing_of", "release_listing", "story_report"]

#: A screener, a function that opens one only when something must be extracted, or None (no linking).
ScreenerSource = Screener | Callable[[], Screener] | None
#: Something that extracts reports elsewhere (:class:`kenning.news.pipeline.ExtractionProcess`): the results
#: and the failures, as :func:`extract_isolated` gives them.
Extractor = Callable[[Sequence[Article]], tuple[list[ArticleResult], list[IngestFailure]]]
#: File suffixes taken from a folder given as an item.
FOLDER_SUFFIXES = frozenset({".txt", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom"})


@dataclass
class AddedArticle:
    """What became of one ingested report: ``added``, ``duplicate`` (a new copy of a stored one) or
    ``unchanged`` (stored already from this source, as a report or as a copy)."""

    item: str
    article_id: str
    title: str | None
    status: str
    story_id: str | None = None
    new_story: bool = False
    duplicate_of: str | None = None
    kind: str | None = None
    similarity: float | None = None
    mentions: int = 0
    links: int = 0
    events: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def expand_items(items: Iterable[str | Path]) -> list[str]:
    """Items as given, a folder replaced by its report files (sorted; suffixes of :data:`FOLDER_SUFFIXES`)."""
    out: list[str] = []
    for item in items:
        path = Path(item)
        if not str(item).lower().startswith(("http://", "https://")) and path.is_dir():
            out.extend(str(p) for p in sorted(path.iterdir()) if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
        else:
            out.append(str(item))
    return out


def _screener(source: ScreenerSource) -> Screener | None:
    if source is None or isinstance(source, Screener):
        return source
    return source()


def extract_items(items: Iterable[str | Path], screener: ScreenerSource = None, allow_private: bool = False,
                  workers: int = 2, store: Store | None = None) -> tuple[list[ArticleResult], list[IngestFailure]]:
    """Ingest and extract without storing: results in input order, and every failed item."""
    articles, failures = ingest_many(expand_items(items), allow_private=allow_private)
    if not articles:
        return [], failures
    results, failed = extract_isolated(articles, _screener(screener), workers, store)
    return results, failures + failed


def _added(result: ArticleResult, placement: Placement) -> AddedArticle:
    a = result.article
    return AddedArticle(a.source, a.id, a.title, "added", placement.assignment.story_id,
                        placement.assignment.new_story, mentions=len(result.mentions),
                        links=sum(1 for m in result.mentions if m.links), events=len(result.events))


@dataclass
class _Sorted:
    fresh: list[Article]
    copies: list[tuple[Article, str, str, float]]
    unchanged: list[tuple[Article, str]]


def _sort_out(store: Store, articles: Sequence[Article]) -> _Sorted:
    """New reports, copies of stored or earlier ones (original, kind, similarity), and re-added ones."""
    out = _Sorted([], [], [])
    with store.connect() as conn:
        for article in articles:
            stored = find_stored_duplicate(conn, article)
            if stored is None:
                out.fresh.append(article)
            elif (stored.kind == "exact" and stored.source == article.source) or known_duplicate(
                    conn, stored.article_id, article):
                out.unchanged.append((article, stored.article_id))
            else:
                out.copies.append((article, stored.article_id, stored.kind, stored.similarity))
    first: dict[str, Article] = {}
    fresh: list[Article] = []
    for article in out.fresh:
        if article.id in first:
            out.copies.append((article, article.id, "exact", 1.0))
        else:
            first[article.id] = article
            fresh.append(article)
    copied = {b: (a, kind, sim) for a, b, kind, sim in reversed(find_duplicates(fresh))}
    out.fresh = [a for a in fresh if a.id not in copied]
    out.copies += [(a, *copied[a.id]) for a in fresh if a.id in copied]
    return out


def _store_batch(store: Store, batch: Batch, sorted_out: _Sorted,
                 failures: list[IngestFailure]) -> list[AddedArticle]:
    """Write the batch in one transaction, one savepoint per report, then its stories."""
    added: list[AddedArticle] = []
    stamp = now()
    stored: set[str] = set()
    with store.engine.begin() as conn:
        canon = same_as_canon(conn)
        for placement in batch.placements:
            result = placement.result
            try:
                with conn.begin_nested():
                    insert_article(conn, result, stamp)
            except SQLAlchemyError as exc:
                failures.append(IngestFailure(result.article.source, f"cannot be stored: {exc.__class__.__name__}: "
                                              f"{exc}", StoreError))
                continue
            stored.add(result.article.id)
            added.append(_added(result, placement))
        save_batch(conn, batch, stored, stamp)
        for article, original, kind, similarity in sorted_out.copies:
            with conn.begin_nested():
                insert_duplicate(conn, original, article, kind, similarity, stamp)
        touched = batch.touched
        for stale, anchor in stale_undated(conn, touched):
            features = reanchor(stale, anchor, canon, batch.boilerplate)
            replace_result(conn, stale)
            update_member(conn, stale, features, anchor)
        touch_stories(conn, touched, stamp)
        stories = story_of(conn, [a.id for a, *_ in sorted_out.copies] + [a.id for a, _ in sorted_out.unchanged]
                           + [o for _, o, *_ in sorted_out.copies] + [o for _, o in sorted_out.unchanged])
    for article, original, kind, similarity in sorted_out.copies:
        added.append(AddedArticle(article.source, article.id, article.title, "duplicate", stories.get(original),
                                  duplicate_of=original, kind=kind, similarity=similarity))
    for article, original in sorted_out.unchanged:
        added.append(AddedArticle(article.source, article.id, article.title, "unchanged", stories.get(original)))
    return added


def add_items(store: Store, items: Iterable[str | Path], screener: ScreenerSource = None,
              allow_private: bool = False, *, workers: int = 2, show_progress: bool = True,
              extractor: Extractor | None = None) -> tuple[list[AddedArticle], list[IngestFailure]]:
    """Ingest, extract, place in stories and store (see the module docstring).

    ``screener`` may be a function: it is called only when there is something new to extract, so adding
    reports that are all stored already opens neither the screener nor the language model.
    """
    articles, failures = ingest_many(expand_items(items), allow_private=allow_private)
    added, failed = add_articles(store, articles, screener, workers=workers, show_progress=show_progress,
                                 extractor=extractor)
    return added, failures + failed


def add_articles(store: Store, articles: Sequence[Article], screener: ScreenerSource = None, *, workers: int = 2,
                 show_progress: bool = True, extractor: Extractor | None = None,
                 ) -> tuple[list[AddedArticle], list[IngestFailure]]:
    """Extract, place in stories and store reports already ingested (what :func:`add_items` does after
    reading its items); the failures are the reports that could not be extracted or stored. An
    ``extractor`` extracts instead of ``screener`` and ``workers`` (a server's child process)."""
    ensure_news_tables(store)
    failures: list[IngestFailure] = []
    sorted_out = _sort_out(store, articles)
    results: list[ArticleResult] = []
    if sorted_out.fresh and extractor is not None:
        results, failed = extractor(sorted_out.fresh)
        failures += failed
    elif sorted_out.fresh:
        with progress_bar("extracting", total=len(sorted_out.fresh), enabled=show_progress) as advance:
            results, failed = extract_isolated(sorted_out.fresh, _screener(screener), workers, store, advance)
        failures += failed
    with store.engine.begin() as conn:  # place() may count the reports of an older store once
        canon = same_as_canon(conn)
        batch = place(conn, results, canon)
        if read_undated(batch.placements, canon, batch.boilerplate):
            batch = place(conn, results, canon)  # placed again with what they say once dated
            read_undated(batch.placements, canon, batch.boilerplate)
    return _store_batch(store, batch, sorted_out, failures), failures
