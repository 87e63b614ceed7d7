"""``lists update``: download the current official files named in ``sources.yml`` and load them.

Each download streams to a file under ``KENNING_HOME/downloads/{dataset}/{timestamp}/`` with a timeout,
a size limit enforced while streaming, and its sha256 recorded; the publication is then loaded like any
other (so an unchanged publication is recognised by its checksum and not stored twice).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from kenning import settings
from kenning.errors import FetchError
from kenning.sources.base import FileSpec, SourceSpec, get_source, load_catalogue
from kenning.store.loader import LoadResult
from kenning.store.service import load_files
from kenning.store.store import Store

__all__ = ["Download", "download_file", "update_lists"]


@dataclass
class Download:
    """One downloaded file."""

    role: str
    url: str
    path: Path
    sha256: str
    size: int

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "url": self.url, "path": str(self.path), "sha256": self.sha256,
                "size": self.size}


@dataclass
class UpdateResult:
    dataset: str
    downloads: list[Download] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    load: LoadResult | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "downloads": [d.to_dict() for d in self.downloads],
                "skipped": self.skipped, "load": self.load.to_dict() if self.load else None}


def download_file(client: httpx.Client, file: FileSpec, dest: Path, max_bytes: int) -> Download:
    """Stream one URL to ``dest``; refuse it past ``max_bytes`` or on an HTTP error."""
    digest = hashlib.sha256()
    size = 0
    try:
        with client.stream("GET", file.url) as response:
            if response.status_code != 200:
                raise FetchError(f"{file.url}: HTTP {response.status_code}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{file.url}: {declared} bytes is over the {max_bytes}-byte limit")
            with dest.open("wb") as out:
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchError(f"{file.url}: more than {max_bytes} bytes; download stopped")
                    digest.update(chunk)
                    out.write(chunk)
    except httpx.HTTPError as exc:
        dest.unlink(missing_ok=True)
        raise FetchError(f"{file.url}: {exc.__class__.__name__}: {exc}") from exc
    except FetchError:
        dest.unlink(missing_ok=True)
        raise
    return Download(file.role, file.url, dest, digest.hexdigest(), size)


def _update_one(store: Store, spec: SourceSpec, client: httpx.Client, check_counts: bool,
                show_progress: bool) -> UpdateResult:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = settings.HOME / "downloads" / spec.name / stamp
    folder.mkdir(parents=True, exist_ok=True)
    result = UpdateResult(spec.name)
    for file in spec.files:
        try:
            result.downloads.append(download_file(client, file, folder / file.name, settings.FETCH_MAX_BYTES))
        except FetchError as exc:
            if not file.optional:
                raise
            result.skipped.append(f"{file.name}: {exc}")
    files = {d.role: d.path for d in result.downloads}
    result.load = load_files(store, spec.name, files, check_counts=check_counts, show_progress=show_progress)
    return result


def update_lists(store: Store, dataset: str | None = None, *, check_counts: bool = True,
                 show_progress: bool = True) -> list[UpdateResult]:
    """Download and load the current official files of one dataset or of all of them."""
    specs = [get_source(dataset)] if dataset else list(load_catalogue().values())
    timeout = httpx.Timeout(settings.FETCH_TIMEOUT)
    headers = {"User-Agent": "Kenning/0.1 (sanctions list updater)"}
    with httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=5, headers=headers) as client:
        return [_update_one(store, spec, client, check_counts, show_progress) for spec in specs]
