"""Outlets by web domain: the name a report is shown under when its page names no site.

``data/outlets.csv`` is public reference data: domain, the outlet's name, its country. A domain covers its
subdomains (``edition.cnn.com`` → CNN, ``africa.chinadaily.com.cn`` → China Daily); the longest known
suffix of a host wins. A host the table does not know is left to the caller (ingest shows its registered domain).
:func:`outlet_name` also reads a publisher given as a bare domain ("Publisher: nytimes.com").
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from kenning.errors import ConfigError
from kenning.news.datafile import data_lines

__all__ = ["Outlet", "known_outlet", "outlet_name"]

OUTLETS_FILE = "outlets.csv"
_DOMAIN = re.compile(r"^(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)\.?$")


@dataclass(frozen=True)
class Outlet:
    """A known outlet: the domain it was found by, its name and country (ISO code)."""

    domain: str
    name: str
    country: str | None


@cache
def _table() -> dict[str, Outlet]:
    rows = csv.reader(io.StringIO("\n".join(data_lines(OUTLETS_FILE))))
    header = next(rows, None)
    if header != ["domain", "name", "country"]:
        raise ConfigError(f"news data file {OUTLETS_FILE}: the header must be domain,name,country")
    table: dict[str, Outlet] = {}
    for number, row in enumerate(rows, start=2):
        if len(row) != 3 or not row[0].strip() or not row[1].strip():
            raise ConfigError(f"news data file {OUTLETS_FILE}: row {number} needs a domain, a name and a country")
        domain = row[0].strip().lower()
        table[domain] = Outlet(domain, row[1].strip(), row[2].strip().lower() or None)
    return table


def _host(value: str) -> str | None:
    """The host of a URL, or the value itself when it is a bare domain; None otherwise."""
    text = value.strip().lower()
    if "://" in text:
        text = urlsplit(text).hostname or ""
    match = _DOMAIN.match(text)
    return match.group(1) if match else None


def known_outlet(value: str | None) -> Outlet | None:
    """The known outlet of a URL or domain (its longest known suffix), or None."""
    host = _host(value or "")
    if host is None:
        return None
    table = _table()
    parts = host.split(".")
    for start in range(len(parts) - 1):
        found = table.get(".".join(parts[start:]))
        if found is not None:
            return found
    return None


def outlet_name(outlet: str | None, url: str | None = None) -> str | None:
    """The name to show for a report's outlet: a known outlet's name when the outlet is a bare domain (or
    missing and the URL's domain is known), else the outlet as given; None when neither says."""
    if outlet and outlet.strip():
        known = known_outlet(outlet) if _host(outlet) else None
        return known.name if known else outlet.strip()
    known = known_outlet(url)
    return known.name if known is not None else None
