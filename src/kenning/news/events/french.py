"""Sanctions events in French reports, read from the dependency parse of the French spaCy pipeline.

The English reader (:mod:`~kenning.news.events.read`) is mirrored in the parts that carry over: a cheap
cue picks the sentences to parse (``data/events_fr.yml``); in each, the trigger is a sanctions verb
("sanctionner", "geler", "désigner", "inscrire") or a support verb with a sanctions noun ("imposer des
sanctions", "frapper de sanctions"), else a sanctions noun alone ("les sanctions contre X"). Then:

* **actor** — the verb's subject, or its "par" agent in the passive; its authority is the most specific
  French alias of an authority of ``events_authorities.yml`` ("Trésor américain" → the US Treasury); an
  actor that names none (a pronoun, a passive without agent) is left to :mod:`.resolve`, as in English;
* **targets** — the people and organisations of the object (the passive subject), of the sanctions
  noun's complement, and, when the object names no one or there is none, the names enumerated after a
  colon ("trois hauts responsables : X, Y et Z", "a été sanctionné par le Trésor : le Russe Ivan Maslov");
  never the authority, nobody named in a reason clause ("pour avoir aidé au déploiement de Wagner"),
  nor an organisation that only qualifies a target's role ("le chef du groupe Wagner au Mali, Ivan Maslov");
* **description and count** — an object that names no one ("trois hauts responsables maliens") with its
  number, in digits or French words;
* **date** — the sentence's French date phrases (:mod:`kenning.news.dates`, ``events_dates_fr.yml``);
* **tense** — the plus-que-parfait ("avait été sanctionné") is background; the passé composé a past
  action of the news; the present the news itself;
* **measures** — the French measure patterns, by their English names, plus ``designation``.

The raw events then go through the same :mod:`.resolve` and event building as English ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kenning.news.dates import FoundDate
from kenning.news.events.french_vocabulary import FrenchVocabulary, french_authority, french_vocabulary
from kenning.news.events.parse import ParsedSentence, parse_sentences, phrase_span
from kenning.news.events.read import RawEvent
from kenning.news.model import ArticleResult

__all__ = ["read_french"]

_PARTY = ("PERSON", "ORG")
_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})


def read_french(result: ArticleResult, dates: Sequence[FoundDate]) -> tuple[list[RawEvent], dict[int, ParsedSentence]]:
    """The raw events of a French report's sentences, and the parsed sentences (for claims)."""
    vocab = french_vocabulary()
    cued = [i for i, s in enumerate(result.sentences) if vocab.cue.search(s.text)]
    parsed = parse_sentences(result, cued)
    raws = []
    for index in sorted(parsed):
        sentence = parsed[index]
        own = [d for d in dates if sentence.span.start <= d.start < sentence.span.end]
        raw = _read(sentence, result, own, vocab)
        if raw is not None:
            raws.append(raw)
    return raws, parsed


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


def _has_noun(verb: Any, vocab: FrenchVocabulary) -> bool:
    return any(_lemma(t) in vocab.nouns for t in verb.subtree if (t.i != verb.i and t.head.i == verb.i)
               or (t.head.head.i == verb.i and _lemma(t) in vocab.nouns))


def _trigger(doc: Any, vocab: FrenchVocabulary) -> Any | None:
    """The sanctions verb of the sentence (first one), else its first sanctions noun."""
    for token in doc:
        lemma = _lemma(token)
        if token.pos_ == "VERB" and lemma in vocab.verbs and (lemma not in vocab.support_verbs
                                                              or _has_noun(token, vocab)):
            return token
    return next((t for t in doc if t.pos_ == "NOUN" and _lemma(t) in vocab.nouns), None)


def _tense(verb: Any) -> tuple[str, bool]:
    """(tense, background): plus-que-parfait → background; passé composé → past; else present."""
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    if any("Imp" in c.morph.get("Tense") for c in auxes) and verb.morph.get("VerbForm") == ["Part"]:
        return "pluperfect", True
    if auxes and verb.morph.get("VerbForm") == ["Part"]:
        return "past", False
    return ("present" if "Pres" in verb.morph.get("Tense") else "none"), False


def _actor(verb: Any) -> Any | None:
    passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children)
    for child in verb.children:
        if (passive and child.dep_ == "obl:agent") or (not passive and child.dep_ == "nsubj"):
            return child
    return None


def _subtree(token: Any | None) -> set[int]:
    return {t.i for t in token.subtree} if token is not None else set()


