"""Writing systems: which script a letter belongs to, look-alike letters, and romanisation via ICU.

Everything here works on one word at a time and is cached, because names repeat their words:
the script of each code point is looked up once, each ICU transliterator is created once (and used
under a lock, as ICU transliterators are not safe to share between threads), and each word is
romanised once.
"""

from __future__ import annotations

import threading
from collections import Counter
from functools import lru_cache

import icu

from kenning.errors import ConfigError
from kenning.names._data import read_csv, read_yaml
from kenning.names.hangul import romanize_hangul

__all__ = ["confusable_latin", "dominant_script", "latin_lookalike", "romanize_word", "script_of"]

_LATIN = "Latin"
_HANGUL = "Hangul"
_SCRIPT_CACHE: dict[str, str | None] = {}
_TRANSLITERATORS: dict[str, icu.Transliterator] = {}
_LOCK = threading.Lock()
_SPOOF: list[icu.SpoofChecker] = []


def script_of(char: str) -> str | None:
    """ICU name of the script of a letter or digit (``"Cyrillic"``), ``None`` for shared characters.

    Characters used by every script (digits, punctuation: ICU's "Common" and "Inherited") count
    for none.
    """
    try:
        return _SCRIPT_CACHE[char]
    except KeyError:
        name = icu.Script.getScript(char).getName()
        value = None if name in ("Common", "Inherited", "Unknown") else name
        _SCRIPT_CACHE[char] = value
        return value


