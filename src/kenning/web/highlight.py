"""Highlighting without markup: a text cut into (piece, marked) parts that the template escapes one by one.

Templates print each part escaped and wrap the marked ones in ``<mark>``; no HTML is ever built from
article text, so a report carrying ``<script>`` shows it as text.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Part", "highlight", "linked_parts", "sentence_parts"]

#: (text, marked)
Part = tuple[str, bool]


def _merged(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    clean = sorted((max(0, s), min(length, e)) for s, e in spans if min(length, e) > max(0, s))
    merged: list[tuple[int, int]] = []
    for start, end in clean:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, spans: Iterable[tuple[int, int]]) -> list[Part]:
    """``text`` cut at ``spans`` (character offsets into ``text``; overlapping or out-of-range spans are
    merged and clipped), marked parts flagged True; joining the parts gives ``text`` back."""
    parts: list[Part] = []
    pos = 0
    for start, end in _merged(spans, len(text)):
        if start > pos:
            parts.append((text[pos:start], False))
        parts.append((text[start:end], True))
        pos = end
    if pos < len(text) or not parts:
        parts.append((text[pos:], False))
    return parts


def sentence_parts(sentence: str, sentence_start: int, spans: Iterable[tuple[int, int]]) -> list[Part]:
    """A sentence with mentions marked, the spans given as offsets into the whole article."""
    return highlight(sentence, ((s - sentence_start, e - sentence_start) for s, e in spans))


def linked_parts(text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """``text`` cut at labelled spans: (piece, label) with None between spans. A span overlapping an
    earlier one (by start, the longer first) is dropped; joining the pieces gives ``text`` back."""
    parts: list[tuple[str, str | None]] = []
    pos = 0
    for start, stop, label in sorted(spans, key=lambda s: (s[0], -s[1])):
        end = min(stop, len(text))
        if start < pos or end <= start:
            continue
        if start > pos:
            parts.append((text[pos:start], None))
        parts.append((text[start:end], label))
        pos = end
    if pos < len(text) or not parts:
        parts.append((text[pos:], None))
    return parts
