"""Who an action targets: named parties among a trigger's arguments, and groups described without names.

A mention is a target when its head *is* an argument head or hangs below one only through coordination,
apposition or inclusion ("X, Y and Z", "Mali's Defence Minister, Sadio Camara", "14 persons, including
X"). Anything reached through "of", "with", "to" or a clause is context, not a target: in "Ivan Maslov,
the head of Wagner in Mali" Wagner is not targeted, nor is it in "officials it accused of facilitating
Wagner". A coordinated argument whose conjuncts are common nouns ("13 individuals and businesses",
"five members of Mali's junta") becomes the event's description, with a count when the words give one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kenning.news.events.antecedents import anaphor
from kenning.news.events.authority import country_authority, match_authority
from kenning.news.events.frame import clause_tokens
from kenning.news.events.numbers import parse_number
from kenning.news.events.parse import ParsedSentence, phrase_span
from kenning.news.model import ArticleResult, EntityLink, Mention, Span, Target
from kenning.news.nlp.lexicon import lexicon

__all__ = ["FoundTargets", "after_colon", "conjuncts", "defined_as", "described_roles", "find_targets",
           "target_from_mention", "target_from_name", "unmarked_names"]

_TARGET_LABELS = frozenset({"PERSON", "ORG"})
#: Labels a member of a written list of targets may carry (small models call some companies places).
_LIST_LABELS = frozenset({"PERSON", "ORG", "GPE"})
_INCLUSION = frozenset({"including", "include", "includes", "such", "as", "like", "among", "namely", "incl."})
#: Prepositions kept inside a described group ("five members *of* Mali's junta", "persons *in* Russia").
_DESCRIPTION_PREPS = frozenset({"of", "in", "from", "including", "across"})
#: What may separate two names of one written list: a comma, "and", "or", a short name in parentheses.
#: What a title between two members of a written list may be made of, and how long it may be.
_TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_MAX_TITLE = 6
_LIST_GAP = re.compile(r"\)?(?:\s*\([^()]{1,60}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?")


@dataclass
class FoundTargets:
    """Targets of one argument list: named mentions plus, when present, the described group."""

    mentions: list[int] = field(default_factory=list)
    description: Span | None = None
    count: int | None = None
    #: "plural"/"singular" when a target points back ("They", "each of these individuals").
    anaphor: str | None = None
    #: Proper names in target position that no mention covers ("Elvegard Shipping Ltd. is being designated").
    names: list[Span] = field(default_factory=list)


def _path_ok(token: Any, arg: Any) -> bool:
    """True when ``token`` hangs below ``arg`` only by coordination, apposition or inclusion."""
    node = token
    for _ in range(40):
        if node.i == arg.i:
            return True
        if not _list_edge(node):
            return False
        node = node.head
    return False


def _list_edge(node: Any) -> bool:
    """Whether the relation of ``node`` to its head keeps it in the same list of parties."""
    dep = node.dep_
    if dep in ("conj", "appos"):
        return True
    if dep == "prep":
        return node.lower_ in _INCLUSION
    if dep == "pobj":
        return node.head.lower_ in _INCLUSION
    return bool(dep == "dobj" and node.head.lemma_ == "include" and node.head.dep_ == "prep")


def _named(sentence: ParsedSentence, result: ArticleResult, arg: Any) -> list[int]:
    """Mentions that are ``arg`` or its coordinated, apposed or included parts; a possessor ("UDV's
    representative X") is never one."""
    found = []
    for number in sentence.tokens_of:
        mention = result.mentions[number]
        root = sentence.mention_root(number)
        tokens = set(sentence.tokens_of[number])
        is_arg = arg.i in tokens
        if any(c.dep_ == "case" and c.lower_ in ("'s", "’s") for c in root.children):
            continue
        named = mention.label in _TARGET_LABELS and (is_arg or _path_ok(root, arg))
        country = mention.label == "GPE" and is_arg and root.i == arg.i
        if named or country:
            found.append(number)
    return found


def _has_name(sentence: ParsedSentence, token: Any) -> bool:
    """A conjunct is named when it is in a mention or a mention stands in apposition to it ("chief X")."""
    if token.i in sentence.mention_at:
        return True
    return any(c.dep_ == "appos" and c.i in sentence.mention_at for c in token.children)


def conjuncts(arg: Any) -> list[Any]:
    """``arg`` and the tokens coordinated with it, in reading order."""
    out = [arg]
    stack = [arg]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj":
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _description_tokens(token: Any) -> list[Any]:
    """The words of a described group: the noun, its modifiers and its of/in phrases, no clauses."""
    out = [token]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ not in _DESCRIPTION_PREPS:
            continue
        if child.dep_ in ("relcl", "acl", "advcl", "appos", "punct", "cc", "conj"):
            continue
        out.extend(_description_tokens(child) if child.dep_ != "prep" else clause_tokens(child))
    return out


def _count(conjuncts: list[Any], sentence: ParsedSentence) -> int | None:
    """How many parties the coordinated group names: numbers add up, a later plural shares the number before."""
    total, numbered = 0, False
    for token in conjuncts:
        numbers = [c for c in token.children if c.dep_ == "nummod"]
        value = parse_number(numbers[0].text) if numbers else None
        if value is not None:
            total += int(value)
            numbered = True
        elif _has_name(sentence, token) or token.tag_ in ("NN", "NNP"):
            total += 1
        elif not numbered:
            return None
    return total if total > 0 else None


def _described(sentence: ParsedSentence, arg: Any) -> tuple[Span | None, int | None]:
    """The described group of an argument whose conjuncts include an unnamed common noun."""
    members = conjuncts(arg)
    unnamed = [t for t in members if t.pos_ in ("NOUN", "NUM") and not _has_name(sentence, t)]
    if not unnamed:
        return None, None
    tokens: list[Any] = []
    for token in members:
        tokens.extend(_description_tokens(token))
    return phrase_span(sentence, tokens), _count(members, sentence)


def _list_member(sentence: ParsedSentence, result: ArticleResult, number: int) -> bool:
    """A mention that can stand in a written list of parties: a person or organisation (or a name the
    model took for a place but that is no country) that modifies nothing after it: not the noun after it
    ("Air Force deputy chief"), not as a possessor ("UDV's representative"), not as the start of a title
    before the next name ("InfoRos Executive Editor Maksim Krasovskiy")."""
    mention = result.mentions[number]
    if mention.label not in _LIST_LABELS and mention.refers_to is None:
        return False
    if mention.label == "GPE" and (country_authority(mention.text) or match_authority(mention.text)):
        return False
    last = sentence.tokens_of[number][-1]
    following = sentence.doc[last + 1] if last + 1 < len(sentence.doc) else None
    if following is None:
        return True
    return following.pos_ != "NOUN" and following.lower_ not in ("'s", "’s") and not _titles(sentence, last + 1)


def _titles(sentence: ParsedSentence, start: int) -> bool:
    """Whether the tokens from ``start`` are a short title that runs into another name, with no separator."""
    for i in range(start, min(start + _MAX_TITLE + 1, len(sentence.doc))):
        if i in sentence.mention_at:
            return i > start
        if sentence.doc[i].pos_ not in _TITLE_POS:
            return False
    return False


def _listed_after(sentence: ParsedSentence, result: ArticleResult, numbers: list[int]) -> list[int]:
    """Mentions that continue a written list around the targets found ("Camara, Diarra, and Bagayoko"),
    for when the parser broke the coordination: only a comma, "and"/"or" or a parenthesised short name
    may separate two of them, besides the role that introduces the next one ("Ilyashenko and Kirillova,
    InfoRos Executive Editor Maksim Borisovich Krasovskiy, ...")."""
    if not numbers:
        return []
    mentions = sorted(sentence.tokens_of, key=lambda n: result.mentions[n].start)
    found = list(numbers)
    for number in mentions:
        mention = result.mentions[number]
        if number in found or not _list_member(sentence, result, number):
            continue
        end = max((result.mentions[f].end for f in found if result.mentions[f].end <= mention.start), default=-1)
        if end >= 0 and _joins(sentence, result, end, number):
            found.append(number)
    for number in reversed(mentions):
        mention = result.mentions[number]
        if number in found or not _list_member(sentence, result, number):
            continue
        after = [f for f in found if result.mentions[f].start >= mention.end]
        first = min(after, key=lambda f: result.mentions[f].start, default=None)
        if first is not None and _joins(sentence, result, mention.end, first):
            found.append(number)
    return found[len(numbers):]


def _joins(sentence: ParsedSentence, result: ArticleResult, end: int, number: int) -> bool:
    """Whether the text from ``end`` to mention ``number`` only separates two members of a written list: a
    comma or "and"/"or" (and a parenthesised short name), then at most a title made of names, nouns and
    adjectives that introduces the next name ("..., InfoRos Executive Editor Maksim Borisovich Krasovskiy";
    not "..., the head of Y", where Y is what the member before heads)."""
    text = result.article.text
    mention = result.mentions[number]
    gap = text[end:mention.start]
    if _LIST_GAP.fullmatch(gap):
        return True
    separator = _LIST_GAP.match(gap)
    if separator is None or not separator.group(0).strip():
        return False
    start = end + separator.end() - sentence.offset
    stop = mention.start - sentence.offset
    words = [t for t in sentence.doc if start <= t.idx < stop and not t.is_space]
    return 0 < len(words) <= _MAX_TITLE and all(t.pos_ in _TITLE_POS or t.dep_ == "amod" for t in words)


def described_roles(sentence: ParsedSentence, arg: Any) -> list[Span]:
    """Each unnamed coordinated phrase of an argument, as the role of one target ("air force chief")."""
    found = []
    members, stack = [], [arg]
    while stack:
        token = stack.pop()
        members.append(token)
        stack.extend(c for c in token.children if c.dep_ == "conj" or (c.dep_ == "appos" and c.pos_ == "NOUN"))
    for token in sorted(members, key=lambda t: t.i):
        if token.pos_ == "NOUN" and not _has_name(sentence, token):
            span = phrase_span(sentence, _description_tokens(token))
            if span is not None:
                found.append(span)
    return found


def _same_side(sentence: ParsedSentence, number: int, arg: Any, predicate: Any | None) -> bool:
    """A target lies on the same side of the trigger as its argument's head (a broken parse may hang a
    name of the reason clause, after "designated for ...", on the subject before it)."""
    if predicate is None:
        return True
    first = sentence.tokens_of[number][0]
    return bool((first < predicate.i) == (arg.i < predicate.i))


def _known_elsewhere(result: ArticleResult, word: str) -> bool:
    """A one-word name the article marks and links or resolves elsewhere, or defines in parentheses."""
    folded = word.casefold()
    return any(m.text.casefold() == folded and (m.links or m.refers_to) for m in result.mentions) or (
        defined_as(result, word) is not None)


def unmarked_names(sentence: ParsedSentence, result: ArticleResult, arg: Any) -> list[Span]:
    """Proper names heading the argument or its coordinated parts that the NLP stage did not mark: a run of
    at least two proper-noun words (or one with digits, or one the article marks elsewhere) whose head no
    mention covers ("AO BARL" where only
    "AO" was marked), and not a title ("Defence Minister", by the NLP stage's role lexicon)."""
    found = []
    for token in conjuncts(arg):
        if token.pos_ != "PROPN" or token.i in sentence.mention_at:
            continue
        words = [c for c in token.lefts if c.dep_ in ("compound", "flat") and c.pos_ in ("PROPN", "NUM")] + [token]
        if len(words) < 2 and not token.like_num and not _known_elsewhere(result, token.text):
            continue
        if lexicon().is_head(token.text) or lexicon().is_role_word(words[0].text):
            continue
        span = phrase_span(sentence, words)
        if span is not None and not match_authority(span.text):
            found.append(span)
    return found


def find_targets(sentence: ParsedSentence, result: ArticleResult, args: list[Any],
                 predicate: Any | None = None) -> FoundTargets:
    """Named targets and the described group among the argument heads ``args`` of one trigger
    (``predicate``, when given, is the trigger's verb: targets lie on their argument's side of it)."""
    found = FoundTargets()
    for arg in args:
        for number in _named(sentence, result, arg):
            if number not in found.mentions and _same_side(sentence, number, arg, predicate):
                found.mentions.append(number)
        found.names += unmarked_names(sentence, result, arg)
        description, count = _described(sentence, arg)
        found.anaphor = found.anaphor or anaphor(arg, description.text if description else None)
        if found.description is None:
            found.description, found.count = description, count
    found.mentions += _listed_after(sentence, result, found.mentions)
    found.mentions = [n for n in found.mentions if not _inside_a_role(result, n)]
    return found


def _inside_a_role(result: ArticleResult, number: int) -> bool:
    """Whether the mention is part of someone's role ("Wagner" in "Perfilev, Wagner's chief in CAR"): the
    organisation a person heads is not a target because the person is."""
    mention = result.mentions[number]
    return any(other is not mention and other.role_span is not None
               and other.role_span.start <= mention.start and mention.end <= other.role_span.end
               for other in result.mentions)


def after_colon(sentence: ParsedSentence, result: ArticleResult, start: int) -> list[int]:
    """The written list of parties after the first colon following article offset ``start`` in the
    sentence ("four entities owned by X: Cochan S.A., Cochan Holdings LLC, Geni SARL, and ...")."""
    text = result.article.text
    colon = text.find(":", start, sentence.span.end)
    if colon < 0:
        return []
    mentions = sorted((n for n in sentence.tokens_of if result.mentions[n].start > colon
                       and result.mentions[n].label in _TARGET_LABELS), key=lambda n: result.mentions[n].start)
    if not mentions or text[colon + 1:result.mentions[mentions[0]].start].strip():
        return []
    return [mentions[0], *_listed_after(sentence, result, mentions[:1])]


def defined_as(result: ArticleResult, short: str) -> Mention | None:
    """The mention a report defined a short form for, "Full Name (SHORT)", earlier in the article."""
    text = result.article.text
    pattern = re.compile(rf"\s*\(\s*{re.escape(short)}\s*\)")
    return next((m for m in result.mentions if m.text != short and m.label in _TARGET_LABELS
                 and pattern.match(text, m.end)), None)


def target_from_name(result: ArticleResult, name: Span) -> Target:
    """A :class:`Target` for words no mention covers, named and linked like the mention elsewhere in the
    article that has the same words or that the report defined them for ("Joint Stock Company Terra Tech
    (Terra Tech)"); else the words alone, without links."""
    same = next((m for m in result.mentions if m.text.casefold() == name.text.casefold()
                 and m.label in _TARGET_LABELS), None)
    source = same if same is not None and (same.links or same.refers_to) else defined_as(result, name.text)
    if source is None:
        return Target(name=name.text, span=name)
    full = source.refers_to or source.text
    links = list(source.links) or next((list(o.links) for o in result.mentions if o.text == full and o.links), [])
    return Target(name=full, role=source.role, links=links, span=name)


def target_from_mention(result: ArticleResult, number: int) -> Target:
    """A :class:`Target` for mention ``number``, named by its fullest form, with the links of that form.

    The fullest form is the mention's ``refers_to``, else, for a short form the NLP stage left alone, the
    name the report defined it for ("Federal State Unitary Enterprise ... Gamma (Gamma)").
    """
    mention = result.mentions[number]
    full = mention.refers_to
    if full is None and not mention.links:
        defined = defined_as(result, mention.text)
        full = defined.text if defined is not None else None
    links: list[EntityLink] = list(mention.links)
    if not links and full:
        links = next((list(o.links) for o in result.mentions if o.text == full and o.links), [])
    role = mention.role
    if role is None and full:
        role = next((o.role for o in result.mentions if o.text == full and o.role), None)
    return Target(name=full or mention.text, role=role, links=links, mention=number,
                  span=Span(mention.start, mention.end, mention.text))
