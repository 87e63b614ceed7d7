"""Normalisation of name strings: one clean, lower-case, Latin-ASCII form for every way of writing a name.

Steps, in order (each documented on the function that does it):

1. cut the input to :data:`MAX_INPUT_CHARS` characters, so a 10,000-character string costs no more
   than a long name;
2. Unicode NFKC (full-width letters, ligatures, compatibility forms become plain letters);
3. one ``str.translate`` pass driven by ``data/characters.yml`` and the Unicode categories: whitespace
   (tabs and line breaks too) to spaces; controls, format characters and every *default ignorable*
   code point of Unicode (zero-width spaces and joiners, soft hyphens, bidi marks, variation selectors,
   fillers, tags: invisible wherever they stand, so a word they split is whole again) deleted;
   apostrophes deleted (``O'Brien`` -> ``obrien``); punctuation, symbols and separators turned into
   spaces; hyphens and commas marked;
4. case folding;
5. in a name with a Latin word, a word of another script whose letters all look like Latin letters
   (UTS #39 confusables: "Ѕаdіо Camara" in Cyrillic look-alikes) is read as the Latin word it imitates;
6. per word, cached: look-alike letters of a mixed-script word repaired and the word transliterated to
   Latin ASCII through ICU (:func:`kenning.names.scripts.romanize_word`).

The result contains only ``a-z``, ``0-9`` and single spaces, at most :data:`MAX_INPUT_CHARS` long,
so :func:`normalize` is idempotent. Empty, emoji-only and control-only inputs give ``""``: callers turn
that into a clear error.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

from kenning.errors import ConfigError
from kenning.names._data import read_yaml
from kenning.names.scripts import confusable_latin, latin_lookalike, romanize_word

__all__ = ["MAX_INPUT_CHARS", "join_words", "lookalike_reading", "normalize", "split_words", "transliterate",
           "word_tokens"]

#: Characters of input considered at most. Longer text is cut before any costly step; the longest
#: name in the bundled lists has 250 characters.
MAX_INPUT_CHARS = 500

_HYPHEN = "-"
_COMMA = ","
_DELETE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def _code_points(values: list[str], key: str) -> set[int]:
    points: set[int] = set()
    for value in values:
        try:
            start, _, end = str(value).partition("-")
            points.update(range(int(start, 16), int(end or start, 16) + 1))
        except ValueError as exc:
            raise ConfigError(f"characters.yml, {key}: {value!r} is not a code point or range") from exc
    return points


def _default_ignorable() -> set[int]:
    """Unicode's Default_Ignorable_Code_Point set (ICU's property data): characters that show nothing."""
    found = icu.UnicodeSet("[:Default_Ignorable_Code_Point:]")
    points: set[int] = set()
    for i in range(found.getRangeCount()):
        points.update(range(ord(found.getRangeStart(i)), ord(found.getRangeEnd(i)) + 1))
    return points


class _CleanTable(dict[int, "str | None"]):
    """A ``str.translate`` table that decides each code point's role on first sight, then remembers it."""

    def __init__(self) -> None:
        super().__init__()
        data = read_yaml("characters.yml")
        roles = {"invisible": None, "apostrophes": None, "hyphens": _HYPHEN, "commas": f" {_COMMA} "}
        self._fixed: dict[int, str | None] = dict.fromkeys(_default_ignorable())
        for key, role in roles.items():
            for point in _code_points(list(data.get(key) or ()), key):
                self._fixed[point] = role
        for point in range(128):
            self[point] = self._role(point)

    def _role(self, point: int) -> str | None:
        if point in self._fixed:
            return self._fixed[point]
        if chr(point).isspace():
            return " "
        category = unicodedata.category(chr(point))
        if category in _DELETE_CATEGORIES:
            return None
        if category[0] in "LMN":
            return chr(point)
        return " "

    def __missing__(self, point: int) -> str | None:
        role = self._role(point)
        self[point] = role
        return role


@lru_cache(maxsize=1)
def _table() -> _CleanTable:
    return _CleanTable()


@lru_cache(maxsize=4096)
def _before_nfkc(char: str) -> str:
    """A letter that NFKC would turn into another letter but that looks like a Latin one keeps its look:
    NFKC makes the Greek lunate sigma "ϲ" (a look-alike of c) a final sigma "ς", which looks like nothing."""
    if char.isascii() or not char.isalpha() or unicodedata.normalize("NFKC", char) == char:
        return char
    latin = latin_lookalike(char)
    return char if latin is None else (latin.upper() if char.isupper() else latin)


