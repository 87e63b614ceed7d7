"""Adverse media: every stored news report matched against the portfolios.

Two ways a report concerns a customer:

* through a **listed party** it names: the report's mentions linked to a list entry (or to the same party on
  another list) reach every customer who matches that entry now — unless an analyst marked that pair a
  false positive;
* through an **unlisted person or organisation** it names: the mention (with the full name it refers to) is
  screened against every customer through the customer index, by the same pair rule and matcher as list
  entries.

One alert per customer and report, carrying each sentence that names the customer, the report, its story
and the sanctions events that target the party. Reports are taken in the order they were stored, each in
one transaction with its alerts and audit entry; customers added or changed later are screened against the
reports already stored (forward, through an index of their mentions).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Connection, Row

from kenning.matching.records import RawEntity, entity_record
from kenning.model import make_entity
from kenning.monitor.custindex import CustomerIndex
from kenning.monitor.profile import Profile, profile_by_id
from kenning.monitor.run import run_lock
from kenning.monitor.screen import Match, Screening, forward, reverse_candidates
from kenning.monitor.storage import audit, ensure_monitor_tables
from kenning.monitor.storage.alerts import insert_alert, suppressions_of
from kenning.monitor.storage.locking import write_tx
from kenning.monitor.storage.reads import alerts_digest, mark_media_done, media_done, media_done_ids
from kenning.monitor.storage.state import customer_rows, get_cursor, matches_of, now, set_cursor
from kenning.monitor.targets import TargetIndex, build_targets, record_of
from kenning.monitor.units import customer_of
from kenning.news.model import ArticleResult
from kenning.news.storage import article_ids, ensure_news_tables, load_results, story_of
from kenning.store import Store
from kenning.store.sameas import same_as_cluster

__all__ = ["MediaReport", "run_media"]

_LABELS = {"PERSON": "Person", "ORG": "Organization"}


@dataclass
class MediaReport:
    articles: int = 0
    alerts: int = 0
    customers: int = 0
    alert_ids: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "alerts": self.alerts, "customers": self.customers}


def _mention_raws(result: ArticleResult) -> list[tuple[int, RawEntity]]:
    """The article's unlisted person and organisation mentions as scoring records (name and the full name
    it refers to), by mention number."""
    out = []
    for number, mention in enumerate(result.mentions):
        if mention.label not in _LABELS or mention.links:
            continue
        entity = make_entity(_LABELS[mention.label], f"article-{result.article.id}-m{number}")
        entity.add("name", mention.text)
        if mention.refers_to:
            entity.add("alias", mention.refers_to)
        if mention.country:
            entity.add("country", mention.country)
        raw = entity_record(entity)
        if raw.names:
            out.append((number, raw))
    return out


def _sentence(result: ArticleResult, number: int) -> dict[str, Any]:
    mention = result.mentions[number]
    sentence = result.sentences[mention.sentence] if mention.sentence < len(result.sentences) else None
    return {"mention": number, "text": mention.text, "label": mention.label, "start": mention.start,
            "end": mention.end, "sentence": sentence.text if sentence else mention.text,
            "sentence_start": sentence.start if sentence else mention.start}


def _events(result: ArticleResult, entity_ids: set[str], mentions: set[int]) -> list[dict[str, Any]]:
    """The report's sanctions events that target the party or the mention (all of them when none does)."""
    def concerns(event: Any) -> bool:
        return any(t.mention in mentions or any(link.id in entity_ids for link in t.links) for t in event.targets)

    chosen = [e for e in result.events if concerns(e)] or result.events
    return [{"authority": e.authority, "date": e.date, "measures": e.measures, "reason": e.reason,
             "targets": [t.name for t in e.targets], "background": e.background,
             "evidence": [s.to_dict() for s in e.evidence[:2]]} for e in chosen]


@dataclass
class _Hit:
    mentions: dict[int, dict[str, Any]] = field(default_factory=dict)
    parties: set[str] = field(default_factory=set)
    score: float = 0.0


