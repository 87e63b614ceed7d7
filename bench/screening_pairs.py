"""True cross-list pairs for the dev set, from hard evidence only (never from Kenning's matcher).

Evidence, strongest first:

- ``un_ref``: a UK entry's Other Information carries the UN reference number of a UN entry (both are
  read by the parsers into ``Sanction.unscId``);
- ``number``: the same passport, national ID, tax, registration or IMO number (6+ characters, 4+ digits)
  on parties of two lists, whose names also share an alike part (a guard against reused numbers);
- ``birth_date``: the same full birth date on two persons whose names are near-identical
  (:func:`bench.screening_names.names_near_identical`: every part of the shorter name pairs with a part
  of the longer, two strong parts at least);
- ``org_name``: organisations or vessels of two lists with the same name of three or more strong parts,
  carried by exactly one party of each list, and no conflicting countries;
- ``issue``: the five pairs the screening issue names (``known_pairs`` in screening_rules.yml).

Pairs join into clusters (union-find); a cluster of more than six parties is dropped as unreliable.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations

from bench.screening_common import Party
from bench.screening_names import RULES, names_near_identical, strong_tokens

__all__ = ["Clusters", "find_clusters"]

MAX_CLUSTER = 6
_PERSONISH = ("Person",)
_ORGISH = ("Organization", "Company", "LegalEntity", "Vessel", "Airplane")


def _family(schema: str) -> str:
    return "person" if schema in _PERSONISH else "thing"


def _share_part(a: Party, b: Party) -> bool:
    parts_a = {t for _p, n in a.names for t in strong_tokens(n)}
    parts_b = {t for _p, n in b.names for t in strong_tokens(n)}
    return bool(parts_a & parts_b) or any(names_near_identical(x, y) for _p, x in a.names for _q, y in b.names)


def _near_identical(a: Party, b: Party) -> bool:
    return any(names_near_identical(x, y) for _p, x in a.names for _q, y in b.names if x and y)


def _grouped(keys: Iterable[tuple[str, Party]]) -> dict[str, list[Party]]:
    groups: dict[str, list[Party]] = defaultdict(list)
    for key, party in keys:
        groups[key].append(party)
    return groups


def _cross(members: list[Party]) -> Iterable[tuple[Party, Party]]:
    for a, b in combinations(members, 2):
        if a.dataset != b.dataset and _family(a.schema) == _family(b.schema):
            yield a, b


def _evidence(parties: dict[str, Party]) -> list[tuple[str, str, str]]:
    """(left id, right id, evidence) of every cross-list pair with hard evidence."""
    values = list(parties.values())
    edges: list[tuple[str, str, str]] = []
    by_ref = _grouped((r, p) for p in values for r in p.un_refs)
    edges += [(a.id, b.id, "un_ref") for m in by_ref.values() for a, b in _cross(m)]
    by_number = _grouped((n, p) for p in values for n in p.numbers)
    edges += [(a.id, b.id, "number") for m in by_number.values() if len(m) <= 4 for a, b in _cross(m)
              if _share_part(a, b)]
    persons = [p for p in values if p.schema == "Person"]
    by_date = _grouped((d, p) for p in persons for d in set(p.full_birth_dates))
    edges += [(a.id, b.id, "birth_date") for m in by_date.values() for a, b in _cross(m) if _near_identical(a, b)]
    edges += _org_name_edges([p for p in values if p.schema in _ORGISH])
    for left, right in RULES["known_pairs"]:
        if left in parties and right in parties:
            edges.append((left, right, "issue"))
    return edges


def _org_name_edges(orgs: list[Party]) -> list[tuple[str, str, str]]:
    by_name: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for party in orgs:
        for _prop, name in party.names:
            tokens = tuple(sorted(strong_tokens(name)))
            if len(tokens) >= 3:
                by_name[tokens].add(party.id)
    index = {p.id: p for p in orgs}
    edges = []
    for ids in by_name.values():
        members = [index[i] for i in sorted(ids)]
        per_list = Counter(m.dataset for m in members)
        if len(per_list) < 2 or max(per_list.values()) > 1:
            continue
        for a, b in _cross(members):
            if a.countries and b.countries and not set(a.countries) & set(b.countries):
                continue
            edges.append((a.id, b.id, "org_name"))
    return edges


class Clusters:
    """Parties grouped by cross-list evidence: ``of(id)`` is the sorted cluster of a party (itself alone
    when it has no counterpart) and ``evidence[(a, b)]`` the kinds of evidence of each pair."""

    def __init__(self, edges: list[tuple[str, str, str]]) -> None:
        self._parent: dict[str, str] = {}
        self.evidence: dict[tuple[str, str], set[str]] = defaultdict(set)
        for left, right, kind in edges:
            self.evidence[tuple(sorted((left, right)))].add(kind)  # type: ignore[index]
            self._union(left, right)
        members: dict[str, list[str]] = defaultdict(list)
        for item in sorted(self._parent):
            members[self._find(item)].append(item)
        self._clusters = {i: tuple(m) for m in members.values() if len(m) <= MAX_CLUSTER for i in m}
        self.dropped = sum(1 for m in members.values() if len(m) > MAX_CLUSTER)

    def _find(self, item: str) -> str:
        self._parent.setdefault(item, item)
        while self._parent[item] != item:
            self._parent[item] = self._parent[self._parent[item]]
            item = self._parent[item]
        return item

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def of(self, party: str) -> tuple[str, ...]:
        return self._clusters.get(party, (party,))

    def linked(self) -> list[tuple[str, ...]]:
        """Every cluster of two or more parties, sorted."""
        return sorted(set(self._clusters.values()))

    def pair_evidence(self, a: str, b: str) -> str:
        """The evidence joining two members (direct, or ``via`` another member)."""
        kinds = self.evidence.get(tuple(sorted((a, b))))  # type: ignore[arg-type]
        return "+".join(sorted(kinds)) if kinds else "via cluster"


def find_clusters(parties: dict[str, Party]) -> Clusters:
    return Clusters(_evidence(parties))
