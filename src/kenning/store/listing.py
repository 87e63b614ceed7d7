"""When a party was listed, when its list file does not say so: every date marked with its source.

OFAC's legacy CSV (the bundled SDN list) carries no listing dates; other files leave them out for some
entries. A sanction then takes its listing date from the first source below that has one, most exact first:

* ``list``: the file's own ``listingDate``;
* ``sdn-history``: for OFAC SDN entries, the first day the entry appeared in the published SDN list, from
  ``data/lists/us_ofac/history/sdn_additions_*.csv`` (first-seen dates read from 6-hourly snapshots of the
  list, 2021-08 to 2024-02; see ``data/README.md``);
* ``first-version``: the first stored version of the list that holds the entry. When an earlier stored
  version lacks it, the entry was added between the two publications (``since`` is the earlier one);
  otherwise the date only says "on or before" (``exact`` is false).

The fourth source, an official release naming the entry, is news:
:func:`kenning.news.views.release_listing` reads it from the stored reports.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from kenning import settings
from kenning.errors import ConfigError
from kenning.store.parties import first_listed
from kenning.store.store import Store

__all__ = ["SOURCES", "ListingDate", "listing_date", "sdn_first_seen"]

#: Every source a listing date may carry, in the order they are tried (``release`` comes from the news).
SOURCES = ("list", "sdn-history", "release", "first-version")
_SDN = "us_ofac_sdn"
_HISTORY_GLOB = "sdn_additions_*.csv"


@dataclass(frozen=True)
class ListingDate:
    """A listing date (ISO day), where it comes from and the words that say so."""

    date: str
    source: str
    detail: str
    #: False when the date is a bound only ("on or before", the first stored version).
    exact: bool = True
    #: The latest day the entry was known not to be listed yet, when the source gives one.
    since: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _history_dir() -> Path:
    return settings.DATA_DIR / "lists" / "us_ofac" / "history"


@cache
def _history(folder: Path) -> dict[str, tuple[str, str]]:
    """ent_num → (first-seen day, file name) over every history file of ``folder``."""
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(folder.glob(_HISTORY_GLOB)):
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                day, ent_num = (row.get("first_seen_date") or "").strip(), (row.get("ent_num") or "").strip()
                try:
                    date.fromisoformat(day)
                except ValueError:
                    raise ConfigError(f"{path}: line {line}: first_seen_date {day!r} is not an ISO day") from None
                if not ent_num.isdigit():
                    raise ConfigError(f"{path}: line {line}: ent_num {ent_num!r} is not a number")
                if ent_num not in found or day < found[ent_num][0]:
                    found[ent_num] = (day, path.name)
    return found


def sdn_first_seen(ent_num: str) -> ListingDate | None:
    """The first day SDN entry ``ent_num`` appeared in the published list, from the bundled history."""
    seen = _history(_history_dir()).get(ent_num)
    if seen is None:
        return None
    return ListingDate(seen[0], "sdn-history", f"first seen in the published SDN list on {seen[0]} ({seen[1]})")


def _first_version(store: Store, entity_id: str) -> ListingDate | None:
    listed = first_listed(store, entity_id)
    if listed is None:
        return None
    first, before = listed
    if before is None:
        return ListingDate(first[:10], "first-version", f"in the earliest stored publication ({first})",
                           exact=False)
    return ListingDate(first[:10], "first-version",
                       f"absent from the stored publication of {before}, present in that of {first}",
                       since=before[:10])


def listing_date(store: Store, entity_id: str, listed: str | None) -> ListingDate | None:
    """The listing date of a sanction of ``entity_id``: the file's own (``listed``), else the SDN history
    (SDN entries only), else the first stored version holding the entry; None when none has it."""
    if listed:
        return ListingDate(listed[:10], "list", "published in the list file")
    dataset, _, source_id = entity_id.partition("-")
    if dataset == _SDN:
        found = sdn_first_seen(source_id)
        if found is not None:
            return found
    return _first_version(store, entity_id)
