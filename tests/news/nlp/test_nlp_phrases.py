"""Phrase tables: folding, the casing rules and longest-leftmost matching."""

from __future__ import annotations

from kenning.news.nlp.phrases import PhraseTable, fold, is_name_cased


def test_fold_lowers_strips_accents_and_unifies_apostrophes() -> None:
    assert fold("Côte") == "cote"
    assert fold("d’Ivoire") == "d'ivoire"
    assert fold("MASLOV") == "maslov"


def test_name_casing_allows_connectors_and_glued_particles() -> None:
    assert is_name_cased(["Bank", "of", "Iran"])
    assert is_name_cased(["Côte", "d’Ivoire"])
    assert is_name_cased(["al-Qaida"])
    assert is_name_cased(["ISLAMIC", "STATE"])
    assert not is_name_cased(["islamic", "state"])
    assert not is_name_cased(["of", "the"])


def test_table_finds_longest_phrase_with_the_right_casing() -> None:
    table: PhraseTable[str] = PhraseTable()
    table.add(["Wagner", "Group"], "ORG")
    table.add(["Private", "Military", "Company", "Wagner", "Group"], "ORG-LONG")
    table.add(["CAR"], "GPE", exact=True)
    words = ["the", "Private", "Military", "Company", "Wagner", "Group", "in", "CAR", "and", "a", "car"]
    found = table.find(words)
    assert [(m.start, m.end, m.payload) for m in found] == [(1, 6, "ORG-LONG"), (7, 8, "GPE")]
    assert table.get(["wagner", "group"]) is None
    assert table.get(["WAGNER", "GROUP"]) == "ORG"
    assert table.get(["Car"]) is None


def test_first_payload_wins() -> None:
    table: PhraseTable[str] = PhraseTable()
    table.add(["Georgia"], "GPE")
    table.add(["Georgia"], "PERSON")
    assert table.get(["Georgia"]) == "GPE"
    assert len(table) == 1
