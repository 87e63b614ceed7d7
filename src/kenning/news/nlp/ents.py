"""The working forms of the NLP stage: a plain view of the tokens, and an entity in the making.

:class:`Tokens` copies once what the rules read of each spaCy token (text, lower case, tag, sentence
bounds): reading attributes through spaCy's ``Token`` objects again and again cost more than the rules
themselves. Token offsets are into the ``Doc``; :mod:`kenning.news.nlp.annotation` turns them into character
offsets of the article when it writes the :class:`~kenning.news.model.Mention` records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import overload

from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, LENGTH, SENT_START, TAG
from spacy.tokens import Doc

__all__ = ["WANTED", "Ent", "Tok", "Tokens", "sort_ents", "words"]

#: The labels the NLP stage reports.
WANTED = frozenset({"PERSON", "ORG", "GPE", "NORP", "DATE", "MONEY"})


@dataclass(frozen=True, slots=True)
class Tok:
    """What the rules read of one token."""

    i: int
    text: str
    lower_: str
    tag_: str
    is_space: bool
    is_alpha: bool
    idx: int
    #: First token of the token's sentence, and the token after its last.
    sent_start: int
    sent_end: int

    @property
    def is_sent_start(self) -> bool:
        return self.i == self.sent_start


class Tokens:
    """The tokens of a ``Doc`` as plain values, indexable like the ``Doc``."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        #: The text (``Doc.text`` joins every token on each read).
        self.text = text = doc.text
        rows = doc.to_array([IDX, LENGTH, TAG, IS_SPACE, IS_ALPHA, SENT_START]).tolist()
        strings: dict[int, str] = {}

        def string(key: int) -> str:
            found = strings.get(key)
            if found is None:
                found = strings[key] = doc.vocab.strings[key]
            return found
        starts = [i for i, row in enumerate(rows) if i == 0 or row[5] == 1] + [len(rows)]
        self.toks: list[Tok] = []
        for n in range(len(starts) - 1):
            first, after = starts[n], starts[n + 1]
            for i in range(first, after):
                idx, length, tag, space, alpha, _ = rows[i]
                word = text[idx:idx + length]
                self.toks.append(Tok(i, word, word.lower(), string(tag), bool(space), bool(alpha), idx, first,
                                     after))
        self.texts = [t.text for t in self.toks]

    def __len__(self) -> int:
        return len(self.toks)

    @overload
    def __getitem__(self, index: int) -> Tok: ...

    @overload
    def __getitem__(self, index: slice) -> list[Tok]: ...

    def __getitem__(self, index: int | slice) -> Tok | list[Tok]:
        return self.toks[index]

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens ``start``..``end`` in the text."""
        last = self.toks[end - 1]
        return self.toks[start].idx, last.idx + len(last.text)

    def span_text(self, start: int, end: int) -> str:
        """The article text of tokens ``start``..``end``."""
        if end <= start:
            return ""
        last = self.toks[end - 1]
        return self.text[self.toks[start].idx:last.idx + len(last.text)]


@dataclass(eq=False)
class Ent:
    """A mention in the making: tokens ``start`` to ``end`` (exclusive) of the doc."""

    start: int
    end: int
    label: str
    #: Where it came from: ``ner`` (the model), ``list`` (list ruler), ``gazetteer``, ``rule`` (a fix).
    source: str = "ner"
    country: str | None = None
    #: The gazetteer's full name when the mention is a gazetteer entry ("HRW" → "Human Rights Watch").
    canonical: str | None = None
    role_start: int | None = None
    role_end: int | None = None
    #: Text of the role when it is not the text of the role tokens (a gazetteer place removed).
    role_text: str | None = None
    #: The fullest mention of the same party in the article (coreference), or None.
    refers_to: Ent | None = None

    def text(self, toks: Tokens) -> str:
        return toks.span_text(self.start, self.end)

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    @property
    def length(self) -> int:
        return self.end - self.start

    def set_role(self, start: int, end: int, text: str | None = None) -> None:
        """Attach the role on tokens ``start``..``end``."""
        self.role_start, self.role_end, self.role_text = start, end, text

    @property
    def has_role(self) -> bool:
        return self.role_start is not None


def words(toks: Tokens, start: int, end: int) -> list[str]:
    """The token texts of a slice."""
    return toks.texts[start:end]


def sort_ents(ents: Iterable[Ent]) -> list[Ent]:
    """Entities in text order."""
    return sorted(ents, key=lambda e: (e.start, -e.end))
