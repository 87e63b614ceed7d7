"""Sanctions events in a news report or press release: who imposed what on whom, when, why, on what basis.

:func:`extract_events` runs on an annotated :class:`~kenning.news.model.ArticleResult` (sentences and
mentions from :mod:`kenning.news.nlp.annotation`, links from :mod:`kenning.news.link.linker` when available) and fills
``result.events`` and ``result.claims``:

1. sentences where a sanctions cue occurs are parsed (:mod:`~kenning.news.events.parse`);
2. each trigger gets its frame, targets, date, measures, reason, legal basis and announcer
   (:mod:`~kenning.news.events.read`), continuations ("They include X, Y and Z"), enumerated lists of
   designees and references to "today's action" add to the event before;
3. the article's events are settled and merged (:mod:`~kenning.news.events.resolve`);
4. the claims reconciliation compares are derived (:mod:`kenning.news.events.claims`).

A report in French is read by :mod:`~kenning.news.events.french` (steps 1 and 2, from the French parse);
steps 3 and 4 are the same. An undated French report (scraped excerpts often lose their date) reads its
relative dates ("lundi") against the latest full date it states itself, if any (a report is written after
the days it tells); that date only resolves date words, it never dates an action told without any.
English reports keep them unresolved.

Vocabularies live in ``data/events_*.yml``; nothing here knows a country, a person or a programme.
"""

from __future__ import annotations

import bisect
import re

from kenning.news.dates import FoundDate, find_dates, parse_anchor
from kenning.news.events.claims import article_claims
from kenning.news.events.facts import final_measures, measures_in, programs_in
from kenning.news.events.french import latest_stated_day, read_french
from kenning.news.events.lists import attach_lists
from kenning.news.events.parse import ParsedSentence, parse_sentences
from kenning.news.events.party_names import is_party_name, trim_name
from kenning.news.events.read import RawEvent, read_continuation, read_sentence
from kenning.news.events.resolve import Resolved, resolve
from kenning.news.events.targets import target_from_mention, target_from_name
from kenning.news.events.vocabulary import measures as vocabulary_measures
from kenning.news.events.vocabulary import triggers
from kenning.news.model import ArticleResult, SanctionEvent, Span, Target

__all__ = ["extract_events"]


def extract_events(result: ArticleResult, *, anchor: str | None = None) -> ArticleResult:
    """Fill ``result.events`` and ``result.claims`` from its sentences and mentions; returns ``result``.

    ``anchor`` (ISO day) stands in for an unknown publication date, e.g. the date of another report of
    the same story; it is never used when the article has its own date.
    """
    article = result.article
    anchor_date = parse_anchor(article.published or anchor)
    french = article.language == "fr"
    dates = find_dates(article.text, anchor_date, language="fr" if french else "en")
    if french and anchor_date is None and (stated := latest_stated_day(dates)) is not None:
        dates = find_dates(article.text, stated, language="fr")
    raws, parsed = read_french(result, dates) if french else _read_article(result, dates)
    resolved = resolve(raws, article.outlet, anchor_date)
    kept = [(r, e) for r, e in ((r, _event(r, result)) for r in resolved) if e is not None]
    result.events = [e for _, e in kept]
    roles = {i: [s for p in r.parts for s in p.roles] for i, (r, _) in enumerate(kept)}
    result.claims = article_claims(result, anchor_date, parsed, {i: s for i, s in roles.items() if s},
                                   None if french else dates)  # the facts' dates are these English ones
    return result


def _dates_by_sentence(result: ArticleResult, dates: list[FoundDate]) -> dict[int, list[FoundDate]]:
    starts = [s.start for s in result.sentences]
    out: dict[int, list[FoundDate]] = {}
    for found in dates:
        index = bisect.bisect_right(starts, found.start) - 1
        if index >= 0:
            out.setdefault(index, []).append(found)
    return out


