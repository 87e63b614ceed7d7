"""Long reports through spaCy in parts: the parts join back into the text, and the joined document has the
offsets of the whole report, whatever its length (spaCy alone refuses over ``nlp.max_length``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kenning.news.article import Article
from kenning.news.nlp import annotate, resources
from kenning.news.nlp import parts as parts_module
from kenning.news.nlp.parts import parse, split_parts
from testkit import REPO

SEED = REPO / "data" / "news" / "seeds" / "001_3223975ce75752ba.txt"


@given(st.text(alphabet=st.sampled_from("ab .\n\té"), max_size=3000), st.integers(min_value=2, max_value=400))
@settings(max_examples=300, deadline=None)
def test_parts_cover_the_text_exactly_within_the_limit(text: str, limit: int) -> None:
    parts = split_parts(text, limit)
    assert "".join(parts) == text
    assert all(len(p) <= limit for p in parts)


def test_parts_are_cut_at_paragraphs_when_they_can_be() -> None:
    text = "\n\n".join(f"Paragraph {n} " + "word " * 30 for n in range(40))
    for part in split_parts(text, 1000)[:-1]:
        assert part.endswith("\n\n")


@pytest.mark.slow
def test_a_report_longer_than_spacy_allows_is_annotated(monkeypatch: pytest.MonkeyPatch) -> None:
    text = SEED.read_text(encoding="utf-8").split("\n\n", 1)[1]
    long_text = "\n\n".join([text] * 12)
    res = resources()
    monkeypatch.setattr(res.nlp, "max_length", 4 * len(text))  # as if the report were over 1,000,000 characters
    monkeypatch.setattr(parts_module, "PART_CHARS", 2 * len(text))
    doc = parse(res.nlp, long_text)
    assert doc.text == long_text
    result = annotate(Article.create(long_text, "long"), res)
    assert result.mentions and all(long_text[m.start:m.end] == m.text for m in result.mentions)
    camara = [m for m in result.mentions if m.text == "Sadio Camara"]
    assert len(camara) == 12 * len([m for m in annotate(Article.create(text, "one"), res).mentions
                                    if m.text == "Sadio Camara"])
