"""Quality floors with the real pipeline over the bundled lists and all the bundled news: stories (the seed
story and the Treasury groupings), the story report people read, dossier timelines, the demo.

Slow: the session's fully loaded store (``bundled_home_dir``) is copied for this module, so news can be
added without touching the shared one; extraction runs the language model and the linker.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kenning import settings
from kenning.cli.demo import run_demo
from kenning.matching import Screener
from kenning.news.reconcile.report import reconcile
from kenning.news.service import add_items, entity_news, list_stories, story_report
from kenning.news.storage import load_results
from kenning.store import Store
from testkit import run_cli

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parents[3] / "data" / "news"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))
PRESS = DATA / "treasury_press" / "texts"
#: The seed event's release, Wagner releases of other days, and two releases of one day about other actions.
RELEASES = ["2023-07-24_jy1645.txt", "2023-01-26_jy1220.txt", "2023-05-25_jy1502.txt", "2023-07-19_jy1628.txt",
            "2022-10-19_jy1034.txt", "2022-10-19_jy1035.txt"]


@pytest.fixture(scope="module")
def home_copy(bundled_home_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("news") / "home"
    shutil.copytree(bundled_home_dir, home)
    return home


@pytest.fixture
def store(home_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("KENNING_HOME", str(home_copy))
    monkeypatch.delenv("KENNING_DB", raising=False)
    monkeypatch.delenv("KENNING_INDEX_DIR", raising=False)
    settings.reload()
    opened = Store()
    yield opened
    opened.engine.dispose()
    monkeypatch.undo()
    settings.reload()


@pytest.fixture
def added(store: Store) -> dict[str, str]:
    """File name → story id of the seeds and every bundled release, added once (later calls find them
    unchanged)."""
    done, failures = add_items(store, [*SEEDS, *sorted(PRESS.glob("*.txt"))], Screener.open, show_progress=False)
    assert failures == []
    return {Path(a.item).name: str(a.story_id) for a in done}


def test_the_seed_reports_and_their_release_are_one_story_and_every_other_release_alone(
        added: dict[str, str]) -> None:
    story = added[SEEDS[0].name]
    assert added[SEEDS[1].name] == story and added[RELEASES[0]] == story
    others = [s for name, s in added.items() if name not in (SEEDS[0].name, SEEDS[1].name, RELEASES[0])]
    assert story not in others and len(set(others)) == len(others) == 39


def test_the_seed_story_is_reconciled_as_the_gold_says(store: Store, added: dict[str, str]) -> None:
    report = story_report(store, added[SEEDS[0].name])
    by_about = {f["about"]: f for f in report["facts"]}
    uk = next(f for about, f in by_about.items() if about.startswith("United Kingdom") and f["field"] == "targets")
    assert uk["status"] == "conflicting"
    assert sorted(s["value"] for s in uk["statements"]) == ["13 individuals", "13 individuals and businesses"]
    junta = by_about["junta: took power"]  # Mali's two coups: both dates, not a conflict
    assert junta["status"] == "possibly-different"
    assert {s["normalized"] for s in junta["statements"]} == {"2021-05", "2020"}
    us = report["events"][0]
    assert us["authority_country"] == "us" and us["date"] == "2023-07-24" and len(us["sources"]) == 3
    assert {t["entity_id"] for t in us["targets"]} >= {"us_ofac_sdn-42616", "us_ofac_sdn-42617", "us_ofac_sdn-42618"}
    announced = next(f for f in report["facts"] if f["event"] == us["key"] and f["field"] == "announced_by")
    assert announced["status"] == "complementary"
    role = by_about["Adama Bagayoko's role"]
    assert role["status"] == "complementary" and "deputy chief of staff" in [s["value"] for s in role["statements"]]
    assert not [f for f in report["facts"] if f["event"] == us["key"] and f["status"] == "conflicting"]


def test_single_source_claims_of_the_two_seeds(store: Store, added: dict[str, str]) -> None:
    seeds = next(s for s in list_stories(store) if s["id"] == added[SEEDS[0].name])
    with store.connect() as conn:
        results = load_results(conn, [r["id"] for r in seeds["articles"] if r["url"] is None])
    assert len(results) == 2
    report = reconcile(results)
    single = " ".join(s.evidence.text for f in report.facts if f.status == "single-source" for s in f.statements)
    for words in ("civilian deaths have tripled", "some 1,000 troops", "European Union agreed to impose travel bans",
                  "Human Rights Watch accused", "murdering 500 people", "These officials have made their people"):
        assert words in single


def test_dossier_news_of_a_designated_minister(store: Store, added: dict[str, str]) -> None:
    news = entity_news(store, "us_ofac_sdn-42618")
    articles = {n["article"]["id"] for n in news}
    assert len(articles) >= 2
    for item in news:
        sentence = item["sentence"]["text"]
        assert sentence[item["highlight"]["start"]:item["highlight"]["end"]] == item["text"]
    dates = {e["date"] for n in news for e in n["events"]}
    assert "2023-07-24" in dates


def test_demo_is_quick_the_second_time(store: Store, tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "news" / "seeds").mkdir(parents=True)
    (data / "news" / "treasury_press" / "texts").mkdir(parents=True)
    for seed in SEEDS:
        shutil.copy(seed, data / "news" / "seeds")
    shutil.copy(PRESS / RELEASES[0], data / "news" / "treasury_press" / "texts")
    said: list[str] = []
    first = run_demo(store, say=said.append, show_progress=False, data_dir=data)
    assert first.report is not None and len(first.report["articles"]) == 3
    said.clear()
    second = run_demo(store, say=said.append, show_progress=False, data_dir=data)
    assert {a.status for a in second.added} == {"unchanged"}
    assert not any("opening" in line for line in said) and any("already made" in line for line in said)
    assert json.dumps(second.report["facts"]) == json.dumps(first.report["facts"])


def test_the_seed_story_report_opens_with_one_screen_of_summary(store: Store, added: dict[str, str]) -> None:
    story = added[SEEDS[0].name]
    shown = run_cli("story", story)
    assert shown.code == 0
    lines = shown.out.splitlines()
    assert len(lines) <= 60  # one screen; the rest is --full away
    summary = shown.out[shown.out.index("Who was sanctioned"):shown.out.index("Conflicts")]
    for listed in ("CAMARA, Sadio (42618)", "DIARRA, Alou Boi (42617)", "BAGAYOKO, Adama (42616)"):
        assert listed in summary
    assert "24 July 2023 — OFAC → US Treasury → United States" in summary
    assert "week of 17 July 2023 — United Kingdom" in summary and "13 individuals" in summary
    assert "2022 — European Union" in summary and "five members of Mali’s junta" in summary
    assert "PRIVATE MILITARY COMPANY 'WAGNER' (22543)" in summary and "MASLOV, Ivan Aleksandrovich (40969)" in summary
    full = run_cli("story", story, "--full").out
    assert len(full.splitlines()) > len(lines)
    for text in (shown.out, full):
        assert "-W2" not in text and ".txt" not in text  # no ISO week, no file name as an outlet
        assert "process for seeking removal" not in text and "click here" not in text  # no boilerplate fact
    report = json.loads(run_cli("story", story, "--json").out)
    week = next(i for i in report["summary"] if i["country"] == "gb")["date"]
    assert (week["from"], week["to"], week["precision"]) == ("2023-07-17", "2023-07-23", "week")
    assert {a["outlet"] for a in report["articles"]} == {"BBC News", "The Hindu", "U.S. Department of the Treasury"}


def test_wagners_timeline_shows_each_designation_once_and_only_its_own(store: Store, added: dict[str, str]) -> None:
    shown = run_cli("entity", "us_ofac_sdn-22543")
    timeline = [line for line in shown.out.splitlines() if line.startswith("timeline: ")]
    events = [line for line in timeline if "according to" in line]
    assert len(events) == len(set(line.split(": ")[1] for line in events))  # one line per date
    assert sum("20 June 2017" in line for line in events) == 1
    assert sum("January 2023" in line for line in events) == 1
    assert not any("25 May 2023" in line for line in events)  # Maslov's designation is not Wagner's
