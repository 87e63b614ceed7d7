"""Checkable statements outside the sanctions events, compared across a story's reports.

Claims come from two places: ``ArticleResult.claims`` that the event stage made (every kind but the
sanction facts, which :mod:`.reconcile_facts` compares through the merged events; their subjects folded
through the same subject words, their values compared as dates, numbers or words by their normalized
form), and the predicates of
``data/reconcile_claims.yml`` read here from the sentences ("the Malian junta, which seized power in May
2021" → subject ``junta``, predicate ``took power``, value ``May 2021``, normalized ``2021-05``). A date
is the date phrase nearest the predicate's words, resolved against the article's date
(:func:`kenning.news.dates.find_dates`); a number is the pattern's ``value`` group.

Claims with the same subject and predicate form one fact (a claim whose subject is not known is compared
with nothing). A change's subject is the quantity of ``quantities`` its words hold, in any language
("civilian deaths", "le nombre de victimes civiles"). With statements from two or more reports, or two
different dates of one report, the values are compared (dates: same, one within the other, or
conflicting; numbers: same or conflicting; changes as factors, :func:`~.values.relate_changes`; values of
a predicate a subject holds several of, ``several_values``, add up); a claim only one statement makes is
left to the sentence alignment, which lists it as single-source. Statements agreed by the reports of one
language only, in a story told in more than one, are ``complementary``: the reports of the other
languages do not say it ("only the fr reports say this"). Each statement keeps its source's words and
language; nothing is translated.

Dates that cannot be one are a conflict only when the reports speak of one occurrence. When the evidence
points to two — one report gives both dates (a report does not contradict itself), or the predicate can
happen more than once (``repeatable`` in the data file) and the dates lie more than
:data:`REPEAT_GAP_DAYS` apart — the fact is ``possibly-different``, with both dates and their sources.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import combinations

from kenning.news.dates import date_interval, find_dates, parse_anchor
from kenning.news.model import ArticleResult, Span
from kenning.news.reconcile.evidence import evidence_at
from kenning.news.reconcile.model import Fact, Statement
from kenning.news.reconcile.values import (
    Relation,
    change_factor,
    number_value,
    overall,
    relate_changes,
    relate_dates,
    relate_numbers,
)
from kenning.news.reconcile.vocabulary import Predicate, predicates, quantities, several_values, subjects
from kenning.news.reconcile.wording import machine_date
from kenning.news.stories.features import fold_name

__all__ = ["FoundClaim", "claim_facts", "story_claims", "subject_key", "value_kind"]

#: Mention labels that can be a claim's subject when no subject word of the data file is in the sentence.
SUBJECT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Middles of two dates of a repeatable happening further apart than this: two occurrences, most likely.
REPEAT_GAP_DAYS = 180
#: Claim kinds of ``ArticleResult.claims`` that the merged events already compare.
EVENT_KINDS = frozenset({"sanction", "event"})
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?")
_ARTICLE = re.compile(r"^(?:the|a|an) ")


@dataclass(frozen=True)
class FoundClaim:
    """One report's claim: subject, predicate, its words and comparable value, and where it is."""

    article_id: str
    subject: str
    predicate: str
    kind: str
    value: str
    normalized: str | None
    span: Span


def _subject(result: ArticleResult, sentence: Span, near: int) -> str:
    for pattern, name in subjects():
        if pattern.search(sentence.text):
            return name
    inside = [m for m in result.mentions if sentence.start <= m.start < sentence.end and m.label in SUBJECT_LABELS]
    if not inside:
        return ""
    nearest = min(inside, key=lambda m: abs(m.start - near))
    return subject_key(nearest.refers_to or nearest.text)


def _value(result: ArticleResult, sentence: Span, predicate: Predicate, match_start: int,
           match_end: int, group: tuple[int, int] | None) -> tuple[str, str | None, Span] | None:
    """The claimed value: (words, normalized, span in the article) or None."""
    text = result.article.text
    if predicate.value == "number":
        if group is None:
            return None
        words = text[group[0]:group[1]]
        value = number_value(words)
        normalized = None if value is None else f"{value:g}"
        return words, normalized, Span(group[0], group[1], words)
    dates = [d for d in find_dates(sentence.text, parse_anchor(result.article.published), offset=sentence.start)
             if d.value is not None]
    if not dates:
        return None
    found = min(dates, key=lambda d: min(abs(d.start - match_end), abs(match_start - d.end)))
    assert found.value is not None
    return found.text, found.value.value, Span(found.start, found.end, found.text)


def _read(result: ArticleResult) -> list[FoundClaim]:
    """The data-file predicates found in a report's sentences."""
    found = []
    for sentence in result.sentences:
        for predicate in predicates():
            for pattern in predicate.patterns:
                match = pattern.search(sentence.text)
                if match is None:
                    continue
                start, end = sentence.start + match.start(), sentence.start + match.end()
                group = None
                if "value" in pattern.groupindex and match.group("value") is not None:
                    group = (sentence.start + match.start("value"), sentence.start + match.end("value"))
                value = _value(result, sentence, predicate, start, end, group)
                if value is not None:
                    found.append(FoundClaim(result.article.id, _subject(result, sentence, start), predicate.name,
                                            predicate.value, value[0], value[1], value[2]))
                    break
    return found


