"""Screening services the CLI, API and news linker share: a process-wide screener, relinking."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kenning.matching.linking import find_links
from kenning.matching.screener import Screener
from kenning.store import Store
from kenning.store.continuity import METHOD as SUCCESSION_METHOD
from kenning.store.continuity import link_successions
from kenning.store.sameas import replace_same_as

__all__ = ["relink"]

METHOD = "kenning-v1"


def relink(store: Store, screener: Screener | None = None) -> dict[str, Any]:
    """Find the cross-list links of the current lists and store them (replacing this method's old ones).

    The parties a retired list and its successor share by an official identifier are linked first
    (:func:`kenning.store.continuity.link_successions`); the screening linker leaves those pairs alone."""
    settled = link_successions(store)
    successions = sum(1 for key, lists in settled.items() for _ in lists) // 2
    screener = screener or Screener.open()
    report = find_links(screener, settled)
    count = replace_same_as(store, ((k.left, k.right, k.score, k.evidence) for k in report.links), METHOD)
    pairs = Counter("↔".join(sorted((k.left.split("-", 1)[0], k.right.split("-", 1)[0]))) for k in report.links)
    return {"links": count, "screened": report.screened, "rejected": report.rejected, "pairs": dict(pairs),
            "method": METHOD, "successions": successions, "succession_method": SUCCESSION_METHOD}
