"""The NLP stage: reports in, sentences, mentions and roles out.

In: an :class:`~kenning.news.article.Article`. Out: an :class:`~kenning.news.model.ArticleResult` with its
sentences and mentions. One spaCy pass (the English pipeline shipped in a wheel, with an entity ruler
built from the loaded lists' names and a country gazetteer) gives sentences and person, organisation and
place mentions; the stage fixes mention boundaries, resolves short forms and pronouns to full names, and
attaches the roles ("Mali's defence minister") said of people. The parsed ``Doc`` is what the events
stage reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kenning.lazy import lazy_exports

if TYPE_CHECKING:
    from kenning.news.nlp.annotation import annotate, annotate_doc, annotate_many
    from kenning.news.nlp.models import Resources, resources

__all__ = ["Resources", "annotate", "annotate_doc", "annotate_many", "resources"]

__getattr__ = lazy_exports(__name__, {
    "annotation": ("annotate", "annotate_doc", "annotate_many"),
    "models": ("Resources", "resources"),
})
