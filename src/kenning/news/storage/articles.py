"""Stored reports: writing an article with its links, events and targets, finding stored copies, reading back.

Writes take a ``Connection`` so a caller can put a whole batch in one transaction (one savepoint per item).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from kenning.news.article import Article
from kenning.news.codec import result_from_dict
from kenning.news.fingerprints import NEAR_JACCARD, NEAR_MAX_BITS, hamming, jaccard, shingles
from kenning.news.model import ArticleResult
from kenning.news.storage.tables import (
    news_articles,
    news_duplicates,
    news_event_targets,
    news_events,
    news_links,
    news_story_members,
)

__all__ = [
    "StoredDuplicate",
    "article_ids",
    "find_stored_duplicate",
    "insert_article",
    "insert_duplicate",
    "known_duplicate",
    "load_article",
    "load_results",
    "now",
    "replace_result",
    "story_of",
]


def now() -> dt.datetime:
    """The current time in UTC (the ``added_at`` of a batch)."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class StoredDuplicate:
    """A stored report that a new one copies: its id, ``exact`` or ``near``, and the shingle similarity."""

    article_id: str
    kind: str
    similarity: float
    source: str


def find_stored_duplicate(conn: Connection, article: Article) -> StoredDuplicate | None:
    """The stored report ``article`` is an exact or near copy of (the rules of :mod:`kenning.news.fingerprints`)."""
    row = conn.execute(select(news_articles.c.id, news_articles.c.source).where(
        news_articles.c.content_hash == article.content_hash)).first()
    if row is not None:
        return StoredDuplicate(row.id, "exact", 1.0, row.source)
    mine = int(article.fingerprint, 16)
    near = [r for r in conn.execute(select(news_articles.c.id, news_articles.c.fingerprint))
            if hamming(mine, int(r.fingerprint, 16)) <= NEAR_MAX_BITS]
    if not near:
        return None
    words = shingles(article.text)
    best: StoredDuplicate | None = None
    for candidate in near:
        stored = conn.execute(select(news_articles.c.article, news_articles.c.source).where(
            news_articles.c.id == candidate.id)).one()
        similarity = round(jaccard(words, shingles(stored.article["text"])), 3)
        if similarity >= NEAR_JACCARD and (best is None or similarity > best.similarity):
            best = StoredDuplicate(candidate.id, "near", similarity, stored.source)
    return best


def known_duplicate(conn: Connection, original: str, article: Article) -> bool:
    """Whether ``article`` from its source is already recorded as a copy of ``original``."""
    return conn.execute(select(news_duplicates.c.id).where(
        news_duplicates.c.article_id == original, news_duplicates.c.duplicate_id == article.id,
        news_duplicates.c.source == article.source)).first() is not None


def insert_duplicate(conn: Connection, original: str, article: Article, kind: str, similarity: float,
                     added_at: dt.datetime) -> bool:
    """Record ``article`` as a copy of the stored ``original``; False when that relation is already known."""
    if known_duplicate(conn, original, article):
        return False
    conn.execute(news_duplicates.insert().values(
        article_id=original, duplicate_id=article.id, kind=kind, similarity=similarity, source=article.source,
        url=article.url, outlet=article.outlet, title=article.title, added_at=added_at))
    return True


def _result_json(result: ArticleResult) -> dict[str, Any]:
    data = result.to_dict()
    data["timings"] = {k: round(v, 6) for k, v in result.timings.items()}
    return data


def insert_article(conn: Connection, result: ArticleResult, added_at: dt.datetime) -> None:
    """Store one report with its links, events and event targets."""
    article = result.article
    conn.execute(news_articles.insert().values(
        id=article.id, content_hash=article.content_hash, fingerprint=article.fingerprint, title=article.title,
        outlet=article.outlet, published=article.published, url=article.url, source=article.source,
        added_at=added_at, article=article.to_dict(), result=_result_json(result)))
    _insert_details(conn, result)


def _insert_details(conn: Connection, result: ArticleResult) -> None:
    """The link, event and target rows of a stored report."""
    article_id = result.article.id
    links = []
    for number, mention in enumerate(result.mentions):
        sentence = result.sentences[mention.sentence] if mention.sentence < len(result.sentences) else None
        seen: set[str] = set()
        for rank, link in enumerate(mention.links):
            if link.id in seen:
                continue
            seen.add(link.id)
            links.append({"article_id": article_id, "mention": number, "entity_id": link.id, "rank": rank,
                          "score": link.score, "text": mention.text, "label": mention.label,
                          "start": mention.start, "end": mention.end,
                          "sentence_start": sentence.start if sentence else mention.start,
                          "sentence_end": sentence.end if sentence else mention.end,
                          "sentence_text": sentence.text if sentence else mention.text})
    if links:
        conn.execute(news_links.insert(), links)
    for position, event in enumerate(result.events):
        inserted = conn.execute(news_events.insert().values(
            article_id=article_id, position=position, authority=event.authority,
            authority_country=event.authority_country, date=event.date, date_approx=event.date_approx,
            background=event.background, measures=event.measures, data=event.to_dict())).inserted_primary_key
        event_id = inserted[0] if inserted is not None else None
        targets = [{"event_id": event_id, "position": i, "name": t.name, "role": t.role,
                    "entity_id": t.links[0].id if t.links else None,
                    "score": t.links[0].score if t.links else None} for i, t in enumerate(event.targets)]
        if targets:
            conn.execute(news_event_targets.insert(), targets)


def replace_result(conn: Connection, result: ArticleResult) -> None:
    """Store a new pipeline output for a stored report (e.g. its events read again against its story's date)."""
    article_id = result.article.id
    event_ids = [int(v) for v in conn.execute(select(news_events.c.id).where(
        news_events.c.article_id == article_id)).scalars()]
    if event_ids:
        conn.execute(news_event_targets.delete().where(news_event_targets.c.event_id.in_(event_ids)))
    conn.execute(news_events.delete().where(news_events.c.article_id == article_id))
    conn.execute(news_links.delete().where(news_links.c.article_id == article_id))
    conn.execute(news_articles.update().where(news_articles.c.id == article_id).values(
        result=_result_json(result)))
    _insert_details(conn, result)


def load_article(conn: Connection, article_id: str) -> ArticleResult | None:
    """One stored report as an :class:`ArticleResult` (None when unknown)."""
    row = conn.execute(select(news_articles.c.article, news_articles.c.result).where(
        news_articles.c.id == article_id)).first()
    if row is None:
        return None
    return result_from_dict(Article.from_dict(row.article), row.result)


def load_results(conn: Connection, ids: Sequence[str] | None = None) -> list[ArticleResult]:
    """Stored reports as results, in (published, id) order; all of them when ``ids`` is None."""
    query = select(news_articles.c.article, news_articles.c.result).order_by(
        news_articles.c.published, news_articles.c.id)
    if ids is not None:
        query = query.where(news_articles.c.id.in_(list(ids)))
    return [result_from_dict(Article.from_dict(r.article), r.result) for r in conn.execute(query)]


def story_of(conn: Connection, article_ids: Iterable[str]) -> dict[str, str]:
    """The story of each stored report among ``article_ids``."""
    query = select(news_story_members.c.article_id, news_story_members.c.story_id).where(
        news_story_members.c.article_id.in_(list(article_ids)))
    return {r.article_id: r.story_id for r in conn.execute(query)}


def article_ids(conn: Connection) -> list[str]:
    """The id of every stored report, in the order they were added."""
    query = select(news_articles.c.id).order_by(news_articles.c.added_at, news_articles.c.id)
    return [str(i) for i in conn.execute(query).scalars()]
