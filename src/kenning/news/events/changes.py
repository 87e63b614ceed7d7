"""Changes of a quantity, in English and French, read from the dependency parse: one claim per change.

A report may say a quantity changed in many ways; all give one claim, predicate ``change``, its subject
the words of what changed, its value the report's words and its normalised form a percentage or a factor:

* a factor verb — "civilian deaths have tripled", "le nombre de morts a triplé" → ``x3``;
* a verb of change by a percentage — "surged by 278 percent", "rose 30%", "a augmenté de 278 %",
  "a baissé de 30 pour cent" → ``+278%``, ``+30%``, ``-30%``;
* a verb of change by a factor word — "increased threefold", "rose 3-fold" → ``x3``;
* a multiplying verb — "multiplied by three", "a été multiplié par trois" → ``x3``;
* a noun of change with its percentage and what changed — "a 278% increase in civilian deaths",
  "une augmentation de 278 % du nombre de victimes civiles" → ``+278%``.

Numbers may be words ("trois", "three"; :mod:`~kenning.news.events.numbers`). The subject is the verb's
own subject (through a relative pronoun to the noun it stands for), or the "of"/"du" phrase of a noun of
change; a change whose subject is a pronoun or missing is not a claim (nothing says what changed).
Reconciliation compares percentages and factors as one kind of quantity (``+278%`` is ``x3.78``).
The words live in ``data/events_changes.yml``; factor verbs in ``data/events_numbers*.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from kenning.errors import ConfigError
from kenning.news.datafile import data_mapping
from kenning.news.events.numbers import number_words, parse_number
from kenning.news.events.parse import ParsedSentence, phrase_span
from kenning.news.model import Claim

__all__ = ["ChangeWords", "change_claims", "change_words"]

PREDICATE = "change"
_FILE = "events_changes.yml"
#: Dependencies that open another clause or an aside: not part of a subject's words.
_ASIDE = frozenset({"acl", "relcl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "appos", "punct", "dep"})


@dataclass(frozen=True)
class ChangeWords:
    """The change words of one language (see ``events_changes.yml``)."""

    cue: re.Pattern[str]
    up: frozenset[str]
    down: frozenset[str]
    by: frozenset[str]
    percent: frozenset[str]
    multiply: frozenset[str]
    times: frozenset[str]
    fold: re.Pattern[str]
    nouns_up: frozenset[str]
    nouns_down: frozenset[str]
    of: frozenset[str]
    factors: dict[str, float]


@cache
def change_words(language: str = "en") -> ChangeWords:
    """The checked words of ``language`` (English for a language the file lacks)."""
    data = data_mapping(_FILE)
    section: dict[str, Any] = data.get(language) or data["en"]
    try:
        words = {key: frozenset(str(w).lower() for w in section[key])
                 for key in ("up", "down", "by", "percent", "multiply", "times", "nouns_up", "nouns_down", "of")}
        return ChangeWords(re.compile(str(section["cue"]), re.IGNORECASE), fold=re.compile(str(section["fold"])),
                           factors=number_words(language).factors, **words)
    except (KeyError, TypeError, re.error) as exc:
        raise ConfigError(f"news data file {_FILE}: missing or malformed entry for {language!r}: {exc}") from exc


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


def _base(dep: str) -> str:
    return dep.split(":", maxsplit=1)[0]


def _subjects(verb: Any) -> list[Any]:
    """The verb's subject (two when the parse split one phrase: "Le prix | du carburant a quadruplé"); a
    relative pronoun stands for the noun its clause hangs on, a participle on a noun ("civilian deaths
    quadrupled", read as a reduced relative) for that noun; a conjunct takes the subject of its head."""
    node = verb
    for _ in range(3):
        found = [c for c in node.children if _base(c.dep_) in ("nsubj", "nsubjpass")]
        if found:
            if found[0].pos_ == "PRON" and "relcl" in node.dep_:
                return [node.head]
            return [] if found[0].pos_ == "PRON" else found
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN") and node.head.i < node.i:
            return [node.head]
        if _base(node.dep_) not in ("conj", "xcomp") or node.head is node:
            return []
        node = node.head
    return []


def _phrase_tokens(head: Any, words: ChangeWords) -> list[Any]:
    """The words of the noun phrase ``head`` heads, without clauses, asides and a leading preposition."""
    out = [head]
    for child in head.children:
        if _base(child.dep_) in _ASIDE or "relcl" in child.dep_:
            continue
        out.extend(_phrase_tokens(child, words) if child.i > head.i else child.subtree)
    tokens = sorted(out, key=lambda t: t.i)
    while tokens and tokens[0].lower_ in words.of | words.by and tokens[0] is not head:
        tokens.pop(0)
    return tokens


def _percent(tokens: list[Any], words: ChangeWords, language: str) -> tuple[float, list[Any]] | None:
    """The first percentage among ``tokens`` (in sentence order): its value and its words."""
    if not tokens:
        return None
    doc = tokens[0].doc
    for token in tokens:
        single = token.lower_ in words.percent
        double = token.i > 0 and f"{doc[token.i - 1].lower_} {token.lower_}" in words.percent
        if not single and not double:
            continue
        first = token.i - 1 if double else token.i
        number = next((c for c in doc[first].children if c.dep_ == "nummod"), None)
        if number is None and first > 0:
            number = doc[first - 1]
        value = parse_number(number.text, language) if number is not None else None
        if value is not None:
            return value, [number, *doc[first:token.i + 1]]
    return None


def _amount_tokens(verb: Any, subjects: list[Any]) -> list[Any]:
    """The words of the verb's arguments other than its subject: where its amount stands."""
    skip = {t.i for s in subjects if s.head is verb for t in s.subtree}
    return sorted((t for c in verb.children if _base(c.dep_) not in ("nsubj", "nsubjpass", "punct")
                   for t in c.subtree if t.i not in skip), key=lambda t: t.i)


def _factor_word(tokens: list[Any], words: ChangeWords, language: str) -> tuple[float, list[Any]] | None:
    """"threefold", "three-fold", "5-fold" (which the tokenizer may cut in three)."""
    for token in tokens:
        doc = token.doc
        for start in (token.i, token.i - 2):
            if start < 0 or (start < token.i and doc[start].whitespace_ + doc[start + 1].whitespace_):
                continue
            match = words.fold.match("".join(t.text for t in doc[start:token.i + 1]).lower())
            value = parse_number(match.group("n"), language) if match is not None else None
            if value is not None:
                return value, list(doc[start:token.i + 1])
    return None


def _multiplied(verb: Any, words: ChangeWords, language: str) -> tuple[float, list[Any]] | None:
    """"multiplied by three", "multiplié par trois": the number after a ``times`` word of the verb."""
    for child in verb.children:
        marks = [c for c in child.children if c.lower_ in words.times]
        if child.lower_ in words.times:
            number = next((c for c in child.children if c.like_num or c.pos_ == "NUM"), None)
        elif marks:
            number = child
        else:
            continue
        value = parse_number(number.text, language) if number is not None else None
        if value is not None and number is not None:
            return value, sorted([verb, *(marks or [child]), number], key=lambda t: t.i)
    return None


def _claim(sentence: ParsedSentence, subject_tokens: list[Any], value_tokens: list[Any],
           normalized: str) -> Claim | None:
    subject = phrase_span(sentence, subject_tokens)
    words = phrase_span(sentence, sorted(value_tokens, key=lambda t: t.i))
    if subject is None or words is None:
        return None
    return Claim(subject=subject.text, predicate=PREDICATE, value=words.text, normalized=normalized,
                 evidence=words, kind="fact")


def _of_verb(sentence: ParsedSentence, verb: Any, words: ChangeWords, language: str) -> Claim | None:
    lemma = _lemma(verb)
    subjects = _subjects(verb)
    if not subjects:
        return None
    subject_tokens = [t for s in subjects for t in _phrase_tokens(s, words)]
    if lemma in words.factors:
        return _claim(sentence, subject_tokens, [verb], f"x{words.factors[lemma]:g}")
    if lemma in words.multiply:
        found = _multiplied(verb, words, language)
        return _claim(sentence, subject_tokens, found[1], f"x{found[0]:g}") if found else None
    amount = _amount_tokens(verb, subjects)
    percent = _percent(amount, words, language)
    if percent is not None:
        sign = "-" if lemma in words.down else "+"
        return _claim(sentence, subject_tokens, percent[1], f"{sign}{percent[0]:g}%")
    fold = _factor_word(amount, words, language)
    return _claim(sentence, subject_tokens, [verb, *fold[1]], f"x{fold[0]:g}") if fold else None


def _of_noun(sentence: ParsedSentence, noun: Any, words: ChangeWords, language: str) -> Claim | None:
    """"une augmentation de 278 % du nombre de victimes", "a 278 percent increase in civilian deaths"."""
    percent = _percent(sorted((t for c in noun.children for t in c.subtree), key=lambda t: t.i), words, language)
    if percent is None:
        return None
    inside = {t.i for t in percent[1]}
    heads = [noun, *percent[1]]  # "une baisse de 40 % des exportations": the parse may hang it on the "%"
    what = next((c for h in heads for c in h.children if c.i not in inside and c.pos_ in ("NOUN", "PROPN")
                 and any(g.dep_ in ("case", "prep") and g.lower_ in words.of for g in c.children)), None)
    if what is None:  # English: "an increase in X" hangs X on the preposition
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in words.of), None)
        what = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if what is None:
        return None
    sign = "-" if _lemma(noun) in words.nouns_down else "+"
    return _claim(sentence, _phrase_tokens(what, words), [noun, *percent[1]], f"{sign}{percent[0]:g}%")


def change_claims(sentence: ParsedSentence, language: str = "en") -> Iterator[Claim]:
    """The changes a parsed sentence states, one claim each."""
    words = change_words(language)
    if not words.cue.search(sentence.span.text):
        return
    verbs = words.up | words.down | words.multiply | frozenset(words.factors)
    for token in sentence.doc:
        lemma = _lemma(token)
        claim = None
        if token.pos_ == "VERB" and lemma in verbs:
            claim = _of_verb(sentence, token, words, language)
        elif token.pos_ == "NOUN" and lemma in words.nouns_up | words.nouns_down:
            claim = _of_noun(sentence, token, words, language)
        if claim is not None:
            yield claim
