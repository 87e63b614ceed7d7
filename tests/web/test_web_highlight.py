"""Highlighting cuts text into escaped parts; it never builds markup from the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kenning.web.highlight import highlight, linked_parts, sentence_parts
from kenning.web.templating import TEMPLATES


def test_marks_the_mention() -> None:
    text = "The U.S. Treasury sanctioned Defence Minister Sadio Camara on Monday."
    start = text.index("Sadio Camara")
    assert highlight(text, [(start, start + 12)]) == [
        ("The U.S. Treasury sanctioned Defence Minister ", False), ("Sadio Camara", True), (" on Monday.", False)]


def test_offsets_into_the_article() -> None:
    assert sentence_parts("Camara said.", 100, [(100, 106)]) == [("Camara", True), (" said.", False)]


def test_overlapping_and_out_of_range_spans() -> None:
    assert highlight("abcdef", [(4, 99), (1, 3), (2, 4), (-5, 0)]) == [("a", False), ("bcdef", True)]
    assert highlight("", []) == [("", False)]


@given(st.text(), st.lists(st.tuples(st.integers(-5, 40), st.integers(-5, 40)), max_size=6))
def test_parts_join_back_to_the_text(text: str, spans: list[tuple[int, int]]) -> None:
    parts = highlight(text, spans)
    assert "".join(p for p, _ in parts) == text
    assert all(p for p, marked in parts if marked)


def test_template_escapes_every_part() -> None:
    template = TEMPLATES.env.from_string('{% from "_macros.html" import highlighted %}{{ highlighted(parts) }}')
    html = template.render(parts=highlight("<script>alert(1)</script> & Camara", [(28, 34)]))
    assert html == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>Camara</mark>"


def test_linked_parts_keep_the_first_of_overlapping_spans() -> None:
    text = "Sadio Camara met Wagner."
    parts = linked_parts(text, [(17, 23, "w"), (0, 12, "c"), (6, 12, "x"), (-3, 2, "neg"), (20, 99, "late")])
    assert parts == [("Sadio Camara", "c"), (" met ", None), ("Wagner", "w"), (".", None)]


@given(st.text(), st.lists(st.tuples(st.integers(-5, 40), st.integers(-5, 40), st.text(max_size=2)), max_size=6))
def test_linked_parts_join_back_to_the_text(text: str, spans: list[tuple[int, int, str]]) -> None:
    assert "".join(p for p, _ in linked_parts(text, spans)) == text
