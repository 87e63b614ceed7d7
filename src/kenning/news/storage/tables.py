"""The news tables: articles with their pipeline output, duplicates, entity links, events, stories.

They belong to news and hang off news' own ``metadata`` (the lists' tables are :mod:`kenning.store.schema`,
which knows nothing of news). :func:`ensure_news_tables` creates them in a store's database; every
function of :mod:`kenning.news.storage` that opens a connection calls it first, so they exist whatever
was imported or opened before.

* ``news_articles`` — one row per distinct report: the ``Article`` and its ``ArticleResult`` as JSON, plus
  the columns lists and filters need (outlet, published, url, source, added at, content hash, fingerprint);
* ``news_duplicates`` — a report recognised as an exact or near copy of a stored one, kept as a relation
  (which report, from where, how similar) instead of a second article;
* ``news_links`` — every mention→entity link with its offsets, its sentence (span and text) and score,
  indexed by entity for the dossier;
* ``news_events`` / ``news_event_targets`` — sanctions events (date, authority country, background flag)
  and their targets' entity ids, indexed by entity;
* ``news_stories`` / ``news_story_members`` — reports of one event grouped across outlets, with the
  evidence that put each report in its story; ``news_story_changes`` — stories merged or split later;
* ``news_term_counts`` / ``news_sentence_counts`` — in how many reports a word occurs, and in how many
  reports of one outlet a sentence occurs (inverse document frequency and boilerplate).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from kenning.store import Store, create_tables

__all__ = [
    "NEWS_TABLES",
    "ensure_news_tables",
    "news_articles",
    "news_duplicates",
    "news_event_targets",
    "news_events",
    "news_links",
    "news_metadata",
    "news_sentence_counts",
    "news_stories",
    "news_story_changes",
    "news_story_members",
    "news_term_counts",
]

#: The news tables' own metadata: the store's schema (:mod:`kenning.store.schema`) does not know them.
news_metadata = MetaData()

news_articles = Table(
    "news_articles",
    news_metadata,
    Column("id", String(32), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("fingerprint", String(16), nullable=False),
    Column("title", Text),
    Column("outlet", String(255)),
    Column("published", String(10), index=True),
    Column("url", Text),
    Column("source", Text, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    #: ``Article.to_dict()``.
    Column("article", JSON, nullable=False),
    #: ``ArticleResult.to_dict()`` plus its ``timings``.
    Column("result", JSON, nullable=False),
)

news_duplicates = Table(
    "news_duplicates",
    news_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(32), ForeignKey("news_articles.id"), nullable=False, index=True),
    Column("duplicate_id", String(32), nullable=False),
    #: "exact" (same normalised text) or "near" (same report with small edits).
    Column("kind", String(16), nullable=False),
    Column("similarity", Float, nullable=False),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", String(255)),
    Column("title", Text),
    Column("added_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("article_id", "duplicate_id", "source", name="uq_news_duplicates"),
)

news_links = Table(
    "news_links",
    news_metadata,
    Column("article_id", String(32), ForeignKey("news_articles.id"), primary_key=True),
    Column("mention", Integer, primary_key=True),
    Column("entity_id", String(255), primary_key=True),
    Column("rank", Integer, nullable=False),
    Column("score", Float, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("sentence_text", Text, nullable=False),
    Index("ix_news_links_entity", "entity_id"),
)

news_events = Table(
    "news_events",
    news_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(32), ForeignKey("news_articles.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("authority", Text, nullable=False),
    Column("authority_country", String(8), index=True),
    Column("date", String(16), index=True),
    Column("date_approx", Boolean, nullable=False),
    Column("background", Boolean, nullable=False),
    Column("measures", JSON, nullable=False),
    #: ``SanctionEvent.to_dict()``.
    Column("data", JSON, nullable=False),
    UniqueConstraint("article_id", "position", name="uq_news_events_position"),
)

news_event_targets = Table(
    "news_event_targets",
    news_metadata,
    Column("event_id", Integer, ForeignKey("news_events.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", Text),
    Column("entity_id", String(255)),
    Column("score", Float),
    Index("ix_news_event_targets_entity", "entity_id"),
)

news_stories = Table(
    "news_stories",
    news_metadata,
    #: ``story-`` + the id of the report that started it: stable while reports join.
    Column("id", String(64), primary_key=True),
    Column("title", Text),
    Column("first_date", String(10)),
    Column("last_date", String(10)),
    Column("size", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

news_story_members = Table(
    "news_story_members",
    news_metadata,
    Column("article_id", String(32), ForeignKey("news_articles.id"), primary_key=True),
    Column("story_id", String(64), ForeignKey("news_stories.id"), nullable=False, index=True),
    Column("score", Float, nullable=False),
    #: Why the report joined (text similarity, shared entities, matching event) or started the story.
    Column("evidence", JSON, nullable=False),
    #: ``StoryFeatures.to_dict()``: what a later report is compared with, without re-reading this one.
    Column("features", JSON, nullable=False),
    #: The report's day (published, or its headline event's), for the candidate window.
    Column("day", String(10), index=True),
    #: The date an undated report's relative dates were read against (another report of its story).
    Column("anchor", String(10)),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

#: When later reports showed that stories were one (``merged``: ``story_id`` went into ``other_id``) or
#: two (``split``: ``other_id`` was split off ``story_id``), with the reports that moved. Old ids stay
#: readable: a merged story's id leads to the story it went into.
news_story_changes = Table(
    "news_story_changes",
    news_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(64), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("other_id", String(64), nullable=False, index=True),
    Column("articles", JSON, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

#: In how many stored reports each word or party key occurs (story grouping's inverse document frequency).
news_term_counts = Table(
    "news_term_counts",
    news_metadata,
    Column("term", String(255), primary_key=True),
    Column("reports", Integer, nullable=False),
)

#: In how many stored reports of one outlet each sentence occurs (``key``: a digest of its folded words):
#: a sentence an outlet repeats across reports is its boilerplate, not news.
news_sentence_counts = Table(
    "news_sentence_counts",
    news_metadata,
    Column("outlet", String(255), primary_key=True),
    Column("key", String(16), primary_key=True),
    Column("reports", Integer, nullable=False),
)

NEWS_TABLES = (news_articles, news_duplicates, news_links, news_events, news_event_targets, news_stories,
               news_story_members, news_story_changes, news_term_counts, news_sentence_counts)


def ensure_news_tables(store: Store) -> None:
    """Create the news tables in ``store``'s database where they are missing (idempotent)."""
    create_tables(store.engine, news_metadata, list(NEWS_TABLES))
