"""Sanctions events in French reports, read from the dependency parse of the French spaCy pipeline.

The English reader (:mod:`~kenning.news.events.read`) is mirrored in the parts that carry over: a cheap
cue picks the sentences to parse (``data/events_fr.yml``), and in each the clause of the sanctions trigger
gives the actor, the targets and the described group (:mod:`~kenning.news.events.french_clause`). Then:

* **authority** — the most specific French alias of an authority of ``events_authorities.yml`` in the actor
  ("Trésor américain" → the US Treasury), else in the sentence; an action whose sentence names none takes
  the authority of the nearest action that names one, else the first one the report names (a report of
  an action tells who acted somewhere: "Ces sanctions visent trois gradés", then "Washington fait état...");
* **targets** — besides the clause's, when the clause names no one or describes a group, the names
  enumerated after a colon ("trois hauts responsables : X, Y et Z"); when the parse gives a verb no
  argument at all, the names after it up to a reason (a parse error after a date); a following sentence
  that only names them ("Il s'agit d'Alou Boi Diarra et d'Adama Bagayoko.") continues the action, as in
  English; and every name enumerated with a target ("A, B et le colonel C": commas, "et", articles,
  prepositions and role phrases between them), which the parser often breaks, unless it is the subject of
  a clause below the action ("..., le dirigeant X, a nié ...");
* **date** — the sentence's French date phrases (:mod:`kenning.news.dates`, ``events_dates_fr.yml``);
* **tense** — the plus-que-parfait ("avait été sanctionné") and an action said to be earlier ("ont déjà
  imposé", adverbs of ``background_adverbs``) are background;
* **measures** — the French measure patterns, by their English names, plus ``designation``.

The raw events then go through the same :mod:`.resolve` and event building as English ones.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from kenning.news.dates import FoundDate
from kenning.news.events.french_clause import (
    actor_of,
    clause_verb,
    dated_tokens,
    described_group,
    holder_organisation,
    is_complement,
    own_tokens,
    target_tokens,
    tense_of,
    trigger_of,
    verb_lemma,
)
from kenning.news.events.french_vocabulary import FrenchVocabulary, french_authority, french_vocabulary
from kenning.news.events.parse import ParsedSentence, parse_sentences, phrase_span
from kenning.news.events.read import RawEvent
from kenning.news.model import ArticleResult
from kenning.news.nlp.french_ents import role_words

__all__ = ["latest_stated_day", "read_french"]

_PARTY = ("PERSON", "ORG")
#: A sentence that ends as sentences end (else the segmenter may have cut it: see :func:`_read`).
_ENDED = re.compile(r"[.!?:;»\"”)…]\s*$")


def read_french(result: ArticleResult, dates: Sequence[FoundDate]) -> tuple[list[RawEvent], dict[int, ParsedSentence]]:
    """The raw events of a French report's sentences, and the parsed sentences (for claims)."""
    vocab = french_vocabulary()
    cued = {i for i, s in enumerate(result.sentences) if vocab.cue.search(s.text)}
    following = {i for i, s in enumerate(result.sentences) if i not in cued and vocab.continuation.search(s.text)}
    broken = {i + 1 for i in cued if i + 1 < len(result.sentences) and not _ENDED.search(result.sentences[i].text)}
    parsed = parse_sentences(result, sorted(cued | following | broken))
    raws: list[RawEvent] = []
    for index in sorted(parsed):
        sentence = parsed[index]
        own = [d for d in dates if sentence.span.start <= d.start < sentence.span.end]
        rest = parsed.get(index + 1) if index + 1 in broken else None
        raw = _read(sentence, result, own, vocab, rest) if index in cued else None
        if raw is None and index in following and raws and index - raws[-1].sentence <= 2:
            raw = _continuation(sentence, result)
        if raw is not None:
            raws.append(raw)
    _fill_authorities(raws, result)
    return raws, parsed


def latest_stated_day(dates: Sequence[FoundDate]) -> dt.date | None:
    """The latest full day ("le 26 juillet 2023") a report states, to read its relative dates against when
    it has no publication date of its own."""
    days = [d.value.value for d in dates if d.value is not None and d.value.grain == "day" and not d.value.approx]
    return dt.date.fromisoformat(max(days)) if days else None


def _fill_authorities(raws: list[RawEvent], result: ArticleResult) -> None:
    """An action whose sentence names no authority takes the nearest named one, else the report's first."""
    named = [r for r in raws if r.authority is not None]
    fallback = french_authority(" ".join(filter(None, [result.article.title, result.article.text])))
    for raw in raws:
        if raw.authority is None and not raw.continues:
            nearest = min(named, key=lambda r: abs(r.sentence - raw.sentence), default=None)
            raw.authority = nearest.authority if nearest is not None else fallback
            raw.implicit_actor = raw.authority is None


