"""Who "they", "he" or "each of these individuals" are, when an action's target points back.

Press releases introduce each designee at the start of a sentence ("Ivan Gennadievich Kondratiev, a
Russian national, is ...", "X, Y and Z are all members of ...") and then say "They are all being
designated" or "OFAC is designating each of these individuals". The antecedents are the parties that
open the sentences before the action, back to a heading or to the previous action; "he"/"she"/"it" take
the latest of them.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from kenning.news.events.vocabulary import triggers
from kenning.news.model import ArticleResult, Mention

__all__ = ["MAX_SENTENCES_BACK", "anaphor", "antecedents", "following_parties", "is_heading", "opening_parties"]

#: How far back antecedents are looked for.
MAX_SENTENCES_BACK = 12
_LABELS = frozenset({"PERSON", "ORG"})
_LIST_GAP = re.compile(r"\)?(?:\s*\([^()]{1,60}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?")
_OPENING = re.compile(r"^[\s\"“‘'(]*")
_END = re.compile(r"[.!?:;\"”’)]\s*$")


def anaphor(arg: Any, description: str | None) -> str | None:
    """``"plural"`` or ``"singular"`` when a target argument points back, ``"following"`` when it points
    forward ("the following targets"), else None."""
    rules = triggers()
    word = arg.lower_
    if arg.pos_ == "PRON" and word in rules.plural_pronouns:
        return "plural"
    if arg.pos_ == "PRON" and word in rules.singular_pronouns:
        return "singular"
    phrase = description or arg.doc[arg.left_edge.i:arg.right_edge.i + 1].text.strip()
    if rules.anaphoric_targets.search(phrase):
        return "plural"
    if rules.cataphoric_targets.search(phrase):
        return "following"
    return None


def is_heading(text: str) -> bool:
    """A section heading: all capitals, or a short line without closing punctuation."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    return len(text.split()) <= 15 and not _END.search(text)


def _name(mention: Mention) -> str:
    return (mention.refers_to or mention.text).casefold()


def opening_parties(result: ArticleResult, index: int) -> list[int]:
    """Mentions of persons and organisations that open sentence ``index`` (one, or a written list)."""
    sentence = result.sentences[index]
    mentions = sorted((i for i, m in enumerate(result.mentions) if m.sentence == index and m.label in _LABELS),
                      key=lambda i: result.mentions[i].start)
    if not mentions:
        return []
    first = result.mentions[mentions[0]]
    if first.start - sentence.start > _OPENING.match(sentence.text).end():  # type: ignore[union-attr]
        return []
    found, end = [mentions[0]], first.end
    text = result.article.text
    for number in mentions[1:]:
        mention = result.mentions[number]
        if not _LIST_GAP.fullmatch(text[end:mention.start]):
            if mention.start < end + 80 and text[end:mention.start].strip(" ()") == "":
                continue
            break
        found.append(number)
        end = mention.end
    return found


def _opens_paragraph(result: ArticleResult, index: int) -> bool:
    start = result.sentences[index].start
    return start == 0 or "\n" in result.article.text[result.sentences[index - 1].end:start]


def following_parties(result: ArticleResult, index: int) -> list[int]:
    """The parties opening the paragraphs after sentence ``index`` ("designating the following targets."),
    up to the next heading, at most :data:`MAX_SENTENCES_BACK` paragraphs."""
    found: list[int] = []
    names: set[str] = set()
    paragraphs = 0
    for ahead in range(index + 1, len(result.sentences)):
        if is_heading(result.sentences[ahead].text):
            break
        if not _opens_paragraph(result, ahead):
            continue
        paragraphs += 1
        if paragraphs > MAX_SENTENCES_BACK:
            break
        opening = [n for n in opening_parties(result, ahead) if _name(result.mentions[n]) not in names]
        names.update(_name(result.mentions[n]) for n in opening)
        found.extend(opening)
    return found


def antecedents(result: ArticleResult, index: int, plural: bool, stop: Collection[int]) -> list[int]:
    """The parties a pointing-back target of sentence ``index`` refers to (see the module doc)."""
    found: list[int] = []
    names: set[str] = set()
    for back in range(index - 1, max(-1, index - 1 - MAX_SENTENCES_BACK), -1):
        if back in stop or is_heading(result.sentences[back].text):
            break
        opening = [n for n in opening_parties(result, back) if _name(result.mentions[n]) not in names]
        names.update(_name(result.mentions[n]) for n in opening)
        found = opening + found
        if not plural and found:
            return found[-1:]
    return found if plural else found[-1:]
