"""The working form of an entity while the NLP stage fixes, extends and connects the model's output.

Token offsets are into the spaCy ``Doc``; :mod:`kenning.news.nlp` turns them into character offsets
of the article when it writes the :class:`~kenning.news.model.Mention` records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

__all__ = ["WANTED", "Ent", "overlapping", "sort_ents", "words"]

#: The labels the NLP stage reports.
WANTED = frozenset({"PERSON", "ORG", "GPE", "NORP", "DATE", "MONEY"})


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

    def text(self, doc: Doc) -> str:
        return doc[self.start:self.end].text

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


def words(doc: Doc, start: int, end: int) -> list[str]:
    """The token texts of a doc slice."""
    return [t.text for t in doc[start:end]]


def overlapping(ents: Iterable[Ent], start: int, end: int) -> list[Ent]:
    """The entities that share a token with ``start``..``end``."""
    return [e for e in ents if e.overlaps(start, end)]


def sort_ents(ents: Iterable[Ent]) -> list[Ent]:
    """Entities in text order."""
    return sorted(ents, key=lambda e: (e.start, -e.end))
