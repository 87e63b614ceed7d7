"""The facts around an action: measures, legal basis, reason and who announced it.

* Measures: canonical names from ``data/events_measures.yml``; the trigger gives the generic one
  ("designation"), the words of its clause add specific ones ("as a transnational criminal organisation",
  "travel bans", "all property ... is blocked").
* Programmes: ``data/events_programs.yml`` patterns ("E.O. 14024", "Global Magnitsky").
* Reason: the object of "for"/"over", the argument of "accused of", or an "after/because" clause.
* Announcer: the speaker of a reporting verb above the trigger ("..., says US Secretary of State Antony
  Blinken", "it said in a statement Monday").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kenning.news.events.frame import Frame, clause_tokens
from kenning.news.events.parse import ParsedSentence, phrase_span
from kenning.news.events.vocabulary import measures, programs, reasons
from kenning.news.model import Span

__all__ = [
    "Announcer",
    "final_measures",
    "find_announcer",
    "find_reason",
    "listing_measures",
    "measures_in",
    "normalize_measure",
    "programs_in",
]


#: Clauses that belong to a reason ("for *facilitating* X", "accused of *executing* civilians").
_KEEP = frozenset({"pcomp", "xcomp", "ccomp", "advcl", "acl"})


@dataclass(frozen=True)
class Announcer:
    """Who a report says announced the action; ``pronoun`` when it is "it"/"they" (the authority itself)."""

    span: Span
    pronoun: bool
    statement: bool


def normalize_measure(text: str) -> str | None:
    """The canonical measure a phrase names ("designation as transnational criminal organisation" → TCO)."""
    for measure in measures():
        if any(p.search(text) for p in measure.patterns):
            return measure.name
    return None


def measures_in(text: str) -> list[str]:
    """The specific (non-generic) measures named anywhere in ``text``, in vocabulary order."""
    return [m.name for m in measures() if not m.generic and any(p.search(text) for p in m.patterns)]


def final_measures(found: Iterable[str]) -> list[str]:
    """``found`` in order of first appearance, without repeats and without generic measures that a more
    specific one found with them replaces."""
    present = list(dict.fromkeys(found))
    replaced = {r for m in measures() if m.name in present for r in m.replaces}
    return [name for name in present if name not in replaced]


def listing_measures() -> frozenset[str]:
    """Measures that put a party on a sanctions list (designation, asset freeze, TCO designation...)."""
    return frozenset(m.name for m in measures() if m.listing)


def programs_in(text: str) -> list[str]:
    """Normalised programmes named in ``text``, in order of appearance, without repeats."""
    hits: list[tuple[int, str]] = []
    for program in programs():
        for match in program.pattern.finditer(text):
            name = program.name
            for number, group in enumerate(match.groups(), start=1):
                name = name.replace(f"{{{number}}}", group or "")
            hits.append((match.start(), " ".join(name.split())))
    out: list[str] = []
    for _, name in sorted(hits):
        if name not in out:
            out.append(name)
    return out


def _object_tokens(prep: Any) -> list[Any]:
    """The words after a preposition, without relative clauses hanging on them."""
    return [t for o in prep.children for t in clause_tokens(o, _KEEP)]


def _for_reason(prep: Any) -> list[Any] | None:
    """"for facilitating ..." / "over abuses": the reason words, unless the object is a duration."""
    rules = reasons()
    if prep.dep_ != "prep" or prep.lower_ not in rules.prepositions:
        return None
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objects or objects[0].lower_ in rules.not_reasons or objects[0].like_num:
        return None
    return _object_tokens(prep)


def _verb_reason(verb: Any) -> list[Any] | None:
    """"accused of X", "accusing them of X", "blamed for X", "citing X"."""
    rules = reasons()
    if verb.lemma_ not in rules.verbs:
        return None
    marker = rules.verbs[verb.lemma_]
    for child in verb.children:
        if marker is None and child.dep_ == "dobj":
            return clause_tokens(child, _KEEP)
        if marker is not None and child.dep_ == "prep" and child.lower_ == marker:
            return [t for o in child.children for t in clause_tokens(o, _KEEP)]
    return None


def _mark_reason(clause: Any) -> list[Any] | None:
    """"after the military rulers went back on ...": an adverbial clause opened by a reason subordinator."""
    marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ in reasons().marks]
    if clause.dep_ != "advcl" or not marks:
        return None
    return [t for t in clause.subtree if t.i != marks[0].i]


def find_reason(frame: Frame, args: list[Any], trigger_words: frozenset[int]) -> Span | None:
    """The reason the sentence gives for the action of ``frame`` (None when it gives none)."""
    sentence, predicate = frame.sentence, frame.predicate
    anchors = [predicate, *frame.trigger.words, *args]
    for anchor in anchors:
        for child in anchor.children:
            tokens = _for_reason(child)
            if tokens:
                return phrase_span(sentence, tokens)
    scope = [t for a in [predicate, *args] for t in a.subtree]
    for token in scope:
        tokens = _verb_reason(token)
        if tokens:
            return phrase_span(sentence, tokens)
    for node in (predicate, predicate.head):
        for child in node.children:
            tokens = _mark_reason(child)
            if tokens and not any(t.i in trigger_words for t in tokens):
                return phrase_span(sentence, tokens)
    return _phrase_reason(sentence, predicate)


def _phrase_reason(sentence: ParsedSentence, predicate: Any) -> Span | None:
    """"in response to X", "in connection with X" after the trigger, up to the next comma or the end."""
    text = sentence.span.text
    after = predicate.idx + len(predicate.text)
    lowered = text.lower()
    for phrase in reasons().phrases:
        at = lowered.find(phrase, after)
        if at < 0:
            continue
        start = at + len(phrase)
        end = min([i for i in (text.find(",", start), text.find(";", start)) if i >= 0] or [len(text)])
        words = text[start:end].strip(" .\"“”")
        if words:
            begin = sentence.offset + text.index(words, start)
            return Span(begin, begin + len(words), words)
    return None


def find_announcer(sentence: ParsedSentence, start: Any) -> Announcer | None:
    """The speaker of a reporting verb above ``start`` (or "according to X" anywhere in the sentence)."""
    rules = reasons()
    node = start
    for _ in range(6):
        if node.lemma_ in rules.speech_verbs and node.i != start.i:
            speaker = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if speaker is not None:
                return _announcer(sentence, node, speaker)
        for child in node.children:
            if child.dep_ == "parataxis" and child.lemma_ in rules.speech_verbs:
                speaker = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if speaker is not None:
                    return _announcer(sentence, child, speaker)
        if node.head is node:
            break
        node = node.head
    for token in sentence.doc:
        if token.lower_ == "according" and token.i + 1 < len(sentence.doc):
            objects = [t for t in sentence.doc[token.i + 1].children if t.dep_ == "pobj"]
            if objects:
                span = phrase_span(sentence, list(objects[0].subtree))
                if span is not None:
                    return Announcer(span, False, _says_statement(objects[0]))
    return None


def _says_statement(token: Any) -> bool:
    return any(t.lemma_ in reasons().statement_words for t in token.subtree)


def _announcer(sentence: ParsedSentence, verb: Any, speaker: Any) -> Announcer | None:
    tokens = [t for t in speaker.subtree if not any(a.dep_ in ("relcl", "acl") for a in t.ancestors
                                                      if a.i in {s.i for s in speaker.subtree})]
    span = phrase_span(sentence, tokens)
    if span is None:
        return None
    statement = any(c.dep_ == "prep" and _says_statement(c) for c in verb.children)
    return Announcer(span, speaker.pos_ == "PRON", statement or _says_statement(speaker))
