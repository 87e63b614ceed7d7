"""The reconcile stage: the reports of one story in, a reconciliation report out.

In: the :class:`~kenning.news.model.ArticleResult` records of one story. Out: a :class:`StoryReport`: the
merged sanctions events, and every fact the reports state, marked agreed, complementary, conflicting or
single-source, each with every source's own words and where they stand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kenning.lazy import lazy_exports

if TYPE_CHECKING:
    from kenning.news.reconcile.report import Fact, MergedEvent, StoryReport, reconcile

__all__ = ["Fact", "MergedEvent", "StoryReport", "reconcile"]

__getattr__ = lazy_exports(__name__, {
    "report": ("Fact", "MergedEvent", "StoryReport", "reconcile"),
})
