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

from kenning.news.events.numbers import parse_number
from kenning.news.events.vocabulary import group_labels, triggers
from kenning.news.model import ArticleResult, Mention

__all__ = ["MAX_COUNTED_PARAGRAPHS", "MAX_SENTENCES_BACK", "anaphor", "antecedents", "following_parties",
           "forward_count", "is_heading", "opening_parties", "paragraph_openers", "written_lists"]

#: How far back antecedents are looked for.
MAX_SENTENCES_BACK = 12
#: How many paragraphs ahead a counted forward reference may look for its parties.
MAX_COUNTED_PARAGRAPHS = 40
_LABELS = frozenset({"PERSON", "ORG"})
_LIST_GAP = re.compile(r"\)?(?:\s*\([^()]{1,60}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?")
_OPENING = re.compile(r"^[\s\"“‘'(]*")
_END = re.compile(r"[.!?:;\"”’)]\s*$")


def anaphor(arg: Any, description: str | None) -> str | None:
    """``"plural"`` or ``"singular"`` when a target argument points back, ``"following"`` when it points
    forward ("the following targets"; also "each of these following individuals"), else None."""
    rules = triggers()
    word = arg.lower_
    if arg.pos_ == "PRON" and word in rules.plural_pronouns:
        return "plural"
    if arg.pos_ == "PRON" and word in rules.singular_pronouns:
        return "singular"
    phrase = description or arg.doc[arg.left_edge.i:arg.right_edge.i + 1].text.strip()
    if rules.cataphoric_targets.search(phrase):
        return "following"
    if rules.anaphoric_targets.search(phrase):
        return "plural"
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


def following_parties(result: ArticleResult, index: int, count: int | None = None,
                      labels: frozenset[str] | None = None) -> list[int]:
    """The parties a forward-pointing target of sentence ``index`` announces ("designating the following
    targets."): those opening the paragraphs after it, and those introduced there for the first time at the
    start of any sentence, up to the next heading, at most :data:`MAX_SENTENCES_BACK` paragraphs; with a
    ``count`` ("the following six individuals"), the parties :func:`_counted_ahead` finds, when it finds
    them."""
    counted = _counted_ahead(result, index, count, labels) if count is not None else []
    if counted:
        return counted
    before = {_name(m) for m in result.mentions if m.sentence <= index}
    found: list[int] = []
    names: set[str] = set()
    paragraphs = 0
    for ahead in range(index + 1, len(result.sentences)):
        if is_heading(result.sentences[ahead].text):
            break
        opens = _opens_paragraph(result, ahead)
        paragraphs += opens
        if paragraphs > MAX_SENTENCES_BACK:
            break
        opening = [n for n in opening_parties(result, ahead) if _name(result.mentions[n]) not in names
                   and (opens or _name(result.mentions[n]) not in before)]
        names.update(_name(result.mentions[n]) for n in opening)
        before.update(_name(m) for m in result.mentions if m.sentence == ahead)
        found.extend(opening)
    return found


def _counted_ahead(result: ArticleResult, index: int, count: int, labels: frozenset[str] | None) -> list[int]:
    """The first ``count`` parties introduced after sentence ``index``: opening a sentence, named there for
    the first time in the article, of the kind the group names (``labels``), across section headings, at
    most :data:`MAX_COUNTED_PARAGRAPHS` paragraphs ahead; nothing unless exactly ``count`` are found."""
    before = {_name(m) for m in result.mentions if m.sentence <= index}
    found: list[int] = []
    names: set[str] = set()
    paragraphs = 0
    for ahead in range(index + 1, len(result.sentences)):
        paragraphs += _opens_paragraph(result, ahead)
        if paragraphs > MAX_COUNTED_PARAGRAPHS or len(found) >= count:
            break
        for number in opening_parties(result, ahead):
            mention = result.mentions[number]
            name = _name(mention)
            if name in before or name in names or (labels is not None and mention.label not in labels):
                continue
            names.add(name)
            found.append(number)
        before.update(_name(m) for m in result.mentions if m.sentence == ahead)
    return found if len(found) == count else []


def paragraph_openers(result: ArticleResult, index: int) -> list[int]:
    """The parties that open the sentences after sentence ``index`` up to the end of its paragraph: the items
    of a list flattened into one paragraph after a colon ("The following entities are being designated
    ...: JSC Rawenstvo designs .... Petrovsky Electromechanical Zavod Molot produces ....")."""
    found: list[int] = []
    for ahead in range(index + 1, len(result.sentences)):
        if _opens_paragraph(result, ahead):
            break
        found += [n for n in opening_parties(result, ahead) if n not in found]
    return found


def written_lists(result: ArticleResult, index: int) -> list[list[int]]:
    """The written lists of persons and organisations in sentence ``index`` ("A, B and C"), a single party
    being a list of one, in reading order."""
    mentions = sorted((i for i, m in enumerate(result.mentions) if m.sentence == index and m.label in _LABELS),
                      key=lambda i: result.mentions[i].start)
    text = result.article.text
    lists: list[list[int]] = []
    for number in mentions:
        mention = result.mentions[number]
        if lists and _LIST_GAP.fullmatch(text[result.mentions[lists[-1][-1]].end:mention.start]):
            lists[-1].append(number)
        else:
            lists.append([number])
    return lists


def _counted(result: ArticleResult, index: int, count: int) -> list[int]:
    """The parties of the written lists right before sentence ``index`` that add up to exactly ``count``
    (see the module doc): the latest list of ``count`` parties, else the longest list of each sentence
    going back, across section headings since the count bounds the search ("Five of the companies—A, B,
    C, D and E—..." and "The remaining companies—F, G and H—..."
    before "These eight companies are being designated", the second list told as an action of its own);
    nothing when they do not add up."""
    found: list[int] = []
    for back in range(index - 1, max(-1, index - 1 - MAX_SENTENCES_BACK), -1):
        lists = [group for group in written_lists(result, back) if len(group) > 1]
        exact = [group for group in lists if len(group) == count]
        if exact and not found:
            return exact[-1]
        if lists:
            found = max(lists, key=len) + found
        if len(found) >= count:
            break
    return found if len(found) == count else []


def forward_count(result: ArticleResult, index: int) -> tuple[int, frozenset[str] | None] | None:
    """The count and kind of a group that the sentence before ``index``, in the same paragraph, announces as
    following ("The following six individuals serve as ..." before "They are designated ..."), else None."""
    if index == 0 or _opens_paragraph(result, index):
        return None
    text = result.sentences[index - 1].text
    match = triggers().cataphoric_targets.search(text)
    if match is None:
        return None
    words = text[match.end():].split()
    value = parse_number(words[0]) if words else None
    if value is None or value < 2:
        return None
    return int(value), group_labels(" ".join(words[1:3]))


def antecedents(result: ArticleResult, index: int, plural: bool, stop: Collection[int],
                count: int | None = None) -> list[int]:
    """The parties a pointing-back target of sentence ``index`` refers to (see the module doc); ``count``
    is the number the reference gives ("these three companies")."""
    if count is not None and count > 1:
        counted = _counted(result, index, count)
        if counted:
            return counted
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