def _party_hits(conn: Connection, result: ArticleResult, hits: dict[int, _Hit]) -> None:
    for number, mention in enumerate(result.mentions):
        linked = {link.id for link in mention.links}
        cluster = set().union(*(same_as_cluster(conn, i) for i in linked)) if linked else set()
        if not cluster:
            continue
        for row in matches_of(conn, entities=sorted(cluster)).values():
            hit = hits.setdefault(row.customer_pk, _Hit())
            hit.mentions[number] = {**_sentence(result, number), "via": {"party": row.entity_id,
                                                                        "match_score": round(row.score, 4)}}
            hit.parties.add(row.entity_id)
            hit.score = max(hit.score, row.score)
    active = suppressions_of(conn, [(pk, e) for pk, h in hits.items() for e in h.parties])
    for pk, hit in list(hits.items()):
        hit.parties -= {e for (p, e) in active if p == pk}
        if not hit.parties:
            del hits[pk]


def _name_hits(screening: Screening, index: CustomerIndex, conn: Connection, result: ArticleResult,
               hits: dict[int, _Hit]) -> None:
    """Unlisted mentions against the customers through the index. A name the report repeats (the same text,
    full name and country) is screened once, and each customer is scored once against every mention that
    reached it: a long report naming a few people many times costs what its distinct names cost."""
    same: dict[tuple[Any, ...], list[int]] = {}
    firsts: list[tuple[int, RawEntity]] = []
    for number, raw in _mention_raws(result):
        m = result.mentions[number]
        numbers = same.setdefault((m.label, m.text, m.refers_to, m.country), [])
        if not numbers:
            firsts.append((number, raw))
        numbers.append(number)
    wanted: dict[int, list[tuple[Any, list[int]]]] = {}
    numbers_of: dict[str, list[int]] = {}
    for number, raw in firsts:
        record = record_of(raw, screening.rarity)
        m = result.mentions[number]
        numbers_of[record.id] = same[(m.label, m.text, m.refers_to, m.country)]
        for (pk, _seq), slots in reverse_candidates(index, [a for _p, a in raw.names], record).items():
            wanted.setdefault(pk, []).append((record, sorted(slots)))
    rows = {r.id: r for r in customer_rows(conn, sorted(wanted))}
    for pk, items in wanted.items():
        row = rows.get(pk)
        if row is None or row.removed:
            continue
        query = screening.query(customer_of(row))
        for match in screening.score(pk, query, [(record, [record.names[s] for s in slots])
                                                 for record, slots in items]):
            for number in numbers_of[match.target]:
                _add_name_hit(hits, pk, result, number, match)


def _add_name_hit(hits: dict[int, _Hit], pk: int, result: ArticleResult, number: int, match: Match) -> None:
    hit = hits.setdefault(pk, _Hit())
    hit.mentions[number] = {**_sentence(result, number), "via": {"name_score": match.score,
                                                                "explanation": match.explanation}}
    hit.score = max(hit.score, match.score)


def _write(conn: Connection, result: ArticleResult, story: str | None, hits: dict[int, _Hit], key: str,
           ) -> list[int]:
    article = result.article
    rows = {r.id: r for r in customer_rows(conn, sorted(hits))}
    subject = f"article:{article.id}"
    quiet = suppressions_of(conn, [(pk, subject) for pk in hits])
    made = []
    for pk, hit in sorted(hits.items()):
        row = rows[pk]
        if (pk, subject) in quiet:
            continue
        mentions = set(hit.mentions)
        evidence = {"customer": {"customer_id": row.customer_id, **customer_of(row).data()},
                    "article": {"id": article.id, "title": article.title, "outlet": article.outlet,
                                "published": article.published, "url": article.url},
                    "story": story, "mentions": [hit.mentions[n] for n in sorted(mentions)],
                    "events": _events(result, hit.parties, mentions), "cause": {"type": "news", "key": key}}
        alert_id = insert_alert(conn, {
            "portfolio": row.portfolio, "customer_pk": pk, "subject": subject, "kind": "media", "status": "open",
            "score": round(hit.score, 6), "evidence": evidence, "customer_hash": row.hash, "entity_stamp": article.id,
            "previous_id": None, "run_id": None, "dedupe": f"media:{pk}:{subject}", "created_at": now()})
        if alert_id is not None:
            made.append(alert_id)
    return made


def _one_article(store: Store, screening: Screening, index: CustomerIndex, article_id: str) -> list[int]:
    with write_tx(store) as conn:
        if media_done(conn, article_id):
            return []
        results = load_results(conn, [article_id])
        story = story_of(conn, [article_id]).get(article_id)
        hits: dict[int, _Hit] = {}
        for result in results:
            _party_hits(conn, result, hits)
            _name_hits(screening, index, conn, result, hits)
        made = [a for r in results for a in _write(conn, r, story, hits, f"article:{article_id}")]
        mark_media_done(conn, article_id, now())
        audit.append(conn, "kenning", "run.unit", f"media:{article_id}",
                     after={"alerts": sorted(made), "digest": alerts_digest(conn, made), "customers": len(hits)})
    return made


