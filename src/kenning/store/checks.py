"""Checks a new publication must pass against the current version before ``lists update`` stores it.

The count range of ``sources.yml`` is checked by the loader for every load. An update also refuses a
publication that lost more than ``expected.max_drop`` (default a quarter) of the current version's
listed parties, or in which a kind of party (Person, Organization, Vessel, Airplane...) with at least
:data:`MIN_KIND` in the current version fell below half: the signs of a truncated download, a changed
layout read wrongly, or a file of another list. Either is a :class:`~kenning.errors.ParseError` naming
the file; the current version stays.
"""

from __future__ import annotations

from kenning.errors import ParseError
from kenning.model import TARGET_SCHEMATA
from kenning.store.loader import Publication
from kenning.store.store import VersionInfo

__all__ = ["MIN_KIND", "check_against_current"]

#: Kinds of party with fewer than this many in the current version are not checked one by one.
MIN_KIND = 50


def check_against_current(pub: Publication, current: VersionInfo | None) -> None:
    """Raise a ParseError when ``pub`` shrank suspiciously against ``current`` (None: nothing to compare)."""
    if current is None or not current.entity_count:
        return
    main = str(pub.files["main"])
    count = len(pub.targets)
    floor = (1 - pub.spec.max_drop) * current.entity_count
    if count < floor:
        raise ParseError(main, f"{count} listed parties against {current.entity_count} in the current version "
                         f"{current.id} (more than {pub.spec.max_drop:.0%} fewer); refused, the current "
                         "version stays")
    new = pub.schema_counts()
    for kind, before in sorted(current.schema_counts.items()):
        if kind in TARGET_SCHEMATA and before >= MIN_KIND and new.get(kind, 0) < before / 2:
            raise ParseError(main, f"{new.get(kind, 0)} parties of kind {kind} against {before} in the current "
                             f"version {current.id}; refused, the current version stays")