def _read_article(result: ArticleResult, dates: list[FoundDate]) -> tuple[list[RawEvent], dict[int, ParsedSentence]]:
    """Raw events of every sentence, continuations, listed designees and references to today's action."""
    rules = triggers()
    cued = {i for i, s in enumerate(result.sentences) if rules.cued(s.text)}
    following = {i for i, s in enumerate(result.sentences)
                 if i not in cued and rules.continuation.search(s.text.strip())}
    parsed = parse_sentences(result, sorted(cued | following))
    by_sentence = _dates_by_sentence(result, dates)
    raws: list[RawEvent] = []
    for index in sorted(parsed):
        sentence = parsed[index]
        earlier = {r.sentence for r in raws}
        found = read_sentence(sentence, result, by_sentence.get(index, []), earlier) if index in cued else []
        if found:
            raws.extend(found)
        elif raws and index - raws[-1].sentence <= 2 and rules.continuation.search(sentence.span.text.strip()):
            raw = read_continuation(sentence, result)
            if raw is not None and (raw.mentions or raw.description or raw.announcer):
                raws.append(raw)
    with_events = {r.sentence for r in raws}
    for index, span in enumerate(result.sentences):
        if index not in with_events and rules.action_reference.search(span.text):
            raw = _reference(index, span)
            if raw is not None:
                raws.append(raw)
    attach_lists(result, raws)
    return raws, parsed


def _reference(index: int, span: Span) -> RawEvent | None:
    """A sentence about "today's action" that names measures or a legal basis for it.

    Only measures that impose count: a lifting word in such a sentence belongs to something else the
    sentence tells ("Concurrent with this designation, OFAC issued General License 15, ... unblocking all
    property of ..."), never to the action it refers to."""
    lifting = {m.name for m in vocabulary_measures() if m.lift}
    measures = [m for m in measures_in(span.text) if m not in lifting]
    programs = programs_in(span.text)
    if not measures and not programs:
        return None
    return RawEvent(sentence=index, position=span.start, measures=measures, lift=False, implicit_actor=True,
                    reference=True, programs=programs, evidence=[span])


def _targets(resolved: Resolved, result: ArticleResult) -> list[Target]:
    """The event's targets, each name once (a later mention adds the links or role an earlier one lacked),
    without the words that are no party's name (:mod:`kenning.news.events.party_names`)."""
    targets: dict[str, Target] = {}
    for part in resolved.parts:
        for number in part.mentions:
            target = target_from_mention(result, number)
            known = targets.get(target.name.casefold())
            if known is None:
                targets[target.name.casefold()] = target
            else:
                known.links = known.links or target.links
                known.role = known.role or target.role
        for name in filter(None, map(trim_name, part.names)):
            target = target_from_name(result, name)
            targets.setdefault(target.name.casefold(), target)
    return [t for t in targets.values() if is_party_name(t)]


def _announced_by(resolved: Resolved) -> str | None:
    """Who announced the action in the source's words; "it said in a statement" → "<actor> statement"."""
    for part in resolved.parts:
        announcer = part.announcer
        if announcer is None:
            continue
        if not announcer.pronoun:
            return announcer.span.text
        speakers = [part] + [p for p in resolved.parts if p is not part]
        actor = next((p.actor.text for p in speakers if p.actor is not None and p.authority is not None
                      and not p.implicit_actor), None)
        if actor is None:
            return None
        words = actor[4:] if actor.lower().startswith("the ") else actor
        return f"{words} statement" if announcer.statement else words
    return None


def _unquote(text: str) -> str:
    """Reason words without the quotation marks a report put around part of them."""
    return " ".join(re.sub(r"[\"“”]", "", text).split())


def _event(resolved: Resolved, result: ArticleResult) -> SanctionEvent | None:
    """The public event of a settled action; None when it names no target and describes none."""
    parts = resolved.parts
    targets = _targets(resolved, result)
    description = next((p.description for p in parts if p.description is not None), None)
    if not targets and description is None:
        return None
    count = next((p.count for p in parts if p.description is not None), None)
    authority = resolved.authority
    found = [m for p in parts for m in p.measures]
    if authority is not None:
        found += [implied for m in found for implied in authority.implies.get(m, ())]
    programs = list(dict.fromkeys(p for part in parts for p in part.programs))
    evidence = list({(s.start, s.end): s for p in parts for s in p.evidence}.values())
    reason = next((_unquote(p.reason.text) for p in parts if p.reason is not None), None)
    date = resolved.date
    return SanctionEvent(
        authority=authority.name if authority else "unknown",
        authority_country=authority.country if authority else None,
        date=date.value if date else None, date_text=resolved.date_text,
        date_approx=date.approx if date else False, measures=final_measures(found), reason=reason,
        program="; ".join(programs) or None, targets=targets, evidence=sorted(evidence, key=lambda s: s.start),
        target_description=description.text if description else None, target_count=count,
        announced_by=_announced_by(resolved), background=resolved.background)

