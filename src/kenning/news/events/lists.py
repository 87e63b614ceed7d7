"""Designees enumerated in a list after the sentence that designates them.

Releases name large batches as numbered or bulleted lines: right after a sentence ending with a colon
("... the following VTB Bank subsidiaries are blocked:"), or a paragraph after a sentence that counts
them ("Today OFAC is designating the remaining 109 State Duma members ..."). Each item's party is the
person or organisation mention that opens the line, or, when no mention was found there, the words
before the first verb or comma. A list flattened onto one line ("Babakov*6. Bakharev*7. Belik*") is
split at its numbers. Items marked with an asterisk are left out when the release says that the asterisk
marks parties designated before.
"""

from __future__ import annotations

import re

from kenning.news.events.read import RawEvent
from kenning.news.events.vocabulary import triggers
from kenning.news.model import ArticleResult, Span

__all__ = ["MAX_PROSE_LINES", "list_items", "read_list"]

#: Paragraphs of prose allowed between a counting sentence and its list.
MAX_PROSE_LINES = 1
_GLUED = re.compile(r"\*\s*(?=\d{1,4}[.)]\s)")
_NAME_END = re.compile(r"\s+(?:is|was|are|were|has|had)\s|,|;|\s\(|\*|\.$")


def list_items(text: str, start: int, prose: int) -> list[tuple[int, int, bool]]:
    """Character spans of the items of a list starting after ``start`` (at most ``prose`` prose lines
    before it), each with whether it carries an asterisk; the list ends at the first prose line after an
    item."""
    item = triggers().list_item
    spans: list[tuple[int, int, bool]] = []
    position = start
    for line in text[start:].split("\n"):
        begin = position
        position += len(line) + 1
        if not line.strip():
            continue
        marker = item.match(line)
        if marker is None:
            if spans or prose <= 0:
                break
            prose -= 1
            continue
        offset = begin + marker.end()
        pieces = _GLUED.split(line[marker.end():])
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


def _item_name(text: str, start: int, end: int) -> Span | None:
    """The party an item names when no mention opens it: the words before its first verb or comma."""
    words = text[start:end].strip()
    cut = _NAME_END.search(words)
    name = (words[:cut.start()] if cut else words).strip(" .*")
    if not name or len(name.split()) > 12:
        return None
    begin = text.index(name, start)
    return Span(begin, begin + len(name), name)


def read_list(result: ArticleResult, sentence_span: Span, raw: RawEvent) -> None:
    """Add the listed designees after the sentence of ``raw`` to it (see the module doc)."""
    if sentence_span.text.rstrip().endswith(":"):
        prose = 0
    elif raw.count is not None and raw.description is not None and len(raw.mentions) < raw.count:
        prose = MAX_PROSE_LINES
    else:
        return
    text = result.article.text
    marked = triggers().previously_marked.search(text) is not None
    for start, end, starred in list_items(text, sentence_span.end, prose):
        if starred and marked:
            continue
        first = start + len(text[start:end]) - len(text[start:end].lstrip())
        opening = [i for i, m in enumerate(result.mentions)
                   if first <= m.start <= first + 2 and m.end <= end + 4 and m.label in ("PERSON", "ORG")]
        if opening:
            if opening[0] not in raw.mentions:
                raw.mentions.append(opening[0])
            continue
        name = _item_name(text, start, end)
        if name is not None:
            raw.names.append(name)
