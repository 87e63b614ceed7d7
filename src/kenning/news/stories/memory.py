"""Stories of a set of reports in memory, exactly as the store would make them from one batch.

:func:`group_results` does what ``kenning news add`` does to a batch of new reports, without a store:

* exact and near copies of an earlier report of the batch are not grouped but go with their original
  (:func:`~kenning.news.ingest.dedup.find_duplicates`; the store keeps them as duplicates);
* each report's features leave its outlet's boilerplate out;
* words and names are weighed by their frequency over the whole batch
  (:func:`~.placing.batch_frequencies`, as the store weighs them over its reports; :func:`~.grouping.group`
  weighs each vector by its own documents, which groups otherwise);
* every undated report that joined a story with a dated one is read again against that story's date
  (:func:`~.placing.read_undated`: "lundi" becomes a day, and its action may change) and all are grouped
  again.

The benches use it, and a test holds it equal to the store's grouping: a rule tried in memory is the rule
the store applies.
"""

from __future__ import annotations

from collections.abc import Sequence

from kenning.news.ingest.dedup import find_duplicates
from kenning.news.model import ArticleResult
from kenning.news.stories.boilerplate import Boilerplate, boilerplate_keys
from kenning.news.stories.features import Canon
from kenning.news.stories.grouping import assign, time_order
from kenning.news.stories.model import StoryModel, story_model
from kenning.news.stories.placing import Placement, batch_frequencies, placements_of, read_undated

__all__ = ["group_results"]


def _place(results: Sequence[ArticleResult], boilerplate: Boilerplate, canon: Canon | None,
           model: StoryModel) -> list[Placement]:
    features = {r.article.id: boilerplate.features(r, canon, model.embeddings) for r in results}
    found = list(features.values())
    return placements_of(results, assign(found, {}, model, batch_frequencies(found)), features)


def group_results(results: Sequence[ArticleResult], canon: Canon | None = None,
                  model: StoryModel | None = None) -> list[list[str]]:
    """The stories of ``results`` (all new, one batch): lists of report ids, each in time order. Undated
    reports' events are read again against their story's date, in place, as the store does."""
    model = model or story_model()
    unique = list({r.article.id: r for r in results}.values())
    copies = {b: a for a, b, _kind, _similarity in reversed(find_duplicates([r.article for r in unique]))}
    unique = [r for r in unique if r.article.id not in copies]
    boilerplate = Boilerplate(boilerplate_keys(unique))
    placements = _place(unique, boilerplate, canon, model)
    if read_undated(placements, canon, boilerplate):
        placements = _place(unique, boilerplate, canon, model)  # placed again with what they say once dated
        read_undated(placements, canon, boilerplate)
    order = time_order([p.features for p in placements])
    stories: dict[str, list[str]] = {}
    story_of = {p.result.article.id: p.assignment.story_id for p in placements}
    for placement in placements:
        stories.setdefault(placement.assignment.story_id, []).append(placement.result.article.id)
    for copy, first in copies.items():
        original = first
        while original in copies:
            original = copies[original]
        stories[story_of[original]].append(copy)
        order.setdefault(copy, order[original])
    return [sorted(s, key=lambda a: order[a]) for s in stories.values()]
