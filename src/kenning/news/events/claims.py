"""Claims for reconciliation: every slot of every sanctions event, plus dated and numeric facts.

Reconciliation compares what different reports say about the same thing. Each :class:`Claim` has a
subject and a predicate that say what it is about, the source's words (``value``) and a comparable form
(``normalized``), and the span it came from:

* sanction slots (``kind="sanction"``): subject ``"event N"`` (the index into ``result.events``),
  predicates ``authority`` (normalised: country code), ``date`` (ISO value), ``target`` (normalised: the
  first linked list id, else the name in lower case), ``measure``, ``reason``, ``program``,
  ``announced_by``, ``target_description``, ``target_count``; and per named target a ``role`` claim
  whose subject is the target's name;
* facts (``kind="fact"``, see :mod:`kenning.news.events.claims_facts`): who took power when, counts
  ("some 1,000 troops") and changes ("deaths have tripled").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kenning.news.dates import FoundDate
from kenning.news.events.claims_facts import fact_claims
from kenning.news.events.parse import ParsedSentence
from kenning.news.model import ArticleResult, Claim, SanctionEvent, Span

__all__ = ["article_claims", "event_claims", "role_claims"]

SANCTION = "sanction"


def _claim(subject: str, predicate: str, value: str, normalized: str | None, evidence: Span) -> Claim:
    return Claim(subject=subject, predicate=predicate, value=value, normalized=normalized, evidence=evidence,
                 kind=SANCTION)


def _lower(text: str | None) -> str | None:
    return " ".join(text.lower().split()) if text else None


def event_claims(index: int, event: SanctionEvent) -> Iterator[Claim]:
    """The slots of one event as claims (a missing slot gives no claim)."""
    if not event.evidence:
        return
    subject, where = f"event {index}", event.evidence[0]
    yield _claim(subject, "authority", event.authority, event.authority_country, where)
    if event.date is not None:
        yield _claim(subject, "date", event.date_text or event.date, event.date, where)
    for target in event.targets:
        span = target.span or where
        normalized = target.links[0].id if target.links else _lower(target.name)
        yield _claim(subject, "target", target.name, normalized, span)
        if target.role:
            yield _claim(target.name, "role", target.role, _lower(target.role), span)
    if event.target_description:
        yield _claim(subject, "target_description", event.target_description, _lower(event.target_description),
                     where)
    if event.target_count is not None:
        yield _claim(subject, "target_count", str(event.target_count), str(event.target_count), where)
    for measure in event.measures:
        yield _claim(subject, "measure", measure, measure, where)
    for predicate, value in (("reason", event.reason), ("program", event.program),
                             ("announced_by", event.announced_by)):
        if value:
            yield _claim(subject, predicate, value, _lower(value), where)


def role_claims(index: int, roles: list[Span]) -> Iterator[Claim]:
    """Roles of targets a report describes without naming them ("the deputy chief of staff")."""
    for span in roles:
        words = span.text[4:] if span.text.lower().startswith("the ") else span.text
        yield _claim(f"event {index}", "target_role", span.text, _lower(words), span)


def article_claims(result: ArticleResult, anchor: dt.date | None,
                   parsed: dict[int, ParsedSentence] | None = None,
                   roles: dict[int, list[Span]] | None = None, dates: list[FoundDate] | None = None) -> list[Claim]:
    """Every claim of the article: the slots of its events (``roles``: the unnamed targets' roles per
    event index), then its facts. A claim said twice (a role repeated by two events) is kept once.
    ``dates``: the article's English dates against ``anchor``, when the caller has found them already."""
    claims = [c for i, e in enumerate(result.events) for c in event_claims(i, e)]
    for index, spans in (roles or {}).items():
        claims.extend(role_claims(index, spans))
    claims.extend(fact_claims(result, anchor, parsed or {}, dates))
    unique: dict[tuple[str, str, str, str], Claim] = {}
    for claim in claims:
        unique.setdefault((claim.kind, claim.subject, claim.predicate, claim.value), claim)
    return list(unique.values())
