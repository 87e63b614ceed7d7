"""News on Spark in local mode: reports in, the mentions, links and events ``kenning news extract`` finds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kenning.matching import Screener
from kenning.news.ingest.collect import ingest_text
from kenning.news.pipeline import extract
from testkit import REPO

pytestmark = pytest.mark.slow
SEEDS = REPO / "data" / "news" / "seeds"


def test_reports_become_mentions_links_and_events(spark: Any, bundled_home: Path) -> None:
    from kenning.spark.news import news_frames
    from kenning.spark.screening import ship_index

    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    rows = [(key, text) for key, text in texts.items()] + [("empty", "   ")]
    frames = news_frames(spark.createDataFrame(rows, "id string, text string"), ship_index(spark))
    screener = Screener.open()
    local = {key: extract(ingest_text(text, f"spark:{key}"), screener) for key, text in texts.items()}

    mentions = frames.mentions.orderBy("report_id", "mention").collect()
    assert [(m["report_id"], m["text"], m["label"], m["start"], m["end"]) for m in mentions] == [
        (key, m.text, m.label, m.start, m.end) for key, r in sorted(local.items()) for m in r.mentions]
    links = {(r["report_id"], r["mention"], r["entity_id"], r["score"]) for r in frames.links.collect()}
    assert links == {(key, i, link.id, round(link.score, 4)) for key, r in local.items()
                     for i, m in enumerate(r.mentions) for link in m.links}
    assert any(entity.startswith("us_ofac_sdn-") for _k, _i, entity, _s in links)
    events = frames.events.orderBy("report_id", "event").collect()
    assert [(e["report_id"], e["authority"], e["date"]) for e in events] == [
        (key, e.authority, e.date) for key, r in sorted(local.items()) for e in r.events]
    assert "us_ofac_sdn-42618" in {i for e in events for i in e["target_ids"]}  # Sadio Camara
    failures = frames.failures.collect()
    assert [(f["report_id"], "no body text" in f["error"]) for f in failures] == [("empty", True)]