def _translate(text: str) -> str:
    """Steps 1-3: cut, NFKC, one translate pass. Keeps ``-`` and ``,`` as markers."""
    text = text[:MAX_INPUT_CHARS]
    if not text.isascii():
        text = unicodedata.normalize("NFKC", "".join(_before_nfkc(ch) for ch in text))
    return text.translate(_table())


def _clean(text: str) -> str:
    """Steps 1-4: cut, NFKC, one translate pass, case fold. Keeps ``-`` and ``,`` as markers."""
    return _translate(text).casefold()


@lru_cache(maxsize=1 << 18)
def word_tokens(word: str) -> tuple[str, ...]:
    """Tokens of one cleaned word (``-`` separates parts): Latin ASCII ``a-z0-9`` strings.

    ``"abd-al-rahman"`` -> ``("abd", "al", "rahman")``; ``"перфильев"`` -> ``("perfilyev",)``;
    ``"习近平"`` -> ``("xi", "jinping")``.
    """
    tokens: list[str] = []
    for part in word.split(_HYPHEN):
        if not part:
            continue
        if part.isascii():
            tokens.append(part)
            continue
        latin = romanize_word(part).translate(_table()).casefold()
        tokens.extend(tok for tok in latin.replace(_HYPHEN, " ").replace(_COMMA, " ").split() if tok)
    return tuple(tokens)


def _has_latin(word: str) -> bool:
    return any(ch.isascii() and ch.isalpha() for ch in word)


#: Where two words were written together, told by a change of case: "RajiFALHOUT", "KhalafSouleymane"
#: (three letters or more on the left, so "McDonald" and "DeLuca" stay whole).
_CASE_JOIN = re.compile(r"(?<=[^\W\d_]{3})(?<=[^\W\d_A-Z])(?=[A-Z][^\W\d_])")


def split_words(text: str) -> list[str]:
    """Cleaned words of ``text`` (steps 1-5), with ``","`` standing alone where a comma was.

    Hyphenated words stay one word (``"abd-al-rahman"``); :func:`word_tokens` splits and romanises them.
    Look-alikes are read in the letters' own case (Greek capital ``Ν`` looks like ``N``, small ``ν`` like ``v``).
    Words run together are split where the case changes from lower to upper ("RajiFALHOUT").
    """
    words = _CASE_JOIN.sub(" ", _translate(text)).split()
    if not all(word.isascii() for word in words) and any(_has_latin(word) for word in words):
        words = [word if word.isascii() else (confusable_latin(word) or word) for word in words]
    return [word.casefold() for word in words]


def lookalike_reading(text: str) -> str | None:
    """The Latin name that ``text`` imitates when every word of it is written in look-alike letters of
    another script ("ΡΑΜΖΑΝ" in Greek capitals), as a second reading beside its transliteration; else None."""
    words = [w for w in _translate(text).split() if w != _COMMA]
    if not words or all(word.isascii() for word in words):
        return None
    read = [confusable_latin(word) for word in words]
    if any(r is None for r in read):
        return None
    return " ".join(r for r in read if r)


def join_words(words: list[str]) -> str:
    """The normalised string of cleaned words (from :func:`split_words`), cut to :data:`MAX_INPUT_CHARS`."""
    out = " ".join(tok for word in words if word != _COMMA for tok in word_tokens(word))
    if len(out) <= MAX_INPUT_CHARS:
        return out
    return out[: MAX_INPUT_CHARS + 1].rsplit(" ", 1)[0]


def normalize(text: str) -> str:
    """The normalised form of a name: lower-case Latin ASCII words separated by single spaces.

    ``"CAMARA, Sadio"`` -> ``"camara sadio"``; ``"O'Brien"`` -> ``"obrien"``; ``"Sаdio"`` (Cyrillic
    ``а``) -> ``"sadio"``; ``"Виталий Перфильев"`` -> ``"vitaliy perfilyev"``; ``"🙂"`` -> ``""``.
    """
    return join_words(split_words(text))


@lru_cache(maxsize=1 << 16)
def _transliterate_word(word: str) -> str:
    return romanize_word(word)


def transliterate(text: str) -> str:
    """``text`` in Latin ASCII, keeping its case and punctuation: ``"Пригожин Е.В."`` -> ``"Prigozhin E.V."``.

    Invisible and control characters are removed and whitespace collapsed; each word is romanised
    with the ICU transliterator of its script (``data/scripts.yml``), after repairing look-alike
    letters of mixed-script words. Cut to :data:`MAX_INPUT_CHARS` characters.
    """
    text = unicodedata.normalize("NFKC", text[:MAX_INPUT_CHARS])
    table = _table()
    kept = "".join(ch for ch in text if ch.isspace() or table[ord(ch)] is not None or ch in "'`")
    return " ".join(w for w in (_transliterate_word(w) for w in kept.split()) if w)
