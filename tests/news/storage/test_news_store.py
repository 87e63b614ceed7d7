"""News in the store: tables, round trips, duplicates, stories, dossier news — with hand-built results.

Where a test is about storing, not extracting, the pipeline is replaced by a local fake that returns the
hand-built results of ``test_reconcile_seeds.py`` for the real seed files; everything else is real.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from kenning.errors import NotFoundError
from kenning.news import service
from kenning.news.article import Article
from kenning.news.model import ArticleResult
from kenning.news.service import add_items, entity_news, get_article, list_stories, story_report
from kenning.news.storage import (
    NEWS_TABLES,
    ensure_news_tables,
    find_stored_duplicate,
    insert_article,
    insert_duplicate,
    load_article,
    now,
    replace_result,
)
from kenning.news.storage.tables import news_event_targets, news_events, news_links, news_story_members
from kenning.news.stories import placing
from kenning.news.stories.features import StoryFeatures, story_features
from kenning.store import Store
from kenning.store.sameas import replace_same_as
from newskit import SEED_000, SEED_001, jy1645, seed_000, seed_001

BUILT = {SEED_000.name: seed_000, SEED_001.name: seed_001, "2023-07-24_jy1645.txt": jy1645}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(f"sqlite:///{tmp_path / 'news.db'}")
    ensure_news_tables(opened)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The hand-built results for the seed files; re-anchoring records its anchor instead of re-reading."""
    anchored: list[str] = []

    def extract(articles: Sequence[Article], *_args: object, **_kw: object) -> tuple[list[ArticleResult], list]:
        return [_built(a) for a in articles], []

    def reanchor(result: ArticleResult, anchor: str, canon: object = None, boilerplate: object = None) -> StoryFeatures:
        anchored.append(f"{result.article.id}@{anchor}")
        return story_features(result)

    monkeypatch.setattr(service, "extract_isolated", extract)
    monkeypatch.setattr(service, "reanchor", reanchor)  # stored undated reports of a touched story
    monkeypatch.setattr(placing, "reanchor", reanchor)  # the batch's own (placing.read_undated)
    return anchored


def _built(article: Article) -> ArticleResult:
    result = BUILT[Path(article.source).name]()
    assert result.article.id == article.id
    result.article = article
    return result


def test_news_storage_makes_its_own_tables_on_any_store(tmp_path: Path) -> None:
    plain = Store(f"sqlite:///{tmp_path / 'lists-only.db'}")
    assert "news_articles" not in inspect(plain.engine).get_table_names()
    ensure_news_tables(plain)
    ensure_news_tables(plain)
    assert {t.name for t in NEWS_TABLES} <= set(inspect(plain.engine).get_table_names())
    assert list_stories(plain) == []


def test_a_result_round_trips_with_links_and_event_targets_indexed(store: Store) -> None:
    result = seed_001()
    with store.engine.begin() as conn:
        insert_article(conn, result, now())
    with store.connect() as conn:
        loaded = load_article(conn, result.article.id)
        links = conn.execute(select(news_links).where(news_links.c.entity_id == "us_ofac_sdn-42618")).all()
        targets = conn.execute(select(news_events.c.date, news_event_targets.c.name).join(
            news_events, news_events.c.id == news_event_targets.c.event_id).where(
            news_event_targets.c.entity_id == "us_ofac_sdn-42618")).all()
    assert loaded is not None and loaded.to_dict() == result.to_dict()
    [camara] = links
    assert result.article.text[camara.start:camara.end] == "Sadio Camara"
    assert camara.sentence_text[camara.start - camara.sentence_start:camara.end - camara.sentence_start] == (
        "Sadio Camara")
    assert [(t.date, t.name) for t in targets] == [("2023-07-24", "Sadio Camara")]


def test_copies_are_recognised_exact_and_near(store: Store) -> None:
    result = seed_001()
    with store.engine.begin() as conn:
        insert_article(conn, result, now())
    text = result.article.text
    same = Article.create(text.replace("\n\n", "\n"), "elsewhere.txt", outlet="Other")
    edited = Article.create(text.replace("Last month, the UN Security Council", "Last month, the Council"), "ed.txt")
    other = Article.create(seed_000().article.text, "other.txt")
    with store.engine.begin() as conn:
        exact, near = find_stored_duplicate(conn, same), find_stored_duplicate(conn, edited)
        assert find_stored_duplicate(conn, other) is None
        assert exact is not None and (exact.article_id, exact.kind, exact.similarity) == (result.article.id, "exact",
                                                                                          1.0)
        assert near is not None and near.kind == "near" and 0.5 <= near.similarity < 1.0
        assert insert_duplicate(conn, result.article.id, same, "exact", 1.0, now())
        assert not insert_duplicate(conn, result.article.id, same, "exact", 1.0, now())


def test_replacing_a_result_replaces_its_rows(store: Store) -> None:
    result = seed_001()
    with store.engine.begin() as conn:
        insert_article(conn, result, now())
    result.events = result.events[:1]
    result.mentions[0].links = []
    with store.engine.begin() as conn:
        replace_result(conn, result)
    with store.connect() as conn:
        assert len(conn.execute(select(news_events)).all()) == 1
        assert not conn.execute(select(news_links).where(news_links.c.entity_id == "us_ofac_sdn-42618")).all()


