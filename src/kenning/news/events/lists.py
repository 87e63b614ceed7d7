"""Designees enumerated in a list: numbered or bulleted lines that an action introduces.

Releases name large batches as numbered or bulleted lines. A list belongs to the action of the paragraph
that leads into it when that paragraph ends with a colon ("... the following VTB Bank subsidiaries are
blocked:", "... These include:"), when the action points forward ("designated the following
subsidiaries"), or when it counts more parties than it names, right before the list or one paragraph of
prose before it ("Today OFAC is designating the remaining 109 State Duma members ..."). A list that no
action leads into (general licences, guidance, reasons) is nobody's.

Each item is parsed on its own and its party read from the structure, not from its first words: the head
of the item's first phrase (or the subject when the item is a clause) and what is coordinated or apposed
to it. "UDV board member Aleksey Nikolaevich Chumakov" is Chumakov, not UDV; "Russian Federation nationals
X (X) and Y, co-owners of Maxtech" is X and Y. When the parse finds no party, the mention that opens the
line, else the words before its first verb or comma. A list flattened onto one line ("Babakov*6. Bakharev*7.
Belik*") is split at its numbers. Items marked with an asterisk are left out when the release says that
the asterisk marks parties designated before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kenning.news.events.parse import ParsedSentence, parse_spans
from kenning.news.events.read import RawEvent
from kenning.news.events.targets import find_targets
from kenning.news.events.vocabulary import triggers
from kenning.news.model import ArticleResult, Span

__all__ = ["MAX_PROSE_LINES", "ListBlock", "attach_lists", "item_parties", "list_blocks"]

#: Paragraphs of prose allowed between a counting sentence and its list.
MAX_PROSE_LINES = 1
_GLUED = re.compile(r"\*\s*(?=\d{1,4}[.)]\s)")
_NAME_END = re.compile(r"\s+(?:is|was|are|were|has|had)\s|,|;|\s\(|\*|\.$")
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class ListBlock:
    """One enumerated list: its items (start, end, starred) and the prose paragraphs before it."""

    items: list[tuple[int, int, bool]]
    #: The paragraph right before the list, and the one before that (None at the start of the text).
    lead: Span | None
    before: Span | None


def _split_glued(text: str, line: str, begin: int, marker_end: int) -> list[tuple[int, int, bool]]:
    """The items of one list line: one, or several when a flattened list glued them ("X*6. Y*7. Z")."""
    item = triggers().list_item
    pieces = _GLUED.split(line[marker_end:])
    offset = begin + marker_end
    spans = []
    for number, piece in enumerate(pieces):
        words = piece
        if number:
            glued = item.match(piece)
            words = piece[glued.end():] if glued else piece
        offset = text.index(words, offset)
        starred = number < len(pieces) - 1 or words.rstrip().endswith("*")
        spans.append((offset, offset + len(words), starred))
        offset += len(words)
    return spans


def list_blocks(text: str) -> list[ListBlock]:
    """Every enumerated list of ``text``, in reading order, with the paragraphs that lead into it."""
    item = triggers().list_item
    blocks: list[ListBlock] = []
    prose: list[Span] = []
    items: list[tuple[int, int, bool]] = []
    position = 0
    for line in text.split("\n"):
        begin = position
        position += len(line) + 1
        if not line.strip():
            continue
        marker = item.match(line)
        if marker is not None:
            items += _split_glued(text, line, begin, marker.end())
            continue
        if items:
            blocks.append(_block(items, prose))
            items, prose = [], []
        prose.append(Span(begin, begin + len(line), line))
    if items:
        blocks.append(_block(items, prose))
    return blocks


def _block(items: list[tuple[int, int, bool]], prose: list[Span]) -> ListBlock:
    return ListBlock(list(items), prose[-1] if prose else None, prose[-2] if len(prose) > 1 else None)


def _named(raw: RawEvent) -> int:
    return len(raw.mentions) + len(raw.names)


def _host(block: ListBlock, raws: Sequence[RawEvent]) -> RawEvent | None:
    """The action that leads into ``block`` (see the module doc), or None."""
    if block.lead is None:
        return None
    lead = block.lead
    inside = [r for r in raws if lead.start <= r.position < lead.end and not r.reference]
    if inside and (lead.text.rstrip().endswith(":") or inside[-1].forward):
        return inside[-1]
    counting = [r for r in inside if r.count is not None and r.count > _named(r)]
    if counting:
        return counting[-1]
    before = block.before
    if before is None or MAX_PROSE_LINES < 1:
        return None
    earlier = [r for r in raws if before.start <= r.position < before.end and not r.reference]
    counting = [r for r in earlier if (r.count is not None and r.count > _named(r)) or r.forward]
    return counting[-1] if counting else None


def _item_arg(parsed: ParsedSentence) -> Any | None:
    """The head of an item's party: the root of its first phrase, or the subject when it is a clause."""
    root = next((t for t in parsed.doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    if root.pos_ in ("VERB", "AUX"):
        return next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    return root


def item_parties(result: ArticleResult, parsed: ParsedSentence) -> tuple[list[int], list[Span]]:
    """The mentions and unmarked names an item of a list names as its party (see the module doc)."""
    arg = _item_arg(parsed)
    if arg is not None:
        found = find_targets(parsed, result, [arg])
        if found.mentions or found.names:
            return found.mentions, found.names
    return _opening(result, parsed.span)


def _opening(result: ArticleResult, item: Span) -> tuple[list[int], list[Span]]:
    """The mention that opens the item, else the words before its first verb or comma."""
    text = result.article.text
    first = item.start + len(item.text) - len(item.text.lstrip())
    opening = [i for i, m in enumerate(result.mentions)
               if first <= m.start <= first + 2 and m.end <= item.end + 4 and m.label in ("PERSON", "ORG")]
    if opening:
        return opening[:1], []
    name = _item_name(text, item.start, item.end)
    return [], [name] if name is not None else []


def _item_name(text: str, start: int, end: int) -> Span | None:
    """The party an item names when no mention opens it: the words before its first verb or comma."""
    words = text[start:end].strip()
    cut = _NAME_END.search(words)
    name = (words[:cut.start()] if cut else words).strip(" .*")
    if not name or len(name.split()) > 12:
        return None
    begin = text.index(name, start)
    return Span(begin, begin + len(name), name)


def attach_lists(result: ArticleResult, raws: Sequence[RawEvent]) -> None:
    """Add the parties of every list that an action leads into to that action's raw event."""
    text = result.article.text
    ordered = sorted(raws, key=lambda r: r.position)
    marked = triggers().previously_marked.search(text) is not None
    hosted = [(b, h) for b in list_blocks(text) if (h := _host(b, ordered)) is not None]
    spans = [Span(s, e, text[s:e]) for block, _ in hosted for s, e, starred in block.items
             if not (starred and marked)]
    parsed = {p.span.start: p for p in parse_spans(result, spans)}
    for block, host in hosted:
        for start, _, starred in block.items:
            if starred and marked:
                continue
            mentions, names = item_parties(result, parsed[start])
            host.mentions += [m for m in mentions if m not in host.mentions]
            host.names += [n for n in names if n not in host.names]
