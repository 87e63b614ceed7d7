"""Batch screening of a Spark DataFrame: the same rows ``kenning screen --output results.csv`` writes.

The driver finds (or builds) the persisted index of the store and either ships it to every executor with
``SparkContext.addFile`` or, with ``shared=True``, names its path on a file system every executor reads.
``mapInPandas`` then screens each partition's Arrow batches; each Python worker loads the index on its first
batch and keeps it in a module global, so a reused worker (Spark's default) never loads it again.

Rows are parsed and screened by the very functions the built-in batch uses (:func:`parse_row`,
:func:`screen_row`, :func:`flat_rows`), so a row gives the same output in both. A bad row (no name, a bad
date) becomes a row with its ``error`` and the rest of the frame is screened.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from kenning.errors import InputError, StoreError
from kenning.matching.batch import RESULT_COLUMNS, flat_rows, screen_row
from kenning.matching.batch_io import CSV_COLUMNS, Row, parse_row
from kenning.matching.build import persisted_index
from kenning.matching.index import CandidateIndex
from kenning.matching.screener import Screener

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["RESULT_SCHEMA", "IndexFiles", "number_rows", "screen_frame", "ship_index"]

#: Spark schema of the output: :data:`RESULT_COLUMNS` with their types.
RESULT_SCHEMA = ("line long, ref string, query_name string, error string, warnings string, match boolean, "
                 "score double, id string, dataset string, schema string, caption string, same_party string, "
                 "explanation string")
#: Where a row's line number is kept, and where Spark's CSV reader puts a row it cannot split.
LINE, CORRUPT = "line", "_corrupt_record"
_ID_BITS = 33  # monotonically_increasing_id(): partition id in the upper bits, row in partition below


@dataclass(frozen=True)
class IndexFiles:
    """Where executors find the index and the same-as links: names in SparkFiles, or shared paths."""

    index: str
    same_as: str
    shipped: bool

    def paths(self) -> tuple[Path, Path]:
        if not self.shipped:
            return Path(self.index), Path(self.same_as)
        from pyspark import SparkFiles

        return Path(SparkFiles.get(self.index)), Path(SparkFiles.get(self.same_as))


def ship_index(spark: Any, shared: bool = False) -> IndexFiles:
    """Make the store's persisted index reachable from every executor (built first if it is missing)."""
    index, same_as = persisted_index()
    if shared:
        return IndexFiles(str(index.resolve()), str(same_as.resolve()), shipped=False)
    spark.sparkContext.addFile(str(index))
    spark.sparkContext.addFile(str(same_as))
    return IndexFiles(index.name, same_as.name, shipped=True)


_LOADED: dict[IndexFiles, Screener] = {}


def executor_screener(files: IndexFiles) -> Screener:
    """The screener of this Python worker, loaded from ``files`` on first use."""
    if files not in _LOADED:
        index_path, links_path = files.paths()
        index = CandidateIndex.load(index_path)
        if index is None:
            raise StoreError(f"{index_path}: not a readable Kenning index of this version")
        same_as = orjson.loads(links_path.read_bytes())
        _LOADED.clear()
        _LOADED[files] = Screener(index, same_as)
    return _LOADED[files]


def _cell(value: Any) -> str:
    return "" if value is None or isinstance(value, float) else str(value).strip()  # every column is a string


def _too_wide(raw: Any, width: int) -> str | None:
    """The built-in batch's error for a CSV row with more fields than the header (fewer are missing values)."""
    if not isinstance(raw, str):
        return None
    fields = len(next(csv.reader([raw]), []))
    return f"{fields} columns, the header has {width}" if fields > width else None


def _screen_batches(batches: Iterator[pd.DataFrame], files: IndexFiles, options: dict[str, Any],
                    datasets: tuple[str, ...], width: int) -> Iterator[pd.DataFrame]:
    import pandas as pd

    screener = executor_screener(files)
    for batch in batches:
        out: list[tuple[Any, ...]] = []
        columns = [c for c in batch.columns if c in CSV_COLUMNS]
        raws = batch[CORRUPT].tolist() if CORRUPT in batch.columns else None
        for i, line in enumerate(batch[LINE].tolist()):
            error = _too_wide(raws[i], width) if raws is not None else None
            if error is not None:
                item: Row = (int(line), None, None, error)
            else:
                item = parse_row(int(line), {c: _cell(batch[c].iloc[i]) for c in columns}, datasets)
            out.extend(flat_rows(screen_row(item, screener, options)))
        yield pd.DataFrame.from_records(out, columns=list(RESULT_COLUMNS))


def number_rows(frame: DataFrame, first: int = 1) -> DataFrame:
    """``frame`` with a ``line`` column numbering its rows in order from ``first`` (Spark's zipWithIndex,
    done in the JVM: one counting pass, then each row's partition offset plus its place in the partition).

    The count and the numbering read the same input partitions, so a frame read from files numbers its rows
    as they stand in the files."""
    from pyspark.sql import functions as F

    tagged = frame.withColumn("_kn_part", F.spark_partition_id()).withColumn("_kn_id",
                                                                             F.monotonically_increasing_id())
    counts = {int(r[0]): int(r[1]) for r in tagged.groupBy("_kn_part").count().collect()}
    offsets, start = [], first
    for part in range(max(counts, default=-1) + 1):
        offsets.append(start)
        start += counts.get(part, 0)
    if not offsets:
        return frame.withColumn(LINE, F.lit(first).cast("long"))
    base = F.element_at(F.array(*[F.lit(o) for o in offsets]), F.col("_kn_part") + 1).cast("long")
    within = F.col("_kn_id") - F.shiftleft(F.col("_kn_part").cast("long"), _ID_BITS)
    return tagged.withColumn(LINE, base + within).drop("_kn_part", "_kn_id")


def screen_frame(frame: DataFrame, files: IndexFiles, *, threshold: float | None = None, limit: int = 5,
                 algorithm: str | None = None, datasets: tuple[str, ...] = (),
                 partitions: int | None = None) -> DataFrame:
    """Screen every row of ``frame`` (a ``name`` column, optionally schema, birth_date, country, id_number,
    ref and line) into rows of :data:`RESULT_SCHEMA`; rows without a ``line`` are numbered from 1.

    ``partitions`` spreads the work (default: at least the session's default parallelism); the rows are
    range-partitioned by line, so the output's partitions, read in order, are in input order."""
    from pyspark.sql import functions as F

    columns = {c.strip().lower(): c for c in frame.columns}
    if "name" not in columns:
        raise InputError(f"the frame has no 'name' column (columns: {', '.join(frame.columns) or 'none'})")
    if LINE not in columns:
        frame = number_rows(frame)
        columns[LINE] = LINE
    width = len([c for c in columns if c not in (LINE, CORRUPT)])
    keep = [c for c in (*CSV_COLUMNS, CORRUPT) if c in columns]
    frame = frame.select(F.col(columns[LINE]).cast("long").alias(LINE),
                         *[F.col(columns[c]).cast("string").alias(c) for c in keep])
    wanted = partitions or frame.sparkSession.sparkContext.defaultParallelism
    if frame.rdd.getNumPartitions() < wanted:
        frame = frame.repartitionByRange(wanted, LINE).sortWithinPartitions(LINE)
    options = {"threshold": threshold, "limit": limit, "algorithm": algorithm}

    def screen(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        return _screen_batches(batches, files, options, datasets, width)

    return frame.mapInPandas(screen, RESULT_SCHEMA)
