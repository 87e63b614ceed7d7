"""``kenning spark screen``: batch screening on Apache Spark (local mode here, any cluster with spark-submit)."""

from __future__ import annotations

import time

import click

__all__ = ["spark"]


@click.group()
def spark() -> None:
    """Screening on Apache Spark (needs `pip install kenning[spark]` and a Java 17+ runtime)."""


@spark.command("screen")
@click.option("--input", "input_path", required=True, metavar="PATH",
              help="CSV with a header (name, optional schema, birth_date, country, id_number, ref) or .parquet; "
                   "a local path or any URL Spark reads (hdfs://, s3a://...).")
@click.option("--output", "output_path", required=True, metavar="PATH",
              help="Results directory: .parquet, .csv (with a header) or JSON lines otherwise; the columns of "
                   "`kenning screen --output`.")
@click.option("--overwrite", is_flag=True, help="Replace an existing output.")
@click.option("--master", default=None, help="Spark master (default: spark-submit's, else local[*]).")
@click.option("--shared-index", is_flag=True, help="Executors read the index from KENNING_INDEX_DIR (a path they "
              "all share) instead of having it shipped with SparkFiles.")
@click.option("--partitions", type=int, default=None, help="Spread the rows over at least this many tasks.")
@click.option("--dataset", "datasets", multiple=True, help="Only these lists (repeatable).")
@click.option("--threshold", type=float, help="Match threshold (default: the algorithm's).")
@click.option("--limit", type=int, default=5, show_default=True, help="Results per row.")
@click.option("--algorithm", default=None, help="Scoring algorithm (default kenning-v1).")
def screen(input_path: str, output_path: str, overwrite: bool, master: str | None, shared_index: bool,
           partitions: int | None, datasets: tuple[str, ...], threshold: float | None, limit: int,
           algorithm: str | None) -> None:
    """Screen a CSV or Parquet file of names on Spark; each bad row is reported and the rest screened."""
    from kenning.spark.files import read_batch, summarize, write_results
    from kenning.spark.screening import screen_frame, ship_index
    from kenning.spark.session import spark_session

    started = time.perf_counter()
    session = spark_session(master, "kenning spark screen")
    files = ship_index(session, shared=shared_index)
    frame = read_batch(session, input_path)
    results = screen_frame(frame, files, threshold=threshold, limit=limit, algorithm=algorithm,
                           datasets=datasets, partitions=partitions)
    write_results(results, output_path, overwrite=overwrite)
    summary = summarize(session, output_path)
    for line, error in summary.errors:
        click.echo(f"error: {input_path}, line {line}: {error}", err=True)
    if summary.failed > len(summary.errors):
        click.echo(f"... and {summary.failed - len(summary.errors)} more errors (the `error` column)", err=True)
    click.echo(summary.describe(time.perf_counter() - started), err=True)
    raise SystemExit(0 if not summary.failed else 1)
