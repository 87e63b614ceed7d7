"""The guarded fetcher: one URL in, its bytes out, or a FetchError that says why.

Every hop (the URL and each of at most ``max_redirects`` redirects) passes the SSRF guard
(:mod:`kenning.news.ingest.fetch_guard`) before it is requested, and the address actually connected to is
checked again (so a host name that resolves differently the second time gains nothing). The body is
read in chunks and refused as soon as it passes the size cap; the content type must be HTML, XHTML,
plain text or an RSS/Atom/XML feed (``data/ingest_content_types.yml``).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from kenning import settings
from kenning.errors import FetchError
from kenning.news.datafile import data_mapping
from kenning.news.ingest.fetch_guard import AddressPolicy, check_address, check_url, policy_from
from kenning.news.ingest.limits import human_size, news_max_bytes

__all__ = ["MAX_REDIRECTS", "Fetched", "fetch"]

MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}
_HEADERS = {
    "User-Agent": "Kenning/0.1 (news ingestion; +https://github.com/kenning)",
    "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
              "application/xml;q=0.9,text/plain;q=0.8",
}


@dataclass(frozen=True)
class Fetched:
    """A fetched body with what the server said about it."""

    url: str
    requested: str
    body: bytes
    media_type: str | None
    kind: str | None
    charset: str | None
    fetched_at: str


def _content_type(response: httpx.Response, url: str) -> tuple[str | None, str | None, str | None]:
    """``(media type, kind, charset)``; a type Kenning does not read is a FetchError."""
    raw = response.headers.get("content-type", "")
    media = raw.split(";")[0].strip().lower() or None
    charset = None
    for param in raw.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    if media is None:
        return None, None, charset
    kinds = data_mapping("ingest_content_types.yml")
    if media not in kinds:
        raise FetchError(f"{url}: content type {media} is not HTML, plain text or an RSS/Atom feed")
    return media, str(kinds[media]), charset


def _check_peer(response: httpx.Response, policy: AddressPolicy, url: str) -> None:
    """Check the address the connection really went to, closing the DNS-rebinding gap."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer:
        check_address(ipaddress.ip_address(str(peer[0]).split("%")[0]), policy, url)


def _read_capped(response: httpx.Response, url: str, max_bytes: int, deadline: float) -> bytes:
    """The body, read chunk by chunk; refused as soon as it passes ``max_bytes`` or the deadline."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: refused, the server announces {human_size(int(declared))}, more than "
                         f"the {human_size(max_bytes)} limit")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: refused, the body passed the {human_size(max_bytes)} limit while "
                             "downloading (stopped reading)")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: the download took too long; gave up")
        chunks.append(chunk)
    return b"".join(chunks)


def _hop(client: httpx.Client, url: str, policy: AddressPolicy, max_bytes: int,
         deadline: float) -> tuple[str | None, Fetched | None]:
    """One request: ``(redirect target, None)`` or ``(None, fetched)``."""
    check_url(url, policy)
    with client.stream("GET", url, headers=_HEADERS) as response:
        _check_peer(response, policy, url)
        if response.status_code in _REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"{url}: redirect ({response.status_code}) without a Location")
            return urljoin(url, location), None
        if response.status_code >= 400:
            raise FetchError(f"{url}: the server answered HTTP {response.status_code}")
        media, kind, charset = _content_type(response, url)
        body = _read_capped(response, url, max_bytes, deadline)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    return None, Fetched(url, url, body, media, kind, charset, now)


def fetch(url: str, *, allow_private: bool | Sequence[str] | None = None, timeout: float | None = None,
          max_bytes: int | None = None, max_redirects: int = MAX_REDIRECTS) -> Fetched:
    """Fetch ``url`` through the SSRF guard; see the module docstring for every check.

    ``timeout`` (default ``settings.FETCH_TIMEOUT``) bounds connecting and each read; the whole
    download is also given up after four times that. ``max_bytes`` defaults to
    ``KENNING_NEWS_MAX_BYTES`` (10 MiB). ``allow_private`` is explained in :mod:`fetch_guard`.
    """
    policy = policy_from(allow_private)
    limit = max_bytes if max_bytes is not None else news_max_bytes()
    seconds = timeout if timeout is not None else settings.FETCH_TIMEOUT
    deadline = time.monotonic() + 4 * seconds
    current = url
    try:
        with httpx.Client(timeout=httpx.Timeout(seconds), follow_redirects=False, trust_env=False) as client:
            for _ in range(max_redirects + 1):
                target, fetched = _hop(client, current, policy, limit, deadline)
                if fetched is not None:
                    return Fetched(fetched.url, url, fetched.body, fetched.media_type, fetched.kind,
                                   fetched.charset, fetched.fetched_at)
                current = target or current
    except httpx.TimeoutException as exc:
        raise FetchError(f"{current}: timed out after {seconds:g} s ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{current}: {type(exc).__name__}: {exc}") from exc
    raise FetchError(f"{url}: more than {max_redirects} redirects; stopped at {current}")
