"""Reading one sentence: each action in it becomes a :class:`RawEvent` with everything the words say.

A raw event is what a single sentence tells: its authority may still be a pronoun ("it"), its date may be
missing, and it may only continue the event before it ("The sanctions target three businesses", "They
include X, Y and Z"). :mod:`kenning.news.events.resolve` settles those across the article.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from kenning.news.dates import FoundDate
from kenning.news.events.antecedents import antecedents, following_parties, forward_count, paragraph_openers
from kenning.news.events.authority import country_authority, match_authority
from kenning.news.events.facts import Announcer, find_announcer, find_reason, measures_in, programs_in
from kenning.news.events.frame import CLAUSE_DEPS, Frame, build_frame, clause_tokens
from kenning.news.events.parse import ParsedSentence, phrase_span
from kenning.news.events.targets import FoundTargets, after_colon, conjuncts, described_roles, find_targets
from kenning.news.events.triggers import find_triggers
from kenning.news.events.vocabulary import Authority, group_labels, triggers
from kenning.news.events.when import assign_dates
from kenning.news.model import ArticleResult, Span

__all__ = ["RawEvent", "read_continuation", "read_sentence"]

_PRONOUNS = frozenset({"it", "they", "we", "he", "she"})


@dataclass
class RawEvent:
    """One action as one sentence tells it."""

    sentence: int
    position: int
    measures: list[str]
    lift: bool
    authority: Authority | None = None
    actor: Span | None = None
    #: The actor is "it"/"they" or missing, or the subject refers back ("The sanctions"): see resolve.
    implicit_actor: bool = False
    continues: bool = False
    #: A sentence without a trigger that refers to "today's action": adds measures and legal basis only.
    reference: bool = False
    mentions: list[int] = field(default_factory=list)
    description: Span | None = None
    count: int | None = None
    date: FoundDate | None = None
    tense: str = "none"
    background: bool = False
    reason: Span | None = None
    programs: list[str] = field(default_factory=list)
    announcer: Announcer | None = None
    evidence: list[Span] = field(default_factory=list)
    #: Named targets that are not mentions (lines of an enumerated list of designees).
    names: list[Span] = field(default_factory=list)
    #: The targets point forward ("designated the following subsidiaries"): a list or section follows.
    forward: bool = False
    #: Sanctions named as a state, by a noun no verb imposes ("maintain robust sanctions on the Taliban",
    #: "the EU's sanctions on Wagner"): not dated from the publication date.
    stative: bool = False
    #: Roles of unnamed targets, one per coordinated phrase ("They are Mali's defence minister, air force
    #: chief and the deputy chief of staff").
    roles: list[Span] = field(default_factory=list)


def _own_tokens(head: Any) -> list[Any]:
    """The words of one conjunct: ``head`` and its dependents, without the conjuncts and clauses below it."""
    out = [head]
    for child in head.children:
        if child.dep_ not in ("conj", "cc", "punct") and child.dep_ not in CLAUSE_DEPS:
            out.extend(_own_tokens(child))
    return out


def _conjunct_phrases(frame: Frame, actor: Any) -> list[tuple[Any, Span | None]]:
    """The actor head and each actor coordinated with it ("Australia, Canada, ... and the EU"), with words."""
    heads, stack = [actor], [actor]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" or (child.dep_ == "appos" and child.pos_ == "PROPN"):
                heads.append(child)
                stack.append(child)
    return [(head, phrase_span(frame.sentence, _own_tokens(head))) for head in sorted(heads, key=lambda t: t.i)]


def _actors(frame: Frame, result: ArticleResult) -> list[tuple[Authority | None, Span | None, bool]]:
    """The authorities the actor phrase names (one per coordinated actor), their words, and whether the
    actor is implicit (missing, a pronoun, or a phrase such as "The sanctions" that refers back)."""
    actor = frame.actor
    if actor is None:
        return [(None, None, True)]
    span = phrase_span(frame.sentence, clause_tokens(actor))
    if actor.lower_ in _PRONOUNS or span is None:
        return [(None, span, True)]
    found: list[tuple[Authority | None, Span | None, bool]] = []
    for head, words in _conjunct_phrases(frame, actor):
        authority = match_authority(words.text) if words else None
        if authority is None and head.i in frame.sentence.mention_at:
            mention = result.mentions[frame.sentence.mention_at[head.i]]
            authority = country_authority(mention.text) if mention.label == "GPE" else None
        if authority is not None and all(authority is not f[0] for f in found):
            found.append((authority, words, False))
    if len(found) > 1:
        return found
    authority = match_authority(span.text)
    anaphoric = triggers().anaphoric_subjects.search(span.text) is not None
    return [(authority, span, authority is None and anaphoric)]


def _clause_text(frame: Frame, others: list[Any]) -> str:
    """The original words of the trigger's clause, with the clauses of the sentence's other actions blanked.

    The clause is widened over the blanks the parser saw instead of a legal-basis phrase right before
    or after it, so that "pursuant to E.O. 13660" still counts as part of it.
    """
    sentence, predicate = frame.sentence, frame.predicate
    text, hidden = sentence.span.text, sentence.doc.text
    start = predicate.left_edge.idx
    end = predicate.right_edge.idx + len(predicate.right_edge.text)
    while end < len(text) and hidden[end].isspace():
        end += 1
    while start > 0 and hidden[start - 1].isspace():
        start -= 1
    chars = list(text[start:end])
    for other in others:
        if other.i == predicate.i or not any(a.i == predicate.i for a in other.ancestors):
            continue
        left, right = other.left_edge.idx, other.right_edge.idx + len(other.right_edge.text)
        for i in range(max(left, start), min(right, end)):
            chars[i - start] = " "
    return "".join(chars)


def _targets(frame: Frame, result: ArticleResult, earlier: Collection[int]) -> FoundTargets:
    """The frame's targets, with a written list after a colon, the parties a forward reference announces
    ("the following entities: A designs .... B produces ....") and the antecedents of "they"."""
    sentence = frame.sentence
    found = find_targets(sentence, result, frame.args, frame.predicate)
    if found.description is not None or not found.mentions:
        at = found.description.end if found.description else sentence.offset + frame.predicate.idx
        found.mentions += [n for n in after_colon(sentence, result, at) if n not in found.mentions]
    colon = sentence.span.text.find(":", frame.predicate.idx) >= 0
    if found.anaphor == "following" and colon:
        found.mentions += [n for n in paragraph_openers(result, sentence.index) if n not in found.mentions]
    if found.anaphor == "following" and not found.mentions and not sentence.span.text.rstrip().endswith(":"):
        kind = group_labels(found.description.text) if found.description else None
        found.mentions = following_parties(result, sentence.index, found.count, kind)
    elif found.anaphor == "plural" and not found.mentions and (ahead := forward_count(result, sentence.index)):
        found.mentions = following_parties(result, sentence.index, *ahead)
    elif found.anaphor is not None and not found.mentions:
        found.mentions = antecedents(result, sentence.index, found.anaphor == "plural", earlier, found.count)
    return found


def _in_reason(frame: Frame, date: FoundDate, reason: Span) -> bool:
    """A date of the trigger's own clause that comes after its reason began belongs to the reason ("for abuses
    committed on or after June 12, 2009"); a date of the reporting verb above it does not ("..., it said
    Monday")."""
    predicate = frame.predicate
    end: int = frame.sentence.offset + predicate.right_edge.idx + len(predicate.right_edge.text)
    return reason.start <= date.start < end


