"""Reconciliation: what the reports of one story agree on, where they conflict, what only one says.

:func:`reconcile` takes the pipeline results of a story's reports and returns a
:class:`~.reconcile_model.StoryReport`:

1. the events of all reports merged into one event per action (:mod:`.reconcile_events`), role-only
   mentions resolved to the person another report names ("Mali's defence minister" → Sadio Camara);
2. per merged event, its facts compared across the sources that tell it (:mod:`.reconcile_facts`):
   authority, announcer, date, measures, reason, legal basis, what was targeted, each target and its role;
3. claims outside the events (when a junta took power, troop numbers...) compared (:mod:`.reconcile_claims`);
4. the remaining sentences aligned across reports: statements several reports make (``agreed``) and those
   only one makes (``single-source``) (:mod:`.reconcile_sentences`), leaving out the sentences that are
   never facts (:mod:`.never`: boilerplate, contact lines, headings);
5. the summary (:mod:`.summary`): who was sanctioned, by whom and when, each target checked against the
   stored lists by the ``check`` the caller gives.

Facts come in the order people read them: conflicts, possibly different events, complementary, agreed,
single-source. Every statement carries its evidence (article id, sentence span and text, the words'
span). Nothing here knows a country, a person or an outlet: the vocabularies are the
``data/reconcile_*.yml`` files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from kenning.news.ingest.outlets import outlet_name
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
from kenning.news.reconcile.never import never_facts, never_reason
from kenning.news.reconcile.sentences import sentence_facts
from kenning.news.reconcile.summary import ListChecker, summarise
from kenning.news.reconcile.wording import date_words
from kenning.news.stories.features import Canon

__all__ = ["ORDER", "STATUSES", "Evidence", "Fact", "MergedEvent", "Statement", "StoryReport", "event_label",
           "headline", "reconcile"]

#: Words a sentence needs to stand as an untitled report's title.
MIN_TITLE_WORDS = 5


#: The order of the statuses in a report.
ORDER = ("conflicting", "possibly-different", "complementary", "agreed", "single-source")


def _article(result: ArticleResult) -> dict[str, Any]:
    a = result.article
    outlet = outlet_name(a.outlet, a.url)
    when = date_words(a.published)
    return {"id": a.id, "title": a.title or headline(result), "outlet": outlet, "language": a.language,
            "published": a.published, "published_words": when.text if when else None, "url": a.url,
            "source": a.source}


def headline(result: ArticleResult) -> str | None:
    """A title for an untitled report: its first sentence that is one (not a dateline or a heading)."""
    for sentence in result.sentences:
        if never_reason(sentence) is None and len(sentence.text.split()) >= MIN_TITLE_WORDS:
            return sentence.text
    return None


def _one_per_sentence(facts: list[Fact]) -> list[Fact]:
    """Single-source actions told in one sentence ("sanctioned by Australia, Canada, Japan…") as one fact."""
    out: list[Fact] = []
    seen: dict[tuple[str, int, int], Fact] = {}
    for fact in facts:
        if fact.kind != "event" or fact.field != "event" or len(fact.statements) != 1:
            out.append(fact)
            continue
        ev = fact.statements[0].evidence
        key = (ev.article_id, ev.start, ev.end)
        if key in seen:
            seen[key].about += f"; {fact.about}"
            continue
        seen[key] = fact
        out.append(fact)
    return out


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


def reconcile(results: Sequence[ArticleResult], story_id: str | None = None, canon: Canon | None = None,
              boilerplate: Mapping[str, set[str]] | None = None, check: ListChecker | None = None) -> StoryReport:
    """The reconciliation report of one story's reports (``canon``: entity id → its same-as cluster;
    ``boilerplate``: article id → keys of the sentences its outlet repeats elsewhere; ``check``: a target's
    check against the stored lists)."""
    unique = list({r.article.id: r for r in results}.values())
    by_id = {r.article.id: r for r in unique}
    events = merge_events(unique, canon)
    event_facts = _one_per_sentence(facts_of_events(events, by_id))
    claims = claim_facts(story_claims(unique), by_id)
    never = never_facts(unique, boilerplate)
    statements = sentence_facts(unique, _covered(unique, events, claims), never)
    facts = sorted(event_facts + claims + statements, key=lambda f: ORDER.index(f.status))
    report = StoryReport(story_id, [_article(r) for r in unique], events, facts)
    report.summary = summarise(events, facts, by_id, check)
    report.left_out = dict(Counter(never.values()))
    return report
