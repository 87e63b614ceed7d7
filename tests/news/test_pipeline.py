"""The pipeline: annotate → link → events, timed per stage, one article or many on two processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kenning.matching import Screener
from kenning.news import pipeline
from kenning.news.ingest.collect import ingest_file
from kenning.news.pipeline import BATCH, STAGES, Failed, extract, extract_batch, extract_many
from kenning.store import Store
from kenning.store.service import load_lists
from testkit import REPO

SEEDS = REPO / "data" / "news" / "seeds"
PRESS = REPO / "data" / "news" / "treasury_press" / "texts"
SDN_EXCERPT = Path(__file__).parents[1] / "fixtures" / "lists" / "us_ofac" / "sdn.csv"


@pytest.fixture
def excerpt_store(kenning_home: Path) -> Store:
    """A store holding the 22-entry SDN excerpt (the seed story's people among them)."""
    store = Store()
    load_lists(store, "us_ofac_sdn", [SDN_EXCERPT], check_counts=False, show_progress=False)
    return store


def test_extract_links_targets_and_times_every_stage(excerpt_store: Store) -> None:
    result = extract(ingest_file(SEEDS / "001_3223975ce75752ba.txt"), Screener.open(), store=excerpt_store)
    assert set(STAGES) | {f"cpu_{stage}" for stage in STAGES} <= set(result.timings)
    assert all(result.timings[stage] >= 0 and result.timings[f"cpu_{stage}"] >= 0 for stage in STAGES)
    mali = next(e for e in result.events if e.date == "2023-07-24")
    ids = {t.name: sorted(link.source_id for link in t.links if link.dataset == "us_ofac_sdn") for t in mali.targets}
    assert ids == {"Sadio Camara": ["42618"], "Alou Boi Diarra": ["42617"], "Adama Bagayoko": ["42616"]}


def test_without_a_screener_nothing_is_linked(excerpt_store: Store) -> None:
    result = extract(ingest_file(SEEDS / "001_3223975ce75752ba.txt"), store=excerpt_store)
    assert result.events and all(not t.links for e in result.events for t in e.targets)
    assert result.timings["link"] < 0.01


def test_many_articles_on_two_processes_come_back_in_order_and_equal(excerpt_store: Store) -> None:
    """More articles than one batch, so both processes run whole ``nlp.pipe`` batches and a partial one."""
    files = [SEEDS / "000_e3adef94a2369754.txt", PRESS / "2023-07-24_jy1645.txt", SEEDS / "001_3223975ce75752ba.txt",
             *sorted(PRESS.glob("*.txt"))[:BATCH]]
    articles = [ingest_file(f) for f in files]
    screener = Screener.open()
    alone = [extract(a, screener, store=excerpt_store) for a in articles]
    together = list(extract_many(articles, screener, workers=2, store=excerpt_store))
    assert [r.article.id for r in together] == [a.id for a in articles]
    assert [[e.to_dict() for e in r.events] for r in together] == [[e.to_dict() for e in r.events] for r in alone]
    assert [[c.to_dict() for c in r.claims] for r in together] == [[c.to_dict() for c in r.claims] for r in alone]


def test_a_batch_equals_its_articles_one_by_one(excerpt_store: Store) -> None:
    """One ``nlp.pipe`` over several texts gives every article the mentions, events and claims it gets alone."""
    articles = [ingest_file(f) for f in [*sorted(SEEDS.glob("*.txt")), *sorted(PRESS.glob("*.txt"))[-BATCH:]]]
    alone = [extract(a, store=excerpt_store).to_dict() for a in articles]
    batched = extract_batch(articles, store=excerpt_store)
    assert [r.to_dict() for r in batched if not isinstance(r, Failed)] == alone


def test_an_article_failing_in_a_batch_fails_alone(excerpt_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = [ingest_file(f) for f in sorted(PRESS.glob("*.txt"))[:3]]
    real = pipeline.extract_events

    def odd(result: object, **kwargs: object) -> object:
        if getattr(result, "article", None) is articles[1]:
            raise ValueError("an odd report")
        return real(result, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "extract_events", odd)
    outcomes = extract_batch(articles, store=excerpt_store)
    assert [type(o).__name__ for o in outcomes] == ["ArticleResult", "Failed", "ArticleResult"]
    assert isinstance(outcomes[1], Failed) and outcomes[1].kind == "ValueError"


def test_when_the_model_fails_on_a_batch_each_article_runs_alone(excerpt_store: Store,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    articles = [ingest_file(f) for f in sorted(PRESS.glob("*.txt"))[:2]]

    def broken(*_args: object, **_kwargs: object) -> object:
        raise MemoryError("the batch is too big")

    monkeypatch.setattr(pipeline, "annotate_many", broken)
    outcomes = extract_batch(articles, store=excerpt_store)
    assert [o.article.id for o in outcomes] == [a.id for a in articles]
    assert not any(isinstance(o, Failed) for o in outcomes)
