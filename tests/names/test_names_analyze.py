"""The matcher's entry point, on real names of the bundled lists."""

from __future__ import annotations

import dataclasses
import time

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kenning.names import NameAnalysis, analyze, normalize
from kenning.names.parts import name_phrases, suffixes, titles


def test_cyrillic_name_equals_its_list_spelling() -> None:
    native = analyze("Виталий Викторович Перфильев", "Person")
    listed = analyze("PERFILEV, Vitalii Viktorovitch", "Person")
    assert native.script == "Cyrillic"
    assert listed.script == "Latin"
    assert sorted(native.canonical) == sorted(listed.canonical) == ["perfilev", "viktorovich", "vitaly"]
    assert sorted(native.phonetic) == sorted(listed.phonetic)


def test_short_spelling_shares_keys() -> None:
    short = analyze("Perfilyev Vitaly", "Person")
    listed = analyze("PERFILEV, Vitalii Viktorovitch", "Person")
    assert set(short.canonical) <= set(listed.canonical)
    assert set(short.phonetic) <= set(listed.phonetic)


def test_arabic_muhammad() -> None:
    assert analyze("محمد", "Person").canonical == analyze("Mohammed", "Person").canonical == ("muhammad",)
    assert analyze("محمد", "Person").script == "Arabic"


def test_homoglyph_name_equals_plain_name() -> None:
    assert analyze("Sаdio Cаmara", "Person").tokens == analyze("Sadio Camara", "Person").tokens


def test_analysis_fields_are_parallel_and_frozen() -> None:
    result = analyze("Usama bin Muhammad bin Awad BIN LADIN", "Person")
    assert isinstance(result, NameAnalysis)
    n = len(result.tokens)
    assert len(result.canonical) == len(result.phonetic) == len(result.weak) == n
    assert result.canonical[0] == "usama"
    assert result.kind == "person"
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.tokens = ()  # type: ignore[misc]


def test_empty_and_junk_names() -> None:
    for junk in ("", "   ", "🙂🙂", "\x00\u200b"):
        result = analyze(junk, "Person")
        assert result.is_empty
        assert result.normalized == ""
        assert result.tokens == ()


def test_long_name_is_fast() -> None:
    start = time.perf_counter()
    result = analyze("Sadio CAMARA " * 800, "Person")
    assert time.perf_counter() - start < 0.05
    assert result.tokens[:2] == ("sadio", "camara")


def test_vessel_keeps_everything() -> None:
    result = analyze("CAPTAIN MOHAMMED II", "Vessel")
    assert result.tokens == ("captain", "mohammed", "ii")
    assert result.canonical == ("captain", "muhammad", "ii")


NAME_PART = st.text(alphabet=st.characters(categories=["Lu", "Ll"]), min_size=1, max_size=10)


def _read_by_position(part: str) -> bool:
    """Words whose reading depends on where they stand by design: a title only in title position ("Haji",
    "Major", "Sir"), and the first word of a merged phrase ("abd al" is one part, "al abd" two)."""
    return any(token in titles() or token in name_phrases() for token in normalize(part).split())


@settings(max_examples=200, deadline=None)
@given(st.lists(NAME_PART, min_size=1, max_size=5))
def test_person_token_bag_is_order_invariant(parts: list[str]) -> None:
    assume(not any(_read_by_position(p) for p in parts))
    forward = analyze(" ".join(parts), "Person")
    backward = analyze(" ".join(reversed(parts)), "Person")
    comma = analyze(f"{parts[-1]}, {' '.join(parts[:-1])}", "Person") if len(parts) > 1 else forward
    assert sorted(forward.canonical) == sorted(backward.canonical)
    assert sorted(forward.canonical) == sorted(comma.canonical)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.sampled_from(["Person", "Company", "LegalEntity", "Vessel", "Thing"]))
def test_analyze_never_crashes(text: str, schema: str) -> None:
    result = analyze(text, schema)
    assert len(result.tokens) == len(result.canonical) == len(result.weak) == len(result.phonetic)
    assert all(tok.isascii() and tok.isalnum() for tok in result.tokens)
    assert result.is_weak_only == (bool(result.tokens) and all(result.weak))


@pytest.mark.parametrize("suffix", sorted(suffixes()))
def test_a_suffix_is_read_the_same_wherever_it_stands(suffix: str) -> None:
    """Generational suffixes, in every position of names of one to four parts, with and without a comma."""
    for words in (["Ivan"], ["Sadio", "Camara"], ["Ivan", "Aleksandrovich", "Maslov"],
                  ["Hilarion", "del", "Rosario", "Santos"]):
        plain = sorted(analyze(" ".join(words), "Person").canonical)
        for at in range(len(words) + 1):
            written = [*words[:at], suffix.upper(), *words[at:]]
            assert sorted(analyze(" ".join(written), "Person").canonical) == plain, written
        assert sorted(analyze(f"{words[-1]}, {' '.join(words[:-1])} {suffix}", "Person").canonical) == plain
    assert analyze(suffix, "Person").tokens == (suffix,)
