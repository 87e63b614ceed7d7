"""Quality floors on real reports through the whole pipeline over the bundled lists (slow: full store).

* the seed story: every gold sanction event is found in one of its reports with the right authority
  country, date (equal, or a period containing the gold day) and measures;
* Treasury releases: the SDN entries newly designated on the release day against the gold designees,
  and a release that designates nobody yields no such event;
* every span of every event and claim is the article's own text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kenning.matching import Screener
from kenning.news.dates import date_within
from kenning.news.events.facts import listing_measures, normalize_measure
from kenning.news.ingest.collect import ingest_file
from kenning.news.model import ArticleResult, SanctionEvent
from kenning.news.pipeline import extract
from kenning.store import Store
from testkit import REPO

SEEDS = REPO / "data" / "news" / "seeds"
PRESS = REPO / "data" / "news" / "treasury_press"

pytestmark = pytest.mark.slow


@pytest.fixture
def screener(bundled_home: Path) -> Screener:
    return Screener.open()


def _run(path: Path, screener: Screener, anchor: str | None = None) -> ArticleResult:
    return extract(ingest_file(path), screener, store=Store(), anchor=anchor)


def _matches(gold: dict[str, Any], event: SanctionEvent) -> bool:
    date = event.date is not None and (event.date == gold["date"] or date_within(gold["date"], event.date))
    measures = {normalize_measure(m) for m in gold["measures"]} <= set(event.measures)
    return event.authority_country == gold["authority_country"] and date and measures


def test_every_seed_event_is_found_with_authority_date_and_measures(bundled_home: Path, screener: Screener) -> None:
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    dated = _run(SEEDS / "001_3223975ce75752ba.txt", screener)
    undated = _run(SEEDS / "000_e3adef94a2369754.txt", screener, anchor=dated.article.published)
    results = {"001_3223975ce75752ba.txt": dated, "000_e3adef94a2369754.txt": undated}
    missing = [g["key"] for g in gold["sanction_events"]
               if not any(_matches(g, e) for source in g["sources"] for e in results[source].events)]
    assert missing == []
    mali = next(e for e in dated.events if e.date == "2023-07-24")
    ids = {link.source_id for t in mali.targets for link in t.links if link.dataset == "us_ofac_sdn"}
    assert {"42616", "42617", "42618"} <= ids


def _designated(result: ArticleResult, day: str) -> set[int]:
    events = [e for e in result.events if not e.background and e.date == day and "delisting" not in e.measures
              and listing_measures() & set(e.measures)]
    return {int(link.source_id) for e in events for t in e.targets for link in t.links
            if link.dataset == "us_ofac_sdn" and link.source_id.isdigit()}


@pytest.mark.parametrize(("release", "floor"), [
    ("2021-11-15_jy0481.txt", 0.95), ("2023-07-24_jy1645.txt", 1.0), ("2023-06-05_jy1522.txt", 0.9),
    ("2024-02-20_jy2114.txt", 1.0), ("2022-12-08_jy1151.txt", 0.9), ("2021-11-18_jy0493.txt", 1.0),
    ("2021-09-17_jy0361.txt", 1.0)])
def test_treasury_releases_name_their_new_designees(bundled_home: Path, screener: Screener, release: str,
                                                    floor: float) -> None:
    gold = next(json.loads(line) for line in (PRESS / "gold.jsonl").read_text(encoding="utf-8").splitlines()
                if release in line)
    result = _run(PRESS / "texts" / release, screener)
    found, wanted = _designated(result, gold["date"]), {d["ent_num"] for d in gold["designees"]}
    if not wanted:
        assert found == set()
        return
    hits = len(found & wanted)
    f1 = 2 * hits / (len(found) + len(wanted))
    assert f1 >= floor, (sorted(found - wanted), sorted(wanted - found))


def test_every_span_is_the_articles_own_text(bundled_home: Path, screener: Screener) -> None:
    for path in (SEEDS / "001_3223975ce75752ba.txt", PRESS / "texts" / "2022-09-30_jy0981.txt"):
        result = _run(path, screener)
        text = result.article.text
        spans = [s for e in result.events for s in e.evidence] + [c.evidence for c in result.claims]
        spans += [t.span for e in result.events for t in e.targets if t.span is not None]
        assert spans and all(text[s.start:s.end] == s.text for s in spans)
