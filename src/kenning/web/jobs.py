"""Batch screening jobs of the web UI: one background thread per upload, progress, a CSV of results.

An upload is saved to a private temporary folder, parsed with :func:`kenning.matching.batch_io.parse_rows`
(bad rows become error rows, a file without a ``name`` column is refused at once), checked against
``settings.BATCH_MAX_ROWS``, then screened in a thread with :func:`kenning.matching.batch.screen_rows`.
Only one job screens at a time (the others wait their turn), so uploads cannot starve the pages.
Job ids are random tokens: only whoever uploaded the file knows where its results are.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from kenning import settings
from kenning.csvsafe import safe_cell, safe_writer
from kenning.errors import BusyError, InputError, KenningError, NotFoundError
from kenning.matching import Screener
from kenning.matching.batch import screen_rows
from kenning.matching.batch_io import CSV_COLUMNS, Row, parse_rows
from kenning.web.labels import dataset_label

__all__ = ["INPUT_COLUMNS", "JOBS", "MAX_UPLOAD_BYTES", "RESULT_COLUMNS", "Job", "JobStore", "MatchRow",
           "upload_limit"]

#: Largest upload accepted, in bytes (less when the app caps request bodies lower).
MAX_UPLOAD_BYTES = 32 * 1024 * 1024
#: Finished jobs kept (oldest results deleted first).
MAX_JOBS_KEPT = 20
#: Jobs waiting or running at once, from one client and in all: an upload beyond them is refused.
MAX_PENDING_PER_CLIENT = 2
MAX_PENDING = 8
#: Candidates scored per row; the best is the row's result, the other matches are listed.
RESULTS_PER_ROW = 3
#: Bad rows and matches listed on the job page (all of them are in the CSV).
BAD_ROWS_SHOWN = 50
MATCHES_SHOWN = 100
RESULT_COLUMNS = ("line", "ref", "name", "schema", "status", "score", "id", "dataset", "caption", "why",
                  "same_party", "other_matches", "warnings", "error")
_SCREENING = threading.Lock()


def upload_limit() -> int:
    """Largest upload accepted: ours, or the app's request-body cap (``KENNING_MAX_BODY_BYTES``) if lower."""
    body_cap = getattr(settings, "MAX_BODY_BYTES", None)
    return min(MAX_UPLOAD_BYTES, body_cap) if isinstance(body_cap, int) and body_cap > 0 else MAX_UPLOAD_BYTES


@dataclass(frozen=True)
class MatchRow:
    """A row of the file that matched a listed party, for the job page."""

    line: int
    ref: str
    name: str
    id: str
    caption: str
    list_label: str
    score: float


def _match_row(rec: dict[str, Any]) -> MatchRow:
    best = rec["results"][0]
    return MatchRow(line=int(rec["line"]), ref=rec["ref"] or "", name=rec["query"]["names"][0], id=best["id"],
                    caption=best["caption"], list_label=dataset_label(best["dataset"]), score=best["score"])


@dataclass
class Job:
    """One uploaded file being screened: counters the status fragment shows, and its result file."""

    id: str
    filename: str
    folder: Path
    total: int
    #: The address that uploaded it (queues are capped per client).
    client: str = "unknown"
    created: float = field(default_factory=time.time)
    state: str = "queued"
    done: int = 0
    matched: int = 0
    failed: int = 0
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    #: Rows screened without a field that could not be read: (line, which field and why).
    warned: list[tuple[int, str]] = field(default_factory=list)
    matches: list[MatchRow] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    @property
    def result_path(self) -> Path:
        return self.folder / "results.csv"

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 100

    @property
    def download_name(self) -> str:
        stem = Path(self.filename).stem or "batch"
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in stem)[:60]
        return f"{safe}-kenning-results.csv"


def _row(rec: dict[str, Any]) -> list[str]:
    if "error" in rec:
        return [safe_cell(v) for v in (rec["line"], rec["ref"], "", "", "error", "", "", "", "", "", "", "", "",
                                   rec["error"])]
    query, results = rec["query"], rec["results"]
    name, warnings = query["names"][0], "; ".join(rec.get("warnings", []))
    if not results:
        return [safe_cell(v) for v in (rec["line"], rec["ref"], name, query["schema"], "no match", "", "", "", "",
                                   "", "", "", warnings, "")]
    best = results[0]
    why = "; ".join(f"{k}: {v['detail']}" for k, v in best["explanation"].items())
    same = " ".join(e["id"] for e in best.get("entries", [])[1:])
    others = "; ".join(f"{r['id']} ({r['score']:.2f})" for r in results[1:] if r["match"])
    return [safe_cell(v) for v in (rec["line"], rec["ref"], name, query["schema"],
                               "match" if best["match"] else "no match", f"{best['score']:.4f}", best["id"],
                               best["dataset"], best["caption"], why, same, others, warnings, "")]


