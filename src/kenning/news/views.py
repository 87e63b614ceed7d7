"""Read models of stored news: the story list, one story's reconciliation, an entity's news, one article.

These are the JSON-ready dicts the CLI prints, the API returns and the web pages render; the service
module (:mod:`kenning.news.service`) re-exports them. The rows come from :mod:`kenning.news.storage`.
"""

from __future__ import annotations

from typing import Any

from kenning.errors import NotFoundError
from kenning.news.reconcile import reconcile
from kenning.news.storage import article_row, entity_mentions, load_results, story_rows
from kenning.news.stories.placing import same_as_canon
from kenning.store import Store

__all__ = ["entity_news", "get_article", "list_stories", "story_report"]


def _story(row: Any, members: list[dict[str, Any]]) -> dict[str, Any]:
    outlets = list(dict.fromkeys(m["outlet"] for m in members if m["outlet"]))
    return {"id": row.id, "title": row.title, "first_date": row.first_date, "last_date": row.last_date,
            "size": row.size, "outlets": outlets, "articles": members, "updated_at": row.updated_at.isoformat()}


def list_stories(store: Store) -> list[dict[str, Any]]:
    """Every story, the latest first (by last day; undated ones last), with its reports."""
    rows, members = story_rows(store)
    rows.sort(key=lambda r: (r.last_date is not None, r.last_date or "", r.id), reverse=True)
    return [_story(r, members.get(r.id, [])) for r in rows]


def story_report(store: Store, story_id: str) -> dict[str, Any]:
    """The reconciliation report of one story (:func:`kenning.news.reconcile.reconcile`), with its reports."""
    rows, members = story_rows(store, story_id)
    if not rows:
        raise NotFoundError(f"no story {story_id!r}; `kenning stories` lists them")
    mine = members.get(story_id, [])
    with store.connect() as conn:
        results = load_results(conn, [m["id"] for m in mine])
        canon = same_as_canon(conn)
    report = reconcile(results, story_id, canon).to_dict()
    report["story"] = _story(rows[0], mine)
    return report


def entity_news(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """Every mention of an entity (or of its same-as entities) in stored news, oldest report first.

    Each item: the article (id, title, outlet, published, url), the mention (text, offsets, score, which
    entity), its sentence with the mention's offsets inside it (``highlight``) for highlighting, and the
    events of that article where the entity is a target, with their dates — the dossier's timeline.
    """
    rows, events = entity_mentions(store, entity_id)
    mentions: dict[tuple[str, int], dict[str, Any]] = {}
    for row in rows:
        key = (row.article_id, row.mention)
        known = mentions.get(key)
        if known is not None:
            known["entity_ids"].append(row.entity_id)
            continue
        mentions[key] = {
            "article": {"id": row.article_id, "title": row.title, "outlet": row.outlet, "published": row.published,
                        "url": row.url},
            "text": row.text, "label": row.label, "start": row.start, "end": row.end, "score": round(row.score, 4),
            "entity_ids": [row.entity_id],
            "sentence": {"start": row.sentence_start, "end": row.sentence_end, "text": row.sentence_text},
            "highlight": {"start": row.start - row.sentence_start, "end": row.end - row.sentence_start},
            "events": events.get(row.article_id, [])}
    return sorted(mentions.values(), key=lambda m: (m["article"]["published"] or "9999", m["article"]["id"],
                                                   m["start"]))


def get_article(store: Store, article_id: str) -> dict[str, Any]:
    """One stored article: the article, its pipeline result, its story and its known copies."""
    row, member, copies = article_row(store, article_id)
    if row is None:
        raise NotFoundError(f"no article {article_id!r} in the store")
    return {"article": row.article, "result": row.result, "added_at": row.added_at.isoformat(),
            "story": {"id": member.story_id, "anchor": member.anchor} if member else None,
            "duplicates": [{"id": c.duplicate_id, "kind": c.kind, "similarity": c.similarity, "source": c.source,
                            "url": c.url, "outlet": c.outlet, "added_at": c.added_at.isoformat()} for c in copies]}
