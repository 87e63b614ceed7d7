"""The list ruler: which listed names become tagged phrases, and its persistence next to the index."""

from __future__ import annotations

from pathlib import Path

from kenning.model import Entity, make_entity
from kenning.news.ingest.collect import ingest_text
from kenning.news.nlp.annotation import annotate, resources
from kenning.news.nlp.models import common_words, load_model, reset_resources
from kenning.news.nlp.ruler import build_list_names, list_names, ruler_path
from kenning.store import Store
from kenning.store.service import load_lists
from testkit import LISTS


def _entity(schema: str, entity_id: str, **props: list[str]) -> Entity:
    entity = make_entity(schema, entity_id)
    for prop, values in props.items():
        for value in values:
            entity.add(prop, value)
    return entity


def test_selection_skips_common_words_short_names_and_places() -> None:
    common = common_words(resources(use_store=False).nlp)
    entities = [
        _entity("Organization", "x-1", name=["CORP"], alias=["ISLAMIC", "GOLDEN DAWN", "ROSNEFT"]),
        _entity("Organization", "x-2", name=["PRIVATE MILITARY COMPANY 'WAGNER'"], alias=["WAGNER GROUP", "MALI"]),
        _entity("Person", "x-3", name=["MASLOV, Ivan Aleksandrovich"], firstName=["Ivan Aleksandrovich"],
                lastName=["MASLOV"], alias=["MAZAI"]),
    ]
    names = build_list_names(entities, "test", common)
    assert names.phrases["private military company ' wagner '"] == "ORG"
    assert names.phrases["ivan aleksandrovich maslov"] == "PERSON"
    assert names.phrases["ivan maslov"] == "PERSON"
    assert names.phrases["rosneft"] == "ORG"
    for skipped in ("corp", "islamic", "golden dawn", "mali", "mazai", "wagner group"):
        assert skipped not in names.phrases
    assert "ivan" in names.given_names
    assert "maslov" in names.surnames
    assert "wagner" in names.org_cores


def test_ruler_is_built_once_then_loaded(kenning_home: Path) -> None:
    store = Store()
    load_lists(store, "us_ofac_sdn", [LISTS / "us_ofac" / "sdn.csv"], check_counts=False, show_progress=False)
    common = common_words(load_model())
    built = list_names(store, common)
    assert built.source == "built"
    assert ruler_path().exists()
    loaded = list_names(store, common)
    assert loaded.source == "loaded"
    assert loaded.phrases == built.phrases
    assert loaded.seconds < built.seconds


def test_list_names_tag_people_the_model_misses(kenning_home: Path) -> None:
    store = Store()
    load_lists(store, "us_ofac_sdn", [LISTS / "us_ofac" / "sdn.csv"], check_counts=False, show_progress=False)
    reset_resources()
    text = "They include the group's operations head there Konstantin Alexandrovich Pikalov."
    plain = annotate(ingest_text(text), resources(use_store=False))
    assert "Konstantin Alexandrovich Pikalov" not in [m.text for m in plain.mentions if m.label == "PERSON"]
    ruled = annotate(ingest_text(text), resources())
    people = {m.text: m for m in ruled.mentions if m.label == "PERSON"}
    assert people["Konstantin Alexandrovich Pikalov"].role == "the group's operations head there"
    reset_resources()
