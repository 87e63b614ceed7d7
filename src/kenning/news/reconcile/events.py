"""Merging the sanctions events of a story's reports into one event per action.

Every event of every report (headline and background) is a :class:`Version`. Two versions from different
reports tell one action when their authorities are of one country, their dates can be one day, and
either they share a target (by linked entity, same-as cluster or name), or one leaves targets unnamed
(names none, or fewer than the count it states) and says the roles of the other's named targets
("Mali's defence minister" for a named "Defence Minister"), or both dates are known. One shared target
is not enough when only one version is dated ("X has also been sanctioned by the UK" is not the UK's
action of last week against X and others). Versions that name complete, disjoint lists of targets, or
whose countries or dates differ, never merge.
Pairs are joined best first into clusters, at most one version per report, and a cluster only takes a
version that no member excludes.

Then each version that said targets only by their roles gets them resolved to the named targets of the
other versions (:func:`~.reconcile_roles.find_role_phrases`): the target is the named person, and the
source's words are the role phrase, with its span.
"""

from __future__ import annotations

from collections.abc import Sequence

from kenning.news.events.authority import depth
from kenning.news.events.vocabulary import authorities
from kenning.news.model import ArticleResult, EntityLink, SanctionEvent, Span
from kenning.news.reconcile.model import MergedEvent, MergedTarget, TargetVersion, Version
from kenning.news.stories.features import Canon, entity_keys, fold_name, is_named
from kenning.news.stories.grouping import dates_compatible
from kenning.news.stories.roles import find_role_phrases

__all__ = ["merge_events"]


class _Parties:
    """One key per target across all versions: targets sharing a key or a (2+ word) name are one party."""

    def __init__(self, canon: Canon | None) -> None:
        self.canon = canon
        self.parties: list[MergedTarget] = []

    def key_for(self, name: str, links: Sequence[EntityLink], entity_id: str | None) -> str:
        """The party key of a target named ``name`` (an existing party's when it is the same)."""
        keys = entity_keys(name, links, self.canon)
        words = set(fold_name(name).split())
        for party in self.parties:
            known = set(fold_name(party.name).split())
            shorter = min(words, known, key=len)
            if party.keys & keys or (len(shorter) >= 2 and (words <= known or known <= words)):
                party.keys |= keys
                if len(name) > len(party.name):
                    party.name = name
                party.entity_id = party.entity_id or entity_id
                return party.key
        party = MergedTarget(key=f"t{len(self.parties) + 1}", name=name, entity_id=entity_id, keys=set(keys))
        self.parties.append(party)
        return party.key


def _versions(results: Sequence[ArticleResult], parties: _Parties) -> list[Version]:
    versions = []
    for result in results:
        for index, event in enumerate(result.events):
            version = Version(result.article.id, index, event)
            for target in event.targets:
                if not is_named(result, target):
                    continue
                entity = target.links[0].id if target.links else None
                key = parties.key_for(target.name, target.links, entity)
                inside = target.mention is not None and 0 <= target.mention < len(result.mentions)
                mention = result.mentions[target.mention] if inside and target.mention is not None else None
                role_span = mention.role_span if mention is not None and mention.role == target.role else None
                version.targets.setdefault(key, TargetVersion(
                    words=target.span.text if target.span else target.name, role=target.role, span=target.span,
                    role_span=role_span, entity_id=entity))
            versions.append(version)
    return versions


def _roles(versions: Sequence[Version]) -> list[tuple[str, str]]:
    """(party key, role) of every named target that has a role, each pair once."""
    roles: list[tuple[str, str]] = []
    for version in versions:
        for key, target in version.targets.items():
            if target.role and not target.role_only and (key, target.role) not in roles:
                roles.append((key, target.role))
    return roles


def _role_matches(version: Version, roles: list[tuple[str, str]]) -> dict[str, tuple[Span, str]]:
    """Party key → (phrase span, phrase) for each role said without a name in the version's evidence."""
    found: dict[str, tuple[Span, str]] = {}
    for span in version.event.evidence:
        for match in find_role_phrases(span.text, roles, offset=span.start):
            if match.key not in version.targets and match.key not in found:
                found[match.key] = (match.span, match.span.text)
    return found


