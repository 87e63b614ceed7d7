"""Reading a batch file into a DataFrame and writing screening results, for ``kenning spark screen``.

Input: CSV with a header (the columns of ``kenning screen --input``: name, optional schema, birth_date,
country, id_number, ref; every value read as text) or Parquet. Rows are numbered as the built-in batch
numbers them: a CSV row by its line in the file (the header is line 1), a Parquet row from 1. A CSV row
whose number of fields differs from the header's is kept and reported in its ``error`` column.

A quoted field may hold commas and doubled quotes, not line breaks (the file is split between tasks by
lines).

Output: a directory of part files, as Spark writes them, in input order: Parquet for ``.parquet``, CSV
with a header for ``.csv``, JSON lines otherwise; the columns are those of ``kenning screen --output``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kenning.csvsafe import FORMULA_START
from kenning.errors import InputError
from kenning.spark.screening import CORRUPT, number_rows

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["ScreenSummary", "read_batch", "summarize", "write_results"]


def _is_parquet(path: str) -> bool:
    return path.rstrip("/").lower().endswith(".parquet")


def read_batch(spark: SparkSession, path: str) -> DataFrame:
    """The rows of a CSV or Parquet batch, numbered like the built-in batch numbers them."""
    from pyspark.errors import AnalysisException

    try:
        if _is_parquet(path):
            return _checked(number_rows(spark.read.parquet(path), first=1), path)
        header = spark.read.option("header", True).option("escape", '"').csv(path).columns
        if not header:
            raise InputError(f"{path}: no rows to screen")
        fields = ", ".join(f"`{c.strip().lower()}` string" for c in header)
        # RFC 4180 quoting ("" inside quotes), as Python's csv and spreadsheets write it
        frame = (spark.read.option("header", True).option("escape", '"').option("mode", "PERMISSIVE")
                 .option("columnNameOfCorruptRecord", CORRUPT).schema(f"{fields}, {CORRUPT} string").csv(path))
        return _checked(number_rows(frame, first=2), path)
    except AnalysisException as exc:
        raise InputError(f"{path}: cannot be read as {'Parquet' if _is_parquet(path) else 'CSV'}: "
                         f"{str(exc).splitlines()[0]}") from exc


def _checked(frame: DataFrame, path: str) -> DataFrame:
    if "name" not in {c.strip().lower() for c in frame.columns}:
        raise InputError(f"{path}: the input must have a 'name' column (optional: schema, birth_date, country, "
                         f"id_number, ref); it has {', '.join(c for c in frame.columns if c != 'line')}")
    return frame


def _formula_safe(results: DataFrame) -> DataFrame:
    """Every text cell that a spreadsheet would run as a formula gets a leading apostrophe, as every CSV
    Kenning writes (:mod:`kenning.csvsafe`)."""
    from pyspark.sql import functions as F

    starts = "^[" + "".join("\\" + c if c in "-\\" else c for c in FORMULA_START) + "]"
    return results.select(*[
        F.when(F.col(name).rlike(starts), F.concat(F.lit("'"), F.col(name))).otherwise(F.col(name)).alias(name)
        if kind == "string" else F.col(name) for name, kind in results.dtypes])


def write_results(results: DataFrame, path: str, overwrite: bool = False) -> None:
    """Write the result rows under ``path`` (a directory): Parquet, CSV or JSON lines by its ending (CSV with
    formula cells neutralised)."""
    lowered = path.rstrip("/").lower()
    if lowered.endswith(".csv"):
        results = _formula_safe(results)
    writer = results.write.mode("overwrite" if overwrite else "errorifexists")
    try:
        if lowered.endswith(".parquet"):
            writer.parquet(path)
        elif lowered.endswith(".csv"):
            writer.option("header", True).option("escape", "\"").csv(path)  # RFC 4180 quoting, as Python writes
        else:
            writer.json(path)
    except Exception as exc:
        if "already exists" in str(exc):
            raise InputError(f"{path} already exists: choose another output or pass --overwrite") from exc
        raise


@dataclass
class ScreenSummary:
    rows: int
    screened: int
    failed: int
    matched: int
    errors: list[tuple[int, str]]

    def describe(self, seconds: float) -> str:
        rate = self.rows / seconds if seconds else 0.0
        return (f"{self.rows} rows: {self.screened} screened ({self.matched} with a match), {self.failed} failed; "
                f"{seconds:.1f} s, {rate:.0f} rows/s")


def _read_results(spark: SparkSession, path: str) -> DataFrame:
    lowered = path.rstrip("/").lower()
    if lowered.endswith(".parquet"):
        return spark.read.parquet(path)
    if lowered.endswith(".csv"):
        schema = "line long, ref string, query_name string, error string, warnings string, match boolean"
        return spark.read.option("header", True).option("escape", '"').schema(schema).csv(path)
    return spark.read.json(path)


def summarize(spark: SparkSession, path: str, shown: int = 20) -> ScreenSummary:
    """Count what was written (read back from ``path``) and keep the first ``shown`` errors."""
    from pyspark.sql import functions as F

    frame = _read_results(spark, path)
    per_row = frame.groupBy("line").agg(F.max(F.col("error").isNotNull().cast("int")).alias("failed"),
                                        F.max(F.coalesce(F.col("match"), F.lit(False)).cast("int")).alias("hit"))
    totals = per_row.agg(F.count("*"), F.sum("failed"), F.sum("hit")).first()
    rows, failed, matched = (int(v or 0) for v in (totals or (0, 0, 0)))
    errors = [(int(r["line"]), str(r["error"])) for r in
              frame.where(F.col("error").isNotNull()).orderBy("line").select("line", "error").limit(shown).collect()]
    return ScreenSummary(rows, rows - failed, failed, matched, errors)

