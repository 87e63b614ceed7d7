"""The argument frame of one trigger: who acts (subject or agent), on whom (arguments), in which tense.

Voice decides the roles: in "OFAC designated X" the subject acts and the object is the target; in
"X was designated by OFAC" the subject is the target and the agent acts; in "individuals designated
today" the noun the participle modifies is the target. Noun triggers take their targets from
"on/against" (``sanctions on X``) or, for "hit", from the object (``hit X with sanctions``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kenning.news.events.parse import ParsedSentence
from kenning.news.events.triggers import Trigger, copular_property, holding_subject, subject_of, trigger_lemma
from kenning.news.events.vocabulary import triggers

__all__ = ["CLAUSE_DEPS", "Frame", "build_frame", "clause_tokens", "is_hypothetical"]

#: Dependents that open a clause of their own; what lies below them is not part of the trigger's clause.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "pcomp"})
_TARGET_PREPS = frozenset({"on", "against", "upon"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd"})


@dataclass
class Frame:
    """A trigger with its roles resolved on the parse."""

    sentence: ParsedSentence
    trigger: Trigger
    passive: bool
    #: Head token of the phrase naming the actor (subject, agent or a possessor of a noun trigger).
    actor: Any | None
    #: Head tokens of the phrases naming the targets.
    args: list[Any] = field(default_factory=list)
    #: "present", "progressive", "perfect", "past", "pluperfect", "future" or "none".
    tense: str = "none"
    #: The sentence marks the action as past background ("previously", "had been designated").
    background: bool = False
    #: The action is not (yet) real: threatened, conditional, negated, future, an ability.
    hypothetical: bool = False

    @property
    def predicate(self) -> Any:
        return self.trigger.predicate


def _children(token: Any, deps: frozenset[str] | tuple[str, ...]) -> list[Any]:
    return [c for c in token.children if c.dep_ in deps]


def _prep_objects(token: Any, preps: frozenset[str]) -> list[Any]:
    """Objects of the prepositions ``preps`` attached to ``token`` ("sanctions on X" → X)."""
    found: list[Any] = []
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            found.extend(c for c in prep.children if c.dep_ in ("pobj", "pcomp"))
    return found


def _is_passive(predicate: Any) -> bool:
    """A passive verb, a participle modifying a noun, or a participle the parser hung on "was" as an
    adjective ("Shoigu was re-designated")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in predicate.children):
        return True
    if predicate.tag_ == "VBN" and predicate.dep_ == "acomp" and predicate.head.lemma_ == "be":
        return True
    return predicate.dep_ in ("acl", "amod") and predicate.tag_ == "VBN"


def _clause_subject(predicate: Any) -> Any | None:
    """The subject a subjectless passive shares with the clause it hangs on: "X is the minister and *is
    designated*", "X was re-designated today after previously *being designated*"."""
    node = predicate
    for _ in range(5):
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and node is not predicate:
            return subject
        if node.dep_ not in ("conj", "acomp", "pcomp", "advcl", "prep", "xcomp") or node.head is node:
            return None
        node = node.head
    return None


def _antecedent(arg: Any, predicate: Any) -> Any:
    """The noun a relative pronoun stands for ("X, who was previously sanctioned": X)."""
    if arg.tag_ in ("WDT", "WP") and predicate.dep_ == "relcl":
        return predicate.head
    return arg


def _listed_as(noun: Any) -> list[Any]:
    """What "Those designated today *are*" / "The individuals designated today *include*" go on to name."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_ not in ("be", "include"):
        return []
    return [c for c in verb.children if c.dep_ in ("attr", "dobj")]


def _verb_args(predicate: Any, passive: bool) -> list[Any]:
    """Targets of a verb trigger: the object (active), the subject (passive) or the modified noun."""
    holding = holding_subject(predicate) if passive else None
    if holding is not None:
        holdings = triggers().holdings
        owners = [t for t in holding.subtree if t.dep_ == "pobj" and t.head.lower_ == "of"
                  and t.head.head.lemma_.lower() in holdings and t.lemma_.lower() not in holdings]
        return owners[:1]
    if passive:
        args = _children(predicate, ("nsubjpass",))
        if not args and predicate.dep_ in ("acl", "relcl", "amod"):
            args = [predicate.head, *_listed_as(predicate.head)]
        if not args and predicate.dep_ in ("conj", "acomp", "pcomp", "advcl"):
            shared = _clause_subject(predicate)
            args = [shared] if shared is not None else []
        return args
    args = _children(predicate, _OBJECT_DEPS)
    return args + _prep_objects(predicate, _TARGET_PREPS)


def _noun_args(trigger: Trigger) -> list[Any]:
    """Targets of a noun trigger: "on/against X" on the noun or its verb; the object of "hit X with"."""
    predicate = trigger.predicate
    args = _prep_objects(predicate, _TARGET_PREPS)
    for word in trigger.words:
        if word is not predicate:
            args += _prep_objects(word, _TARGET_PREPS)
    if predicate.pos_ == "VERB":
        nouns = {w.i for w in trigger.words}
        objects = [c for c in _children(predicate, _OBJECT_DEPS) if c.i not in nouns]
        if trigger_lemma(predicate) == "hit" or not args:
            args += [o for o in objects if trigger_lemma(o) not in triggers().nouns]
        if _is_passive(predicate) and not args:
            args += [c for c in _children(predicate, ("nsubjpass",)) if c.i not in nouns]
    return args


def _actor(trigger: Trigger, passive: bool) -> Any | None:
    """The head of the phrase naming who acts."""
    predicate = trigger.predicate
    if passive:
        for agent in _children(predicate, ("agent",)):
            objects = _children(agent, ("pobj",))
            if objects:
                return objects[0]
        return None
    if trigger.kind == "noun" and predicate.pos_ in ("NOUN", "PROPN"):
        owners = [c for c in predicate.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                  and c.i < predicate.i]
        return owners[0] if owners else None
    return subject_of(predicate)


def _tense(predicate: Any) -> str:
    """A coarse tense from the verb's tag and auxiliaries."""
    aux = {c.lower_ for c in predicate.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "would", "shall"}:
        return "future"
    if "had" in aux:
        return "pluperfect"
    if aux & {"has", "have"}:
        return "perfect"
    if predicate.tag_ == "VBG" and aux & {"is", "are", "am"}:
        return "progressive"
    if aux & {"is", "are", "am"} or predicate.tag_ in ("VBZ", "VBP"):
        return "present"
    if aux & {"was", "were"} or predicate.tag_ == "VBD":
        return "past"
    return "none"