def _script_counts(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            script = _LATIN if char.isascii() else script_of(char)
            if script is not None:
                counts[script] += 1
    return counts


def dominant_script(text: str) -> str:
    """The script of most letters of ``text`` (``"Latin"``, ``"Cyrillic"``, ``"Arabic"``, ``"Han"``...).

    Ties go to the script met first. ``"Common"`` when the text has no letter of any script.
    """
    if text.isascii():
        return _LATIN if any(char.isalpha() for char in text) else "Common"
    counts = _script_counts(text)
    return counts.most_common(1)[0][0] if counts else "Common"


def _parse_code(value: str) -> str:
    if len(value) != 1:
        raise ConfigError(f"homoglyphs.csv: {value!r} is not one character")
    return value


@lru_cache(maxsize=1)
def _homoglyphs() -> tuple[dict[int, str], dict[str, dict[int, str]]]:
    """(other script -> Latin) translate table, and per script the (Latin -> script) table."""
    to_latin: dict[int, str] = {}
    from_latin: dict[str, dict[int, str]] = {}
    for row in read_csv("homoglyphs.csv", ("char", "latin", "script")):
        char, latin = _parse_code(row["char"]), _parse_code(row["latin"])
        for other, lat in ((char, latin), (char.upper(), latin.upper())):
            if len(other) == 1:
                to_latin.setdefault(ord(other), lat)
        reverse = from_latin.setdefault(row["script"], {})
        reverse.setdefault(ord(latin), char)
        reverse.setdefault(ord(latin.upper()), char.upper() if len(char.upper()) == 1 else char)
    return to_latin, from_latin


@lru_cache(maxsize=1)
def _script_settings() -> tuple[str, dict[str, str], frozenset[str]]:
    """(default transliterator id, per-script ids, syllabic scripts) from ``scripts.yml``."""
    data = read_yaml("scripts.yml")
    default, scripts = data.get("default"), data.get("scripts")
    if not isinstance(default, str) or not isinstance(scripts, dict):
        raise ConfigError("scripts.yml needs a 'default' id and a 'scripts' mapping")
    return default, {str(k): str(v) for k, v in scripts.items()}, frozenset(data.get("syllabic") or ())


@lru_cache(maxsize=1)
def _kept_letters() -> dict[str, dict[int, str]]:
    """Per script, romanised marks kept as Latin letters (``scripts.yml`` ``letters``)."""
    data = read_yaml("scripts.yml").get("letters") or {}
    return {str(script): {ord(str(k)): str(v) for k, v in table.items()} for script, table in data.items()}


def _transliterate(text: str, script: str) -> str:
    default, per_script, _ = _script_settings()
    rule = per_script.get(script, default)
    with _LOCK:
        translit = _TRANSLITERATORS.get(rule)
        if translit is None:
            try:
                translit = icu.Transliterator.createInstance(rule)
            except icu.ICUError as exc:
                raise ConfigError(f"scripts.yml: ICU has no transliterator {rule!r}: {exc}") from exc
            _TRANSLITERATORS[rule] = translit
        try:
            result: str = translit.transliterate(text)
        except icu.ICUError:  # a script ICU cannot convert (e.g. Medefaidrin): keep what is already Latin
            return "".join(ch for ch in text if ch.isascii())
    return result


def _skeleton(text: str) -> str:
    """The Unicode UTS #39 confusable skeleton of ``text`` (ICU's spoof checker, created once)."""
    with _LOCK:
        if not _SPOOF:
            _SPOOF.append(icu.SpoofChecker())
        try:
            skeleton: str = _SPOOF[0].getSkeleton(0, text)
        except icu.ICUError:  # a lone surrogate or another unmappable code point: it looks like nothing
            return text
    return skeleton


@lru_cache(maxsize=4096)
def latin_lookalike(char: str) -> str | None:
    """The lower-case ASCII letter that ``char`` (a letter of any script) is visually confusable
    with, by Unicode's UTS #39 confusables (the skeleton of the letter or of its capital), else by
    ``homoglyphs.csv``; the letter itself when it is ASCII; ``None`` when it looks like no Latin letter.

    ``"а"`` (Cyrillic) -> ``"a"``; ``"ѕ"`` -> ``"s"``; ``"н"`` (like ``H``) -> ``"h"``; ``"д"`` -> ``None``.
    """
    if char.isascii():
        return char.lower() if char.isalpha() else None
    for form in (char, char.upper()):
        skeleton = _skeleton(form)
        if len(skeleton) == 1 and skeleton.isascii() and skeleton.isalpha():
            # UTS #39 writes capital I as its prototype l: a capital that looks like "l" is an I.
            return "i" if skeleton == "l" and form.isupper() else skeleton.lower()
    fallback = _homoglyphs()[0].get(ord(char))
    return fallback.lower() if fallback else None


@lru_cache(maxsize=1 << 16)
def confusable_latin(word: str) -> str | None:
    """``word`` read as Latin when every letter of it is Latin or looks like a Latin letter, else ``None``.

    This is how a homoglyph attack is undone: "Ѕаdіо" (Cyrillic Ѕ, а, і, о around a Latin d) reads
    "sadio". Words with a letter that resembles no Latin letter ("Путин") give ``None``. Case is kept.
    """
    out = []
    for char in word:
        if not char.isalpha():
            out.append(char)
            continue
        latin = latin_lookalike(char)
        if latin is None:
            return None
        out.append(latin.upper() if char.isupper() else latin)
    return "".join(out)


def _fix_homoglyphs(word: str, counts: Counter[str]) -> tuple[str, str]:
    """Repair a mixed-script word; return (word, main script).

    A word whose letters all look Latin is read as Latin, whatever script most of its letters belong to
    ("Ѕаdіо": four Cyrillic look-alikes and one Latin d -> "sadio"): no real word mixes Latin with another
    script. Otherwise stray letters are mapped to the word's main script: "Пyтин" (Latin "y" in a
    Cyrillic word) becomes "Путин". Letters without a look-alike are left for transliteration.
    """
    main = counts.most_common(1)[0][0]
    if len(counts) == 1:
        return word, main
    if _LATIN in counts:
        latin = confusable_latin(word)
        if latin is not None:
            return latin, _LATIN
    to_latin, from_latin = _homoglyphs()
    if main == _LATIN:
        return word.translate(to_latin), main
    reverse = from_latin.get(main)
    return (word.translate(reverse) if reverse else word), main


@lru_cache(maxsize=1 << 17)
def romanize_word(word: str) -> str:
    """One word (no whitespace) in any script, as Latin ASCII; case and punctuation are kept.

    Mixed-script words are first repaired (see :func:`_fix_homoglyphs`); then the transliterator
    that ``scripts.yml`` names for the word's main script is applied. Hangul is romanised as the lists
    write Korean names (:mod:`kenning.names.hangul`); other syllabic scripts (Han) are romanised one
    character at a time and regrouped as surname + joined given name when the word has 2 or 3
    characters. Characters that have no ASCII form are dropped.
    """
    if word.isascii():
        return word
    counts = _script_counts(word)
    if not counts:
        return _transliterate(word, "Common").encode("ascii", "ignore").decode("ascii")
    word, main = _fix_homoglyphs(word, counts)
    if main == _LATIN and word.isascii():
        return word
    if main == _HANGUL:
        return romanize_hangul(word)
    if main in _script_settings()[2]:
        syllables = [_transliterate(char, main).strip() for char in word]
        syllables = [s for s in syllables if s]
        if 2 <= len(syllables) <= 3 and len(syllables) == len(word):
            syllables = [syllables[0], "".join(syllables[1:])]
        latin = " ".join(syllables)
    else:
        latin = _transliterate(word, main).translate(_kept_letters().get(main, {}))
    return latin.encode("ascii", "ignore").decode("ascii")
