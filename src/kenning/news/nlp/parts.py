"""Long reports through spaCy in parts: one document with the offsets of the whole text.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters) and its memory grows with the text.
A report longer than :data:`PART_CHARS` is cut at the last paragraph break (else line break, else
sentence end, else space) before each limit, the parts are parsed in one ``nlp.pipe`` and joined with
``Doc.from_docs``. The parts cover the text exactly, so every character offset of the joined document is
an offset into the report, as for a short one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["PART_CHARS", "parse", "parse_many", "split_parts"]

#: Characters of one spaCy pass.
PART_CHARS = 100_000
_BREAKS = ("\n\n", "\n", ". ", " ")

T = TypeVar("T")


def split_parts(text: str, limit: int = PART_CHARS) -> list[str]:
    """Consecutive pieces of ``text``, each at most ``limit`` characters, that join back into it."""
    parts: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((window.rfind(b) + len(b) for b in _BREAKS if window.rfind(b) > limit // 2), limit)
        parts.append(text[start:start + cut])
        start += cut
    parts.append(text[start:])
    return parts


def parse(nlp: Language, text: str) -> Doc:
    """The spaCy document of ``text``, parsed in parts when it is long."""
    if len(text) <= PART_CHARS:
        return nlp(text)
    docs = list(nlp.pipe(split_parts(text, PART_CHARS)))
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    assert joined.text == text, "the parts of a long report must join back into it"
    return joined


def parse_many(nlp: Language, items: Iterable[tuple[str, T]], batch_size: int) -> Iterator[tuple[Doc, T]]:
    """``nlp.pipe`` over (text, context) pairs, in order; long texts go through :func:`parse`."""
    pending: list[tuple[str, T]] = []
    for text, context in items:
        if len(text) <= PART_CHARS:
            pending.append((text, context))
            if len(pending) < batch_size:
                continue
        if pending:
            yield from nlp.pipe(pending, as_tuples=True, batch_size=batch_size)
            pending = []
        if len(text) > PART_CHARS:
            yield parse(nlp, text), context
    if pending:
        yield from nlp.pipe(pending, as_tuples=True, batch_size=batch_size)
