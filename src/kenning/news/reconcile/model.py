"""What reconciliation produces: facts with each source's words and evidence, merged events, a report.

A :class:`Fact` is one thing the reports of a story say something about ("who announced the US action",
"Adama Bagayoko's role", "when the junta took power"), with one :class:`Statement` per source (the
source's own words, their comparable form, and the :class:`Evidence`: article, sentence span and text,
and where the words sit in it) and a status:

* ``agreed`` — every source that speaks to it says the same;
* ``complementary`` — they differ but can all be true: one is more specific, or they name bodies of one
  government that announce together;
* ``conflicting`` — they cannot all be true ("13 individuals" / "13 individuals and businesses") and
  speak of the same occurrence;
* ``possibly-different`` — they cannot all be true of one occurrence, but the evidence points to two
  (one report gives both values; or the thing happens more than once and the values lie far apart: Mali's
  juntas seized power in 2020 and again in May 2021);
* ``single-source`` — only one report says it.

Dates in the JSON are ISO days, months or years, a week as its interval of days, and each date that
people read comes with its words and range (:mod:`.wording`): never an ISO week.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kenning.news.model import SanctionEvent, Span
from kenning.news.reconcile.wording import authority_chain, date_words, machine_date, short_name

__all__ = ["STATUSES", "Evidence", "Fact", "MergedEvent", "MergedTarget", "Statement", "StoryReport",
           "TargetVersion", "Version"]

STATUSES = ("agreed", "complementary", "conflicting", "possibly-different", "single-source")


@dataclass(frozen=True)
class Evidence:
    """Where a source says it: the sentence (span and text) and, when found, the words' own span."""

    article_id: str
    start: int
    end: int
    text: str
    words_start: int | None = None
    words_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article_id, "start": self.start, "end": self.end, "text": self.text,
                "words_start": self.words_start, "words_end": self.words_end}


@dataclass(frozen=True)
class Statement:
    """One source's version of a fact: its words, their comparable form, and the evidence."""

    source: str
    value: str
    normalized: str | None
    evidence: Evidence
    outlet: str | None = None
    #: The language of the source's words (ISO 639-1), when known: quotes are never translated.
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "outlet": self.outlet, "language": self.language, "value": self.value,
                "normalized": self.normalized, "evidence": self.evidence.to_dict()}


@dataclass
class Fact:
    """One thing the story's reports speak to, its status, and every source's statement."""

    about: str
    kind: str
    field: str
    status: str
    statements: list[Statement]
    event: str | None = None
    subject: str | None = None
    #: Why the status (which rule decided it), in words for users.
    note: str | None = None

    @property
    def sources(self) -> list[str]:
        """The reports that make a statement, in statement order, each once."""
        return list(dict.fromkeys(s.source for s in self.statements))

    def to_dict(self) -> dict[str, Any]:
        return {"about": self.about, "kind": self.kind, "field": self.field, "status": self.status,
                "event": self.event, "subject": self.subject, "note": self.note, "sources": self.sources,
                "statements": [s.to_dict() for s in self.statements]}


@dataclass
class TargetVersion:
    """How one source refers to a target: its name, or a role said without a name that was resolved."""

    words: str
    role: str | None
    span: Span | None
    role_span: Span | None
    entity_id: str | None
    role_only: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"words": self.words, "role": self.role, "span": self.span.to_dict() if self.span else None,
                "role_span": self.role_span.to_dict() if self.role_span else None, "entity_id": self.entity_id,
                "role_only": self.role_only}


@dataclass
class Version:
    """One source's telling of an event (``index`` into that result's events)."""

    article_id: str
    index: int
    event: SanctionEvent
    #: Merged-target key → how this source names the target.
    targets: dict[str, TargetVersion] = field(default_factory=dict)


@dataclass
class MergedTarget:
    """A party an event targets, as one across sources."""

    key: str
    name: str
    entity_id: str | None
    keys: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "entity_id": self.entity_id}


@dataclass
class MergedEvent:
    """One sanctions action as the story's reports tell it."""

    key: str
    authority: str
    authority_country: str | None
    date: str | None
    background: bool
    versions: list[Version]
    targets: list[MergedTarget] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        """The reports that tell the event, each once."""
        return list(dict.fromkeys(v.article_id for v in self.versions))

    def to_dict(self) -> dict[str, Any]:
        when = date_words(self.date, any(v.event.date_approx for v in self.versions))
        return {
            "key": self.key, "authority": short_name(self.authority), "authority_name": self.authority,
            "authority_chain": authority_chain(self.authority), "authority_country": self.authority_country,
            "date": machine_date(self.date), "date_range": when.to_dict() if when else None,
            "background": self.background, "sources": self.sources,
            "targets": [{**t.to_dict(), "sources": {v.article_id: v.targets[t.key].to_dict()
                                                    for v in self.versions if t.key in v.targets}}
                        for t in self.targets],
            "versions": [{"article": v.article_id, "event": v.index, "authority": v.event.authority,
                          "date": machine_date(v.event.date), "date_text": v.event.date_text,
                          "background": v.event.background} for v in self.versions],
        }


@dataclass
class StoryReport:
    """The reconciliation of one story: its reports, merged events, and facts by status."""

    story_id: str | None
    articles: list[dict[str, Any]]
    events: list[MergedEvent]
    facts: list[Fact]
    #: Who was sanctioned, by whom and when, each checked against the stored lists (:mod:`.summary`).
    summary: list[dict[str, Any]] = field(default_factory=list)
    #: Sentences left out as never facts, per reason (boilerplate, contact lines, headings and lists).
    left_out: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Number of facts per status (every status present, zero when none)."""
        return {status: sum(1 for f in self.facts if f.status == status) for status in STATUSES}

    def to_dict(self) -> dict[str, Any]:
        return {"story_id": self.story_id, "articles": self.articles, "summary": self.summary,
                "counts": self.counts(), "events": [e.to_dict() for e in self.events],
                "facts": [f.to_dict() for f in self.facts], "left_out": self.left_out}