def _mention_index(store: Store, screening: Screening) -> tuple[TargetIndex, dict[str, tuple[str, int]]]:
    """Every stored report's unlisted mentions as targets: target id → (article id, mention number)."""
    raws: list[RawEntity] = []
    where: dict[str, tuple[str, int]] = {}
    with store.connect() as conn:
        for result in load_results(conn):
            for number, raw in _mention_raws(result):
                raws.append(raw)
                where[raw.record.id] = (result.article.id, number)
    return build_targets(raws, screening.rarity), where


def _changed_customers(store: Store, screening: Screening, since: int, upto: int) -> list[int]:
    """Customers changed since the last media pass against the stored reports (names and parties)."""
    from kenning.monitor.storage.state import active_customers

    done = media_done_ids(store)
    if not done:
        # No report has been matched yet: there is nothing to screen the customers against (the reports not
        # yet matched are matched against every customer next). Without this, a first import of 1M customers
        # walked them all in 5,000-customer units for no alert.
        return []
    targets, where = _mention_index(store, screening)
    made: list[int] = []
    for batch in active_customers(store, after_seq=since, upto_seq=upto):
        per_article: dict[str, dict[int, _Hit]] = {}
        for row in batch:
            for match in forward(screening, row.id, customer_of(row), targets):
                article_id, number = where[match.target]
                per_article.setdefault(article_id, {})
                per_article[article_id].setdefault(row.id, _Hit())
                per_article[article_id][row.id].mentions[number] = {"via": {"name_score": match.score,
                                                                            "explanation": match.explanation}}
        made += _write_customer_hits(store, per_article, batch, done)
    return made


def _write_customer_hits(store: Store, per_article: dict[str, dict[int, _Hit]], batch: Sequence[Row[Any]],
                         done: list[str]) -> list[int]:
    made: list[int] = []
    with write_tx(store) as conn:
        pks = [r.id for r in batch]
        for article_id in done:
            results = load_results(conn, [article_id])
            if not results:
                continue
            result = results[0]
            hits = per_article.get(article_id, {})
            for hit in hits.values():
                hit.mentions = {n: {**_sentence(result, n), **m} for n, m in hit.mentions.items()}
                hit.score = max(m["via"]["name_score"] for m in hit.mentions.values())
            party: dict[int, _Hit] = {}
            _party_hits(conn, result, party)
            for pk in pks:
                if pk in party:
                    hits.setdefault(pk, party[pk])
            if hits:
                story = story_of(conn, [article_id]).get(article_id)
                made += _write(conn, result, story, hits, f"article:{article_id}")
        audit.append(conn, "kenning", "run.unit", f"media:customers:{pks[0]}-{pks[-1]}",
                     after={"alerts": sorted(made), "digest": alerts_digest(conn, made)})
    return made


def run_media(store: Store, article_ids_: Sequence[str] | None = None) -> MediaReport:
    """Match the stored reports not yet matched (or these) against the portfolios, and the customers changed
    since the last pass against every stored report. Needs a monitoring profile (a first run)."""
    ensure_monitor_tables(store)
    ensure_news_tables(store)
    report = MediaReport()
    with run_lock():
        with store.connect() as conn:
            state = get_cursor(conn, "state")
            media_seq = int(get_cursor(conn, "media_seq", 0))
            pending = list(article_ids_) if article_ids_ is not None else article_ids(conn)
        if state is None or state.get("profile") is None:
            return report
        profile: Profile = profile_by_id(store, int(state["profile"]))
        screening, index = profile.screening(), CustomerIndex(profile.id)
        screening.stored = index.analysis
        if int(state["seq"]) > media_seq:
            report.alert_ids += _changed_customers(store, screening, media_seq, int(state["seq"]))
            with write_tx(store) as conn:
                set_cursor(conn, "media_seq", int(state["seq"]))
        for article_id in pending:
            made = _one_article(store, screening, index, article_id)
            report.articles += 1
            report.alert_ids += made
    report.alerts = len(report.alert_ids)
    audit.write_head(store)
    return report