def _read_frame(frame: Frame, result: ArticleResult, date: FoundDate | None, others: list[Any],
                trigger_words: frozenset[int], earlier: Collection[int]) -> list[RawEvent]:
    """One raw event per authority the frame names (usually one)."""
    sentence = frame.sentence
    found = _targets(frame, result, earlier)
    clause = _clause_text(frame, others)
    reason = find_reason(frame, frame.args, trigger_words)
    if date is not None and reason is not None and _in_reason(frame, date, reason):
        date = None
    announcer = find_announcer(sentence, frame.predicate)
    raws = []
    for authority, actor, implicit in _actors(frame, result):
        raw = RawEvent(sentence=sentence.index, position=sentence.offset + frame.predicate.idx,
                       measures=list(frame.trigger.measures) + measures_in(clause), lift=frame.trigger.lift,
                       authority=authority, actor=actor, implicit_actor=implicit or authority is None,
                       continues=implicit and actor is not None and actor.text.lower() not in _PRONOUNS,
                       mentions=list(found.mentions), description=found.description, count=found.count,
                       names=list(found.names),
                       date=date, tense=frame.tense, background=frame.background, reason=reason,
                       forward=found.anaphor == "following",
                       stative=frame.trigger.kind == "noun" and frame.predicate.pos_ in ("NOUN", "PROPN"),
                       programs=programs_in(clause), announcer=announcer, evidence=[sentence.span])
        if date is not None and date.text.lower().startswith("since"):
            raw.background = True
        if frame.trigger.kind == "property":
            raw.names += [n for n in _craft_names(frame, raw) if n not in raw.names]
            raw.names.sort(key=lambda n: n.start)
        raws.append(raw)
    return raws


