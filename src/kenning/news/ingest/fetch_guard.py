"""The SSRF guard: which addresses a news URL may reach.

Refused unless explicitly allowed: private, loopback, link-local, multicast, reserved, unspecified
and other non-global addresses, IPv4 and IPv6 alike, including IPv4 addresses carried inside IPv6
(IPv4-mapped ``::ffff:a.b.c.d``, 6to4, Teredo) and host names that resolve to any such address.

``allow_private`` is False (refuse all of them), True (allow all) or a list of networks (CIDR
strings such as ``"127.0.0.1/32"``) that are allowed and nothing else. Without an explicit value the
setting ``KENNING_ALLOW_PRIVATE_URLS`` (:mod:`kenning.settings`) decides: ``1``/``true``/``yes`` allows all, a
comma-separated list of networks allows those, empty or unset refuses all. Only tests and trusted
internal deployments should set it.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from urllib.parse import SplitResult, urlsplit

from kenning import settings
from kenning.errors import FetchError

__all__ = ["AddressPolicy", "IPAddress", "check_address", "check_url", "policy_from", "split_url"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressPolicy = bool | tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
_ENV = "KENNING_ALLOW_PRIVATE_URLS"
_TRUE = {"1", "true", "yes", "on", "all"}


def policy_from(allow_private: bool | Sequence[str] | None) -> AddressPolicy:
    """The address policy for an explicit ``allow_private`` value, or from the environment when None."""
    if allow_private is None:
        raw = settings.ALLOW_PRIVATE_URLS
        if raw.lower() in _TRUE:
            return True
        allow_private = [part for part in raw.split(",") if part.strip()]
    if isinstance(allow_private, bool):
        return allow_private
    try:
        return tuple(ipaddress.ip_network(net.strip(), strict=False) for net in allow_private)
    except ValueError as exc:
        raise FetchError(f"bad allowed network in {_ENV} or allow_private: {exc}") from exc


def _why_refused(ip: IPAddress) -> str | None:
    """The kind of non-public address ``ip`` is, or None for a public one."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            why = _why_refused(embedded)
            return f"{why} (inside the IPv6 address, {embedded})" if why else None
    for label, flag in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                        ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                        ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if flag:
            return f"{label} address"
    return None if ip.is_global else "non-public address"


def check_address(ip: IPAddress, policy: AddressPolicy, url: str) -> None:
    """Raise FetchError when ``policy`` does not let ``url`` reach ``ip``."""
    why = _why_refused(ip)
    if why is None or policy is True:
        return
    if policy is not False and any(ip in net for net in policy):
        return
    raise FetchError(f"{url}: refused, {ip} is a {why} (set allow_private / {_ENV} to allow it)")


def _resolve(host: str, port: int, url: str) -> list[IPAddress]:
    """Every address ``host`` resolves to (an IP literal is itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{url}: cannot resolve host {host!r}: {exc}") from exc
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def split_url(url: str) -> SplitResult:
    """``url`` split into its parts; a URL that cannot be read (``http://[::1``) is a FetchError."""
    try:
        parts = urlsplit(url)
        parts.hostname  # noqa: B018 (reading it validates a bracketed host)
    except ValueError as exc:
        raise FetchError(f"{url}: not a valid URL: {exc}") from exc
    return parts


def check_url(url: str, policy: AddressPolicy) -> None:
    """Refuse a URL that is not http(s), has no host, or whose host resolves to a refused address."""
    parts = split_url(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError(f"{url}: only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: the URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"{url}: bad port: {exc}") from exc
    for ip in _resolve(host, port, url):
        check_address(ip, policy, url)
