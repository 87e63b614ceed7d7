"""Downloading one official list file: streamed, size-capped, checksummed, retried with backoff.

A timeout, a dropped connection, HTTP 429 or a 5xx answer is transient and tried again up to
``KENNING_FETCH_RETRIES`` times, waiting ``KENNING_FETCH_BACKOFF`` seconds and twice as long each next
time (a ``Retry-After`` header asking for longer is honoured up to a minute); any other failure (HTTP 404,
a file over the size limit) is final at once. Every attempt that failed is kept for the report.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from kenning import settings
from kenning.errors import FetchError, TransientFetchError
from kenning.sources.base import FileSpec

__all__ = ["Download", "download_file", "fetch_with_retries"]

_MAX_RETRY_AFTER = 60.0


@dataclass
class Download:
    """One downloaded file, and the failed attempts before it."""

    role: str
    url: str
    path: Path
    sha256: str
    size: int
    attempts: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "url": self.url, "path": str(self.path), "sha256": self.sha256,
                "size": self.size, "failed_attempts": self.attempts}


def _status_error(file: FileSpec, response: httpx.Response) -> FetchError:
    message = f"{file.url}: HTTP {response.status_code}"
    if response.status_code == 429 or response.status_code >= 500:
        retry_after = response.headers.get("retry-after", "")
        return TransientFetchError(message, min(float(retry_after), _MAX_RETRY_AFTER) if retry_after.isdigit() else 0)
    return FetchError(message)


def download_file(client: httpx.Client, file: FileSpec, dest: Path, max_bytes: int) -> Download:
    """Stream one URL to ``dest`` once; refuse it past ``max_bytes`` or on an HTTP error."""
    digest = hashlib.sha256()
    size = 0
    try:
        with client.stream("GET", file.url) as response:
            if response.status_code != 200:
                raise _status_error(file, response)
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
        raise TransientFetchError(f"{file.url}: {exc.__class__.__name__}: {exc}") from exc
    except FetchError:
        dest.unlink(missing_ok=True)
        raise
    return Download(file.role, file.url, dest, digest.hexdigest(), size)


def fetch_with_retries(client: httpx.Client, file: FileSpec, dest: Path, *,
                       sleep: Callable[[float], None] = time.sleep) -> Download:
    """:func:`download_file`, tried again after transient failures with a doubling wait."""
    attempts: list[str] = []
    wait = settings.FETCH_BACKOFF
    for attempt in range(settings.FETCH_RETRIES + 1):
        try:
            download = download_file(client, file, dest, settings.FETCH_MAX_BYTES)
        except TransientFetchError as exc:
            attempts.append(exc.message)
            if attempt == settings.FETCH_RETRIES:
                raise TransientFetchError(f"{exc.message} (gave up after {len(attempts)} attempts)",
                                          exc.retry_after) from exc
            sleep(max(wait, exc.retry_after))
            wait *= 2
            continue
        download.attempts = attempts
        return download
    raise AssertionError("unreachable")  # pragma: no cover
