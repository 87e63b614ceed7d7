"""The screener over the bundled lists: index persistence, filters, explanations, cross-list links, batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kenning import settings
from kenning.errors import InputError
from kenning.matching import Query, Screener
from kenning.store import Store
from kenning.store.views import same_as_links
from testkit import run_cli

pytestmark = pytest.mark.slow

MUST_LINK = [("us_ofac_sdn-44477", "gb_ofsi-16031"), ("us_ofac_sdn-40969", "gb_ofsi-16024"),
             ("us_ofac_sdn-47739", "gb_ofsi-16032"), ("us_ofac_sdn-21171", "gb_ofsi-13968"),
             ("us_ofac_sdn-22543", "gb_ofsi-15033")]


def test_index_is_persisted_and_reused(bundled_home: Path) -> None:
    files = list(settings.INDEX_DIR.glob("index-*.pkl"))
    assert len(files) == 1
    mtime = files[0].stat().st_mtime
    screener = Screener.open()  # its start-up time is bench.screening_speed's, not asserted on a noisy CI
    assert files[0].stat().st_mtime == mtime
    assert screener.index.size > 50_000


def test_schema_and_dataset_filters(bundled_home: Path) -> None:
    screener = Screener.open()
    people = screener.screen(Query.build("Georgy Maslov", schema="Person"), limit=10)
    assert all(r.schema == "Person" for r in people)
    vessels = screener.screen(Query.build("GEORGY MASLOV", schema="Vessel"), limit=3)
    assert vessels and vessels[0].schema == "Vessel"
    only_uk = screener.screen(Query.build("Ivan Maslov", schema="Person", datasets=["gb_ofsi"]), limit=5)
    assert only_uk and all(r.dataset == "gb_ofsi" for r in only_uk)
    with pytest.raises(InputError, match="not loaded"):
        screener.screen(Query.build("Ivan Maslov", datasets=["nope"]))


def test_results_are_ordered_explained_and_validated(bundled_home: Path) -> None:
    screener = Screener.open()
    results = screener.screen(Query.build("Ivan Maslov", schema="Person", birth_dates=["1982-07-11"]), limit=5)
    assert {results[0].id, results[1].id} == {"us_ofac_sdn-40969", "gb_ofsi-16024"}
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    assert results[0].explanation["birth_date"].score == 1.0
    assert "maslov" in results[0].explanation["name"].detail
    assert results[2].score < 0.7 and not results[2].match
    assert "gb_ofsi-16024" in results[0].same_as or "us_ofac_sdn-40969" in results[0].same_as
    with pytest.raises(InputError):
        screener.screen(Query.build("Ivan Maslov"), threshold=1.5)
    with pytest.raises(InputError):
        screener.screen(Query.build("Ivan Maslov"), limit=0)


def test_identifier_lifts_a_weaker_name(bundled_home: Path) -> None:
    screener = Screener.open()
    plain = screener.screen(Query.build("S. Camara", schema="Person"), limit=1)
    with_id = screener.screen(Query.build("S. Camara", schema="Person", id_numbers=["DA 000 4031"]), limit=1)
    assert with_id[0].id == "us_ofac_sdn-42618" and with_id[0].match
    assert "identifier" in with_id[0].explanation
    assert not plain or with_id[0].score > plain[0].score


def test_cross_list_links(bundled_home: Path) -> None:
    store = Store()
    for left, right in MUST_LINK:
        linked = {link["id"] for link in same_as_links(store, left)}
        assert right in linked, (left, right, linked)
    screener = Screener.open()
    vessel = screener.screen(Query.build("GEORGY MASLOV", schema="Vessel"), limit=1)[0]
    igor = screener.screen(Query.build("Igor Venediktovich MASLOV", schema="Person"), limit=1)[0]
    assert vessel.schema == "Vessel" and igor.caption.upper().startswith("IGOR")
    for ivan in ("us_ofac_sdn-40969", "gb_ofsi-16024"):
        linked = {link["id"] for link in same_as_links(store, ivan)}
        assert vessel.id not in linked and igor.id not in linked
    links = same_as_links(store, "us_ofac_sdn-44477")
    assert links[0]["evidence"]["birth_date"]["score"] == 1.0


def test_cli_screen_json_and_batch(bundled_home: Path, tmp_path: Path) -> None:
    out = run_cli("screen", "Sadio Camara", "--birth-date", "1979-03-22", "--json")
    assert out.code == 0, out.err
    data = json.loads(out.out)
    top = data["results"][0]
    assert top["id"] == "us_ofac_sdn-42618" and top["match"] is True
    assert set(top) >= {"id", "dataset", "source_id", "schema", "caption", "score", "match", "explanation"}
    batch = tmp_path / "in.csv"
    batch.write_text("name,birth_date,ref\nSadio Camara,1979-03-22,a\n,,b\nIvan Maslov,bad-date,c\n"
                     "Vitalii Perfilev,,d\n", encoding="utf-8")
    result = tmp_path / "out.csv"
    run = run_cli("screen", "--input", str(batch), "--output", str(result), "--workers", "1")
    assert run.code == 1
    assert "line 3: the row has no name" in run.err
    assert "line 4: birth_date ignored: birth date 'bad-date'" in run.err  # the row is screened on its name
    assert "3 screened" in run.err
    text = result.read_text(encoding="utf-8")
    assert "us_ofac_sdn-42618" in text and "us_ofac_sdn-44477" in text
    assert "birth_date ignored" in text and ("us_ofac_sdn-40969" in text or "gb_ofsi-16024" in text)
