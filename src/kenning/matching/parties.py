"""One result per party: a party several lists carry (recorded same-as links) comes back once.

:func:`screen_parties` ranks the listed entries as :meth:`Screener.screen` does, then groups them by
party (the entries joined by same-as links, transitively). A party's entries that retrieval did not bring
are scored too (with all their names), so every list's entry is there with its own score. The party's
result is its best entry, explained; ``entries`` lists every entry best first, and ``links`` the recorded
links that join them with their evidence (method, score, what agreed). Parties are ordered by their best
entry; ``limit`` counts parties (the first ``limit`` parties of the ranked entries are completed). The
news linker keeps the per-entry :meth:`Screener.screen`.
"""

from __future__ import annotations

from kenning.matching.screener import Ranking, Scoring, Screener
from kenning.matching.types import Entry, Query, Result

__all__ = ["PARTY_CANDIDATES", "screen_parties"]

#: Entries ranked before grouping (the screener scores at most this many candidates per query anyway).
PARTY_CANDIDATES = 16


def _searched(query: Query, dataset: str) -> bool:
    """Whether the query searches ``dataset`` (its list filters apply to a party's other entries too)."""
    return (not query.datasets or dataset in query.datasets) and dataset not in query.exclude_datasets


def _members(screener: Screener, ranking: Ranking, head: Scoring, scored: dict[str, Scoring]) -> list[Scoring]:
    """Every entry of ``head``'s party in the lists searched, scored: those ranked already, the others with
    all their names."""
    members = []
    for entity_id in screener.party(head.entity.id):
        found = scored.get(entity_id)
        if found is None:
            entity = screener.entity(entity_id)
            if entity is None or not _searched(ranking.record.query, entity.dataset):
                continue
            found = Scoring(entity, (), ranking.algorithm.score(ranking.record, entity, None, False))
        members.append(found)
    members.sort(key=lambda s: (-s.verdict.score, s.entity.id))
    return members


def _prefill_members(screener: Screener, ranking: Ranking, missing: list[str]) -> None:
    """The part similarities of the names of party entries retrieval did not bring, in one pass."""
    names = [n.name for i in missing if (e := screener.entity(i)) is not None for n in e.names]
    if names:
        ranking.algorithm.prefill(ranking.record, names)


def _entry(scoring: Scoring, cutoff: float) -> Entry:
    entity, verdict = scoring.entity, scoring.verdict
    name = verdict.explanation.get("name")
    matched = name.candidate if name is not None and name.candidate else verdict.matched_name
    return Entry(id=entity.id, dataset=entity.dataset, source_id=entity.id.split("-", 1)[1], caption=entity.caption,
                 score=verdict.score, match=verdict.score >= cutoff, matched_name=matched)


def _links(screener: Screener, ids: list[str]) -> list[dict[str, object]]:
    found = []
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            link = screener.link(a, b)
            if link is not None:
                found.append(link)
    return found


def screen_parties(screener: Screener, query: Query, limit: int = 5, threshold: float | None = None,
                   algorithm: str | None = None, explain: bool = True) -> list[Result]:
    """Screen ``query`` and return one result per party, best first (see the module docstring)."""
    ranking, ranked = screener.rank(query, limit, threshold, algorithm)
    scored = {s.entity.id: s for s in ranked[:PARTY_CANDIDATES]}
    seen: set[str] = set()
    heads: list[tuple[Scoring, list[str]]] = []
    for scoring in ranked[:PARTY_CANDIDATES]:
        if scoring.entity.id in seen:
            continue
        party = screener.party(scoring.entity.id) if screener.same_as(scoring.entity.id) else [scoring.entity.id]
        seen.update(party)
        heads.append((scoring, party))
        if len(heads) == limit:
            break
    _prefill_members(screener, ranking, [i for _h, party in heads for i in party if i not in scored])
    parties = [_members(screener, ranking, head, scored) if len(party) > 1 else [head] for head, party in heads]
    parties.sort(key=lambda members: (-members[0].verdict.score, members[0].entity.id))
    results = []
    for members in parties[:limit]:
        result = screener.result(ranking, members[0], explain)
        if len(members) > 1:
            result.entries = [_entry(m, ranking.cutoff) for m in members]
            result.links = _links(screener, [m.entity.id for m in members])
        results.append(result)
    return results
