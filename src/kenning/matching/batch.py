"""Batch screening of a CSV or JSON-lines file on every core, with a progress bar.

Each input row becomes one :class:`Query`, screened one result per party (a party several lists carry
comes back once, with every list's entry). A field that cannot be read (a birth date ``unknown``, an
unknown country or schema) never drops the row: the row is screened on the rest, and its record and a
message on stderr say which field was ignored and why. Only a row without a name becomes an error
record, and the batch goes on. The index is loaded once in the parent and shared with the worker
processes (fork), so workers start instantly.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from kenning.csvsafe import safe_writer
from kenning.errors import InputError, KenningError
from kenning.matching.batch_io import parse_rows
from kenning.matching.parties import screen_parties
from kenning.matching.screener import Screener
from kenning.matching.types import Query
from kenning.progress import progress_bar

__all__ = ["RESULT_COLUMNS", "BatchSummary", "flat_rows", "run_batch", "screen_row", "screen_rows"]

#: The columns of a batch's CSV output (and of every flat screening output, Spark's included).
RESULT_COLUMNS = ("line", "ref", "query_name", "error", "warnings", "match", "score", "id", "dataset", "schema",
                  "caption", "same_party", "explanation")

_SCREENER: Screener | None = None
_OPTIONS: dict[str, Any] = {}


@dataclass
class BatchSummary:
    rows: int = 0
    screened: int = 0
    failed: int = 0
    matched: int = 0
    seconds: float = 0.0

    def describe(self) -> str:
        rate = self.screened / self.seconds if self.seconds else 0.0
        return (f"{self.rows} rows: {self.screened} screened ({self.matched} with a match), {self.failed} failed; "
                f"{self.seconds:.1f} s, {rate:.0f} queries/s")


def screen_row(item: tuple[int, str | None, Query | None, str | None], screener: Screener,
               options: dict[str, Any]) -> dict[str, Any]:
    """One parsed row's record: its results, or the error that kept it from being screened."""
    line, ref, query, error = item
    if query is None:
        return {"line": line, "ref": ref, "error": error}
    try:
        results = screen_parties(screener, query, **options)
    except KenningError as exc:
        return {"line": line, "ref": ref, "error": str(exc)}
    record: dict[str, Any] = {"line": line, "ref": ref, "query": query.to_dict(),
                              "match": any(r.match for r in results), "results": [r.to_dict() for r in results]}
    if query.warnings:
        record["warnings"] = list(query.warnings)
    return record


def _work(item: tuple[int, str | None, Query | None, str | None]) -> dict[str, Any]:
    assert _SCREENER is not None
    return screen_row(item, _SCREENER, _OPTIONS)


def _init_worker() -> None:
    """Worker processes inherit the parent's screener through fork; nothing to load."""


def _work_encoded(item: tuple[int, str | None, Query | None, str | None]) -> bytes:
    """A worker's answer as JSON bytes: much cheaper for the parent to read back than a pickled dict."""
    return orjson.dumps(_work(item))


def screen_rows(items: list[tuple[int, str | None, Query | None, str | None]], screener: Screener,
                workers: int, options: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Screen parsed rows in order, on ``workers`` processes (1 = in this process)."""
    global _SCREENER, _OPTIONS
    _SCREENER, _OPTIONS = screener, options
    if workers <= 1 or len(items) < 200 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(_work, items)
        return
    context = multiprocessing.get_context("fork")
    chunk = max(16, min(256, len(items) // (workers * 8)))
    # The index's millions of objects go to the collector's permanent generation before the fork: the
    # workers' collections then never walk (and so never copy-on-write) the shared pages. Measured on an
    # idle machine (4,000 queries, kenning-v2, 2 workers): 564-587 -> 634-654 queries/s, workers' CPU -10 %.
    gc.freeze()
    try:
        with context.Pool(workers, initializer=_init_worker) as pool:
            for encoded in pool.imap(_work_encoded, items, chunksize=chunk):
                yield orjson.loads(encoded)
    finally:
        gc.unfreeze()


def flat_rows(rec: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """A screened record as rows of :data:`RESULT_COLUMNS`: one per result (a party: its best entry, its other
    entries in ``same_party``), one when nothing was found or the row failed. Missing values are None (an
    empty CSV cell); ``warnings`` names the fields that were ignored."""
    if "error" in rec:
        yield (rec["line"], rec["ref"], None, rec["error"], None, None, None, None, None, None, None, None, None)
        return
    name, warnings = rec["query"]["names"][0], "; ".join(rec.get("warnings", [])) or None
    if not rec["results"]:
        yield (rec["line"], rec["ref"], name, None, warnings, False, None, None, None, None, None, None, None)
    for res in rec["results"]:
        why = "; ".join(f"{k}: {v['detail']}" for k, v in res["explanation"].items())
        others = " ".join(e["id"] for e in res.get("entries", [])[1:]) or None
        yield (rec["line"], rec["ref"], name, None, warnings, res["match"], res["score"], res["id"], res["dataset"],
               res["schema"], res["caption"], others, why)


def _write_csv(out: IO[str], records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    writer = safe_writer(out)
    writer.writerow(RESULT_COLUMNS)
    for rec in records:
        writer.writerows(flat_rows(rec))
        yield rec


def _write_jsonl(out: IO[bytes], records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for rec in records:
        out.write(orjson.dumps(rec) + b"\n")
        yield rec


def run_batch(input_path: Path, output_path: Path | None, *, threshold: float | None = None, limit: int = 5,
              algorithm: str | None = None, workers: int = 2, datasets: tuple[str, ...] = (),
              screener: Screener | None = None) -> BatchSummary:
    """Screen every row of ``input_path``; write JSON lines (or CSV for a ``.csv`` output)."""
    started = time.perf_counter()
    items = parse_rows(input_path, datasets)
    summary = BatchSummary(rows=len(items))
    if not items:
        raise InputError(f"{input_path}: no rows to screen")
    screener = screener or Screener.open()
    options = {"threshold": threshold, "limit": limit, "algorithm": algorithm}
    as_csv = output_path is not None and output_path.suffix.lower() == ".csv"
    records = screen_rows(items, screener, workers, options)
    text_out: IO[str] | None = None
    bin_out: IO[bytes] | None = None
    if as_csv and output_path is not None:
        text_out = output_path.open("w", newline="", encoding="utf-8")
        written = _write_csv(text_out, records)
    else:
        bin_out = output_path.open("wb") if output_path is not None else sys.stdout.buffer
        written = _write_jsonl(bin_out, records)
    try:
        with progress_bar("screening", total=len(items)) as advance:
            for rec in written:
                advance(1)
                for warning in rec.get("warnings", []):
                    print(f"warning: {input_path}, line {rec['line']}: {warning}", file=sys.stderr)
                if "error" in rec:
                    summary.failed += 1
                    print(f"error: {input_path}, line {rec['line']}: {rec['error']}", file=sys.stderr)
                else:
                    summary.screened += 1
                    summary.matched += int(rec["match"])
    finally:
        for handle in (text_out, bin_out):
            if handle is not None and output_path is not None:
                handle.close()
        sys.stdout.flush()
    summary.seconds = time.perf_counter() - started
    return summary
