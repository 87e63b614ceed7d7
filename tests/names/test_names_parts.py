"""Name parts: comma order, titles, suffixes, hyphenated parts, schema kinds."""

from __future__ import annotations

import pytest
from followthemoney import model

from kenning.errors import InputError
from kenning.names import analyze, schema_kind
from kenning.names.parts import _schema_kinds


def test_comma_means_surname_then_given_names() -> None:
    listed = analyze("CAMARA, Sadio", "Person")
    written = analyze("Sadio Camara", "Person")
    assert listed.tokens == written.tokens == ("sadio", "camara")
    assert listed.order_hint == 1
    assert written.order_hint is None
    assert listed.normalized == "camara sadio"


def test_comma_with_several_given_names() -> None:
    result = analyze("PERFILEV, Vitalii Viktorovitch", "Person")
    assert result.tokens == ("vitalii", "viktorovitch", "perfilev")
    assert result.order_hint == 2


def test_legal_entity_comma_reorders_only_without_legal_form() -> None:
    assert analyze("CAMARA, Sadio").tokens == ("sadio", "camara")
    assert analyze("ANGLO-CARIBBEAN CO., LTD.").tokens == ("anglo", "caribbean", "ltd")
    assert analyze("ANGLO-CARIBBEAN CO., LTD.").order_hint is None


def test_titles_removed_for_persons() -> None:
    assert analyze("AL ZAWAHIRI, Dr. Ayman", "Person").tokens == ("ayman", "al", "zawahiri")
    assert analyze("AL ZAWAHIRI, Dr. Ayman", "Person").removed == ("dr",)
    assert analyze("Lieutenant Colonel John Smith", "Person").tokens == ("john", "smith")
    assert analyze("Col. Assimi GOITA", "Person").tokens == ("assimi", "goita")
    assert analyze("Haji Mohammad Khan", "Person").tokens == ("mohammad", "khan")
    assert analyze("Mullah Mohammad Omar", "Person").tokens == ("mohammad", "omar")
    assert analyze("Sheikh Ahmed Mr Yassin", "Person").tokens == ("ahmed", "yassin")


def test_titles_that_are_names_stay_outside_title_position() -> None:
    assert analyze("John Major", "Person").tokens == ("john", "major")
    assert analyze("MAJOR, John", "Person").tokens == ("john", "major")
    assert analyze("Mohammad Haji Khan", "Person").tokens == ("mohammad", "haji", "khan")
    assert analyze("Syed Salahuddin", "Person").tokens == ("syed", "salahuddin")


def test_a_name_of_titles_only_keeps_a_token() -> None:
    assert analyze("General", "Person").tokens == ("general",)
    assert analyze("Colonel Dr", "Person").tokens == ("dr",)


def test_titles_kept_for_other_schemas() -> None:
    assert analyze("Colonel Sanders Restaurant", "Company").tokens == ("colonel", "sanders", "restaurant")
    assert analyze("General Grant", "Vessel").tokens == ("general", "grant")


def test_generational_suffixes() -> None:
    result = analyze("DELOS REYES, Feliciano Semborio, Jr.", "Person")
    assert result.tokens == ("feliciano", "semborio", "delos", "reyes")
    assert result.removed == ("jr",)
    assert result.order_hint == 2
    assert analyze("John Smith III", "Person").tokens == ("john", "smith")
    assert analyze("Jr", "Person").tokens == ("jr",)


def test_hyphenated_parts_give_split_and_joined_forms() -> None:
    result = analyze("Abd-al-Rahman", "Person")
    assert result.tokens == ("abdul", "rahman")
    assert result.compounds == ("abdulrahman",)
    assert analyze("Abdul Rahman", "Person").compounds == ("abdulrahman",)
    assert analyze("Abdulrahman", "Person").canonical == ("abdulrahman",)
    assert analyze("AL-NUSRAH FRONT", "Organization").compounds == ("alnusrah",)


def test_abd_al_phrases_merge() -> None:
    assert analyze("Abd ar-Rahman", "Person").tokens == ("abdul", "rahman")
    assert analyze("Umar Abd al Rahman", "Person").tokens == ("umar", "abdul", "rahman")


def test_schema_kinds() -> None:
    assert schema_kind("Person") == "person"
    assert schema_kind("Company") == "org"
    assert schema_kind("LegalEntity") == "entity"
    assert schema_kind("Vessel") == "object"
    with pytest.raises(InputError):
        schema_kind("Sanction")


def test_schema_kinds_agree_with_followthemoney() -> None:
    for name, kind in _schema_kinds().items():
        schema = model.get(name)
        assert schema is not None, name
        assert "name" in schema.properties, name
        assert (kind == "person") == schema.is_a("Person"), name
        if kind == "org":
            assert schema.is_a("Organization"), name
        if kind == "object":
            assert not schema.is_a("LegalEntity"), name
