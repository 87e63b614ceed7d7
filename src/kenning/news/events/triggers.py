"""Trigger words of sanctions actions in a parsed sentence, grouped by the verb (or noun) that carries them.

Four shapes, all from ``data/events_triggers.yml``:

* action verbs in any voice and tense: "OFAC designated X", "X was sanctioned", "X is being designated";
* verbs that are an action only with a sanctions authority or a sanctions noun as subject:
  "OFAC is targeting X", "The sanctions target three businesses";
* action nouns carried by a verb or taking an "on/against" argument: "imposed sanctions on X",
  "hit X with sanctions", "travel bans and asset freezes on five members";
* list verbs: "added X to the SDN List", "removed X from the sanctions list";
* property verbs: "The Queen Luca is being identified as property in which X has an interest".

A trigger used as an adjective ("sanctioned persons", "OFAC-designated entities") is not an action.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kenning.news.events.authority import match_authority
from kenning.news.events.parse import ParsedSentence
from kenning.news.events.vocabulary import NounTrigger, measures, triggers

__all__ = ["Trigger", "copular_property", "find_triggers", "holding_subject", "subject_of", "trigger_lemma"]

_VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
_CARRIED_DEPS = ("dobj", "nsubjpass", "attr", "oprd")


@dataclass
class Trigger:
    """The words of one action in a sentence: the carrying ``predicate`` and the trigger ``words``."""

    predicate: Any
    words: list[Any] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    lift: bool = False
    #: "verb", "noun" (a noun carried by a verb or standing alone), "list" or "authority_verb".
    kind: str = "verb"

    def add(self, token: Any, found: tuple[str, ...]) -> None:
        self.words.append(token)
        for measure in found:
            if measure not in self.measures:
                self.measures.append(measure)


def trigger_lemma(token: Any) -> str:
    """The token's lemma, with a split-off prefix put back ("re", "-", "designated" → "re-designate")."""
    lemma = str(token.lemma_).lower()
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in ("re", "de"):
        return f"{doc[token.i - 2].lower_}-{lemma}"
    return lemma


def _is_verb(token: Any) -> bool:
    return token.tag_ in _VERB_TAGS and token.dep_ not in ("amod", "compound")


def _noun_allowed(token: Any, noun: NounTrigger) -> bool:
    """A noun trigger has one of its required words before it ("travel" ban, "asset" freeze) and none of
    its refused ones ("enforcement" action)."""
    before = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i}
    if token.i > 0:
        before.add(token.doc[token.i - 1].lower_)
    return (not noun.needs or bool(before & noun.needs)) and not before & noun.refuses


def _noun_carrier(token: Any, noun: NounTrigger) -> Any | None:
    """The verb that imposes (or lifts) a noun trigger, or the noun itself when it takes "on/against X"."""
    rules = triggers()
    if noun.verbs is not None:
        head = token.head
        against = any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in (*token.children, *head.children))
        return head if token.dep_ == "dobj" and trigger_lemma(head) in noun.verbs and against else None
    node = token
    while node.dep_ in ("conj", "appos") and node.head.pos_ in ("NOUN", "PROPN") and node.head is not node:
        node = node.head
    head = node.head
    if node.dep_ in _CARRIED_DEPS and trigger_lemma(head) in rules.light_verbs | rules.lift_verbs:
        return head
    if node.dep_ == "pobj" and head.lower_ == "with" and trigger_lemma(head.head) in rules.light_verbs:
        return head.head
    if node.dep_ == "nsubj" and trigger_lemma(head) in rules.authority_verbs:
        return head
    if any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in token.children):
        return token
    if token is not node and any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in node.children):
        return node
    return None


def subject_of(predicate: Any) -> Any | None:
    """The subject of a verb, climbing through ``xcomp``/``conj`` to the verb that has one."""
    node = predicate
    for _ in range(4):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if node.dep_ not in ("xcomp", "conj", "advcl", "ccomp") or node.head is node:
            return None
        if node.dep_ == "ccomp" and node.head.lemma_ not in triggers().light_verbs:
            return None
        node = node.head
    return None


