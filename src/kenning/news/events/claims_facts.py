"""Facts outside the sanctions themselves that reports often state differently, read from the parse.

* Taking power: "the Malian junta, which seized power in May 2021" and "since seizing power in 2020,
  Mali's military rulers ..." give (subject, "took power", the date words, the ISO date). The subject is
  the verb's subject, the noun a relative clause hangs on, or the subject of the clause an adverbial
  clause belongs to.
* Counts: "Wagner is thought to have some 1,000 troops" gives (Wagner, "have troops", "some 1,000 troops",
  "1000"); the number must count a noun that is not a unit of time or a legal reference.
* Changes, in English and French (:mod:`~kenning.news.events.changes`): "civilian deaths have tripled"
  gives (civilian deaths, "change", "tripled", "x3"), "le nombre de victimes civiles a augmenté de 278 %"
  gives (le nombre de victimes civiles, "change", "278 %", "+278%").
* Citizenship, in English and French (:mod:`~kenning.news.events.nationality`): "Sadio Camara, qui détient
  également la nationalité française" gives (Sadio Camara, "citizenship", "nationalité française", "fr").

A French report gives its changes and citizenships; taking power and counts are read in English only.
Word lists live in ``data/events_claims.yml``, ``data/events_numbers*.yml``, ``data/events_changes.yml``
and ``data/events_nationality.yml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from kenning.errors import ConfigError
from kenning.news.datafile import data_mapping
from kenning.news.dates import FoundDate, find_dates
from kenning.news.events.changes import change_claims, change_words
from kenning.news.events.frame import clause_tokens
from kenning.news.events.nationality import nationality_claims, nationality_cue
from kenning.news.events.numbers import parse_number
from kenning.news.events.parse import ParsedSentence, parse_sentences, phrase_span
from kenning.news.events.triggers import subject_of
from kenning.news.events.vocabulary import reasons
from kenning.news.model import ArticleResult, Claim, Span

__all__ = ["FactRules", "fact_claims", "fact_rules", "noun_phrase"]

FACT = "fact"


@dataclass(frozen=True)
class FactRules:
    """The word lists of ``events_claims.yml``."""

    power_predicate: str
    power_verbs: frozenset[str]
    power_objects: frozenset[str]
    power_nouns: frozenset[str]
    number_cue: re.Pattern[str]
    not_counted: frozenset[str]
    cue: re.Pattern[str]


def _joined(block: object) -> str:
    """A regex written as a YAML literal block, its lines joined without the line breaks."""
    return "".join(line.strip() for line in str(block).splitlines())


@cache
def fact_rules() -> FactRules:
    """The checked lists, and one cheap pattern that picks the sentences worth parsing."""
    data = data_mapping("events_claims.yml")
    try:
        power = data["power"]
        verbs = frozenset(power["verbs"])
        skipped = "|".join(rf"{re.escape(w)}\b" for w in sorted(data["not_counted"], key=len, reverse=True))
        number_cue = re.compile(_joined(data["number_cue"]).replace("NOT_COUNTED", skipped))
        stems = "|".join(re.escape(s) for s in sorted([*power["objects"], *power["nouns"]], key=len, reverse=True))
        return FactRules(str(power["predicate"]), verbs, frozenset(power["objects"]), frozenset(power["nouns"]),
                         number_cue, frozenset(data["not_counted"]), re.compile(rf"(?i:{stems})"))
    except (KeyError, TypeError, re.error) as exc:
        raise ConfigError(f"events_claims.yml: missing or malformed entry: {exc}") from exc


def _fact(subject: str, predicate: str, value: str, normalized: str | None, evidence: Span) -> Claim:
    return Claim(subject=subject, predicate=predicate, value=value, normalized=normalized, evidence=evidence,
                 kind=FACT)


def _subject_words(sentence: ParsedSentence, verb: Any) -> str | None:
    """Who the verb is about: its subject, the noun its relative clause modifies, or the main subject."""
    subject = subject_of(verb)
    if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subject = verb.head
    if subject is None and verb.dep_ in ("pcomp", "advcl"):
        node = verb.head.head if verb.dep_ == "pcomp" else verb.head
        subject = subject_of(node) if node.pos_ in ("VERB", "AUX") else None
    if subject is None or subject.pos_ == "PRON":
        return None
    span = phrase_span(sentence, noun_phrase(subject))
    return span.text if span else None


def noun_phrase(head: Any) -> list[Any]:
    """The contiguous words of the phrase ``head`` heads, without the clauses and asides that follow it."""
    tokens = {t.i: t for t in clause_tokens(head) if t.dep_ != "punct" or t.i < head.i}
    run, i = [head], head.i
    while i - 1 in tokens:
        i -= 1
        run.insert(0, tokens[i])
    i = head.i
    while i + 1 in tokens:
        i += 1
        run.append(tokens[i])
    return run


def _date_in(sentence: ParsedSentence, verb: Any, dates: list[FoundDate]) -> FoundDate | None:
    """The first resolved date whose words lie inside the verb's own clause."""
    tokens = clause_tokens(verb)
    start = sentence.offset + min(t.idx for t in tokens)
    end = sentence.offset + max(t.idx + len(t.text) for t in tokens)
    return next((d for d in dates if d.value is not None and start <= d.start and d.end <= end), None)


