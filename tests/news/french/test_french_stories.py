"""French and English reports of one event in one story, in the store as in memory.

The reports are the multilingual dev set (``../shared/data/news/multilingual_dev``: 49 real reports, 38
French, of three sanctions events and five nearby events) and the two English seed reports of the
2023-07-24 action, extracted once per module with the bundled lists (linking on). Each test stores
copies of those results in a fresh store through ``add_articles`` (the path of ``kenning news add``), so
the store and the in-memory grouping see the same extraction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from kenning.news.article import Article
from kenning.news.codec import result_from_dict
from kenning.news.ingest.collect import IngestFailure, ingest_file
from kenning.news.model import ArticleResult
from kenning.news.service import add_articles
from kenning.news.stories.memory import group_results
from kenning.news.views import list_stories, story_report
from kenning.store import Store
from testkit import kenning_env

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "news"
DEV = SHARED / "multilingual_dev"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
#: A French report of MINUSMA's withdrawal (June 2023): Mali, Camara, Wagner and the United States, no sanctions.
MINUSMA = Path(__file__).resolve().parents[2] / "fixtures" / "news_fr" / "minusma_retrait.txt"
GOLD: dict[str, str] = json.loads((DEV / "gold.json").read_text(encoding="utf-8")) if DEV.exists() else {}
#: The designees of the 2023-07-24 action on the SDN list.
E1_DESIGNEES = {"us_ofac_sdn-42618", "us_ofac_sdn-42617", "us_ofac_sdn-42616"}

pytestmark = pytest.mark.skipif(not GOLD or not SEEDS, reason="the shared news data is not beside the checkout")


@pytest.fixture(scope="module")
def extracted(bundled_home_dir: Path) -> dict[str, dict[str, object]]:
    """Every report (file name → ``ArticleResult.to_dict``), extracted once with the bundled lists."""
    from kenning.matching import Screener
    from kenning.news.service import extract_isolated

    paths = [*SEEDS, *(DEV / "texts" / name for name in sorted(GOLD)), MINUSMA]
    articles = [ingest_file(p) for p in paths]
    with kenning_env(HOME=str(bundled_home_dir)):
        results, failures = extract_isolated(articles, Screener.open(), workers=1, store=Store())
    assert not failures
    return {p.name: r.to_dict() for p, r in zip(paths, results, strict=True)}


def _results(extracted: dict[str, dict[str, object]], names: Sequence[str]) -> list[ArticleResult]:
    """Fresh copies of the extracted results (grouping reads undated reports again, in place)."""
    paths = {p.name: p for p in [*SEEDS, MINUSMA]} | {n: DEV / "texts" / n for n in GOLD}
    return [result_from_dict(ingest_file(paths[n]), extracted[n]) for n in names]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    found = Store(f"sqlite:///{tmp_path / 'news.db'}")
    yield found
    found.engine.dispose()


def _add(store: Store, results: list[ArticleResult]) -> dict[str, str]:
    """Store ``results`` as ``kenning news add`` does; the near copies it found (copy → original)."""
    by_id = {r.article.id: r for r in results}

    def extractor(articles: Sequence[Article]) -> tuple[list[ArticleResult], list[IngestFailure]]:
        return [by_id[a.id] for a in articles], []

    added, failures = add_articles(store, [r.article for r in results], extractor=extractor, show_progress=False)
    assert not failures
    return {a.article_id: a.duplicate_of for a in added if a.status == "duplicate" and a.duplicate_of}


def _stories(store: Store, copies: dict[str, str] | None = None) -> set[frozenset[str]]:
    """The stored stories' reports, with each near copy in its original's story."""
    stories = [{a["id"] for a in s["articles"]} for s in list_stories(store)]
    for copy, original in (copies or {}).items():
        next(s for s in stories if original in s).add(copy)
    return {frozenset(s) for s in stories}


def test_the_store_groups_as_memory_does(extracted: dict[str, dict[str, object]], store: Store) -> None:
    """One batch of the whole dev set and the seeds: the same stories stored as grouped in memory."""
    names = [p.name for p in SEEDS] + sorted(GOLD) + [MINUSMA.name]
    in_memory = {frozenset(s) for s in group_results(_results(extracted, names))}
    copies = _add(store, _results(extracted, names))
    assert _stories(store, copies) == in_memory
    assert len(in_memory) < len(names) - 20  # the check means something: most reports joined a story


def _e1_french() -> list[str]:
    return [n for n, event in sorted(GOLD.items()) if event == "E1" and n.startswith("fr_") and "_202307" in n]


def test_french_reports_join_the_seed_story_in_the_store(extracted: dict[str, dict[str, object]],
                                                          store: Store) -> None:
    """The must-show: the seeds, then the 16 French reports of 2023-07-24, make one story; its report lists
    each French report with ``fr`` and its outlet and links the three designees."""
    french = _e1_french()
    assert len(french) == 16
    _add(store, _results(extracted, [p.name for p in SEEDS]))
    copies = _add(store, _results(extracted, french))
    (story,) = list_stories(store)
    report = story_report(store, story["id"])
    reports = report["articles"]
    assert len(reports) == len(story["articles"]) == 2 + 16 - len(copies)  # a near copy is kept as such
    french_ids = {r.article.id for r in _results(extracted, french)} - set(copies)
    assert {a["id"] for a in reports if a["language"] == "fr"} == french_ids
    assert all(a["outlet"] for a in reports if a["language"] == "fr")
    summary = json.dumps(report["summary"])
    assert all(entity in summary for entity in E1_DESIGNEES)


def test_distractors_stay_out_of_the_sanctions_story(extracted: dict[str, dict[str, object]], store: Store) -> None:
    """Reports of nearby events (Prigozhin's mutiny seen from Mali a month before, the White House's
    announcement of January, US visa restrictions, the UN's Moura report, MINUSMA's withdrawal) never join
    a story of the 2023-07-24 reports, though they name Wagner, Mali and the United States, in French as in
    English."""
    e1 = [n for n, event in sorted(GOLD.items()) if event == "E1"]
    distractors = [n for n, event in sorted(GOLD.items()) if event.startswith("D-")] + [MINUSMA.name]
    _add(store, _results(extracted, [p.name for p in SEEDS] + e1))
    _add(store, _results(extracted, distractors))
    sanctions = {r.article.id for r in _results(extracted, e1)}
    others = {r.article.id for r in _results(extracted, distractors)}
    for story in _stories(store):
        assert not (story & sanctions and story & others), "a distractor joined a story of the sanctions reports"


def _facts(report: dict[str, object], predicate: str) -> list[dict[str, object]]:
    facts = report["facts"]
    assert isinstance(facts, list)
    return [f for f in facts if f["field"] == predicate]


def test_french_claims_show_in_the_story_beside_the_english(extracted: dict[str, dict[str, object]],
                                                             tmp_path: Path) -> None:
    """The must-show: after the seeds and the 16 French reports of 2023-07-24, the story holds Camara's French
    citizenship (said only in French reports: complementary, each quote in French with ``fr``) and the rise
    in civilian deaths told as "tripled" (English) and "278%" (French) as one change, side by side, compared
    as factors; the web page marks each French quote ``lang="fr"``."""
    from fastapi.testclient import TestClient

    from kenning.api import create_app

    store = Store(f"sqlite:///{tmp_path / 'kenning.db'}")
    _add(store, _results(extracted, [p.name for p in SEEDS]))
    _add(store, _results(extracted, _e1_french()))
    (story,) = list_stories(store)
    report = story_report(store, story["id"])
    store.engine.dispose()
    [citizenship] = _facts(report, "citizenship")
    assert citizenship["status"] in ("complementary", "single-source") and citizenship["subject"] == "sadio camara"
    said = citizenship["statements"]
    assert isinstance(said, list) and {s["language"] for s in said} == {"fr"} and len(said) >= 2
    assert {s["normalized"] for s in said} == {"fr"}
    assert any("nationalité française" in s["value"] or "citoyen français" in s["value"] for s in said)
    [change] = _facts(report, "change")
    assert change["subject"] == "civilian deaths"
    told = {(s["language"], s["value"], s["normalized"]) for s in change["statements"]}
    assert ("en", "tripled", "x3") in told and any(lang == "fr" and v == "+278%" for lang, _, v in told)
    assert change["status"] == "conflicting" and "x3.78" in str(change["note"])
    with kenning_env(HOME=str(tmp_path)), TestClient(create_app()) as client:
        page = client.get(f"/story/{story['id']}").text
    for quote in ("278%", "tripled"):
        tag = page[:page.index(f"“{quote}")].rsplit("<p", 1)[1]
        assert ('lang="fr"' if quote == "278%" else 'lang="en"') in tag
