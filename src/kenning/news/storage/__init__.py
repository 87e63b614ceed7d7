"""News' own storage: the news tables and every query on them.

In: a :class:`~kenning.store.Store` (the lists' database, SQLite or PostgreSQL) and the records of the
stages (:class:`~kenning.news.model.ArticleResult`, story memberships as JSON-ready dicts). Out: stored
rows, and results and rows read back. Nothing else in Kenning queries the news tables; the store itself
(:mod:`kenning.store`) knows nothing of them.
"""

from kenning.news.storage.articles import (
    StoredDuplicate,
    article_ids,
    find_stored_duplicate,
    insert_article,
    insert_duplicate,
    known_duplicate,
    load_article,
    load_results,
    now,
    replace_result,
    story_of,
)
from kenning.news.storage.reads import article_row, entity_mentions, story_rows
from kenning.news.storage.tables import NEWS_TABLES, ensure_news_tables

__all__ = [
    "NEWS_TABLES",
    "StoredDuplicate",
    "article_ids",
    "article_row",
    "ensure_news_tables",
    "entity_mentions",
    "find_stored_duplicate",
    "insert_article",
    "insert_duplicate",
    "known_duplicate",
    "load_article",
    "load_results",
    "now",
    "replace_result",
    "story_of",
    "story_rows",
]
