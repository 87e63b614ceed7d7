"""The stories stage: reports with their events in, stories out.

In: :class:`~kenning.news.model.ArticleResult` records (new ones, and the stored features of earlier
ones). Out: for each report the story it joins or starts (:class:`Assignment`), with the evidence that
put it there: text similarity, shared entities and matching sanctions events within a window of days.
:func:`place` does this against the stored stories and re-reads undated reports against their story's
date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kenning.lazy import lazy_exports

if TYPE_CHECKING:
    from kenning.news.stories.features import Canon, StoryFeatures, story_features
    from kenning.news.stories.grouping import Assignment, assign, group
    from kenning.news.stories.placing import Placement, place, reanchor, same_as_canon, save_placement

__all__ = ["Assignment", "Canon", "Placement", "StoryFeatures", "assign", "group", "place", "reanchor",
           "same_as_canon", "save_placement", "story_features"]

__getattr__ = lazy_exports(__name__, {
    "grouping": ("Assignment", "assign", "group"),
    "features": ("Canon", "StoryFeatures", "story_features"),
    "placing": ("Placement", "place", "reanchor", "same_as_canon", "save_placement"),
})