def _authority_subject(verb: Any) -> bool:
    """True when the verb's subject is a sanctions authority, a sanctions noun or "today's action"."""
    subject = subject_of(verb)
    if subject is None:
        return False
    phrase = verb.doc[subject.left_edge.i:subject.i + 1].text
    rules = triggers()
    return (match_authority(phrase) is not None or trigger_lemma(subject) in rules.nouns
            or rules.anaphoric_subjects.search(phrase) is not None)


def holding_subject(verb: Any) -> Any | None:
    """The holding noun a passive blocking verb applies to ("all property ... of X *are blocked*"), or None."""
    for child in verb.children:
        if child.dep_ == "nsubjpass" and child.lemma_.lower() in triggers().holdings:
            return child
    return None


def _list_measure(verb: Any) -> str | None:
    """The measure of "add X to the SDN List" / "remove X from the sanctions list", or None."""
    rules = triggers()
    measure = rules.list_verbs.get(trigger_lemma(verb))
    if measure is None:
        return None
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in ("to", "on", "from"):
            text = verb.doc[child.i:child.right_edge.i + 1].text
            if rules.list_words.search(text):
                return measure
    return None


def copular_property(verb: Any) -> bool:
    """"X are (blocked) property in which Y has an interest": the copula, a property noun as its attribute,
    a clause on it saying whose interest it is."""
    rules = triggers()
    return verb.lemma_ == "be" and any(
        c.dep_ == "attr" and c.lemma_.lower() in rules.property_words and any(g.dep_ == "relcl" for g in c.children)
        for c in verb.children)


def _property_measure(verb: Any) -> str | None:
    """The measure of "identified X as (blocked) property in which Y has an interest" or of "X is property
    in which Y has an interest", or None."""
    rules = triggers()
    if copular_property(verb):
        return rules.copular_property
    measure = rules.property_verbs.get(trigger_lemma(verb))
    if measure is None:
        return None
    for child in verb.children:
        objects = [o for o in child.children if o.dep_ == "pobj"] if child.dep_ == "prep" else []
        if child.lower_ == "as" and any(o.lemma_.lower() in rules.property_words for o in objects):
            return measure
    return None


def _lift_measures(found: tuple[str, ...]) -> bool:
    lifting = {m.name for m in measures() if m.lift}
    return any(m in lifting for m in found)


def find_triggers(sentence: ParsedSentence) -> list[Trigger]:
    """The actions in ``sentence``, one :class:`Trigger` per carrying word, in text order."""
    rules = triggers()
    lifting = next((m.name for m in measures() if m.lift), "delisting")
    found: dict[int, Trigger] = {}
    for token in sentence.doc:
        lemma = trigger_lemma(token)
        carrier: Any = None
        kind = "verb"
        words: tuple[str, ...] = ()
        if lemma in rules.verbs and _is_verb(token):
            carrier, words = token, rules.verbs[lemma]
        elif lemma in rules.authority_verbs and _is_verb(token) and (
                _authority_subject(token) or holding_subject(token) is not None):
            carrier, kind, words = token, "authority_verb", rules.authority_verbs[lemma]
        elif lemma in rules.nouns and _noun_allowed(token, rules.nouns[lemma]):
            carrier, kind, words = _noun_carrier(token, rules.nouns[lemma]), "noun", rules.nouns[lemma].measures
        elif _is_verb(token) and (measure := _list_measure(token)) is not None:
            carrier, kind, words = token, "list", (measure,)
        elif (_is_verb(token) or token.pos_ == "AUX") and (measure := _property_measure(token)) is not None:
            carrier, kind, words = token, "property", (measure,)
        if carrier is None:
            continue
        trigger = found.setdefault(carrier.i, Trigger(carrier, kind=kind))
        if trigger_lemma(carrier) in rules.lift_verbs:
            words = (lifting,)
        trigger.add(token, words)
        trigger.lift = trigger.lift or _lift_measures(words)
    return [found[i] for i in sorted(found)]
