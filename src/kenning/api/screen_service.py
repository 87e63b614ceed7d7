"""``POST /screen``: a CSV or JSON-lines batch in the body, screened row by row, streamed as JSON lines.

The body is read with the same reader as ``kenning screen --input`` (:mod:`kenning.matching.batch_io`), so the columns
are the same: ``name`` (required), ``schema``, ``birth_date``, ``country``, ``id_number``, ``ref``. A body
that cannot be read at all is a 422 before anything is streamed; a field that cannot be read is left out
of its row (the row's line says so in ``warnings``); a row without a name becomes a line with ``error``
and the stream goes on. Results are one per party, as in the CLI.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from kenning.api.errors import PayloadTooLarge
from kenning.errors import InputError, KenningError, ParseError
from kenning.matching import Screener, screen_parties
from kenning.matching.algorithms import get_algorithm
from kenning.matching.batch_io import Row, parse_batch

__all__ = ["BatchOptions", "read_batch", "screen_batch", "start_batch"]

log = logging.getLogger("kenning.api")

#: Content types read as JSON lines; anything else with "csv" in it is CSV; otherwise the body decides.
_JSONL_TYPES = ("json", "ndjson", "jsonl")


@dataclass(frozen=True)
class BatchOptions:
    """How every row is screened."""

    limit: int = 5
    threshold: float | None = None
    algorithm: str | None = None
    datasets: tuple[str, ...] = ()


def _is_jsonl(body: bytes, content_type: str) -> bool:
    kind = content_type.split(";", 1)[0].strip().lower()
    if any(t in kind for t in _JSONL_TYPES):
        return True
    if "csv" in kind:
        return False
    return body.lstrip()[:1] == b"{"


def read_batch(body: bytes, content_type: str, options: BatchOptions, loaded: tuple[str, ...],
               max_rows: int) -> list[Row]:
    """The rows of a batch body; 422 for a body that cannot be read, 413 for too many rows."""
    get_algorithm(options.algorithm)
    unknown = [d for d in options.datasets if d not in loaded]
    if unknown:
        raise InputError(f"dataset {unknown[0]!r} is not loaded; loaded: {', '.join(loaded)}")
    if not body.strip():
        raise InputError("the body is empty: send CSV (with a 'name' column) or JSON lines (objects with a 'name')")
    try:
        rows = parse_batch(body, "request body", _is_jsonl(body, content_type), options.datasets)
    except ParseError as exc:
        raise InputError(exc.message) from exc
    if not rows:
        raise InputError("the body has no rows to screen")
    if len(rows) > max_rows:
        raise PayloadTooLarge(f"the batch has {len(rows)} rows; at most {max_rows} are accepted "
                              "(KENNING_BATCH_MAX_ROWS)")
    return rows


def _screen_row(screener: Screener, row: Row, options: BatchOptions) -> dict[str, Any]:
    line, ref, query, error = row
    if query is None:
        return {"line": line, "ref": ref, "error": error}
    try:
        results = screen_parties(screener, query, limit=options.limit, threshold=options.threshold,
                                 algorithm=options.algorithm)
    except KenningError as exc:
        return {"line": line, "ref": ref, "error": exc.message}
    except Exception:
        log.exception("unexpected error screening batch line %s", line)
        return {"line": line, "ref": ref, "error": "internal error screening this row; the details are in the "
                "server log"}
    record: dict[str, Any] = {"line": line, "ref": ref, "query": query.to_dict(),
                              "match": any(r.match for r in results), "results": [r.to_dict() for r in results]}
    if query.warnings:
        record["warnings"] = list(query.warnings)
    return record


def screen_batch(screener: Screener, rows: list[Row], options: BatchOptions) -> Iterator[bytes]:
    """One JSON line per row, in input order, as each row is screened."""
    for row in rows:
        yield orjson.dumps(_screen_row(screener, row, options)) + b"\n"


def start_batch(screener: Screener, body: bytes, content_type: str, options: BatchOptions,
                loaded: tuple[str, ...], max_rows: int) -> Iterator[bytes]:
    """Read the whole batch now (so a bad body is an error response), then screen it lazily."""
    rows = read_batch(body, content_type, options, loaded, max_rows)
    return screen_batch(screener, rows, options)
