"""Reconciliation: what the reports of one story agree on, where they conflict, what only one says.

:func:`reconcile` takes the pipeline results of a story's reports and returns a
:class:`~.reconcile_model.StoryReport`:

1. the events of all reports merged into one event per action (:mod:`.reconcile_events`), role-only
   mentions resolved to the person another report names ("Mali's defence minister" → Sadio Camara);
2. per merged event, its facts compared across the sources that tell it (:mod:`.reconcile_facts`):
   authority, announcer, date, measures, reason, legal basis, what was targeted, each target and its role;
3. claims outside the events (when a junta took power, troop numbers...) compared (:mod:`.reconcile_claims`);
4. the remaining sentences aligned across reports: statements several reports make (``agreed``) and those
   only one makes (``single-source``) (:mod:`.reconcile_sentences`).

Every statement carries its evidence (article id, sentence span and text, the words' span). Nothing here
knows a country, a person or an outlet: the vocabularies are the ``data/reconcile_*.yml`` files.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kenning.news.model import ArticleResult
from kenning.news.reconcile.claims import claim_facts, story_claims
from kenning.news.reconcile.events import merge_events
from kenning.news.reconcile.facts import event_label, facts_of_events
from kenning.news.reconcile.model import (
    STATUSES,
    Evidence,
    Fact,
    MergedEvent,
    Statement,
    StoryReport,
)
from kenning.news.reconcile.sentences import sentence_facts
from kenning.news.stories.features import Canon

__all__ = ["STATUSES", "Evidence", "Fact", "MergedEvent", "Statement", "StoryReport", "event_label",
           "reconcile"]


def _article(result: ArticleResult) -> dict[str, Any]:
    a = result.article
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "url": a.url,
            "source": a.source}


def _covered(results: Sequence[ArticleResult], events: Sequence[MergedEvent],
             facts: Sequence[Fact]) -> set[tuple[str, int]]:
    """(article id, sentence start) of every sentence an event or a compared claim already reports."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for event in events:
        for version in event.versions:
            spans.setdefault(version.article_id, []).extend((s.start, s.end) for s in version.event.evidence)
    for fact in facts:
        for st in fact.statements:
            spans.setdefault(st.source, []).append((st.evidence.start, st.evidence.end))
    covered = set()
    for result in results:
        for start, end in spans.get(result.article.id, []):
            for sentence in result.sentences:
                if sentence.start < end and start < sentence.end:
                    covered.add((result.article.id, sentence.start))
    return covered


def reconcile(results: Sequence[ArticleResult], story_id: str | None = None,
              canon: Canon | None = None) -> StoryReport:
    """The reconciliation report of one story's reports (``canon``: entity id → its same-as cluster)."""
    unique = list({r.article.id: r for r in results}.values())
    by_id = {r.article.id: r for r in unique}
    events = merge_events(unique, canon)
    event_facts = facts_of_events(events, by_id)
    claims = claim_facts(story_claims(unique), by_id)
    statements = sentence_facts(unique, _covered(unique, events, claims))
    return StoryReport(story_id, [_article(r) for r in unique], events, event_facts + claims + statements)
