"""Which date words of a sentence belong to which action in it.

A date belongs to the action whose verb it modifies ("On June 20, 2017, OFAC designated ...",
"X was re-designated today after previously being designated on February 25, 2022": "today" to the first
verb, the February date to the second), or to the actions below the reporting verb it modifies ("..., it
said in a statement Monday"; "In 2022, the EU agreed to impose ..."). A date inside a clause that
describes a target ("forces were deployed in December 2021") or inside the reason ("designated for abuses
committed on or after June 12, 2009"; "designated for, on or after November 5, 2018, having assisted ...")
belongs to no action, nor does a date of another sentence that the sentence splitter left joined to the
action's ("...of the GoR. OFAC ...").

Dates of things rather than of actions never date an action, whatever the parser attached them to: the
date of a legal instrument ("pursuant to E.O. 13846 of November 5, 2018", hidden with the legal basis from
the parser) and any date introduced by "of", which dates the noun before it ("the law of March 2014",
"the events of May 2021").
"""

from __future__ import annotations

from typing import Any

from kenning.news.dates import FoundDate
from kenning.news.events.parse import ParsedSentence
from kenning.news.events.vocabulary import reasons

__all__ = ["assign_dates"]

#: Relations through which an action below a verb still takes that verb's date.
_CARRY_DEPS = frozenset({"xcomp", "ccomp", "conj", "parataxis"})


def _root(sentence: ParsedSentence, found: FoundDate) -> Any | None:
    """The head token of the date words."""
    start, end = found.start - sentence.offset, found.end - sentence.offset
    tokens = [t for t in sentence.doc if t.idx < end and t.idx + len(t.text) > start]
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return None


def _dominated(verb: Any, predicate: Any) -> bool:
    """True when ``predicate`` hangs below ``verb`` only through clausal complements and coordination."""
    node = predicate
    for _ in range(12):
        if node.i == verb.i:
            return True
        if node.dep_ not in _CARRY_DEPS or node.head is node:
            return False
        node = node.head
    return False


def _owners(root: Any, owner_of: dict[int, int], predicates: dict[int, Any]) -> tuple[list[int], int]:
    """The predicates that own a date whose head is ``root``, and how far up the date had to climb."""
    node, steps = root, 0
    reason = reasons().prepositions
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        return [], steps
    while True:
        if node.i in owner_of and node.i != root.i:
            return [owner_of[node.i]], steps
        if node.dep_ == "prep" and node.lower_ in reason:
            return [], steps
        if (node.pos_ in ("VERB", "AUX") and node.i != root.i) or node.head is node:
            owners = [i for i, p in predicates.items() if _dominated(node, p)]
            return owners, steps + 1
        node, steps = node.head, steps + 1
        if steps > 20:
            return [], steps


def _other_line(sentence: ParsedSentence, date: FoundDate, predicate: Any) -> bool:
    """True when a line break separates the date words from the action (a dateline above the text)."""
    at = predicate.idx
    start, end = date.start - sentence.offset, date.end - sentence.offset
    between = sentence.span.text[min(end, at):max(start, at)]
    return "\n" in between


def _hidden(sentence: ParsedSentence, date: FoundDate) -> bool:
    """True when the date words lie in a legal-basis phrase hidden from the parser (the instrument's date)."""
    start, end = date.start - sentence.offset, date.end - sentence.offset
    return not sentence.doc.text[start:end].strip()


def _in_open_reason(predicate: Any, root: Any) -> bool:
    """True when the date follows a reason preposition of ``predicate`` that has not reached its object yet
    ("designated for, on or after November 5, 2018, having assisted ..."): the date is part of the reason."""
    marks = reasons().prepositions
    for prep in predicate.children:
        if prep.dep_ != "prep" or prep.lower_ not in marks or not prep.i < root.i:
            continue
        between = predicate.doc[prep.i + 1:root.i]
        if not any(t.pos_ in ("NOUN", "PROPN", "PRON", "VERB", "NUM") for t in between):
            return True
    return False


def assign_dates(sentence: ParsedSentence, triggers: list[tuple[Any, list[Any]]],
                 found: list[FoundDate]) -> dict[int, FoundDate]:
    """Map each predicate token index of ``triggers`` (predicate, trigger words) to its date, if any."""
    predicates = {p.i: p for p, _ in triggers}
    owner_of = {p.i: p.i for p, _ in triggers}
    for predicate, words in triggers:
        for word in words:
            owner_of.setdefault(word.i, predicate.i)
    best: dict[int, tuple[int, FoundDate]] = {}
    for date in found:
        root = _root(sentence, date)
        if root is None or _hidden(sentence, date):
            continue
        owners, steps = _owners(root, owner_of, predicates)
        for owner in [o for o in owners if not _other_line(sentence, date, predicates[o])
                      and predicates[o].sent.start == root.sent.start
                      and not _in_open_reason(predicates[o], root)]:
            if owner not in best or steps < best[owner][0]:
                best[owner] = (steps, date)
    return {owner: date for owner, (_, date) in best.items()}
