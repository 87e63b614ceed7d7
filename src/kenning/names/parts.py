"""Name parts and their order: words, commas, titles, generational suffixes, joined forms.

A name is read as comma-separated *segments* of *words*, each word a tuple of tokens (a hyphenated
word has several: ``"abd-al-rahman"`` -> ``("abd", "al", "rahman")``). For persons:

* ``"CAMARA, Sadio"`` means "SURNAME, Given names": the tokens are put in natural order
  (``sadio camara``) and the index of the first surname token is kept as the order hint;
* titles and honorifics (``data/titles.yml``) are removed: unambiguous ones anywhere, those that are
  also names or name parts (Haji, Major, Mullah...) only in title position, i.e. at the start;
* generational suffixes (Jr, Sr, II, III) are removed at the end or as their own segment;
* phrases such as ``abd al`` / ``abd ar`` become one token (``abdul``; ``data/phrases.csv``).

Token bags are therefore the same whichever order a person's name is written in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from kenning.errors import ConfigError, InputError
from kenning.names._data import read_csv, read_lines, read_yaml
from kenning.names._phrases import PhraseIndex
from kenning.names.normalize import normalize, word_tokens

__all__ = [
    "NameKind",
    "Parts",
    "honorifics",
    "joinable",
    "name_phrases",
    "person_parts",
    "schema_kind",
    "segments",
    "suffixes",
    "titles",
    "tokenize",
]

#: How a schema's names are read: see ``data/schemas.yml``.
NameKind = Literal["person", "org", "entity", "object"]
_KINDS: tuple[NameKind, ...] = ("person", "org", "entity", "object")

Word = tuple[str, ...]
Segment = list[Word]


@lru_cache(maxsize=1)
def _schema_kinds() -> dict[str, NameKind]:
    data = read_yaml("schemas.yml")
    kinds: dict[str, NameKind] = {}
    for kind in _KINDS:
        for schema in data.get(kind) or ():
            kinds[str(schema)] = kind
    return kinds


def schema_kind(schema: str) -> NameKind:
    """The kind of name a FollowTheMoney schema has: ``"Person"`` -> ``"person"``, ``"Company"`` -> ``"org"``.

    Raises :class:`~kenning.errors.InputError` for a schema that has no names to analyse.
    """
    kind = _schema_kinds().get(schema)
    if kind is None:
        known = ", ".join(sorted(_schema_kinds()))
        raise InputError(f"unknown schema {schema!r} for a name; use one of: {known}")
    return kind


@lru_cache(maxsize=1)
def titles() -> PhraseIndex[bool]:
    """Titles of ``titles.yml``, mapped to True when they may be removed anywhere (not only leading)."""
    data = read_yaml("titles.yml")
    pairs = [(str(t), True) for t in data.get("anywhere") or ()]
    pairs += [(str(t), False) for t in data.get("leading") or ()]
    return PhraseIndex("titles.yml", pairs)


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """One-word titles and honorifics that are never names (``titles.yml`` ``anywhere``: mr, dr, sheikh...)."""
    words = (normalize(str(t)) for t in read_yaml("titles.yml").get("anywhere") or ())
    return frozenset(w for w in words if w and " " not in w)


@lru_cache(maxsize=1)
def suffixes() -> frozenset[str]:
    """Generational suffixes (``jr``, ``sr``, ``ii``, ``iii``...), normalised."""
    return frozenset(normalize(str(s)) for s in read_yaml("titles.yml").get("suffixes") or ())


@lru_cache(maxsize=1)
def name_phrases() -> PhraseIndex[str]:
    """Token sequences of person names merged into one token (``abd al`` -> ``abdul``)."""
    rows = read_csv("phrases.csv", ("phrase", "replacement"))
    return PhraseIndex("phrases.csv", [(r["phrase"], normalize(r["replacement"])) for r in rows])


@lru_cache(maxsize=1)
def joinable() -> frozenset[str]:
    """Prefixes also written joined to the next token (``abdul``, ``abu``, ``al``...)."""
    words = frozenset(read_lines("joinable.txt"))
    if any(not (w.isascii() and w.isalpha()) for w in words):
        raise ConfigError("joinable.txt must hold normalised tokens")
    return words


def segments(words: list[str]) -> list[Segment]:
    """Comma-separated segments of cleaned words (:func:`~kenning.names.normalize.split_words`).

    ``split_words("CAMARA, Sadio-X")`` -> ``[[("camara",)], [("sadio", "x")]]``.
    """
    out: list[Segment] = [[]]
    for word in words:
        if word == ",":
            out.append([])
            continue
        tokens = word_tokens(word)
        if tokens:
            out[-1].append(tokens)
    return [seg for seg in out if seg]


def tokenize(text: str) -> tuple[str, ...]:
    """The normalised tokens of ``text``, in order, nothing removed.

    ``"Abd-al-Rahman"`` -> ``("abd", "al", "rahman")``.
    """
    return tuple(normalize(text).split())


@dataclass(slots=True)
class Parts:
    """Tokens of a name with, for each, the number of the word it came from (for joined forms)."""

    tokens: list[str] = field(default_factory=list)
    origins: list[int] = field(default_factory=list)
    surname: list[bool] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    #: Index of the token written last in the input (a part a length limit may have cut), if it is kept.
    final: int | None = None

    def add(self, segs: list[Segment], surname: bool, first_word: int) -> int:
        """Append the words of ``segs``; return the next word number."""
        number = first_word
        for seg in segs:
            for word in seg:
                for token in word:
                    self.tokens.append(token)
                    self.origins.append(number)
                    self.surname.append(surname)
                number += 1
        return number

    def delete(self, start: int, length: int, remember: bool = True) -> None:
        """Remove ``length`` tokens at ``start``, remembering them in :attr:`removed` if ``remember``."""
        if remember:
            self.removed.extend(self.tokens[start : start + length])
        del self.tokens[start : start + length]
        del self.origins[start : start + length]
        del self.surname[start : start + length]
        if self.final is not None:
            if start <= self.final < start + length:
                self.final = None
            elif self.final >= start + length:
                self.final -= length

    def order_hint(self) -> int | None:
        """Index of the first surname token, when a comma said which tokens form the surname."""
        return self.surname.index(True) if True in self.surname else None


def _is_suffix_segment(seg: Segment) -> bool:
    known = suffixes()
    return all(token in known for word in seg for token in word)


def ordered_parts(segs: list[Segment], reorder: bool) -> Parts:
    """Tokens in natural order: ``SURNAME, Given`` (two segments) becomes ``Given SURNAME`` if ``reorder``.

    Segments made only of generational suffixes (``"..., Jr."``) are set aside first.
    """
    parts = Parts()
    kept = [seg for seg in segs if not _is_suffix_segment(seg)]
    for seg in segs:
        if _is_suffix_segment(seg) and len(kept) < len(segs):
            parts.removed.extend(token for word in seg for token in word)
    if not kept:
        kept = segs
    if reorder and len(kept) == 2:
        number = parts.add([kept[1]], surname=False, first_word=0)
        written_last = len(parts.tokens) - 1
        parts.add([kept[0]], surname=True, first_word=number)
    else:
        parts.add(kept, surname=False, first_word=0)
        written_last = len(parts.tokens) - 1
    last_kept = kept[-1] is segs[-1] if segs else False
    parts.final = written_last if written_last >= 0 and last_kept else None
    return parts


def _strip_titles(parts: Parts) -> None:
    index = titles()
    while len(parts.tokens) > 1:
        hit = index.match(parts.tokens, 0) if parts.tokens[0] in index else None
        if hit is None or hit[0] >= len(parts.tokens):
            break
        parts.delete(0, hit[0])
    pos = 1
    while pos < len(parts.tokens) and len(parts.tokens) > 1:
        hit = index.match(parts.tokens, pos) if parts.tokens[pos] in index else None
        if hit is not None and hit[1] and hit[0] < len(parts.tokens):
            parts.delete(pos, hit[0])
        else:
            pos += 1


def merge_phrases(parts: Parts) -> None:
    """Merge the token sequences of ``phrases.csv`` into one token (``abd al`` -> ``abdul``)."""
    index = name_phrases()
    pos = 0
    while pos < len(parts.tokens):
        hit = index.match(parts.tokens, pos) if parts.tokens[pos] in index else None
        if hit is not None and hit[0] > 1:
            length, replacement = hit
            was_final = parts.final is not None and pos <= parts.final < pos + length
            parts.delete(pos + 1, length - 1, remember=False)
            parts.tokens[pos] = replacement
            parts.final = pos if was_final else parts.final
        pos += 1


def person_parts(segs: list[Segment]) -> Parts:
    """Tokens of a person's name: reordered by its comma, titles and suffixes removed, phrases merged.

    ``"AL ZAWAHIRI, Dr. Ayman"`` -> tokens ``["ayman", "al", "zawahiri"]``, order hint 1,
    removed ``["dr"]``.
    """
    parts = ordered_parts(segs, reorder=True)
    _strip_titles(parts)
    _strip_suffixes(parts)
    merge_phrases(parts)
    return parts


def _strip_suffixes(parts: Parts) -> None:
    """Remove generational suffixes wherever they stand ("Maslov III", "KNOWLES, JR., Samuel", "II Maslov"),
    so the parts of a name do not depend on where a suffix was written; a name made only of suffixes keeps
    them."""
    known = suffixes()
    if all(token in known for token in parts.tokens):
        return
    pos = 0
    while pos < len(parts.tokens):
        if parts.tokens[pos] in known:
            parts.delete(pos, 1)
        else:
            pos += 1
