"""What the news pipeline produces for one article: mentions with links, and sanctions events.

These dataclasses are the contract between the stages (``nlp`` → ``link`` → ``events`` → ``stories`` →
``reconcile``) and the shape of ``kenning news extract --json`` (one :class:`ArticleResult` per article):

    {"article": {"id", "title", "published", "url", "outlet", "language"},
     "mentions": [{"text", "label", "start", "end", "role", "links": [{"id", "dataset", "source_id", "score"}]}],
     "events": [{"type": "sanction", "authority", "authority_country", "date", "date_text", "measures",
                 "reason", "program", "targets": [{"name", "role", "links": [...]}], "evidence": [...]}]}

Every offset is a character offset into ``Article.text``; every extracted fact keeps the span it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kenning.news.article import Article

__all__ = ["ArticleResult", "Claim", "EntityLink", "Mention", "SanctionEvent", "Span", "Target"]


@dataclass(frozen=True)
class Span:
    """A piece of the article's text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class EntityLink:
    """A mention linked to a list entity by the screening engine, with the evidence."""

    id: str
    dataset: str
    source_id: str
    score: float
    caption: str
    schema: str
    #: Why: the matcher's feature scores plus the context that confirmed or weakened the link
    #: (e.g. {"name": 0.97, "context": "role 'Defence Minister' and country 'Mali' near the mention"}).
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "dataset": self.dataset, "source_id": self.source_id,
                "score": round(self.score, 4), "caption": self.caption, "schema": self.schema,
                "evidence": self.evidence}


@dataclass
class Mention:
    """A named person, organisation, place, date or amount in the text."""

    text: str
    #: PERSON, ORG, GPE, NORP, DATE, MONEY, ... (spaCy labels, after Kenning's ruler and fixes).
    label: str
    start: int
    end: int
    #: Index of the sentence (into ``ArticleResult.sentences``).
    sentence: int
    #: Title or role attached to a person ("Defence Minister", "the group's operations head there").
    role: str | None = None
    role_span: Span | None = None
    #: Country the role or context ties the mention to (ISO code), e.g. "ml" for "Mali's Defence Minister".
    country: str | None = None
    #: The fullest name this mention refers to in the article ("Camara" → "Sadio Camara"); None if itself.
    refers_to: str | None = None
    links: list[EntityLink] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "label": self.label, "start": self.start, "end": self.end,
                "sentence": self.sentence, "role": self.role,
                "role_span": self.role_span.to_dict() if self.role_span else None,
                "country": self.country, "refers_to": self.refers_to,
                "links": [link.to_dict() for link in self.links]}


@dataclass
class Target:
    """Who an event targets: a named party (with links) or a described group ("five members of Mali's junta")."""

    name: str
    role: str | None = None
    links: list[EntityLink] = field(default_factory=list)
    #: Index into ``ArticleResult.mentions`` when the target is a mention.
    mention: int | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "links": [link.to_dict() for link in self.links],
                "mention": self.mention, "span": self.span.to_dict() if self.span else None}


@dataclass
class SanctionEvent:
    """A sanctions action: who imposed what on whom, when, why, under which legal basis."""

    authority: str
    authority_country: str | None
    date: str | None
    date_text: str | None
    #: True when the date was resolved from relative words ("Monday", "last week", "In January").
    date_approx: bool
    measures: list[str]
    reason: str | None
    program: str | None
    targets: list[Target]
    evidence: list[Span]
    #: "13 individuals", "13 individuals and businesses", "three top Malian officials": the source's words.
    target_description: str | None = None
    target_count: int | None = None
    #: Who announced it, in the source's words ("US Secretary of State Antony Blinken", "a Treasury statement").
    announced_by: str | None = None
    #: True for a past designation told as background ("Wagner was designated in 2017").
    background: bool = False
    type: str = "sanction"

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "authority": self.authority, "authority_country": self.authority_country,
                "date": self.date, "date_text": self.date_text, "date_approx": self.date_approx,
                "measures": self.measures, "reason": self.reason, "program": self.program,
                "targets": [t.to_dict() for t in self.targets], "target_description": self.target_description,
                "target_count": self.target_count, "announced_by": self.announced_by,
                "background": self.background, "evidence": [e.to_dict() for e in self.evidence]}


@dataclass
class Claim:
    """A checkable statement of one source, for reconciliation (sanction facts and other facts alike).

    ``subject`` and ``predicate`` say what the claim is about ("junta", "seized power"); ``value`` is the
    claimed value in the source's words ("May 2021") and ``normalized`` its comparable form ("2021-05").
    """

    subject: str
    predicate: str
    value: str
    normalized: str | None
    evidence: Span
    kind: str = "fact"

    def to_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "predicate": self.predicate, "value": self.value,
                "normalized": self.normalized, "kind": self.kind, "evidence": self.evidence.to_dict()}


@dataclass
class ArticleResult:
    """One article after the pipeline."""

    article: Article
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[SanctionEvent] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    #: Seconds spent per stage (ingest, nlp, link, events...), for the speed benchmark.
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "article": {"id": a.id, "title": a.title, "published": a.published,
                        "published_source": a.published_source, "url": a.url, "outlet": a.outlet,
                        "language": a.language, "source": a.source},
            "sentences": [s.to_dict() for s in self.sentences],
            "mentions": [m.to_dict() for m in self.mentions],
            "events": [e.to_dict() for e in self.events],
            "claims": [c.to_dict() for c in self.claims],
        }
