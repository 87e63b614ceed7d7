"""The stored form of an :class:`~kenning.news.model.ArticleResult`, and back.

The store keeps each article as ``Article.to_dict()`` and its pipeline output as ``ArticleResult.to_dict()``;
stories and reconciliation read them back as objects. ``model.py`` only writes dicts, so the reading half
lives here. Unknown keys are ignored and missing optional ones take their defaults, so results stored by
an older pipeline still load.
"""

from __future__ import annotations

from typing import Any

from kenning.errors import InputError
from kenning.news.article import Article
from kenning.news.model import ArticleResult, Claim, EntityLink, Mention, SanctionEvent, Span, Target

__all__ = ["claim_from_dict", "event_from_dict", "link_from_dict", "mention_from_dict", "result_from_dict",
           "span_from_dict"]


def span_from_dict(data: dict[str, Any] | None) -> Span | None:
    """A :class:`Span` from ``{"start", "end", "text"}``; None stays None."""
    if data is None:
        return None
    return Span(int(data["start"]), int(data["end"]), str(data["text"]))


def _span(data: dict[str, Any]) -> Span:
    span = span_from_dict(data)
    if span is None:
        raise InputError("a stored span is missing")
    return span


def link_from_dict(data: dict[str, Any]) -> EntityLink:
    """An :class:`EntityLink` from its dict."""
    return EntityLink(id=str(data["id"]), dataset=str(data.get("dataset", "")),
                      source_id=str(data.get("source_id", "")), score=float(data.get("score", 0.0)),
                      caption=str(data.get("caption", "")), schema=str(data.get("schema", "")),
                      evidence=dict(data.get("evidence") or {}))


def mention_from_dict(data: dict[str, Any]) -> Mention:
    """A :class:`Mention` from its dict."""
    return Mention(text=data["text"], label=data["label"], start=int(data["start"]), end=int(data["end"]),
                   sentence=int(data.get("sentence", 0)), role=data.get("role"),
                   role_span=span_from_dict(data.get("role_span")), country=data.get("country"),
                   refers_to=data.get("refers_to"),
                   links=[link_from_dict(link) for link in data.get("links") or []])


def _target(data: dict[str, Any]) -> Target:
    return Target(name=data["name"], role=data.get("role"),
                  links=[link_from_dict(link) for link in data.get("links") or []],
                  mention=data.get("mention"), span=span_from_dict(data.get("span")))


def event_from_dict(data: dict[str, Any]) -> SanctionEvent:
    """A :class:`SanctionEvent` from its dict."""
    return SanctionEvent(
        authority=data.get("authority") or "unknown", authority_country=data.get("authority_country"),
        date=data.get("date"), date_text=data.get("date_text"), date_approx=bool(data.get("date_approx")),
        measures=list(data.get("measures") or []), reason=data.get("reason"), program=data.get("program"),
        targets=[_target(t) for t in data.get("targets") or []],
        evidence=[_span(s) for s in data.get("evidence") or []],
        target_description=data.get("target_description"), target_count=data.get("target_count"),
        announced_by=data.get("announced_by"), background=bool(data.get("background")),
        type=data.get("type") or "sanction")


def claim_from_dict(data: dict[str, Any]) -> Claim:
    """A :class:`Claim` from its dict."""
    return Claim(subject=data["subject"], predicate=data["predicate"], value=data["value"],
                 normalized=data.get("normalized"), evidence=_span(data["evidence"]),
                 kind=data.get("kind") or "fact")


def result_from_dict(article: Article, data: dict[str, Any]) -> ArticleResult:
    """The :class:`ArticleResult` of ``article`` that ``ArticleResult.to_dict()`` wrote as ``data``."""
    try:
        return ArticleResult(
            article=article,
            sentences=[_span(s) for s in data.get("sentences") or []],
            mentions=[mention_from_dict(m) for m in data.get("mentions") or []],
            events=[event_from_dict(e) for e in data.get("events") or []],
            claims=[claim_from_dict(c) for c in data.get("claims") or []],
            timings=dict(data.get("timings") or {}))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"stored result of article {article.id} cannot be read: {exc!r}") from exc
