"""Organisation names: legal forms canonicalised and weak, stop words weak, weak-only names."""

from __future__ import annotations

from kenning.names import analyze
from kenning.names.orgs import legal_form_codes, replace_legal_forms


def test_multi_word_legal_forms_become_one_code() -> None:
    assert analyze("LIMITED LIABILITY COMPANY GAZPROM", "Company").tokens == ("llc", "gazprom")
    assert analyze("GAZPROM LLC", "Company").tokens == ("gazprom", "llc")
    assert analyze("OOO GAZPROM", "Company").tokens == ("llc", "gazprom")
    assert analyze("ООО «Газпром»", "Company").tokens == ("llc", "gazprom")
    assert analyze("OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU GAZPROM").tokens == ("llc", "gazprom")
    assert analyze("ПАО Сбербанк", "Company").tokens == ("pjsc", "sberbank")
    assert analyze("OTKRYTOE AKTSIONERNOE OBSHCHESTVO ROSNEFT", "Company").tokens == ("ojsc", "rosneft")
    assert analyze("Joint-Stock Company Rosoboronexport", "Company").tokens == ("jsc", "rosoboronexport")
    assert analyze("PETROCHEM FZE").tokens == ("petrochem", "fze")
    assert analyze("BANCO S.A.").tokens == ("banco", "jsc")
    assert analyze("MALAYAN SDN. BHD.").tokens == ("malayan", "ltd")


def test_legal_forms_are_weak_and_names_strong() -> None:
    result = analyze("PRIVATE MILITARY COMPANY 'WAGNER'", "Organization")
    assert result.tokens == ("private", "military", "co", "wagner")
    assert result.weak == (False, False, True, False)
    assert "wagner" in result.strong_tokens
    assert not result.is_weak_only


def test_weak_only_names() -> None:
    assert analyze("CORP", "Company").is_weak_only
    assert analyze("The Company", "Company").is_weak_only
    assert analyze("LLC").is_weak_only
    assert analyze("Limited Liability Company", "Organization").is_weak_only
    assert analyze("ZAKRYTOE AKTSIONERNOE OBSHCHESTVO").is_weak_only
    assert not analyze("Wagner LLC").is_weak_only
    assert not analyze("").is_weak_only
    assert analyze("").is_empty


def test_stop_words_weak_in_organisations() -> None:
    result = analyze("BANK OF THE REPUBLIC", "Organization")
    assert result.weak == (False, True, True, False)
    assert analyze("AL-QAIDA", "Organization").weak == (True, False)


def test_persons_have_particles_not_legal_forms() -> None:
    result = analyze("Usama bin Muhammad bin Awad BIN LADIN", "Person")
    assert result.weak == (False, True, False, True, False, True, False)
    assert analyze("Sa Co", "Person").tokens == ("sa", "co")
    assert analyze("Sa Co", "Person").weak == (False, False)


def test_vessels_keep_everything() -> None:
    result = analyze("OCEAN LLC", "Vessel")
    assert result.tokens == ("ocean", "llc")
    assert result.weak == (False, False)


def test_initials_are_not_legal_forms() -> None:
    assert analyze("Y.A.S. CO LTD.").tokens == ("y", "a", "s", "ltd")


def test_replace_legal_forms_keeps_origins() -> None:
    tokens, origins, legal = replace_legal_forms(["limited", "liability", "company", "x"], [0, 1, 2, 3])
    assert (tokens, origins, legal) == (["llc", "x"], [0, 3], [True, False])
    assert {"llc", "jsc", "ltd", "pjsc", "ojsc", "cjsc", "corp", "inc", "co"} <= legal_form_codes()