def _parties(sentence: ParsedSentence, result: ArticleResult, tokens: set[int]) -> list[int]:
    """The people and organisations on ``tokens``, without authorities and names that qualify another noun."""
    vocab = french_vocabulary()
    found = {sentence.mention_at[i] for i in tokens if i in sentence.mention_at}
    return sorted(n for n in found if result.mentions[n].label in _PARTY
                  and french_authority(result.mentions[n].text) is None
                  and not is_complement(sentence.mention_root(n), vocab.nouns, vocab.asset_nouns)
                  and not holder_organisation(sentence.mention_root(n), vocab))


#: Parts of speech that may stand between two names of one enumeration: commas, "et", "ainsi que", and the
#: preposition and article the list repeats ("de X, de Y et de Z", "à X et au colonel Y", "l'actuel").
_LIST_WORDS = frozenset({"PUNCT", "CCONJ", "DET", "ADP", "ADJ", "ADV"})


def _list_gap(sentence: ParsedSentence, start: int, end: int) -> bool:
    """Only list words between the characters ``start`` and ``end`` of the report, or list words and one role
    phrase ("et l'actuel ministre des Finances", "et le chef d'état-major de l'armée de l'air")."""
    words = [t for t in sentence.doc if start <= sentence.offset + t.idx < end]
    if any(t.text == ":" or (t.lower_ in ("que", "qui") and t.pos_ == "PRON") for t in words):
        return False
    nouns = [t for t in words if t.pos_ not in _LIST_WORDS]
    if nouns and _role_complement(words):
        return False
    return not nouns or (role_words().is_head(nouns[0].text) and all(t.pos_ in ("NOUN", "PROPN", "PUNCT", "X")
                                                                      for t in nouns))


def _role_complement(words: list[Any]) -> bool:
    """A role that takes what its holder leads or belongs to, ending the gap with its preposition and at
    most an article and an organisation noun ("X, le chef de Wagner", "X, membre du groupe Y", "directeur de
    la société"): the next name is that complement, not one more target. A role of a domain ("le ministre
    des Finances X") or an organisation noun with an adjective ("le directeur de la compagnie minière X")
    leaves the name the holder's."""
    vocab = french_vocabulary()
    at = max((i for i, t in enumerate(words) if t.pos_ == "ADP"), default=None)
    if at is None or not all(t.pos_ == "DET" or t.lemma_.lower() in vocab.organisation_nouns for t in words[at + 1:]):
        return False
    before = [t for t in words[:at] if t.pos_ != "ADJ"]
    return bool(before) and before[-1].lemma_.lower() in vocab.holder_roles


def _subject_elsewhere(sentence: ParsedSentence, mention: int, verb: Any) -> bool:
    """The name is (in) the subject of a clause below the action's verb ("Les États-Unis ont gelé les avoirs
    de X, le dirigeant Y, a nié ..."): another clause's party. The subject of a clause above it is not ("A,
    B et C, qui ont été sanctionnés ..., ont rejeté"): the action is a relative clause on them."""
    token = sentence.mention_root(mention)
    while token.head.i != token.i:
        if token.dep_.startswith("nsubj") and token.head.pos_ in ("VERB", "AUX"):
            return token.head.i != verb.i and all(a.i != token.head.i for a in verb.ancestors)
        token = token.head
    return False


def _enumerated(result: ArticleResult, sentence: ParsedSentence, mentions: list[int], verb: Any) -> list[int]:
    """``mentions`` with the parties enumerated with one of them, before or after it ("A, B et le colonel
    C"): the parser often breaks a long coordination of names (one attached to the date, another to the
    verb), the text does not. The gap between two names, apposed roles apart, holds list words only."""
    parties = sorted({n for n in sentence.mention_at.values() if result.mentions[n].label in _PARTY},
                     key=lambda n: result.mentions[n].start)
    out = set(mentions)
    joined = []
    for before, after in pairwise(parties):
        first, second = result.mentions[before], result.mentions[after]
        start = first.role_span.end if first.role_span and first.role_span.start >= first.end else first.end
        joined.append(start <= second.start and _list_gap(sentence, start, second.start))
    subjects = {n for n in parties if _subject_elsewhere(sentence, n, verb)}
    changed = True
    while changed:
        changed = False
        for (before, after), join in zip(pairwise(parties), joined, strict=True):
            if join and (before in out) != (after in out) and not {before, after} & subjects:
                out |= {before, after}
                changed = True
    return sorted(out)


