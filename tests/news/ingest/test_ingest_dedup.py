"""Exact and near-duplicate recognition between reports."""

from __future__ import annotations

from pathlib import Path

from kenning.news.fingerprints import hamming, jaccard, shingles, simhash
from kenning.news.ingest.collect import find_duplicates, ingest_file, ingest_text

SEEDS = Path(__file__).resolve().parents[3] / "data" / "news" / "seeds"
SEED_000 = SEEDS / "000_e3adef94a2369754.txt"
SEED_001 = SEEDS / "001_3223975ce75752ba.txt"


def test_same_report_reformatted_is_an_exact_duplicate() -> None:
    original = ingest_file(SEED_000)
    reflowed = ingest_text(original.text.replace("\n", "\n\n").replace("“", '"'), "copy.txt")
    assert reflowed.text != original.text
    assert find_duplicates([original, reflowed]) == [(original.id, reflowed.id, "exact", 1.0)]


def test_a_changed_sentence_makes_a_near_duplicate() -> None:
    original = ingest_file(SEED_001)
    sentence = "Wagner has been seen for years as an armed extension of Moscow's influence in several " \
               "African countries."
    assert sentence in original.text
    edited = ingest_text(original.text.replace(sentence, "Analysts describe the group as a tool of the "
                                               "Kremlin across the Sahel."), "edited.txt")
    pairs = find_duplicates([original, edited])
    assert len(pairs) == 1
    a, b, kind, similarity = pairs[0]
    assert (a, b, kind) == (original.id, edited.id, "near")
    assert 0.8 < similarity < 1.0
    assert hamming(int(original.fingerprint, 16), int(edited.fingerprint, 16)) <= 10


def test_the_two_seed_reports_are_not_duplicates() -> None:
    first, second = ingest_file(SEED_000), ingest_file(SEED_001)
    assert find_duplicates([first, second]) == []
    assert jaccard(shingles(first.text), shingles(second.text)) < 0.1
    assert hamming(int(first.fingerprint, 16), int(second.fingerprint, 16)) > 18


def test_short_texts_and_fingerprint_are_deterministic() -> None:
    assert shingles("Two words") == {"two words"}
    assert shingles("") == set()
    assert simhash("Treasury sanctions officials") == simhash("treasury, sanctions; officials!")
