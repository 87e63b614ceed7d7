"""The hand-checked linking gold of the multilingual dev set (``bench/data/multilingual_named_parties.csv``):
it parses, every quote is in its report's text word for word, and every id is an entry of the bundled lists
with the caption the file gives (the bench scores Kenning's links against these ids)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.multilingual_data import DEV_SET, PARTIES
from bench.multilingual_named import named_parties

from kenning.news.ingest.collect import ingest_file

pytestmark = pytest.mark.skipif(not (DEV_SET / "texts").is_dir(), reason="the shared multilingual dev set is absent")


def test_gold_parses_one_row_per_report_and_party() -> None:
    rows = named_parties()
    assert len(rows) == 144
    assert len({(r.report, r.list_id) for r in rows}) == len(rows)
    assert all(r.quote and r.note and r.caption for r in rows)
    assert {r.report for r in rows} <= {p.name for p in (DEV_SET / "texts").iterdir()}
    # the bench's seven parties are all in it, each with the same entries as the regex gold
    seven = {p.list_id: p for p in PARTIES}
    assert set(seven) <= {r.list_id for r in rows}
    wagner = next(r for r in rows if r.list_id == "us_ofac_sdn-22543")
    assert seven["us_ofac_sdn-22543"].same_party <= wagner.same_party


def test_every_quote_is_in_its_report_verbatim() -> None:
    texts: dict[str, str] = {}
    for row in named_parties():
        if row.report not in texts:
            texts[row.report] = ingest_file(DEV_SET / "texts" / row.report).text
        assert row.quote in texts[row.report], (row.report, row.quote)


@pytest.mark.slow
def test_every_id_is_a_bundled_entry(bundled_home: Path) -> None:
    from kenning.matching import Screener

    screener = Screener.open()
    for row in named_parties():
        record = screener.entity(row.list_id)
        assert record is not None, row.list_id
        assert record.caption == row.caption
        for other in row.same_party:
            assert screener.entity(other) is not None, other
        # the same-as links of the lists never join a gold party to an entry the row leaves out
        assert set(screener.party(row.list_id)) <= row.ids
