"""Token-sequence phrase tables: the matching core of the list ruler and the gazetteers.

A phrase is a tuple of folded token keys (:func:`fold`); a table maps phrases to a payload and finds
the longest phrase starting at each token of a document. Matching is case-insensitive on the keys,
then checked against the casing the phrase asks for: ``"exact"`` (acronyms such as ``CAR`` or
``US`` must appear as written) or ``"name"`` (every word of the match is capitalised or upper case,
except the connecting particles in :data:`CONNECTORS`), so "islamic state" in running text is not
the listed "ISLAMIC STATE".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

__all__ = ["CONNECTORS", "PhraseMatch", "PhraseTable", "fold", "fold_all", "is_name_cased"]

T = TypeVar("T")

#: Lower-case words allowed inside a capitalised name ("Bank of Iran", "Abu al Hassan", "van der").
CONNECTORS = frozenset({
    "of", "the", "and", "for", "de", "del", "della", "der", "den", "des", "du", "da", "do", "dos", "di",
    "la", "le", "el", "al", "bin", "ibn", "bint", "van", "von", "y", "e", "&", "-", "'", "’", "in", "on",
    "ul", "ur", "ud", "at", "'s", "’s", ".", ",",
})

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "–": "-", "—": "-"})


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """The matching key of one token: lower case, accents removed, one kind of apostrophe and dash."""
    text = text.translate(_APOSTROPHES).lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_all(words: Iterable[str]) -> tuple[str, ...]:
    """The keys of several tokens."""
    return tuple(fold(w) for w in words)


def _word_cased(word: str) -> bool:
    """A capitalised word, also with a lower-case particle glued on ("d’Ivoire", "al-Qaida")."""
    letters = [ch for ch in word if ch.isalpha()]
    if not letters or letters[0].isupper():
        return True
    for sep in ("'", "’", "-"):
        head, _, tail = word.partition(sep)
        if tail and len(head) <= 3 and tail[:1].isupper():
            return True
    return False


def is_name_cased(words: Sequence[str]) -> bool:
    """True when every word is capitalised or upper case, apart from connectors and non-letters."""
    seen = False
    for word in words:
        if not any(ch.isalpha() for ch in word):
            continue
        if _word_cased(word):
            seen = True
            continue
        if fold(word) in CONNECTORS:
            continue
        return False
    return seen


@dataclass(frozen=True)
class PhraseMatch(Generic[T]):
    """A phrase found in a token sequence: tokens ``start`` to ``end`` (exclusive) and its payload."""

    start: int
    end: int
    payload: T


@dataclass
class PhraseTable(Generic[T]):
    """Phrases (tuples of folded keys) with payloads, and the casing each needs."""

    phrases: dict[tuple[str, ...], T] = field(default_factory=dict)
    #: For phrases that must appear exactly as written: the accepted written forms.
    exact: dict[tuple[str, ...], set[tuple[str, ...]]] = field(default_factory=dict)
    #: For each first key, the phrase lengths that start with it, longest first.
    lengths: dict[str, list[int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.phrases)

    def add(self, words: Sequence[str], payload: T, exact: bool = False) -> None:
        """Add the phrase written as ``words``; ``exact`` asks for exactly that casing in the text.

        The first payload added for a phrase is kept: callers add their most reliable entries first.
        An exact form added for a phrase that is already there as a name adds nothing.
        """
        keys = fold_all(words)
        if not keys:
            return
        if keys in self.phrases:
            if exact and keys in self.exact:
                self.exact[keys].add(tuple(words))
            return
        self.phrases[keys] = payload
        if exact:
            self.exact[keys] = {tuple(words)}
        known = self.lengths.setdefault(keys[0], [])
        if len(keys) not in known:
            known.append(len(keys))
            known.sort(reverse=True)

    def get(self, words: Sequence[str]) -> T | None:
        """The payload of exactly this phrase, if its casing is acceptable."""
        keys = fold_all(words)
        found = self.phrases.get(keys)
        if found is None or not self._cased(words, keys):
            return None
        return found

    def _cased(self, words: Sequence[str], keys: tuple[str, ...]) -> bool:
        forms = self.exact.get(keys)
        if forms is not None:
            return tuple(words) in forms
        return is_name_cased(words)

    def find(self, words: Sequence[str], keys: Sequence[str] | None = None) -> list[PhraseMatch[T]]:
        """Longest, leftmost, non-overlapping phrases in ``words`` (keys may be given precomputed)."""
        keys = keys if keys is not None else fold_all(words)
        found: list[PhraseMatch[T]] = []
        i, n = 0, len(keys)
        while i < n:
            match = self._match_at(words, keys, i)
            if match is None:
                i += 1
                continue
            found.append(match)
            i = match.end
        return found

    def _match_at(self, words: Sequence[str], keys: Sequence[str], i: int) -> PhraseMatch[T] | None:
        for length in self.lengths.get(keys[i], ()):
            if i + length > len(keys):
                continue
            phrase = tuple(keys[i:i + length])
            entry = self.phrases.get(phrase)
            if entry is not None and self._cased(words[i:i + length], phrase):
                return PhraseMatch(i, i + length, entry)
        return None
