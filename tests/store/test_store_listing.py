"""Listing dates when a list file lacks them: the SDN first-seen history, the first stored version holding
the entry, an official release naming it; each date marked with its source, the file's own date first."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest

from kenning.errors import ConfigError
from kenning.model import Entity, add_ref, make_entity
from kenning.news.views import listing_of, release_listing
from kenning.sources.base import get_source
from kenning.store import Store
from kenning.store.listing import _history, listing_date, sdn_first_seen
from kenning.store.loader import Publication, load_publication
from kenning.store.views import entity_view
from testkit import REPO

HISTORY = REPO / "data" / "lists" / "us_ofac" / "history" / "sdn_additions_2021-08_2024-02.csv"
TREASURY = "U.S. Department of the Treasury"


def _party(dataset: str, number: int, listed: str | None = None) -> list[Entity]:
    person = make_entity("Person", f"{dataset}-{number}")
    person.add("name", f"Person Number {number}")
    person.add("topics", "sanction")
    sanction = make_entity("Sanction", f"{dataset}-{number}-sanction")
    add_ref(sanction, "entity", person.id)
    sanction.add("authority", "Office of Foreign Assets Control")
    if listed:
        sanction.add("listingDate", listed)
    return [person, sanction]


def _load(store: Store, dataset: str, day: str, parties: list[list[Entity]]) -> None:
    entities = [e for party in parties for e in party]
    load_publication(store, Publication(spec=get_source(dataset), files={}, entities=entities,
                                        publication_date=day, sha256=f"{dataset}-{day}", file_info=[]))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'k.db'}")


def _history_rows() -> list[dict[str, str]]:
    with HISTORY.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("row", _history_rows()[::97], ids=lambda r: r["ent_num"])
def test_every_sdn_entry_of_the_history_takes_its_first_seen_day(store: Store, row: dict[str, str]) -> None:
    found = listing_date(store, f"us_ofac_sdn-{row['ent_num']}", None)
    assert found is not None and found.source == "sdn-history" and found.exact
    assert found.date == min(r["first_seen_date"] for r in _history_rows() if r["ent_num"] == row["ent_num"])
    assert HISTORY.name in found.detail


def test_the_seed_designees_are_dated_by_the_history() -> None:
    # Camara, Diarra and Bagayoko: added between the stored SDN versions of 2023-07-20 and 2023-07-24.
    assert {n: getattr(sdn_first_seen(n), "date", None) for n in ("42616", "42617", "42618")} == dict.fromkeys(
        ("42616", "42617", "42618"), "2023-07-24")


@pytest.mark.parametrize("dataset", ["us_ofac_sdn", "gb_ofsi", "un_sc"])
def test_the_files_own_date_wins_over_every_other_source(store: Store, dataset: str) -> None:
    _load(store, dataset, "2023-07-24", [_party(dataset, 42618, "2019-02-01")])
    [sanction] = entity_view(store, f"{dataset}-42618")["sanctions"]
    assert sanction["listing"] == {"date": "2019-02-01", "source": "list", "detail": "published in the list file",
                                   "exact": True, "since": None}


@pytest.mark.parametrize(("dataset", "days"), list(itertools.product(
    ["gb_ofsi", "un_sc", "us_ofac_sdn"], [("2023-01-05", "2023-01-12"), ("2024-03-01", "2024-05-03")])))
def test_an_entry_added_between_two_stored_versions_is_dated_by_the_first_holding_it(
        store: Store, dataset: str, days: tuple[str, str]) -> None:
    before, after = days
    _load(store, dataset, before, [_party(dataset, 900001)])
    _load(store, dataset, after, [_party(dataset, 900001), _party(dataset, 900002)])
    added = listing_date(store, f"{dataset}-900002", None)
    assert added is not None and (added.date, added.source, added.since, added.exact) == (
        after, "first-version", before, True)
    old = listing_date(store, f"{dataset}-900001", None)
    assert old is not None and (old.date, old.source, old.exact) == (before, "first-version", False)


def test_a_broken_history_file_names_its_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "sdn_additions_bad.csv").write_text(
        "first_seen_date,ent_num,name\n2021-08-20,33020,A\n20/08/2021,33021,B\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"sdn_additions_bad.csv: line 3: first_seen_date"):
        _history(tmp_path)


def _mention(outlet: str | None, target: str, **event: object) -> dict[str, object]:
    base = {"event": 0, "authority": "Office of Foreign Assets Control", "authority_country": "us",
            "date": "2020-03-04", "date_approx": False, "background": False, "measures": ["designation"],
            "role": None, "entity_id": target}
    return {"article": {"id": "a1", "title": "Treasury Sanctions X", "outlet": outlet, "published": "2020-03-04",
                        "url": None}, "events": [{**base, **event}]}


RELEASE_CASES = [
    ({}, "2020-03-04"),
    ({"measures": ["asset freeze", "visa ban"]}, "2020-03-04"),
    ({"background": True}, None),  # an earlier action the release recalls
    ({"date_approx": True, "date": "2020-W10"}, None),
    ({"measures": ["delisting"]}, None),
    ({"authority_country": "gb", "authority": "United Kingdom"}, None),  # the UK's action, told by Treasury
    ({"entity_id": "us_ofac_sdn-1"}, None),  # another party of the event
]


@pytest.mark.parametrize(("event", "day"), RELEASE_CASES)
@pytest.mark.parametrize("outlet", [TREASURY, "home.treasury.gov", "Reuters", None])
def test_an_official_release_dates_only_its_own_countrys_listing(event: dict[str, object], day: str | None,
                                                                  outlet: str | None) -> None:
    official = outlet in (TREASURY, "home.treasury.gov")
    found = release_listing("us_ofac_sdn-42618", [_mention(outlet, "us_ofac_sdn-42618", **event)])
    assert (found.date if found else None) == (day if official else None)
    if found is not None:
        assert found.source == "release" and outlet in found.detail
    # a UK list entry is never dated by a US release
    assert release_listing("gb_ofsi-42618", [_mention(outlet, "gb_ofsi-42618", **event)]) is None


def test_the_release_comes_after_the_history_and_before_the_first_version(store: Store) -> None:
    _load(store, "us_ofac_sdn", "2024-05-03", [_party("us_ofac_sdn", 42618), _party("us_ofac_sdn", 900003)])
    mentions = [_mention(TREASURY, "us_ofac_sdn-42618", date="2023-07-24"),
                _mention(TREASURY, "us_ofac_sdn-900003", date="2020-03-04"),
                _mention(TREASURY, "us_ofac_sdn-900003", date="2020-05-06")]
    assert [(d.date, d.source) for d in (listing_of(store, "us_ofac_sdn-42618", None, mentions),
                                         listing_of(store, "us_ofac_sdn-900003", None, mentions))] == [
        ("2023-07-24", "sdn-history"), ("2020-03-04", "release")]
    no_news = listing_of(store, "us_ofac_sdn-900003", None, [])
    assert no_news is not None and (no_news.source, no_news.exact) == ("first-version", False)
