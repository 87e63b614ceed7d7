"""Screening services the CLI, API and news linker share: a process-wide screener, relinking."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kenning.matching.linking import LINK_ALGORITHM, find_links
from kenning.matching.screener import Screener
from kenning.store import Store
from kenning.store.sameas import replace_same_as

__all__ = ["relink"]

METHOD = LINK_ALGORITHM


def relink(store: Store, screener: Screener | None = None) -> dict[str, Any]:
    """Find the cross-list links of the current lists and store them (replacing this method's old ones)."""
    screener = screener or Screener.open()
    report = find_links(screener)
    count = replace_same_as(store, ((k.left, k.right, k.score, k.evidence) for k in report.links), METHOD)
    pairs = Counter("↔".join(sorted((k.left.split("-", 1)[0], k.right.split("-", 1)[0]))) for k in report.links)
    return {"links": count, "screened": report.screened, "rejected": report.rejected, "pairs": dict(pairs),
            "method": METHOD}
