"""The events stage: annotated, linked reports in, sanctions events out.

In: an :class:`~kenning.news.model.ArticleResult` with sentences, mentions and links (and the parsed
sentences). Out: its :class:`~kenning.news.model.SanctionEvent` list — who sanctioned whom, when, why and
with which measures, each part with the sentence and character span it was read from — plus the claims
(numbers, statements) the reports make around them; :func:`link_named_targets` links targets named
outside any mention to list entries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kenning.lazy import lazy_exports

if TYPE_CHECKING:
    from kenning.news.events.extract import extract_events
    from kenning.news.events.target_links import link_named_targets

__all__ = ["extract_events", "link_named_targets"]

__getattr__ = lazy_exports(__name__, {
    "extract": ("extract_events",),
    "target_links": ("link_named_targets",),
})
