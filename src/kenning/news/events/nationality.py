"""Citizenship claims, in English and French, read from the dependency parse.

"Colonel Sadio Camara, Minister of Defense, who also holds French nationality", "X, a French citizen",
"le colonel Sadio Camara ... détient également la nationalité française", "il est, selon Washington,
citoyen français", "un homme d'affaires de nationalité russe", "citoyen France" (a list entry quoted) each
give one claim: subject the person, predicate ``citizenship``, value the report's words, normalised to the
country's ISO code.

* **the country** — a demonym or a country name of the language's gazetteer qualifying a nationality noun
  (``data/events_nationality.yml``): an adjective or compound on it, or a noun it governs ("citizen of
  France", "citoyen France"), or an adjective right beside it that the parse hung elsewhere ("French
  national Sadio Camara"); no country, no claim ("double nationalité");
* **the person** — walking up from the noun: a person it is in apposition to or qualifies ("de nationalité
  française"), the subject of its verb or copula, through a relative pronoun to the noun it stands for; a
  subject phrase holding a person gives that person ("le colonel Sadio Camara, ministre..."); a pronoun
  subject ("il est citoyen français") is the nearest person named before it in the two sentences before;
  when the parse ties the noun to no one, the one person the sentence names, if it names only one (a list
  entry quoted: "CAMARA, Sadio, ... ; nationalité malienne ; ...").

A person's name is its linked list entry's caption when linked, in reading order (the same person in every
report, however spelt), else the full name it refers to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from kenning.errors import ConfigError
from kenning.news.datafile import data_mapping
from kenning.news.events.parse import ParsedSentence, phrase_span
from kenning.news.model import ArticleResult, Claim, Mention
from kenning.news.nlp.gazetteer import gazetteer

__all__ = ["PREDICATE", "nationality_claims", "nationality_cue"]

PREDICATE = "citizenship"
_FILE = "events_nationality.yml"
#: Sentences before the claim's in which a pronoun's antecedent is looked for.
ANTECEDENT_SENTENCES = 2
_SUBJECTS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class _Words:
    cue: re.Pattern[str]
    nouns: frozenset[str]


@cache
def _words(language: str) -> _Words:
    data = data_mapping(_FILE)
    section: dict[str, Any] = data.get(language) or data["en"]
    try:
        return _Words(re.compile(str(section["cue"]), re.IGNORECASE), frozenset(str(n) for n in section["nouns"]))
    except (KeyError, TypeError, re.error) as exc:
        raise ConfigError(f"news data file {_FILE}: missing or malformed entry for {language!r}: {exc}") from exc


def nationality_cue(language: str = "en") -> re.Pattern[str]:
    """The pattern that picks the sentences of ``language`` worth parsing for citizenship."""
    return _words(language).cue


def _base(dep: str) -> str:
    return dep.split(":", maxsplit=1)[0]


def _country(noun: Any, language: str) -> tuple[str, list[Any]] | None:
    """The country code qualifying a nationality noun, and the words that name it."""
    places = gazetteer(language)
    doc = noun.doc
    beside = [doc[i] for i in (noun.i - 1, noun.i + 1) if 0 <= i < len(doc) and doc[i].pos_ in ("ADJ", "PROPN")]
    for child in [*sorted(noun.children, key=lambda t: abs(t.i - noun.i)), *beside]:
        if child.head is noun and _base(child.dep_) not in ("amod", "compound", "nmod", "flat", "appos", "pobj",
                                                            "prep", "obl"):
            continue
        candidates = [child, *(c for c in child.children if c.dep_ == "pobj")]
        for token in candidates:
            place = places.lookup_text(token.text)
            if place is not None and place.code and place.kind in ("demonym", "country"):
                return place.code, [token]
    return None


def _person_in(sentence: ParsedSentence, tokens: Any, people: set[int]) -> int | None:
    """The first person mention on ``tokens``."""
    found = [sentence.mention_at[t.i] for t in tokens if sentence.mention_at.get(t.i) in people]
    return found[0] if found else None


def _subject(node: Any) -> Any | None:
    return next((c for c in node.children if _base(c.dep_) in _SUBJECTS), None)


def _holder(sentence: ParsedSentence, noun: Any, people: set[int]) -> tuple[int | None, Any | None]:
    """(person mention, None) when found; (None, pronoun) when the holder is a pronoun to resolve."""
    node = noun
    for _ in range(6):
        if node is not noun:  # "le colonel Sadio Camara, ..., qui détient": the person in the noun's name
            own = [node, *(c for c in node.children if _base(c.dep_) in ("appos", "flat", "compound"))]
            found = _person_in(sentence, own, people)
            if found is not None:
                return found, None
        subject = _subject(node)
        if subject is not None:
            if subject.pos_ == "PRON" and "relcl" in node.dep_:
                node = node.head
                continue
            if subject.pos_ == "PRON":
                return None, subject
            found = _person_in(sentence, list(subject.subtree), people)
            if found is not None or noun not in subject.subtree:
                return found, None
        head = node.head
        if head is node:
            return None, None
        node = head
    return None, None


def _antecedent(result: ArticleResult, sentence: ParsedSentence, pronoun: Any) -> int | None:
    """The nearest person named before the pronoun, in its sentence or the two before."""
    at = sentence.offset + pronoun.idx
    earlier = [i for i, m in enumerate(result.mentions) if m.label == "PERSON" and m.end <= at
               and m.sentence >= sentence.index - ANTECEDENT_SENTENCES]
    return max(earlier, key=lambda i: result.mentions[i].start, default=None)


def _name(mention: Mention) -> str:
    """The person's name as compared: the linked entry's caption in reading order ("CAMARA, Sadio" →
    "Sadio Camara"), else the full name the mention refers to."""
    if not mention.links:
        return mention.refers_to or mention.text
    caption = mention.links[0].caption
    surname, comma, given = caption.partition(", ")
    if not comma:
        return caption
    return f"{given} {surname.title() if surname.isupper() else surname}"


def _is_noun(sentence: ParsedSentence, token: Any, people: set[int]) -> bool:
    """A nationality noun, or one the tagger took for an adjective of a person ("Russian national Ivan
    Maslov")."""
    return token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "ADJ" and sentence.mention_at.get(token.head.i) in people)


def nationality_claims(result: ArticleResult, sentence: ParsedSentence, language: str = "en") -> Iterator[Claim]:
    """The citizenship claims of a parsed sentence."""
    words = _words(language)
    if not words.cue.search(sentence.span.text):
        return
    people = {n for n in sentence.tokens_of if result.mentions[n].label == "PERSON"}
    for noun in sentence.doc:
        if noun.lemma_.lower() not in words.nouns or not _is_noun(sentence, noun, people):
            continue
        country = _country(noun, language)
        if country is None:
            continue
        others = {n for n in people if noun.i not in sentence.tokens_of[n]}  # not "Passeport DA0004031" as a name
        holder, pronoun = _holder(sentence, noun, others)
        if holder is None and pronoun is not None:
            holder = _antecedent(result, sentence, pronoun)
        elif holder is None and len(others) == 1:
            [holder] = others
        span = phrase_span(sentence, sorted([noun, *country[1]], key=lambda t: t.i))
        if holder is None or span is None:
            continue
        yield Claim(subject=_name(result.mentions[holder]), predicate=PREDICATE, value=span.text,
                    normalized=country[0], evidence=span, kind="fact")
