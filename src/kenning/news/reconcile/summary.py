"""The summary a story report opens with: who was sanctioned, by whom and when, checked against the lists.

One item per merged action (:class:`~.model.MergedEvent`): the acting body with its chain (OFAC → US
Treasury → United States), the date in words with its precision, the measures, what was targeted (the
sources' words, and whether they agree), each named target with its check against the stored lists
(:class:`ListCheck`, made by the caller, who has the store), and the reports that tell it. The headline
actions come first (most reports first), then earlier actions, latest first; actions said without a date
that name the same targets in one sentence ("Wagner has also been sanctioned by Australia, Canada…") are
one item with every body.

Targets are credited to an action only when the report names them as its targets
(:func:`credited`): a party the same report says was sanctioned before, named outside the sentence that
tells today's action, is background, not a designee of today ("Maslov, the head of the Wagner Group…",
then "the Wagner Group, designated in 2017…").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kenning.news.model import ArticleResult, SanctionEvent, Target
from kenning.news.reconcile.model import Fact, MergedEvent, MergedTarget
from kenning.news.reconcile.wording import authority_chain, date_words, short_name

__all__ = ["ListCheck", "ListChecker", "credited", "summarise"]


@dataclass(frozen=True)
class ListCheck:
    """A target checked against the stored lists of the acting authority's country."""

    entity_id: str | None
    #: ``confirmed`` (the list's date or its versions agree), ``listed`` (on the list; the date cannot be
    #: checked), ``later`` (the versions show it added after the date told), ``not-listed``.
    status: str
    #: "OFAC listed CAMARA, Sadio (42618) on 24 July 2023; in the SDN version of 24 July 2023".
    text: str
    caption: str | None = None
    reference: str | None = None
    list_name: str | None = None
    listing_date: str | None = None
    first_version: str | None = None
    version_before: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


#: (the target's linked entity or None, its name, the action's authority, country and date) → its check.
ListChecker = Callable[[str | None, str, str, str | None, str | None], ListCheck | None]


def _prior(result: ArticleResult, event: SanctionEvent, target: Target) -> bool:
    """Whether the report tells an earlier action of the same authority country against this target."""
    key = _target_key(target)
    for other in result.events:
        if other is event or not other.background or other.authority_country != event.authority_country:
            continue
        if any(_target_key(t) == key for t in other.targets):
            return True
    return False


def _target_key(target: Target) -> str:
    return target.links[0].id if target.links else target.name.casefold()


def credited(result: ArticleResult, event: SanctionEvent) -> list[Target]:
    """The targets the report names as this action's own (see the module docstring)."""
    if event.background:
        return list(event.targets)
    trigger = event.evidence[0] if event.evidence else None
    kept = []
    for target in event.targets:
        span = target.span
        named_here = span is not None and trigger is not None and trigger.start <= span.start < trigger.end
        if named_here or not _prior(result, event, target):
            kept.append(target)
    return kept


def _what(event: MergedEvent, facts: Sequence[Fact]) -> dict[str, Any] | None:
    fact = next((f for f in facts if f.event == event.key and f.field == "targets"), None)
    if fact is None:
        words = [v.event.target_description for v in event.versions if v.event.target_description]
        return {"words": words[:1], "status": "single-source"} if words else None
    return {"words": list(dict.fromkeys(s.value for s in fact.statements)), "status": fact.status,
            "note": fact.note}


def _target(target: MergedTarget, event: MergedEvent, check: ListChecker | None) -> dict[str, Any]:
    words = list(dict.fromkeys(v.targets[target.key].words for v in event.versions if target.key in v.targets))
    found = None
    if check is not None:
        found = check(target.entity_id, target.name, event.authority, event.authority_country, event.date)
    return {"name": target.name, "entity_id": target.entity_id, "words": words,
            "check": found.to_dict() if found else None}


def _item(event: MergedEvent, facts: Sequence[Fact], check: ListChecker | None,
          own: Mapping[str, set[str]]) -> dict[str, Any]:
    when = date_words(event.date, any(v.event.date_approx for v in event.versions))
    measures = list(dict.fromkeys(m for v in event.versions for m in v.event.measures))
    targets = [t for t in event.targets if t.key in own.get(event.key, {t.key for t in event.targets})]
    return {"event": event.key, "headline": not event.background, "authority": short_name(event.authority),
            "authority_chain": authority_chain(event.authority), "authorities": [short_name(event.authority)],
            "country": event.authority_country, "date": when.to_dict() if when else None, "measures": measures,
            "what": _what(event, facts), "targets": [_target(t, event, check) for t in targets],
            "sources": event.sources}


def _own_targets(events: Sequence[MergedEvent], results: Mapping[str, ArticleResult]) -> dict[str, set[str]]:
    """Event key → the merged targets some version credits to it."""
    own: dict[str, set[str]] = {}
    for event in events:
        keys = own.setdefault(event.key, set())
        for version in event.versions:
            result = results[version.article_id]
            names = {id(t) for t in credited(result, version.event)}
            for target in version.event.targets:
                if id(target) in names:
                    keys |= {k for k, v in version.targets.items() if v.span == target.span or v.words == target.name}
            keys |= {k for k, v in version.targets.items() if v.role_only}
    return own


def _grouped(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Undated earlier actions: those naming no target left out (nothing to check: "the United States has
    sanctioned numerous entities"), those naming the same targets in the same reports as one item."""
    out: list[dict[str, Any]] = []
    together: dict[tuple[Any, ...], dict[str, Any]] = {}
    for item in items:
        if item["date"] is not None or item["headline"]:
            out.append(item)
            continue
        if not item["targets"]:
            continue
        key = (tuple(sorted(item["sources"])), tuple(sorted(t["name"] for t in item["targets"])))
        if key in together:
            kept = together[key]
            kept["authorities"].append(item["authority"])
            kept["events"].append(item["event"])
            if kept["what"] != item["what"]:
                kept["what"] = None  # the words were one body's, not all of theirs
            continue
        item["events"] = [item["event"]]
        together[key] = item
        out.append(item)
    return out


def summarise(events: Sequence[MergedEvent], facts: Sequence[Fact], results: Mapping[str, ArticleResult],
              check: ListChecker | None = None) -> list[dict[str, Any]]:
    """The summary items, in the order of the module docstring."""
    own = _own_targets(events, results)
    items = [_item(e, facts, check, own) for e in events]
    headline = [i for i in items if i["headline"]]
    earlier = [i for i in items if not i["headline"]]
    dated = sorted((i for i in earlier if i["date"]), key=lambda i: i["date"]["from"], reverse=True)
    undated = [i for i in earlier if not i["date"]]
    return _grouped(headline + dated + undated)