def _after_colon(sentence: ParsedSentence, trigger_i: int) -> set[int]:
    colon = next((t.i for t in sentence.doc if t.text == ":" and t.i > trigger_i), None)
    return set(range(colon + 1, len(sentence.doc))) if colon is not None else set()


def _lost_object(trigger: Any, vocab: FrenchVocabulary) -> bool:
    """A sanctions verb proper (not a support verb: "visent à mettre en lumière") whose parse gave it no
    object, passive subject or clause at all."""
    verb = verb_lemma(trigger, vocab)
    return (verb is not None and verb not in vocab.support_verbs
            and not any(c.dep_ in ("obj", "nsubj:pass", "iobj", "ccomp", "xcomp") for c in trigger.children))


def _following(sentence: ParsedSentence, trigger_i: int, vocab: FrenchVocabulary) -> set[int]:
    """The words after a sanctions verb up to a reason, another verb or the sentence's end: where its object
    stands when the parse attached it elsewhere ("a sanctionné ce 24 juillet 2023 l'actuel ministre ... Sadio Camara",
    parsed as a conjunct of the date)."""
    out: set[int] = set()
    for token in sentence.doc[trigger_i + 1:]:
        if token.lower_ in vocab.reason_marks or token.text in (";", ":") or token.pos_ in ("VERB", "AUX"):
            break
        out.add(token.i)
    return out


def _read(sentence: ParsedSentence, result: ArticleResult, dates: Sequence[FoundDate],
          vocab: FrenchVocabulary, rest: ParsedSentence | None = None) -> RawEvent | None:
    """The action of one cued sentence; ``rest``: the next sentence when the segmenter cut this one without
    final punctuation ("Washington a sanctionné jeudi 26 janvier" | "Willy Ngoma, ..., et Angelo Kuot
    Garang, ..."): its names up to a verb are the objects the cut took away."""
    dated = dated_tokens(sentence, dates)
    trigger = trigger_of(sentence.doc, vocab, dated)
    if trigger is None:
        return None
    verb = clause_verb(trigger, vocab)
    actor = actor_of(verb, dated)
    actor_span = phrase_span(sentence, list(actor.subtree)) if actor is not None else None
    authority = (french_authority(actor_span.text) if actor_span else None) or french_authority(sentence.span.text)
    description, count = described_group(sentence, verb, trigger, vocab, dated)
    actor_tokens = own_tokens(actor) if actor is not None else set()
    mentions = _parties(sentence, result, target_tokens(verb, trigger, vocab, dated) - actor_tokens)
    mentions = [n for n in _enumerated(result, sentence, mentions, verb)
                if n in mentions or (french_authority(result.mentions[n].text) is None
                                     and not set(sentence.tokens_of.get(n, [])) & actor_tokens
                                     and not holder_organisation(sentence.mention_root(n), vocab))]
    if description is not None or not mentions:
        mentions = sorted({*mentions, *_parties(sentence, result, _after_colon(sentence, trigger.i))})
    if not mentions and description is None and _lost_object(trigger, vocab):
        mentions = _parties(sentence, result, _following(sentence, trigger.i, vocab))
    evidence = [sentence.span]
    if not mentions and description is None and rest is not None and _lost_object(trigger, vocab):
        mentions = _parties(rest, result, _following(rest, -1, vocab))
        evidence.append(rest.span)
    if not mentions and description is None:
        return None
    tense, background = tense_of(verb, vocab.background_adverbs)
    found = [name for name, patterns in vocab.measures if any(p.search(sentence.span.text) for p in patterns)]
    date = next((d for d in dates if d.value is not None), None)
    return RawEvent(sentence=sentence.index, position=sentence.span.start, measures=["designation", *found],
                    lift="delisting" in found, authority=authority, actor=actor_span,
                    implicit_actor=authority is None, mentions=mentions, description=description, count=count,
                    date=date, tense=tense, background=background, evidence=evidence)


def _continuation(sentence: ParsedSentence, result: ArticleResult) -> RawEvent | None:
    """A sentence that only names the targets of the action before it."""
    mentions = _parties(sentence, result, set(range(len(sentence.doc))))
    if not mentions:
        return None
    return RawEvent(sentence=sentence.index, position=sentence.span.start, measures=[], lift=False,
                    implicit_actor=True, continues=True, mentions=mentions, evidence=[sentence.span])
