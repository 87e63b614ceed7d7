"""Input robustness of the name layer, tested by class over many generated names: invisible characters
anywhere, look-alike letters of other scripts, Hangul as the lists romanise it, suffixes and honorifics
weak wherever they stand, and the part written last remembered."""

from __future__ import annotations

import random
from pathlib import Path

import icu
import pytest
import yaml

from kenning.names import analyze, lookalike_reading, normalize, revised_reading
from kenning.names.canonical import given_name_table
from kenning.names.hangul import romanize_hangul

RULES = yaml.safe_load((Path(__file__).resolve().parents[2] / "bench" / "data" / "robust_rules.yml")
                       .read_text(encoding="utf-8"))


def _names(n: int, seed: int) -> list[str]:
    """Realistic two- and three-part Latin names made of the given-name table's spellings."""
    rng = random.Random(seed)
    words = sorted(w for w in set(given_name_table()) if w.isalpha() and 4 <= len(w) <= 10)
    return [" ".join(rng.choice(words).title() for _ in range(rng.choice((2, 3)))) for _ in range(n)]


def _ignorable() -> list[str]:
    found = icu.UnicodeSet("[:Default_Ignorable_Code_Point:]")
    points = [p for i in range(found.getRangeCount())
              for p in range(ord(found.getRangeStart(i)), ord(found.getRangeEnd(i)) + 1)]
    return [chr(p) for p in points]


def test_every_default_ignorable_character_vanishes_inside_a_part() -> None:
    rng = random.Random(7)
    invisible = _ignorable()
    assert len(invisible) > 4000
    for name in _names(400, 1):
        words = name.split()
        at = rng.randrange(len(words))
        cut = rng.randrange(1, len(words[at]))
        words[at] = words[at][:cut] + "".join(rng.sample(invisible, 2)) + words[at][cut:]
        assert normalize(" ".join(words)) == normalize(name), (name, words)


def _lookalike(word: str, rng: random.Random, share: float) -> str:
    table = RULES["homoglyphs"]
    return "".join(rng.choice(table[ch]) if ch in table and rng.random() < share else ch for ch in word)


def test_a_part_mostly_in_look_alike_letters_reads_as_the_latin_part() -> None:
    rng = random.Random(11)
    checked = 0
    for name in _names(400, 2):
        words = name.split()
        at = rng.randrange(len(words))
        words[at] = _lookalike(words[at], rng, 0.9)
        if words[at] == name.split()[at]:
            continue
        checked += 1
        assert normalize(" ".join(words)) == normalize(name), (name, words)
    assert checked > 300


def test_a_name_wholly_in_look_alike_letters_gets_its_latin_reading() -> None:
    rng = random.Random(13)
    table = RULES["homoglyphs"]
    words = sorted(w.upper() for w in given_name_table() if w.isalpha() and all(ch.upper() in table for ch in w))
    assert len(words) > 20
    for _ in range(200):
        name = " ".join(rng.sample(words, 2))
        spoofed = "".join(rng.choice(table[ch]) if ch in table else ch for ch in name)
        assert normalize(lookalike_reading(spoofed) or "") == normalize(name), (name, spoofed)
    assert lookalike_reading("Путин") is None and lookalike_reading("Sadio") is None


@pytest.mark.parametrize(("hangul", "listed"), [
    ("김정은", "kim jong un"), ("김여정", "kim yo jong"), ("리영호", "ri yong ho"), ("최룡해", "choe ryong hae"),
    ("박봉주", "pak pong ju"), ("리선권", "ri son kwon"), ("신금철", "sin kum chol"), ("리창호", "ri chang ho"),
])
def test_hangul_reads_as_the_lists_write_korean_names(hangul: str, listed: str) -> None:
    assert normalize(hangul) == listed
    assert romanize_hangul(hangul).split(" ", 1)[0] == listed.split(maxsplit=1)[0]


@pytest.mark.parametrize(("arabic", "latin"), [("علي", "aly"), ("عمر", "amr"), ("عبد الله", "abd allh"),
                                                ("سعيد", "sayd")])
def test_the_arabic_ayn_is_kept_as_the_vowel_the_lists_write(arabic: str, latin: str) -> None:
    assert normalize(arabic) == latin


@pytest.mark.parametrize("schema", ["Person", "Thing", "LegalEntity"])
def test_suffixes_and_honorifics_are_weak_wherever_they_stand(schema: str) -> None:
    rng = random.Random(17)
    marks = ["jr", "sr", "ii", "iii", "iv", "mr", "dr", "sheikh"]
    for name in _names(200, 4):
        words = name.split()
        mark = rng.choice(marks)
        words.insert(rng.randrange(1, len(words) + 1), mark.title())
        analysis = analyze(" ".join(words), schema)
        strong = {t for t, weak in zip(analysis.tokens, analysis.weak, strict=True) if not weak}
        assert mark not in strong, (words, analysis.tokens, analysis.weak)


@pytest.mark.parametrize(("name", "last"), [
    ("PRIGOZHIN, Yevg", "yevg"), ("Yevgeniy Prig", "prig"), ("Sadio Camara Jr.", None), ("CAMARA, Sadio, Jr.", None),
    ("Abd al Rahman Yevg", "yevg"),
])
def test_the_part_written_last_is_remembered(name: str, last: str | None) -> None:
    analysis = analyze(name, "Person")
    assert (None if analysis.final is None else analysis.tokens[analysis.final]) == last


@pytest.mark.parametrize(("revised", "listed"), [("Gim Jeong-eun", "kim jong-un"), ("Bak Bong-ju", "pak pong-ju"),
                                                 ("Hyeon Yeong-cheol", "hyon yong-chol"),
                                                 ("Singeumcheol", "sin kum-chol"), ("Choe Ryong-hae", None),
                                                 ("Maria Garcia", None), ("Mohamed", None)])
def test_the_revised_romanization_reads_as_the_lists_write_korean_names(revised: str, listed: str | None) -> None:
    assert revised_reading(revised) == listed


def test_names_that_are_not_korean_get_no_revised_reading() -> None:
    """Most given names and surnames of other languages do not split into Korean syllables at all."""
    names = sorted(w for w in set(given_name_table()) if w.isalpha() and len(w) >= 4)
    read = [n for n in names if revised_reading(n.title()) is not None]
    assert len(read) / len(names) < 0.005, read[:20]
    rng = random.Random(5)
    pairs = [f"{rng.choice(names).title()} {rng.choice(names).title()}" for _ in range(2000)]
    assert sum(revised_reading(p) is not None for p in pairs) / len(pairs) < 0.005
    assert revised_reading("Kim Jong Un") is None  # already the lists' spelling
