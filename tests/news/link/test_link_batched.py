"""The linker reads the list facts of an article's candidates in one go: same links as reading them name by
name, over real releases, with one read of the store per article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kenning.matching import Screener
from kenning.news.ingest.collect import ingest_file
from kenning.news.link.linker import Linker
from kenning.news.model import ArticleResult
from kenning.news.nlp.annotation import annotate_many, resources
from kenning.store import Store
from testkit import REPO

pytestmark = pytest.mark.slow

NEWS = REPO / "data" / "news"


def _links(results: list[ArticleResult]) -> list[list[tuple[str, Any]]]:
    return [[(m.text, [(k.id, k.score, k.evidence) for k in m.links]) for m in r.mentions] for r in results]


def _annotated() -> list[ArticleResult]:
    files = sorted((NEWS / "treasury_press" / "texts").glob("*.txt"))[::3] + sorted((NEWS / "seeds").glob("*.txt"))
    return list(annotate_many([ingest_file(f) for f in files], resources()))


def test_one_read_per_article_gives_the_links_of_reading_name_by_name(bundled_home: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    screener, store = Screener.open(), Store()
    reads: list[int] = []
    get_entities = store.get_entities

    def counted(ids: list[str]) -> Any:
        reads.append(len(ids))
        return get_entities(ids)

    monkeypatch.setattr(store, "get_entities", counted)
    articles = _annotated()
    batched = Linker(screener, store)
    together = [batched.link(r) for r in articles]
    assert len(reads) <= len(articles)
    assert sum(reads) > len(articles)  # the articles do have candidates to read
    one_by_one = Linker(screener, store)
    monkeypatch.setattr(one_by_one, "_prefetch_article", lambda clusters: None)
    reads.clear()
    alone = [one_by_one.link(r) for r in _annotated()]
    assert len(reads) > len(articles)
    assert _links(together) == _links(alone)
    assert any(m.links for r in together for m in r.mentions)
