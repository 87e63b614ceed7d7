"""``lists update``: download the current official files named in ``sources.yml`` and load them.

For each list (by default every list that is not retired: the UK Sanctions List, not the OFSI list it
replaced) the editions are tried in the catalogue's order — OFAC's advanced XML first, then its legacy
XML, then its CSV — and the first whose files download is used; each file is streamed under
``KENNING_HOME/downloads/{dataset}/{timestamp}/`` with a timeout, a size limit, retries with backoff
(:mod:`kenning.store.download`) and its sha256 recorded. The publication is then parsed completely and
checked before anything is written: its count of parties against ``sources.yml``, and against the
current version (:func:`kenning.store.checks.check_against_current`: no sudden drop overall or of one kind
of party). When anything fails the list keeps its current version, the result says so and the other
lists go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import httpx

from kenning import settings
from kenning.errors import FetchError, KenningError
from kenning.sources.base import Edition, SourceSpec, get_source, load_catalogue
from kenning.store.checks import check_against_current
from kenning.store.download import Download, download_file, fetch_with_retries
from kenning.store.loader import LoadResult
from kenning.store.service import load_files
from kenning.store.store import Store, VersionInfo

__all__ = ["Download", "UpdateResult", "download_file", "update_lists"]


@dataclass
class UpdateResult:
    """What updating one list did: ``loaded``, ``unchanged`` or ``failed`` (then ``kept`` is its current version)."""

    dataset: str
    status: str = "failed"
    edition: str | None = None
    downloads: list[Download] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    load: LoadResult | None = None
    error: KenningError | None = None
    kept: VersionInfo | None = None

    @property
    def message(self) -> str:
        """One line for people: what happened to this list."""
        if self.error is None:
            assert self.load is not None
            return f"{self.status}: version {self.load.version.id}, published {self.load.version.publication_date}"
        kept = (f"kept the current version {self.kept.id} (published {self.kept.publication_date})"
                if self.kept is not None else "no version of it is loaded")
        return f"update failed, {kept}: {self.error.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "status": self.status, "edition": self.edition,
                "downloads": [d.to_dict() for d in self.downloads], "skipped": self.skipped,
                "load": self.load.to_dict() if self.load else None,
                "error": self.error.message if self.error else None,
                "kept_version": self.kept.to_dict() if self.kept else None, "message": self.message}


def _download_edition(client: httpx.Client, edition: Edition, folder: Path, result: UpdateResult) -> dict[str, Path]:
    """Download the files of one edition (optional ones may fail); raises FetchError for a required one."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    for file in edition.files:
        try:
            download = fetch_with_retries(client, file, folder / file.name)
        except FetchError as exc:
            if not file.optional:
                raise
            result.skipped.append(f"{file.name}: {exc}")
            continue
        result.downloads.append(download)
        files[file.role] = download.path
    return files


def _download(client: httpx.Client, spec: SourceSpec, result: UpdateResult) -> dict[str, Path]:
    """The files of the first edition that downloads, the failures of the ones before it noted."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    failures: list[FetchError] = []
    for n, edition in enumerate(spec.editions):
        try:
            files = _download_edition(client, edition, settings.HOME / "downloads" / spec.name / stamp / str(n),
                                      result)
        except FetchError as exc:
            failures.append(exc)
            result.skipped.append(f"{edition.format}: {exc.message}")
            continue
        result.edition = edition.format
        return files
    raise failures[-1].__class__("; ".join(f.message for f in failures))


def _update_one(store: Store, spec: SourceSpec, client: httpx.Client, check_counts: bool,
                show_progress: bool) -> UpdateResult:
    result = UpdateResult(spec.name)
    current = store.current_versions().get(spec.name)
    try:
        files = _download(client, spec, result)
        guard = partial(check_against_current, current=current) if check_counts else None
        result.load = load_files(store, spec.name, files, check_counts=check_counts, show_progress=show_progress,
                                 guard=guard)
        result.status = result.load.status
    except KenningError as exc:
        result.error, result.kept = exc, current
    return result


def update_lists(store: Store, dataset: str | None = None, *, check_counts: bool = True,
                 show_progress: bool = True) -> list[UpdateResult]:
    """Download and load the current official files of one list, or of every list that is not retired.

    Never raises for one list's failure: its result is ``failed``, names the error and the version kept.
    """
    specs = [get_source(dataset)] if dataset else [s for s in load_catalogue().values() if not s.retired]
    timeout = httpx.Timeout(settings.FETCH_TIMEOUT)
    headers = {"User-Agent": "Kenning/0.1 (sanctions list updater)"}
    with httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=5, headers=headers) as client:
        return [_update_one(store, spec, client, check_counts, show_progress) for spec in specs]