def _reason_tokens(verb: Any, vocab: FrenchVocabulary) -> set[int]:
    """Tokens of the clauses that give the reason ("pour avoir aidé au déploiement de Wagner")."""
    out: set[int] = set()
    for child in verb.children:
        marks = {_lemma(c) for c in child.children if c.dep_ in ("mark", "case")}
        if child.dep_ in ("advcl", "obl", "obl:mod") and marks & vocab.reason_marks:
            out |= _subtree(child)
    return out


def _target_tokens(verb: Any, trigger: Any, vocab: FrenchVocabulary) -> set[int]:
    """Tokens of the object (or passive subject), of target prepositional phrases, and of the noun's complement."""
    out: set[int] = set()
    for child in verb.children:
        cases = {_lemma(c) for c in child.children if c.dep_ == "case"}
        prepositional = child.dep_.startswith("obl") and child.dep_ != "obl:agent"
        if child.dep_ in ("obj", "nsubj:pass", "iobj") or (prepositional and cases & vocab.target_prepositions):
            out |= _subtree(child)
    if trigger.pos_ == "NOUN":
        for child in trigger.children:
            if child.dep_ in ("nmod", "acl"):
                out |= _subtree(child)
    return out


def _after_colon(doc: Any, trigger: Any) -> set[int]:
    colon = next((t.i for t in doc if t.text == ":" and t.i > trigger.i), None)
    return set(range(colon + 1, len(doc))) if colon is not None else set()


def _role_complement(sentence: ParsedSentence, number: int, result: ArticleResult) -> bool:
    """An organisation named inside a role ("le chef du groupe Wagner"): it qualifies a target, is none."""
    if result.mentions[number].label != "ORG":
        return False
    root = sentence.mention_root(number)
    head = root.head
    return root.dep_ in ("nmod", "flat:name", "appos") and head.pos_ == "NOUN" and head.i != root.i \
        and not any(_lemma(head) == n for n in french_vocabulary().nouns)


def _parties(sentence: ParsedSentence, result: ArticleResult, tokens: set[int]) -> list[int]:
    """The people and organisations on ``tokens``, without authorities and organisations inside a role."""
    found = {sentence.mention_at[i] for i in tokens if i in sentence.mention_at}
    return sorted(n for n in found if result.mentions[n].label in _PARTY
                  and french_authority(result.mentions[n].text) is None
                  and not _role_complement(sentence, n, result))


def _count(token: Any, vocab: FrenchVocabulary) -> int | None:
    for child in token.children:
        if child.dep_ == "nummod":
            text = child.text.lower()
            return int(text) if text.isdigit() else vocab.numbers.get(text)
    return None


def _description(sentence: ParsedSentence, verb: Any, vocab: FrenchVocabulary) -> tuple[Any, int | None]:
    """The object noun phrase that names no one ("trois hauts responsables maliens") and its count."""
    for child in verb.children:
        if child.dep_ in ("obj", "nsubj:pass") and child.pos_ == "NOUN" and child.i not in sentence.mention_at:
            words = [child, *(c for c in child.children if c.dep_ in ("nummod", "amod", "det"))]
            words += [g for c in child.children if c.dep_ == "amod" for g in c.children if g.dep_ == "advmod"]
            return phrase_span(sentence, words), _count(child, vocab)
    return None, None


def _read(sentence: ParsedSentence, result: ArticleResult, dates: Sequence[FoundDate],
          vocab: FrenchVocabulary) -> RawEvent | None:
    trigger = _trigger(sentence.doc, vocab)
    if trigger is None:
        return None
    verb = trigger if trigger.pos_ == "VERB" else trigger.head if trigger.head.pos_ == "VERB" else trigger
    actor = _actor(verb)
    actor_span = phrase_span(sentence, list(actor.subtree)) if actor is not None else None
    authority = french_authority(actor_span.text) if actor_span else None
    authority = authority or french_authority(sentence.span.text)
    description, count = _description(sentence, verb, vocab)
    wanted = _target_tokens(verb, trigger, vocab) - _subtree(actor) - _reason_tokens(verb, vocab)
    mentions = _parties(sentence, result, wanted)
    if description is not None or not mentions:
        mentions = _parties(sentence, result, wanted | _after_colon(sentence.doc, trigger))
    if not mentions and description is None:
        return None
    tense, background = _tense(verb)
    found = [name for name, patterns in vocab.measures if any(p.search(sentence.span.text) for p in patterns)]
    lift = "delisting" in found
    date = next((d for d in dates if d.value is not None), None)
    return RawEvent(sentence=sentence.index, position=sentence.span.start, measures=["designation", *found],
                    lift=lift, authority=authority, actor=actor_span, implicit_actor=authority is None,
                    mentions=mentions, description=description, count=count, date=date, tense=tense,
                    background=background, evidence=[sentence.span])
