"""The stories stage: reports with their events in, stories out.

In: :class:`~kenning.news.model.ArticleResult` records (new ones, and the stored features of earlier
ones). Out: for each report the story it joins or starts (:class:`Assignment`), with the evidence that
put it there — words, leads, names, days apart and matching sanctions events, combined by a model fitted
on a labelled dev set — and the stored stories that later reports showed to be one (merged) or two
(split). :func:`place` does this against the stored stories and re-reads undated reports against their
story's date; :func:`group` groups a set of reports on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kenning.lazy import lazy_exports

if TYPE_CHECKING:
    from kenning.news.stories.cluster import StoryChange
    from kenning.news.stories.features import Canon, StoryFeatures, story_features
    from kenning.news.stories.grouping import Assignment, Grouping, assign, group
    from kenning.news.stories.placing import Batch, Placement, place, reanchor, same_as_canon, save_batch
    from kenning.news.stories.score import PairScore, StoryScorer

__all__ = ["Assignment", "Batch", "Canon", "Grouping", "PairScore", "Placement", "StoryChange", "StoryFeatures",
           "StoryScorer", "assign", "group", "place", "reanchor", "same_as_canon", "save_batch", "story_features"]

__getattr__ = lazy_exports(__name__, {
    "grouping": ("Assignment", "Grouping", "assign", "group"),
    "cluster": ("StoryChange",),
    "features": ("Canon", "StoryFeatures", "story_features"),
    "placing": ("Batch", "Placement", "place", "reanchor", "same_as_canon", "save_batch"),
    "score": ("PairScore", "StoryScorer"),
})