def subject_key(words: str) -> str:
    """A subject as compared: the ``subjects`` name its words hold ("the Malian junta" → junta), else its
    folded words without a leading article."""
    for pattern, name in (*subjects(), *quantities()):
        if pattern.search(words):
            return name
    return _ARTICLE.sub("", fold_name(words))


def value_kind(value: str, normalized: str | None) -> str:
    """How a given claim's values compare: ``date`` (an ISO value whose words hold a date phrase, so "some
    1,000 troops" is a number), ``change`` ("+278%", "x3"), ``number`` or ``text``."""
    if normalized and change_factor(normalized) is not None:
        return "change"
    if normalized and _ISO.fullmatch(normalized) and find_dates(value, None):
        return "date"
    if normalized and number_value(normalized) is not None:
        return "number"
    return "text"


def _given(result: ArticleResult) -> list[FoundClaim]:
    """The claims the event stage made, but the sanction facts."""
    return [FoundClaim(result.article.id, subject_key(c.subject), c.predicate, value_kind(c.value, c.normalized),
                       c.value, c.normalized, c.evidence) for c in result.claims if c.kind not in EVENT_KINDS]


def _same(a: FoundClaim, b: FoundClaim) -> bool:
    """One statement read twice: same report, overlapping spans, same value."""
    return (a.article_id == b.article_id and a.normalized == b.normalized and a.span.start < b.span.end
            and b.span.start < a.span.end)


def story_claims(results: Sequence[ArticleResult]) -> list[FoundClaim]:
    """Every claim of every report, a statement read by both readers once: the event stage's reading first
    (so reports read by it share its predicates), the data-file reading for what it does not read."""
    claims: list[FoundClaim] = []
    for result in results:
        for claim in _given(result) + _read(result):
            if claim.normalized is not None and not any(_same(claim, known) for known in claims):
                claims.append(claim)
    return claims


def _relation(kind: str, left: FoundClaim, right: FoundClaim) -> Relation:
    if kind == "change":
        return relate_changes(left.normalized or "", right.normalized or "")
    if left.predicate in several_values() and left.normalized != right.normalized:
        return "complementary", "different values that can all hold at once"
    if kind == "date":
        return relate_dates(left.normalized or "", right.normalized or "")
    if kind == "number":
        return relate_numbers(left.normalized or left.value, right.normalized or right.value)
    same = left.normalized == right.normalized
    return ("agreed", "same value") if same else ("conflicting", "different values")


def _middle(value: str) -> dt.date:
    start, end = date_interval(value)
    return start + (end - start) / 2


def two_occurrences(found: Sequence[FoundClaim], repeatable: bool) -> str | None:
    """Why conflicting dates point to two occurrences (see the module docstring), or None."""
    dated = [c for c in found if c.normalized]
    for a, b in combinations(dated, 2):
        if relate_dates(a.normalized or "", b.normalized or "")[0] != "conflicting":
            continue
        if a.article_id == b.article_id:
            return "one report gives both dates, so they are two occurrences"
        gap = abs((_middle(a.normalized or "") - _middle(b.normalized or "")).days)
        if repeatable and gap > REPEAT_GAP_DAYS:
            return f"it can happen more than once, and the dates lie about {round(gap / 30)} months apart"
    return None


def _repeatable(predicate: str) -> bool:
    return any(p.name == predicate and p.repeatable for p in predicates())


def _one_language(sources: set[str], results: Mapping[str, ArticleResult]) -> str | None:
    """Why a fact the reports of one language agree on says more than the story's other reports: they are in
    other languages and none says it; None when the sources speak more than one language or the story one."""
    spoken = {results[s].article.language for s in sources}
    others = {r.article.language for r in results.values()} - spoken - {None}
    if len(spoken) != 1 or None in spoken or not others:
        return None
    [language] = spoken
    return (f"only the {language} reports say this ({len(sources)} of "
            f"{sum(r.article.language == language for r in results.values())}); no report in "
            f"{', '.join(sorted(str(o) for o in others))} does")


def claim_facts(claims: Sequence[FoundClaim], results: Mapping[str, ArticleResult]) -> list[Fact]:
    """One fact per (subject, predicate) that two reports, or one report with two values, state."""
    groups: dict[tuple[str, str], list[FoundClaim]] = {}
    for claim in claims:
        if claim.subject:
            groups.setdefault((claim.subject, claim.predicate), []).append(claim)
    facts = []
    for (subject, predicate), found in groups.items():
        sources = {c.article_id for c in found}
        values = {c.normalized for c in found}
        if len(sources) < 2 and (len(values) < 2 or found[0].kind != "date"):
            continue
        kind = found[0].kind
        status, note = overall(found, partial(_relation, kind))
        why = two_occurrences(found, _repeatable(predicate)) if kind == "date" and status == "conflicting" else None
        if why is not None:
            status, note = "possibly-different", f"possibly different events: {why}"
        elif len(sources) < 2:
            note = f"one report, two values: {note}"
        elif status == "agreed" and (only := _one_language(sources, results)) is not None:
            status, note = "complementary", only
        statements = [Statement(c.article_id, c.value, machine_date(c.normalized) if kind == "date" else c.normalized,
                                evidence_at(results[c.article_id], c.span.start, c.span.end),
                                results[c.article_id].article.outlet, results[c.article_id].article.language)
                      for c in found]
        facts.append(Fact(f"{subject}: {predicate}", "claim", predicate, status, statements, subject=subject,
                          note=note))
    return facts