def _background(predicate: Any, tense: str) -> bool:
    """Markers of a past action told as background: "previously", "already", the pluperfect."""
    if tense == "pluperfect":
        return True
    words = triggers().background_words
    return any(c.dep_ == "advmod" and c.lower_ in words for c in predicate.children)


#: Relations through which the modality of a governing word reaches the trigger.
_GOVERNED_DEPS = frozenset({"xcomp", "pobj", "prep", "dobj", "advcl", "acl", "pcomp", "nsubjpass", "nsubj",
                            "conj", "ccomp", "relcl", "acomp", "attr"})


def _unreal_here(node: Any) -> bool:
    """Modal, negation or condition on ``node`` itself, or ``node`` a word of intention or ability."""
    rules = triggers()
    for child in node.children:
        if child.dep_ in ("aux", "neg", "auxpass") and child.lower_ in rules.modal_words:
            return True
        if child.dep_ == "mark" and child.lower_ in rules.conditional_marks:
            return True
    lemma = node.lemma_.lower()
    if node.pos_ in ("NOUN", "PROPN"):
        return lemma in rules.hypothetical_nouns or node.lower_ in rules.hypothetical_nouns
    return lemma in rules.hypothetical_verbs


def _finite(node: Any) -> bool:
    """A verb with a tense of its own (not an infinitive or a participle hanging on something else)."""
    if node.pos_ not in ("VERB", "AUX"):
        return False
    return node.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in node.children)


def is_hypothetical(predicate: Any, trigger_words: list[Any]) -> bool:
    """True when the action is threatened, conditional, negated, future or only an ability.

    The trigger's own words are checked, then the words it depends on up to the first finite verb:
    "threatened *to sanction*", "calls *for sanctions* on", "*will* designate", "ability *to designate*".
    """
    if any(_unreal_here(w) for w in {predicate, *trigger_words}):
        return True
    node = predicate
    for _ in range(6):
        if node.dep_ == "conj" and node.head is not node:
            return is_hypothetical(node.head, [])
        if node.dep_ not in _GOVERNED_DEPS or node.head is node or node.dep_ in ("relcl", "ccomp"):
            return False
        head = node.head
        if _unreal_here(head):
            return True
        if _finite(head):
            return False
        node = head
    return False


def build_frame(sentence: ParsedSentence, trigger: Trigger) -> Frame:
    """The frame of ``trigger`` in ``sentence``."""
    predicate = trigger.predicate
    if trigger.kind == "property" and copular_property(predicate):
        subjects = _children(predicate, ("nsubj",))
        return Frame(sentence, trigger, False, None, subjects, _tense(predicate), _background(predicate, "none"),
                     is_hypothetical(predicate, trigger.words))
    passive = predicate.pos_ != "NOUN" and _is_passive(predicate)
    args = _noun_args(trigger) if trigger.kind == "noun" else _verb_args(predicate, passive)
    args = [_antecedent(a, predicate) for a in args]
    tense = _tense(predicate) if predicate.pos_ in ("VERB", "AUX") else "none"
    unique = list({a.i: a for a in args}.values())
    return Frame(sentence, trigger, passive, _actor(trigger, passive), unique, tense,
                 _background(predicate, tense), is_hypothetical(predicate, trigger.words))


def clause_tokens(token: Any, keep: frozenset[str] = frozenset()) -> list[Any]:
    """``token``'s subtree without the clauses hanging below it (relative clauses, adverbial clauses...).

    Dependents whose relation is in ``keep`` are kept even if they open a clause.
    """
    out = [token]
    for child in token.children:
        if child.dep_ in CLAUSE_DEPS and child.dep_ not in keep:
            continue
        out.extend(clause_tokens(child, keep))
    return out
