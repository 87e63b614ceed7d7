"""The facts of one merged event, compared across the sources that tell it.

An event only one report tells is one ``single-source`` fact (its evidence sentences). An event several
reports tell gives one fact per field that at least one of them states — authority, who announced it,
date, measures, reason, legal basis, what was targeted (count and kinds) — and, per target, whether it
was targeted and its role. A field only one source states is ``single-source``; otherwise the status
comes from :mod:`.reconcile_values` (and :func:`~.reconcile_roles.compare_roles` for roles).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from kenning.news.model import ArticleResult
from kenning.news.reconcile.evidence import statement
from kenning.news.reconcile.model import Fact, MergedEvent, MergedTarget, Statement, Version
from kenning.news.reconcile.values import (
    Relation,
    describe_parties,
    overall,
    relate_announcers,
    relate_authorities,
    relate_dates,
    relate_measures,
    relate_parties,
    relate_text,
)
from kenning.news.reconcile.wording import date_words, machine_date, short_name
from kenning.news.stories.roles import compare_roles

__all__ = ["event_facts", "event_label"]

T = TypeVar("T")
#: Dates read from relative words ("Monday", "last week") may be a day or two off.
APPROX_SLACK_DAYS = 2


def event_label(event: MergedEvent) -> str:
    """A short name for an event: "OFAC action of 24 July 2023", "United Kingdom action of the week of
    17 July 2023"."""
    name = short_name(event.authority)
    when = date_words(event.date)
    if when is None:
        return f"{name} action (undated)"
    return f"{name} action of {'the ' if when.precision == 'week' else ''}{when.text}"


class _Builder:
    """Facts of one event, from the versions and their results."""

    def __init__(self, event: MergedEvent, results: Mapping[str, ArticleResult]) -> None:
        self.event = event
        self.results = results
        self.label = event_label(event)
        self.facts: list[Fact] = []

    def field(self, name: str, about: str, read: Callable[[Version], tuple[str, str | None, T] | None],
              relate: Callable[[T, T], Relation]) -> None:
        """One fact from every version that states the field: ``read`` gives (words, normalized, comparable)."""
        statements: list[Statement] = []
        values: list[T] = []
        for version in self.event.versions:
            found = read(version)
            if found is None:
                continue
            words, normalized, comparable = found
            result = self.results[version.article_id]
            statements.append(statement(result, words, normalized, version.event.evidence))
            values.append(comparable)
        if not statements:
            return
        if len({s.source for s in statements}) < 2:
            status, note = "single-source", "only one report states it"
        else:
            status, note = overall(values, relate)
        self.facts.append(Fact(f"{self.label}: {about}", "event", name, status, statements, event=self.event.key,
                               note=note))

    def target(self, party: MergedTarget) -> None:
        """Whether the party was targeted, and its role, with every source's words."""
        named = [(v, v.targets[party.key]) for v in self.event.versions if party.key in v.targets]
        statements = []
        for version, target in named:
            result = self.results[version.article_id]
            statements.append(statement(result, target.words, party.entity_id or party.name,
                                        version.event.evidence, span=target.span))
        sources = {s.source for s in statements}
        resolved = [t.words for _v, t in named if t.role_only]
        note = (f"named by its role in one report ({'; '.join(resolved)})" if resolved else
                "named by every report that lists targets") if len(sources) > 1 else "only one report names it"
        self.facts.append(Fact(f"{self.label}: {party.name} targeted", "target", "target",
                               "agreed" if len(sources) > 1 else "single-source", statements,
                               event=self.event.key, subject=party.entity_id or party.name, note=note))
        with_role = [(v, t) for v, t in named if t.role]
        if not with_role:
            return
        role_statements = [statement(self.results[v.article_id], t.role or "", None, v.event.evidence,
                                     span=t.role_span) for v, t in with_role]
        if len({s.source for s in role_statements}) < 2:
            status, why = "single-source", "only one report gives the role"
        else:
            status, why = overall([t.role or "" for _v, t in with_role], _relate_roles)
        self.facts.append(Fact(f"{party.name}'s role", "role", "role", status, role_statements,
                               event=self.event.key, subject=party.entity_id or party.name, note=why))


def _relate_roles(left: str, right: str) -> Relation:
    status = compare_roles(left, right)
    notes = {"agreed": "same role", "complementary": "one role is more specific",
             "conflicting": "different roles"}
    return status, notes[status]


def _single(event: MergedEvent, results: Mapping[str, ArticleResult]) -> Fact:
    version = event.versions[0]
    result = results[version.article_id]
    evidence = version.event.evidence or result.sentences[:1]
    words = " ".join(s.text for s in evidence)
    first = statement(result, words, event.key, evidence, span=evidence[0] if evidence else None)
    return Fact(f"{event_label(event)}", "event", "event", "single-source", [first], event=event.key,
                note="only one report tells this action")


def _date(version: Version) -> tuple[str, str | None, str] | None:
    event = version.event
    if not event.date:
        return None
    when = date_words(event.date)
    return event.date_text or (when.text if when else event.date), machine_date(event.date), event.date


def _parties(version: Version) -> tuple[str, str | None, tuple[int | None, frozenset[str]]] | None:
    event = version.event
    if event.target_description is None and event.target_count is None:
        return None
    parties = describe_parties(event.target_description, event.target_count)
    normalized = f"{parties[0] if parties[0] is not None else '?'} {'+'.join(sorted(parties[1])) or 'parties'}"
    return event.target_description or str(event.target_count), normalized, parties


def _relate_event_dates(left: str, right: str) -> Relation:
    return relate_dates(left, right, APPROX_SLACK_DAYS)


def _opt(value: str | None) -> tuple[str, str | None, str] | None:
    return (value, value, value) if value else None


def event_facts(event: MergedEvent, results: Mapping[str, ArticleResult]) -> list[Fact]:
    """Every fact of one merged event (see the module docstring)."""
    if len(event.sources) < 2:
        return [_single(event, results)]
    build = _Builder(event, results)
    build.field("authority", "who imposed it", lambda v: _opt(v.event.authority), relate_authorities)
    build.field("announced_by", "who announced it", lambda v: _opt(v.event.announced_by), relate_announcers)
    build.field("date", "when", _date, _relate_event_dates)
    build.field("measures", "measures", lambda v: (", ".join(v.event.measures), ", ".join(sorted(
        v.event.measures)), frozenset(v.event.measures)) if v.event.measures else None, relate_measures)
    build.field("reason", "why", lambda v: _opt(v.event.reason), relate_text)
    build.field("program", "legal basis", lambda v: _opt(v.event.program), relate_text)
    build.field("targets", "what was targeted", _parties, relate_parties)
    for party in event.targets:
        build.target(party)
    return build.facts


def facts_of_events(events: Sequence[MergedEvent], results: Mapping[str, ArticleResult]) -> list[Fact]:
    """The facts of every event, in event order."""
    return [fact for event in events for fact in event_facts(event, results)]
