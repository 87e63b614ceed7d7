"""Reports that refer to a party only by its role ("Mali's defence minister"), as their story resolved it.

``entity_news`` lists the mentions linked to a party by name. A report of the same story may name no one
and still speak of the party: reconciliation (``story_report``) matches its "defence minister" to the
target another report names. This module finds those references in the stories of the party's reports,
with the sentence each comes from, so the dossier can show every report about the party.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kenning.store import Store
from kenning.store.sameas import same_as_cluster
from kenning.web.highlight import Part, sentence_parts
from kenning.web.views_entity import TimelineItem

__all__ = ["RoleReference", "role_references"]


@dataclass(frozen=True)
class RoleReference:
    """One report's reference to the party by role, in the sentence it comes from."""

    article: dict[str, Any]
    start: int
    words: str
    parts: list[Part]
    event: TimelineItem | None


def _cluster(store: Store, entity_id: str) -> set[str]:
    with store.connect() as conn:
        return same_as_cluster(conn, entity_id)


def _sentence(store: Store, article_id: str, start: int, end: int, cache: dict[str, list[dict[str, Any]]],
              ) -> list[Part]:
    from kenning.news.service import get_article

    if article_id not in cache:
        cache[article_id] = list(get_article(store, article_id)["result"].get("sentences") or [])
    for sentence in cache[article_id]:
        if int(sentence["start"]) <= start < int(sentence["end"]):
            return sentence_parts(sentence["text"], int(sentence["start"]), [(start, end)])
    return []


def _references(store: Store, report: dict[str, Any], cluster: set[str], href: Callable[[str], str],
                cache: dict[str, list[dict[str, Any]]]) -> list[RoleReference]:
    articles = {a["id"]: a for a in report["articles"]}
    out = []
    for event in report["events"]:
        for target in event["targets"]:
            if target.get("entity_id") not in cluster:
                continue
            for article_id, version in target["sources"].items():
                span = version.get("span")
                if version.get("entity_id") in cluster or not span or article_id not in articles:
                    continue
                article = articles[article_id]
                parts = _sentence(store, article_id, int(span["start"]), int(span["end"]), cache)
                when = None
                if event.get("date"):
                    when = TimelineItem(str(event["date"]), "event",
                                        f"{event['authority']}: targeted as “{version['words']}”, according to "
                                        f"{article.get('outlet') or 'an unnamed outlet'}", href(article_id))
                out.append(RoleReference(article, int(span["start"]), str(version["words"]), parts, when))
    return out


def role_references(store: Store, entity_id: str, article_ids: set[str],
                    article_href: Callable[[str], str]) -> list[RoleReference]:
    """References by role to the party (or its same-as parties) in the stories of ``article_ids``, each
    once, in report order."""
    from kenning.news.service import list_stories, story_report

    cluster = _cluster(store, entity_id)
    stories = [s["id"] for s in list_stories(store) if any(a["id"] in article_ids for a in s["articles"])]
    cache: dict[str, list[dict[str, Any]]] = {}
    found: dict[tuple[str, int], RoleReference] = {}
    for story_id in stories:
        for ref in _references(store, story_report(store, story_id), cluster, article_href, cache):
            found.setdefault((ref.article["id"], ref.start), ref)
    return list(found.values())