def test_adding_places_reports_in_one_story_and_reads_it_back(store: Store, fake_pipeline: list[str]) -> None:
    release = Path(__file__).resolve().parents[3] / "data/news/treasury_press/texts/2023-07-24_jy1645.txt"
    added, failures = add_items(store, [SEED_000, SEED_001], show_progress=False)
    assert failures == [] and [a.status for a in added] == ["added", "added"]
    story_id = added[0].story_id
    assert story_id == f"story-{seed_001().article.id}" and added[1].story_id == story_id
    # the undated report is read against its story's date (again once placed with what it then says)
    assert set(fake_pipeline) == {f"{seed_000().article.id}@2023-07-25"}
    again, _ = add_items(store, [SEED_001, release], show_progress=False)
    assert [(a.status, a.story_id) for a in again] == [("added", story_id), ("unchanged", story_id)]
    [story] = list_stories(store)
    assert (story["id"], story["size"], story["first_date"], story["last_date"]) == (story_id, 3, "2023-07-24",
                                                                                    "2023-07-25")
    report = story_report(store, story_id)
    assert report["story"]["id"] == story_id and len(report["articles"]) == 3
    by_status = {(f["status"], f["about"]) for f in report["facts"] if f["status"] in ("conflicting",
                                                                                      "possibly-different")}
    assert by_status == {("conflicting", "United Kingdom action of the week of 17 July 2023: what was targeted"),
                         ("possibly-different", "junta: took power")}
    with pytest.raises(NotFoundError):
        story_report(store, "story-none")


def test_entity_news_follows_same_as_links_and_gives_highlights_and_events(store: Store,
                                                                          fake_pipeline: list[str]) -> None:
    add_items(store, [SEED_001], show_progress=False)
    replace_same_as(store, [("gb_ofsi-99999", "us_ofac_sdn-42618", 0.9, {})], "test")
    [item] = entity_news(store, "gb_ofsi-99999")
    sentence, start, end = item["sentence"]["text"], item["highlight"]["start"], item["highlight"]["end"]
    assert sentence[start:end] == "Sadio Camara" and item["entity_ids"] == ["us_ofac_sdn-42618"]
    assert item["article"]["published"] == "2023-07-25"
    assert [(e["date"], e["authority_country"], e["role"]) for e in item["events"]] == [
        ("2023-07-24", "us", "Defence Minister")]
    assert entity_news(store, "us_ofac_sdn-1") == []


def test_get_article_and_copies(store: Store, fake_pipeline: list[str], tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    added, _ = add_items(store, [SEED_001, copy], show_progress=False)
    assert [(a.status, a.duplicate_of) for a in added] == [("added", None), ("duplicate", added[0].article_id)]
    data = get_article(store, added[0].article_id)
    assert data["story"]["id"] == added[0].story_id and data["duplicates"][0]["source"] == str(copy)
    with pytest.raises(NotFoundError):
        get_article(store, "0000000000000000")


def test_a_report_that_cannot_be_stored_fails_alone(store: Store, fake_pipeline: list[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real = service.insert_article
    bad = seed_000().article.id

    def insert(conn: object, result: ArticleResult, stamp: object) -> None:
        if result.article.id == bad:
            raise IntegrityError("INSERT", {}, Exception("simulated"))
        real(conn, result, stamp)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "insert_article", insert)
    added, failures = add_items(store, [SEED_000, SEED_001], show_progress=False)
    assert [a.article_id for a in added] == [seed_001().article.id]
    assert [f.item for f in failures] == [str(SEED_000)] and "cannot be stored" in failures[0].message
    with store.connect() as conn:
        assert [r.article_id for r in conn.execute(select(news_story_members))] == [seed_001().article.id]


@pytest.mark.postgres
def test_news_on_postgresql(postgres_url: str, fake_pipeline: list[str]) -> None:
    store = Store(postgres_url)
    try:
        for table in reversed(NEWS_TABLES):
            table.drop(store.engine, checkfirst=True)
        added, failures = add_items(store, [SEED_001, SEED_000], show_progress=False)
        assert failures == [] and len({a.story_id for a in added}) == 1
        report = story_report(store, str(added[0].story_id))
        # the UK count conflicts; the junta's two coups are possibly different events, not a conflict
        assert (report["counts"]["conflicting"], report["counts"]["possibly-different"]) == (1, 1)
        [item] = entity_news(store, "us_ofac_sdn-42618")
        assert item["events"][0]["date"] == "2023-07-24"
        again, _ = add_items(store, [SEED_001], show_progress=False)
        assert [a.status for a in again] == ["unchanged"]
    finally:
        store.engine.dispose()


def test_a_stored_undated_report_is_read_again_when_a_dated_one_joins(store: Store,
                                                                      fake_pipeline: list[str]) -> None:
    [first], _ = add_items(store, [SEED_000], show_progress=False)
    assert first.new_story and fake_pipeline == []
    [second], _ = add_items(store, [SEED_001], show_progress=False)
    assert second.story_id == first.story_id and not second.new_story
    assert fake_pipeline == [f"{first.article_id}@2023-07-25"]
    with store.connect() as conn:
        anchors = dict(conn.execute(select(news_story_members.c.article_id, news_story_members.c.anchor)).all())
    assert anchors == {first.article_id: "2023-07-25", second.article_id: None}
    add_items(store, [jy1645_path()], show_progress=False)
    assert len(fake_pipeline) == 1


def jy1645_path() -> Path:
    return Path(__file__).resolve().parents[3] / "data/news/treasury_press/texts/2023-07-24_jy1645.txt"
