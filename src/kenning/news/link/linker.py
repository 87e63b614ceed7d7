"""The linking stage: PERSON and ORG mentions → listed entities, through the screening engine.

``link(result, screener)`` groups the mentions of each party (a surname or short form goes with the
fullest name it ``refers_to``), asks the screener once per distinct name (cached across articles),
reads what the lists say about all the article's candidates in one pair of store queries (cached too),
and weighs each candidate against the article's context (:mod:`kenning.news.link.judge`): the
country of the role or sentence, the role against the listed position, organisations named nearby
against the candidate's listed relations and reasons, programmes. Persons link only to persons,
organisations only to organisations. A one-word person name with no fuller form ("Nelson") links
only with strong context. Every link carries the matcher's feature scores and the context that
confirmed or weakened it; the linked entity's cross-list "same as" entities are added with it.
Organisations are linked first, so a person's listed relations can be checked against them. A name of
three words or more that links to no one but holds two listed names side by side is first split in two
(:mod:`kenning.news.link.glued`).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from kenning.matching import Query, Result, Screener
from kenning.matching.algorithms import get_algorithm
from kenning.names import analyze, normalize
from kenning.news.link.context import Cluster, build_clusters
from kenning.news.link.glued import split_glued
from kenning.news.link.judge import Facts, Verdict, facts_of, judge, listed_word, rules, spelled_alike, surname_matches
from kenning.news.model import ArticleResult, EntityLink
from kenning.news.nlp.models import resources
from kenning.news.nlp.phrases import CONNECTORS
from kenning.store import Store

__all__ = ["Linker", "link", "link_many"]

#: Distinct names and entities remembered across articles.
CACHE_SIZE = 50_000
#: A one-word organisation name of at most this many letters, two of them capitals, is an acronym.
ACRONYM_LETTERS = 5
_LOCK = threading.Lock()
_LINKERS: dict[tuple[int, str], Linker] = {}


class _Lru(OrderedDict[Any, Any]):
    def get_or(self, key: Any, make: Any) -> Any:
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = self[key] = make()
        if len(self) > CACHE_SIZE:
            self.popitem(last=False)
        return value


class Linker:
    """Links annotated articles with one screener and one store, caching screens and facts."""

    def __init__(self, screener: Screener, store: Store | None = None) -> None:
        self.screener = screener
        self.store = store or Store()
        self.rules = rules()
        #: The matcher's match threshold (a screening ``Result.match`` is score ≥ this).
        self.threshold = float(get_algorithm(None).threshold)
        self._screens = _Lru()
        self._facts = _Lru()
        self._judged = _Lru()
        #: Current version of each dataset (entity ids start with their dataset).
        self._versions = {name: info.id for name, info in self.store.current_versions().items()}

    def screen(self, name: str, schema: str) -> list[Result]:
        """The screener's candidates for one name (cached)."""
        def run() -> list[Result]:
            return self.screener.screen(Query.build(name, schema=schema), limit=self.rules.limit, explain=False)
        results: list[Result] = self._screens.get_or((schema, name), run)
        return results

    def prefetch(self, entity_ids: list[str]) -> None:
        """Read the facts of every candidate not cached yet in two queries instead of two per candidate."""
        missing = [i for i in dict.fromkeys(entity_ids) if i not in self._facts]
        if not missing:
            return
        found = self.store.get_entities(missing)
        records = self.store.records_for_many(missing)
        for entity_id in missing:
            entity = found.get(entity_id)
            if entity is None:
                continue
            facts = facts_of(entity, records.get(entity_id, []), self.screener.entity(entity_id))
            self._facts.get_or(entity_id, lambda facts=facts: facts)

    def facts(self, entity_id: str) -> Facts:
        """What the lists say about a candidate (cached)."""
        def read() -> Facts:
            version = self._versions.get(entity_id.split("-", 1)[0])
            return facts_of(self.store.get_entity(entity_id, version), self.store.records_for(entity_id),
                            self.screener.entity(entity_id))
        facts: Facts = self._facts.get_or(entity_id, read)
        return facts

    def judged_facts(self, entity_id: str) -> Facts:
        """A candidate's facts with the listed countries of the parties the lists relate it to (cached; read
        from the screener's records, in memory: no store read)."""
        def read() -> Facts:
            facts = self.facts(entity_id)
            records = [self.screener.entity(other) for other in sorted(facts.related)]
            countries = frozenset(c for record in records if record is not None for c in record.countries)
            return replace(facts, associate_countries=countries - facts.countries)
        judged: Facts = self._judged.get_or(entity_id, read)
        return judged

    def _verdicts(self, cluster: Cluster, linked: dict[tuple[str, str], set[str]]) -> list[Verdict]:
        """The candidates the context leaves above the threshold: the best, and those tied with it both
        after context and on the name alone (context breaks ties between equal names, it does not
        promote a weaker name: "Bushra" is not "Bashar" because both are Syrian)."""
        r, threshold = self.rules, self.threshold
        surname = cluster.single_word and cluster.label == "PERSON"
        lowest = self._lowest(cluster)
        verdicts, titled = [], []
        results = self.screen(cluster.query, cluster.schema)
        self.prefetch([r.id for r in results if r.score >= lowest])
        for result in results:
            if result.score < lowest or (result.schema == "Person") != (cluster.label == "PERSON"):
                continue
            facts = self.facts(result.id)
            if cluster.single_word and not (set(normalize(cluster.query).split()) <= facts.name_words
                                            or (cluster.label == "PERSON" and listed_word(cluster.query, facts))):
                continue  # one word must be a whole word of a listed name ("GoR" is not "GORA"; "Poutine" is PUTIN)
            if cluster.label == "PERSON" and not surname and not surname_matches(cluster.name, facts):
                continue  # "Jorge Alberto" is not "ZAMUDIO LERMA, Jorge Alberto"
            verdict = judge(cluster, result, self.judged_facts(result.id), linked)
            by_title = False
            if surname and len(verdict.confirmed) < r.surname_confirmations:
                if "position" not in verdict.effects or len(verdict.confirmed) < r.titled_surname_confirmations:
                    continue
                by_title = True  # "le président Poutine": taken if no other bearer holds the title
                titled.append(verdict)
            if not self._context_ok(cluster, verdict):
                continue
            if (verdict.weakened and result.score < threshold) or (verdict.score < threshold and not by_title):
                continue  # a surname its title singles out stands on the surname floor, not the threshold
            if (verdict.weakened and not verdict.confirmed and result.score < r.sure_name
                    and not spelled_alike(cluster.name, cluster.schema, facts)):
                continue  # a weaker name with only context against it (not one romanised otherwise)
            verdicts.append(verdict)
        verdicts = self._single_titled(verdicts, titled)
        if not verdicts:
            return []
        best = max(v.score for v in verdicts)
        best_name = max(v.result.score for v in verdicts)
        return [v for v in verdicts
                if v.score >= best - r.tie_margin and v.result.score >= best_name - r.name_tie_margin]

    def _single_titled(self, verdicts: list[Verdict], titled: list[Verdict]) -> list[Verdict]:
        """The verdicts, less those of a surname confirmed only by its title when the title is the listed
        position of two listed parties or more (same-as entries are one party)."""
        if not titled:
            return verdicts
        parties = {min({v.result.id, *self.screener.same_as(v.result.id)}) for v in titled}
        if len(parties) > 1:
            return [v for v in verdicts if not any(v is t for t in titled)]
        for verdict in titled:
            verdict.confirmed.append("its title is its listed position, held by no other listed bearer of the name")
        return verdicts

    def verdicts_alone(self, cluster: Cluster) -> list[Verdict]:
        """The cluster's verdicts with no other party of the article linked yet."""
        return self._verdicts(cluster, {})

    def _lowest(self, cluster: Cluster) -> float:
        """The lowest name score a candidate of ``cluster`` may have to be weighed at all."""
        if cluster.single_word and cluster.label == "PERSON":
            return self.rules.surname_floor
        return self.threshold - self.rules.near_miss

    def _prefetch_article(self, clusters: list[Cluster]) -> None:
        """Screen every cluster of an article and read the facts of all their candidates in one go (one
        pair of store queries per article instead of one per name: the queries' fixed cost was most of
        the reading)."""
        wanted: list[str] = []
        for cluster in clusters:
            lowest = self._lowest(cluster)
            wanted.extend(r.id for r in self.screen(cluster.query, cluster.schema) if r.score >= lowest)
        self.prefetch(wanted)

    def _context_ok(self, cluster: Cluster, verdict: Verdict) -> bool:
        """Organisations named weakly need the context on their side. An acronym ("CGN", "STS") or one
        common word ("Finance") links only when confirmed and not weakened; a name made only of common
        words and no legal form ("Ministry of Interior": a body every country has) is refused when
        anything weakens it, and when it is neither confirmed nor the listed name word for word. A
        company name with its legal form ("Keen Well International Limited") needs nothing more."""
        if cluster.label != "ORG":
            return True
        sure = bool(verdict.confirmed) and not verdict.weakened
        name = cluster.query.strip()
        letters = [ch for ch in name if ch.isalpha()]
        if cluster.single_word and len(letters) <= ACRONYM_LETTERS and sum(ch.isupper() for ch in letters) >= 2:
            return sure
        analysis = analyze(name, "Organization")
        words = analysis.strong_tokens
        legal_form = any(weak and token not in CONNECTORS and token not in self.rules.loose_legal_forms
                         for token, weak in zip(analysis.canonical, analysis.weak, strict=True))
        if not words or legal_form or not all(w in resources(self.store).common for w in words):
            return True
        if cluster.single_word or verdict.weakened:
            return sure and not verdict.weakened
        return bool(verdict.confirmed) or verdict.result.score >= self.rules.sure_name

    def _links(self, cluster: Cluster, verdicts: list[Verdict]) -> list[EntityLink]:
        links: dict[str, EntityLink] = {}
        for verdict in sorted(verdicts, key=lambda v: -v.score):
            res = verdict.result
            links[res.id] = EntityLink(res.id, res.dataset, res.source_id, min(1.0, verdict.score), res.caption,
                                       res.schema, verdict.evidence(cluster))
        for verdict in verdicts:
            for other in self.screener.same_as(verdict.result.id):
                record = self.screener.entity(other)
                if other in links or record is None:
                    continue
                links[other] = EntityLink(other, record.dataset, other.split("-", 1)[1], min(1.0, verdict.score),
                                          record.caption, record.schema,
                                          {"same_as": verdict.result.id, "query": cluster.query,
                                           "context": "listed as the same party as " + verdict.result.id})
        return list(links.values())

    def link(self, result: ArticleResult) -> ArticleResult:
        """Fill the ``links`` of the article's PERSON and ORG mentions (in place; returns ``result``)."""
        started = time.perf_counter()
        linked: dict[tuple[str, str], set[str]] = {}
        clusters = build_clusters(result)
        self._prefetch_article(clusters)
        split = split_glued(self, result, clusters)
        if split:  # two names the NER read as one: the mentions changed
            clusters = build_clusters(result)
            for cluster in clusters:
                cluster.split_from = split.get((cluster.label, normalize(cluster.name)))
            self._prefetch_article(clusters)
        for cluster in clusters:
            self._link_cluster(result, cluster, linked)
        for cluster in clusters:  # again, those left unlinked, with what the others' links confirm
            if not linked[cluster.key]:
                self._link_cluster(result, cluster, linked)
        result.timings["link"] = time.perf_counter() - started
        return result

    def _link_cluster(self, result: ArticleResult, cluster: Cluster, linked: dict[tuple[str, str], set[str]]) -> None:
        """Link one cluster's mentions, and record its links in ``linked`` (key → ids)."""
        links = self._links(cluster, self._verdicts(cluster, linked))
        linked[cluster.key] = {link.id for link in links}
        for index in cluster.mentions:
            result.mentions[index].links = [EntityLink(k.id, k.dataset, k.source_id, k.score, k.caption,
                                                       k.schema, dict(k.evidence)) for k in links]


def _linker(screener: Screener, store: Store | None) -> Linker:
    key = (id(screener), store.url if store is not None else "")
    with _LOCK:
        found = _LINKERS.get(key)
        if found is None or found.screener is not screener:
            found = _LINKERS[key] = Linker(screener, store)
        return found


def link(result: ArticleResult, screener: Screener, store: Store | None = None) -> ArticleResult:
    """Link one annotated article's mentions (see the module docstring); ``store`` defaults to the
    configured one. Screens and list facts are cached per screener across calls."""
    return _linker(screener, store).link(result)


def link_many(results: Iterable[ArticleResult], screener: Screener,
              store: Store | None = None) -> Iterator[ArticleResult]:
    """Link a stream of annotated articles, in order."""
    linker = _linker(screener, store)
    for result in results:
        yield linker.link(result)