def _craft_names(frame: Frame, raw: RawEvent) -> list[Span]:
    """Vessels and aircraft identified as blocked property: names in asterisks, tail or IMO numbers in the
    sentence, else the words of each coordinated part of the argument when no mention covers them ("The
    Queen Luca", "The Zephyr I and the Boceanica")."""
    sentence = frame.sentence
    names: list[Span] = []
    for pattern in triggers().craft_names:
        for match in pattern.finditer(sentence.span.text):
            start = sentence.offset + match.start(1)
            names.append(Span(start, start + len(match.group(1)), match.group(1)))
    if names or raw.mentions:
        return names
    for arg in frame.args:
        for conjunct in conjuncts(arg):
            span = phrase_span(sentence, [t for t in _own_tokens(conjunct) if t.dep_ != "det"])
            if span is not None:
                names.append(span)
    return names


def read_sentence(sentence: ParsedSentence, result: ArticleResult, dates: list[FoundDate],
                  earlier: Collection[int] = ()) -> list[RawEvent]:
    """The raw events of one parsed sentence, in text order; a trigger with nothing to act on is merged
    into the next action of the sentence (a parse that split "travel bans and asset freezes on X")."""
    frames = [build_frame(sentence, t) for t in find_triggers(sentence)]
    owned = assign_dates(sentence, [(f.predicate, f.trigger.words) for f in frames], dates)
    trigger_words = frozenset(w.i for f in frames for w in f.trigger.words)
    others = [f.predicate for f in frames]
    raws = [raw for f in frames if not f.hypothetical
            for raw in _read_frame(f, result, owned.get(f.predicate.i), others, trigger_words, earlier)]
    kept: list[RawEvent] = []
    pending: list[RawEvent] = []
    for raw in raws:
        if not raw.mentions and raw.description is None and not raw.names:
            pending.append(raw)
            continue
        for empty in pending:
            _absorb(raw, empty)
        pending = []
        kept.append(raw)
    if pending and kept:
        for empty in pending:
            _absorb(kept[-1], empty)
    elif pending:
        listing = sentence.span.text.rstrip().endswith(":")
        kept.extend(p for p in pending if listing or not p.implicit_actor or p.date is not None)
    return kept


def _absorb(raw: RawEvent, empty: RawEvent) -> None:
    """Fold an argument-less trigger of the same sentence into ``raw`` (measures, actor, date), unless
    they disagree on polarity, background or date (then the empty one is dropped)."""
    dates = {d.value for d in (raw.date, empty.date) if d is not None and d.value is not None}
    if empty.lift != raw.lift or empty.background != raw.background or len(dates) > 1:
        return
    raw.measures += [m for m in empty.measures if m not in raw.measures]
    if raw.authority is None and empty.authority is not None:
        raw.authority, raw.actor, raw.implicit_actor = empty.authority, empty.actor, False
    raw.date = raw.date or empty.date
    raw.reason = raw.reason or empty.reason
    raw.announcer = raw.announcer or empty.announcer
    raw.background = raw.background or empty.background


def read_continuation(sentence: ParsedSentence, result: ArticleResult) -> RawEvent | None:
    """"They include X, Y and Z" / "They are Mali's defence minister, ...": more targets for the event before."""
    root = next((t for t in sentence.doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    heads = [c for c in root.children if c.dep_ in ("dobj", "attr", "acomp", "oprd")]
    verb = root
    if not heads:
        verb = next((c for c in root.children if c.dep_ in ("ccomp", "parataxis") and
                     any(g.dep_ in ("dobj", "attr") for g in c.children)), root)
        heads = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    found = find_targets(sentence, result, heads)
    found.mentions += [n for n in after_colon(sentence, result, sentence.offset) if n not in found.mentions]
    raw = RawEvent(sentence=sentence.index, position=sentence.offset, measures=[], lift=False,
                   implicit_actor=True, continues=True, mentions=found.mentions, description=found.description,
                   count=found.count, evidence=[sentence.span])
    raw.announcer = find_announcer(sentence, verb)
    raw.roles = [r for head in heads for r in described_roles(sentence, head)]
    return raw