class JobStore:
    """The jobs of this server process."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFoundError("no batch job with this id (jobs are kept until the server restarts)")
        return job

    def submit(self, filename: str, chunks: Iterable[bytes], screener: Callable[[], Screener],
               client: str = "unknown") -> Job:
        """Save an upload, check it, and start screening it; InputError for a file that cannot be used,
        BusyError when this client (or everyone) has too many jobs waiting or running."""
        self._check_room(client)
        folder = Path(tempfile.mkdtemp(prefix="kenning-batch-"))
        try:
            job, items = self._prepare(folder, filename, chunks, client)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        threading.Thread(target=self._run, args=(job, items, screener), name=f"kenning-batch-{job.id[:8]}",
                         daemon=True).start()
        return job

    def _check_room(self, client: str) -> None:
        with self._lock:
            pending = [j for j in self._jobs.values() if not j.finished]
        mine = sum(1 for j in pending if j.client == client)
        if mine >= MAX_PENDING_PER_CLIENT or len(pending) >= MAX_PENDING:
            raise BusyError(f"too many batch jobs are waiting ({mine} of yours, {len(pending)} in all; at most "
                            f"{MAX_PENDING_PER_CLIENT} per client and {MAX_PENDING} in all): try again when one "
                            "has finished")

    def close(self) -> None:
        """Forget every job and delete its files (at shutdown; running jobs stop writing when they fail)."""
        with self._lock:
            jobs, self._jobs = list(self._jobs.values()), {}
        for job in jobs:
            shutil.rmtree(job.folder, ignore_errors=True)

    def _prepare(self, folder: Path, filename: str, chunks: Iterable[bytes],
                 client: str) -> tuple[Job, list[Row]]:
        path = folder / "input.csv"
        size, limit = 0, upload_limit()
        with path.open("wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise InputError(f"the file is larger than {limit / (1024 * 1024):.0f} MB")
                out.write(chunk)
        try:
            items = parse_rows(path)
        except KenningError as exc:
            raise InputError(str(exc).replace(str(path), filename or "the file")) from exc
        if not items:
            raise InputError(f"{filename or 'the file'}: no rows to screen")
        if len(items) > settings.BATCH_MAX_ROWS:
            raise InputError(f"{filename or 'the file'} has {len(items)} rows; at most "
                             f"{settings.BATCH_MAX_ROWS} are accepted per batch")
        job = Job(id=secrets.token_urlsafe(16), filename=filename, folder=folder, total=len(items), client=client)
        with self._lock:
            self._forget_old()
            self._jobs[job.id] = job
        return job, items

    def _forget_old(self) -> None:
        finished = sorted((j for j in self._jobs.values() if j.finished), key=lambda j: j.created)
        for job in finished[: max(0, len(finished) - MAX_JOBS_KEPT + 1)]:
            del self._jobs[job.id]
            shutil.rmtree(job.folder, ignore_errors=True)

    def _run(self, job: Job, items: list[Row], screener: Callable[[], Screener]) -> None:
        with _SCREENING:
            started = time.perf_counter()
            job.state = "running"
            try:
                records = screen_rows(items, screener(), 1, {"limit": RESULTS_PER_ROW})
                with job.result_path.open("w", newline="", encoding="utf-8") as out:
                    self._write(job, out, records)
                job.state = "done"
            except Exception as exc:  # the job page must say why, whatever went wrong
                job.error = f"{exc.__class__.__name__}: {exc}" if not isinstance(exc, KenningError) else str(exc)
                job.state = "failed"
            job.seconds = time.perf_counter() - started

    @staticmethod
    def _write(job: Job, out: IO[str], records: Iterable[dict[str, Any]]) -> None:
        writer = safe_writer(out)
        writer.writerow(RESULT_COLUMNS)
        for rec in records:
            writer.writerow(_row(rec))
            if "error" in rec:
                job.failed += 1
                if len(job.bad_rows) < BAD_ROWS_SHOWN:
                    job.bad_rows.append((int(rec["line"]), str(rec["error"])))
            if rec.get("warnings") and len(job.warned) < BAD_ROWS_SHOWN:
                job.warned.append((int(rec["line"]), "; ".join(rec["warnings"])))
            if rec.get("match"):  # a row with an ignored field is still screened and may match
                job.matched += 1
                if len(job.matches) < MATCHES_SHOWN:
                    job.matches.append(_match_row(rec))
            job.done += 1


#: The jobs of this process (the web router's one instance).
JOBS = JobStore()

#: Columns a batch file may have, for the upload form.
INPUT_COLUMNS = CSV_COLUMNS
