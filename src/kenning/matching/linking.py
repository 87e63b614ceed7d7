"""Cross-list "same as" links: the same party on two lists, found with the screening engine.

Each listed party of the smaller list of a pair is screened (all its names, birth dates, countries and
identifier numbers) against the other list; the best candidate becomes a link only when the evidence
holds: an identifier number in common, or for people a birth date that agrees (a conflicting one
vetoes) with a strong name match, or for organisations and vessels a very strong name match without a
country conflict — and only when the choice is mutual (the candidate's own best match back is the
party) and unambiguous (ties are broken by how many names the two share, else skipped).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from kenning.matching.algorithms import get_algorithm
from kenning.matching.records import EntityRecord
from kenning.matching.screener import Screener
from kenning.matching.types import Query, Result
from kenning.names import normalize
from kenning.progress import progress_bar

__all__ = ["LINK_MIN_NAME", "Link", "LinkReport", "find_links"]

#: Name score a link needs: with a supporting birth date / identifier, and without one.
LINK_MIN_NAME, LINK_MIN_NAME_UNSUPPORTED = 0.75, 0.9
_MAX_NAMES = 8


@dataclass(frozen=True)
class Link:
    left: str
    right: str
    score: float
    evidence: dict[str, Any]


@dataclass
class LinkReport:
    links: list[Link] = field(default_factory=list)
    screened: int = 0
    rejected: dict[str, int] = field(default_factory=dict)

    def reject(self, reason: str) -> None:
        self.rejected[reason] = self.rejected.get(reason, 0) + 1


def _query(record: EntityRecord, dataset: str) -> Query:
    names = [n.name.original for n in record.names if n.prop != "weakAlias"][:_MAX_NAMES]
    return Query(names=tuple(names or [record.caption]), schema=record.schema, birth_dates=record.birth_dates,
                 countries=tuple(sorted(record.countries)), id_numbers=tuple(sorted(record.id_numbers)),
                 datasets=(dataset,))


def _shared_names(a: EntityRecord, b: EntityRecord) -> int:
    left = {normalize(n.name.original) for n in a.names}
    return sum(1 for n in b.names if normalize(n.name.original) in left)


def _verdict(record: EntityRecord, best: Result) -> str | None:
    """None when the evidence supports a link, else the reason it does not."""
    expl = best.explanation
    name = expl["name"].score
    if "birth_date" in expl and expl["birth_date"].score < 0:
        return "birth date conflict"
    if "identifier" in expl:
        return None if name >= 0.5 else "identifier shared but names differ"
    supported = "birth_date" in expl and expl["birth_date"].score > 0
    if record.schema == "Person" and supported:
        return None if name >= LINK_MIN_NAME else "name too weak"
    if "country" in expl and expl["country"].score < 0:
        return "country conflict"
    if name >= LINK_MIN_NAME_UNSUPPORTED and (record.schema != "Person" or "country" in expl):
        return None
    return "no supporting evidence"


def _best(screener: Screener, record: EntityRecord, dataset: str) -> Result | None:
    results = screener.screen(_query(record, dataset), limit=3)
    if not results:
        return None
    top = [r for r in results if r.score >= results[0].score - 0.01]
    if len(top) > 1:
        ranked = sorted(top, key=lambda r: -_shared_names(record, screener.entity(r.id) or record))
        first = screener.entity(ranked[0].id)
        second = screener.entity(ranked[1].id)
        if first and second and _shared_names(record, first) == _shared_names(record, second):
            return None
        return ranked[0]
    return results[0]


def _link_pair(screener: Screener, small: str, large: str, report: LinkReport,
               settled: Mapping[str, frozenset[str]]) -> None:
    records = [r for r in screener.index.entities if r.dataset == small and large not in settled.get(r.id, ())]
    with progress_bar(f"linking {small} to {large}", total=len(records)) as advance:
        for record in records:
            advance(1)
            report.screened += 1
            best = _best(screener, record, large)
            if best is None or best.score < get_algorithm(None).threshold:
                report.reject("no candidate")
                continue
            reason = "already linked by an official identifier" if small in settled.get(best.id, ()) else None
            reason = reason or _verdict(record, best)
            counterpart = screener.entity(best.id)
            if reason is None and counterpart is not None:
                back = _best(screener, counterpart, small)
                if back is None or back.id != record.id:
                    reason = "not mutual"
            if reason is not None:
                report.reject(reason)
                continue
            evidence = {k: v.to_dict() for k, v in best.explanation.items()}
            report.links.append(Link(record.id, best.id, best.score, evidence))


def find_links(screener: Screener, settled: Mapping[str, frozenset[str]] | None = None) -> LinkReport:
    """Links between every pair of loaded lists (each pair screened from its smaller side). ``settled``: the
    lists each party is already linked to by an official identifier (a retired list's party and its
    successor's); those pairs are not screened again."""
    sizes: dict[str, int] = {}
    for record in screener.index.entities:
        sizes[record.dataset] = sizes.get(record.dataset, 0) + 1
    report = LinkReport()
    for a, b in combinations(sorted(sizes), 2):
        small, large = (a, b) if sizes[a] <= sizes[b] else (b, a)
        _link_pair(screener, small, large, report, settled or {})
    return report