def _power(sentence: ParsedSentence, dates: list[FoundDate]) -> Iterator[Claim]:
    """"seized power in May 2021", "since taking power in 2020", "the 2020 coup"."""
    rules = fact_rules()
    for token in sentence.doc:
        lemma = token.lemma_.lower()
        took = lemma in rules.power_verbs and any(
            c.dep_ == "dobj" and c.lemma_.lower() in rules.power_objects for c in token.children)
        if not took and not (token.pos_ == "NOUN" and lemma in rules.power_nouns):
            continue
        date = _date_in(sentence, token, dates)
        if date is None or date.value is None:
            continue
        verb = token if took else next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), token)
        subject = _subject_words(sentence, verb) or "unknown"
        yield _fact(subject, rules.power_predicate, date.text, date.value.value,
                    Span(date.start, date.end, date.text))


def _governing_verb(token: Any) -> Any | None:
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _counts(sentence: ParsedSentence, skip: set[int]) -> Iterator[Claim]:
    """"some 1,000 troops", "500 people": a number counting a noun, with who has or does it.

    Counts of the sources of a report ("three diplomats said") are attribution, not facts.
    """
    rules = fact_rules()
    for token in sentence.doc:
        noun = token.head
        if token.dep_ != "nummod" or noun.pos_ != "NOUN" or noun.lemma_.lower() in rules.not_counted:
            continue
        if token.i in skip or noun.i in skip or _speaker(noun):
            continue
        value = parse_number(token.text)
        if value is None:
            continue
        words = [t for t in noun.subtree if t.i <= noun.i and t.i >= token.left_edge.i]
        span = phrase_span(sentence, words)
        verb = _governing_verb(noun)
        if span is None or verb is None:
            continue
        subject = _subject_words(sentence, verb) if noun.dep_ not in ("nsubj", "nsubjpass") else None
        predicate = f"{verb.lemma_.lower()} {noun.lemma_.lower()}"
        yield _fact(subject or span.text, predicate, span.text, f"{value:g}", span)


def _speaker(noun: Any) -> bool:
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in reasons().speech_verbs


def _skipped_tokens(sentence: ParsedSentence, result: ArticleResult) -> set[int]:
    """Tokens whose numbers are not facts to compare here: inside DATE and MONEY mentions, or inside the
    described group of a sanctions event (already a ``target_count`` claim)."""
    skip = {i for number, tokens in sentence.tokens_of.items()
            if result.mentions[number].label in ("DATE", "MONEY", "TIME", "PERCENT") for i in tokens}
    groups = [s for e in result.events for s in e.evidence if e.target_description and s == sentence.span]
    if groups:
        described = {e.target_description for e in result.events if e.target_description}
        for token in sentence.doc:
            if token.dep_ == "nummod" and any(_phrase(token) in d for d in described):
                skip.add(token.i)
    return skip


def _phrase(token: Any) -> str:
    head = token.head
    return str(token.doc[token.left_edge.i:head.i + 1].text)


def fact_claims(result: ArticleResult, anchor: dt.date | None,
                parsed: dict[int, ParsedSentence], dates: list[FoundDate] | None = None) -> list[Claim]:
    """The fact claims of an article; sentences not parsed yet and worth reading are parsed here.
    ``dates``: the article's English dates against ``anchor`` when the caller has found them already."""
    rules = fact_rules()
    language = "fr" if result.article.language == "fr" else "en"
    english = language == "en"
    cues = [change_words(language).cue, nationality_cue(language)]
    cues += [rules.cue, rules.number_cue] if english else []
    wanted = [i for i, s in enumerate(result.sentences) if any(c.search(s.text) for c in cues)]
    missing = [i for i in wanted if i not in parsed]
    sentences = {**parsed, **(parse_sentences(result, missing) if missing else {})}
    found = (dates if dates is not None else find_dates(result.article.text, anchor)) if english else []
    claims: list[Claim] = []
    for index in wanted:
        sentence = sentences[index]
        if english:
            span = sentence.span
            claims.extend(_power(sentence, [d for d in found if span.start <= d.start < span.end]))
            claims.extend(_counts(sentence, _skipped_tokens(sentence, result)))
        claims.extend(change_claims(sentence, language))
        claims.extend(nationality_claims(result, sentence, language))
    return claims
