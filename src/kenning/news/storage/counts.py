"""Counts over the stored reports: in how many reports each word occurs, and in how many reports of one
outlet each sentence occurs.

The stories stage reads them for its inverse document frequencies (a word every report uses says little)
and to tell an outlet's boilerplate from its news (a sentence the outlet repeats in other reports); the
reconcile stage for the same reason. Writes add one report's distinct terms and sentence keys; reads take
the terms or keys wanted, so nothing loads the whole table. Which terms and keys a report has is the
stages' business: these functions only count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping

from sqlalchemy import bindparam, func, select, tuple_
from sqlalchemy.engine import Connection

from kenning.news.storage.tables import news_articles, news_sentence_counts, news_term_counts

__all__ = ["add_counts", "count_reports", "counts_empty", "sentence_counts", "term_counts"]

#: Rows per IN (...) query.
CHUNK = 500


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def count_reports(conn: Connection) -> int:
    """How many reports are stored."""
    return int(conn.execute(select(func.count()).select_from(news_articles)).scalar() or 0)


def counts_empty(conn: Connection) -> bool:
    """Whether no report has been counted yet (a store written before the counts existed)."""
    return conn.execute(select(news_term_counts.c.term).limit(1)).first() is None


def term_counts(conn: Connection, terms: Collection[str]) -> dict[str, int]:
    """Term → the number of stored reports holding it (terms no report holds are left out)."""
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(set(terms))):
        rows = conn.execute(select(news_term_counts.c.term, news_term_counts.c.reports)
                            .where(news_term_counts.c.term.in_(chunk)))
        found.update({row.term: int(row.reports) for row in rows})
    return found


def sentence_counts(conn: Connection, keys: Collection[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """(outlet, sentence key) → the number of stored reports of that outlet holding the sentence."""
    found: dict[tuple[str, str], int] = {}
    wanted = sorted(set(keys))
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        rows = conn.execute(select(news_sentence_counts.c.outlet, news_sentence_counts.c.key,
                                   news_sentence_counts.c.reports)
                            .where(tuple_(news_sentence_counts.c.outlet, news_sentence_counts.c.key).in_(chunk)))
        found.update({(row.outlet, row.key): int(row.reports) for row in rows})
    return found


def _add(conn: Connection, table_counts: Mapping[tuple[str, ...], int], known: set[tuple[str, ...]],
         table: str) -> None:
    target = news_term_counts if table == "terms" else news_sentence_counts
    new = [k for k in table_counts if k not in known]
    old = [k for k in table_counts if k in known]
    if table == "terms":
        if old:
            conn.execute(target.update().where(target.c.term == bindparam("t")).values(
                reports=target.c.reports + bindparam("n")), [{"t": k[0], "n": table_counts[k]} for k in old])
        if new:
            conn.execute(target.insert(), [{"term": k[0], "reports": table_counts[k]} for k in new])
        return
    if old:
        conn.execute(target.update().where((target.c.outlet == bindparam("o")) & (target.c.key == bindparam("k")))
                     .values(reports=target.c.reports + bindparam("n")),
                     [{"o": k[0], "k": k[1], "n": table_counts[k]} for k in old])
    if new:
        conn.execute(target.insert(), [{"outlet": k[0], "key": k[1], "reports": table_counts[k]} for k in new])


def add_counts(conn: Connection, reports: Iterable[tuple[str, Collection[str], Collection[str]]]) -> None:
    """Count reports given as (outlet, distinct terms, distinct sentence keys)."""
    terms: Counter[tuple[str, ...]] = Counter()
    sentences: Counter[tuple[str, ...]] = Counter()
    for outlet, report_terms, keys in reports:
        terms.update((t[:255],) for t in set(report_terms))
        sentences.update((outlet[:255], k) for k in set(keys))
    if terms:
        known = set(term_counts(conn, [t[0] for t in terms]))
        _add(conn, terms, {(t,) for t in known}, "terms")
    if sentences:
        have = sentence_counts(conn, [(o, k) for o, k in sentences])
        _add(conn, sentences, set(have), "sentences")
