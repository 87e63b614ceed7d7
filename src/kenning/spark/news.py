"""News on Spark: a DataFrame of reports becomes DataFrames of mentions, links and sanctions events.

Each report (a ``text`` column; optional ``id``, ``title``, ``published``, ``url``, ``outlet``) is read as
``kenning news extract`` reads a text file, and goes through :func:`kenning.news.pipeline.extract` on an
executor: spaCy with the list ruler, linking through the screener, event extraction. One ``mapInPandas`` pass
writes every item as a row of one wide frame, which is persisted and split into the frames the caller
reads, so the NLP runs once per report. A report the pipeline fails on is a row of ``failures``.

The screener's index is shipped like screening's (:func:`~kenning.spark.screening.ship_index`); the NLP
ruler and the linker also read the store's lists, so executors open the driver's store URL: on a cluster
that is a PostgreSQL store (``KENNING_DB``) every executor can reach. Each executor keeps the list ruler
it builds under its own ``KENNING_HOME`` (set it with ``spark.executorEnv.KENNING_HOME``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from kenning import settings
from kenning.errors import InputError
from kenning.spark.screening import IndexFiles, executor_screener

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["NewsFrames", "news_frames"]

_WIDE = ("kind string, report_id string, item int, mention int, sentence int, start int, `end` int, text string, "
         "label string, role string, country string, refers_to string, entity_id string, dataset string, "
         "schema string, caption string, score double, authority string, authority_country string, date string, "
         "measures array<string>, target_ids array<string>, background boolean, error string, detail string")
_WIDE_COLUMNS = tuple(part.strip().split()[0].strip("`") for part in _WIDE.split(", "))
_INPUT = ("id", "text", "title", "published", "url", "outlet")


@dataclass
class NewsFrames:
    """What the reports say: one row per mention, per mention link, per event, per failed report."""

    mentions: DataFrame
    links: DataFrame
    events: DataFrame
    failures: DataFrame


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _article(row: dict[str, Any]) -> Any:
    """The report as ``kenning news extract`` reads a text file (a ``Key: value`` header block is read too)."""
    from kenning.news.ingest.collect import ingest_text

    text = row.get("text") if isinstance(row.get("text"), str) else ""
    source = _text(row.get("url")) or f"spark:{_text(row.get('id')) or 'report'}"
    return ingest_text(text or "", source, url=_text(row.get("url")), title=_text(row.get("title")),
                       published=_text(row.get("published")), outlet=_text(row.get("outlet")))


def _rows(report: str, result: Any) -> Iterator[dict[str, Any]]:
    for i, m in enumerate(result.mentions):
        yield {"kind": "mention", "report_id": report, "item": i, "mention": i, "sentence": m.sentence,
               "start": m.start, "end": m.end, "text": m.text, "label": m.label, "role": m.role,
               "country": m.country, "refers_to": m.refers_to}
        for link in m.links:
            yield {"kind": "link", "report_id": report, "item": i, "mention": i, "text": m.text,
                   "entity_id": link.id, "dataset": link.dataset, "schema": link.schema, "caption": link.caption,
                   "score": round(link.score, 4), "detail": orjson.dumps(link.evidence).decode()}
    for i, e in enumerate(result.events):
        ids = sorted({link.id for t in e.targets for link in t.links})
        yield {"kind": "event", "report_id": report, "item": i, "authority": e.authority,
               "authority_country": e.authority_country, "date": e.date, "measures": list(e.measures),
               "target_ids": ids, "background": e.background, "detail": orjson.dumps(e.to_dict()).decode()}


def _extract_batches(batches: Iterator[pd.DataFrame], files: IndexFiles, store_url: str) -> Iterator[pd.DataFrame]:
    import pandas as pd

    from kenning.news.pipeline import extract
    from kenning.store import open_store

    screener, store = executor_screener(files), open_store(store_url)
    columns = list(_WIDE_COLUMNS)
    for batch in batches:
        out: list[dict[str, Any]] = []
        for row in batch.to_dict("records"):
            report = _text(row.get("id")) or ""
            try:
                article = _article(row)
                report = report or article.id
                out.extend(_rows(report, extract(article, screener, store=store)))
            except Exception as exc:  # one odd report must not stop the others: it is a row of `failures`
                out.append({"kind": "error", "report_id": report, "error": f"{type(exc).__name__}: {exc}"})
        # Objects, not NaN-filled floats: a row of one kind leaves the other kinds' columns (arrays too) null.
        yield pd.DataFrame([[item.get(c) for c in columns] for item in out], columns=columns, dtype=object)


def news_frames(reports: DataFrame, files: IndexFiles, store_url: str | None = None) -> NewsFrames:
    """Extract every report of ``reports`` once; the frames share that one (persisted) pass.

    ``store_url`` is the store the executors read (default: the driver's, which they must reach)."""
    from pyspark.sql import functions as F

    url = store_url or settings.DATABASE_URL

    columns = {c.strip().lower(): c for c in reports.columns}
    if "text" not in columns:
        raise InputError(f"the reports have no 'text' column (columns: {', '.join(reports.columns) or 'none'})")
    frame = reports.select(*[F.col(columns[c]).cast("string").alias(c) for c in _INPUT if c in columns])

    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        return _extract_batches(batches, files, url)

    wide = frame.mapInPandas(run, _WIDE).persist()
    kind = F.col("kind")
    return NewsFrames(
        mentions=wide.where(kind == "mention").select("report_id", "mention", "sentence", "start", "end", "text",
                                                      "label", "role", "country", "refers_to"),
        links=wide.where(kind == "link").select("report_id", "mention", "text", "entity_id", "dataset", "schema",
                                                "caption", "score", F.col("detail").alias("evidence")),
        events=wide.where(kind == "event").select("report_id", F.col("item").alias("event"), "authority",
                                                  "authority_country", "date", "measures", "target_ids",
                                                  "background", "detail"),
        failures=wide.where(kind == "error").select("report_id", "error"))
