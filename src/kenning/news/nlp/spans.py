"""From token offsets to the records of the NLP stage: sentence spans and mentions (any language)."""

from __future__ import annotations

from kenning.news.model import Mention, Span
from kenning.news.nlp.ents import Ent, Tokens

__all__ = ["sentence_spans", "to_mention"]


def sentence_spans(toks: Tokens) -> tuple[list[Span], list[int]]:
    """Sentence spans (whitespace-trimmed) and, for each token, the index of its sentence."""
    spans: list[Span] = []
    of_token = [0] * len(toks)
    i = 0
    while i < len(toks):
        start, end = toks[i].sent_start, toks[i].sent_end
        raw = toks.span_text(start, end)
        text = raw.strip()
        if text:
            first = toks[start].idx + (len(raw) - len(raw.lstrip()))
            spans.append(Span(first, first + len(text), text))
        of_token[start:end] = [max(len(spans) - 1, 0)] * (end - start)
        i = max(end, i + 1)
    return spans, of_token


def to_mention(toks: Tokens, ent: Ent, sentence: int) -> Mention:
    start, end = toks.char_span(ent.start, ent.end)
    role = role_span = None
    if ent.role_start is not None and ent.role_end is not None:
        rstart, rend = toks.char_span(ent.role_start, ent.role_end)
        role_span = Span(rstart, rend, toks.text[rstart:rend])
        role = ent.role_text or role_span.text
    refers = ent.refers_to.text(toks) if ent.refers_to is not None else None
    return Mention(text=toks.text[start:end], label=ent.label, start=start, end=end, sentence=sentence,
                   role=role, role_span=role_span, country=ent.country, refers_to=refers)