def _open(version: Version) -> bool:
    """Whether the version leaves targets unnamed: it names none, or fewer than the count it states."""
    count = version.event.target_count
    return not version.targets or (count is not None and count > len(version.targets))


def _link_score(a: Version, b: Version) -> float | None:
    """Evidence that two versions tell one action (None: they cannot; 0: nothing says they do)."""
    if a.article_id == b.article_id:
        return None
    ea, eb = a.event, b.event
    if not ea.authority_country or ea.authority_country != eb.authority_country:
        return None
    dated = dates_compatible(ea.date, eb.date)
    if dated is False:
        return None
    bonus = (0.5 if dated else 0.0) + (0.25 if not ea.background and not eb.background else 0.0)
    shared = set(a.targets) & set(b.targets)
    one_dated = dated is None and (ea.date is not None or eb.date is not None)
    if shared and (len(shared) >= 2 or not one_dated):
        return 2.0 + len(shared) / min(len(a.targets), len(b.targets)) + bonus
    if a.targets and b.targets and not (_open(a) or _open(b)):
        return None
    for named, described in ((a, b), (b, a)):
        if named.targets and _open(described):
            found = _role_matches(described, _roles([named]))
            if found:
                return 2.0 + len(found) / len(named.targets) + bonus
    return 1.0 + bonus if dated else 0.0


def _cluster(versions: list[Version]) -> list[list[int]]:
    """Clusters of version indices, joined best pair first under the constraints of the module docstring."""
    count = len(versions)
    scores = {(i, j): _link_score(versions[i], versions[j]) for i in range(count) for j in range(i + 1, count)}
    cluster_of = list(range(count))
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    ranked = sorted(((s, i, j) for (i, j), s in scores.items() if s), key=lambda x: (-x[0], x[1], x[2]))
    for _score, i, j in ranked:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        left, right = members[ci], members[cj]
        if {versions[k].article_id for k in left} & {versions[k].article_id for k in right}:
            continue
        if any(scores[(min(x, y), max(x, y))] is None for x in left for y in right):
            continue
        members[ci] = left + right
        for k in right:
            cluster_of[k] = ci
        del members[cj]
    return [sorted(m) for m in members.values()]


def _authority(events: Sequence[SanctionEvent]) -> str:
    """The broadest authority the versions name (the country rather than its ministry)."""
    known = {a.name: a for a in authorities()}
    named = [e.authority for e in events if e.authority in known]
    if not named:
        return events[0].authority
    return min(named, key=lambda name: depth(known[name]))


def _date(events: Sequence[SanctionEvent]) -> str | None:
    """The most precise date, exact ones first."""
    dated = [e for e in events if e.date]
    if not dated:
        return None
    return max(dated, key=lambda e: (not e.date_approx, len(e.date or ""))).date


def _merged(cluster: list[Version], parties: _Parties) -> MergedEvent:
    roles = _roles(cluster)
    for version in cluster:
        for party, (span, words) in _role_matches(version, roles).items():
            version.targets[party] = TargetVersion(words=words, role=words, span=span, role_span=span,
                                                   entity_id=None, role_only=True)
    events = [v.event for v in cluster]
    used = {k for v in cluster for k in v.targets}
    targets = [p for p in parties.parties if p.key in used]
    return MergedEvent(key="", authority=_authority(events), authority_country=events[0].authority_country,
                       date=_date(events), background=all(e.background for e in events), versions=cluster,
                       targets=targets)


def _position(version: Version) -> int:
    return min((span.start for span in version.event.evidence), default=0)


def merge_events(results: Sequence[ArticleResult], canon: Canon | None = None) -> list[MergedEvent]:
    """The story's actions: headline ones first, those told by most reports first, then the one the reports
    tell earliest in their text (a report leads with its main action)."""
    parties = _Parties(canon)
    versions = _versions(results, parties)
    merged = [_merged([versions[i] for i in cluster], parties) for cluster in _cluster(versions)]
    merged.sort(key=lambda m: (m.background, -len(m.sources), min(_position(v) for v in m.versions)))
    seen: dict[str, int] = {}
    for event in merged:
        base = f"{event.authority_country or 'xx'}-{event.date or 'undated'}"
        seen[base] = seen.get(base, 0) + 1
        event.key = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return merged
