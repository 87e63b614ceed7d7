"""The OFAC remark grammar and date reader, on remark text copied from the bundled sdn.csv."""

from __future__ import annotations

import pytest

from kenning.sources.ofac_dates import parse_date
from kenning.sources.ofac_remarks import (
    load_rules,
    parse_identifier,
    parse_remarks,
    quoted_name,
    split_remarks,
)

CAMARA = ("DOB 22 Mar 1979; POB Kati, Koulikoro, Mali; nationality Mali; citizen Mali; Gender Male; "
          "Passport DA0004031 (Mali) expires 15 Oct 2015; Linked To: PRIVATE MILITARY COMPANY 'WAGNER'.")


def _rule_of(part: str) -> tuple[str, str, str] | None:
    remark = parse_remarks(part)[0]
    if remark.rule is None:
        return None
    return remark.rule.section, remark.rule.key, remark.value


def test_split_drops_the_closing_period_only() -> None:
    parts = split_remarks(CAMARA)
    assert parts[0] == "DOB 22 Mar 1979"
    assert parts[-1] == "Linked To: PRIVATE MILITARY COMPANY 'WAGNER'"
    assert len(parts) == 7
    assert split_remarks("arrested 30 Sep 2002;arrested 23 Apr 2002.") == [
        "arrested 30 Sep 2002", "arrested 23 Apr 2002"]


def test_camara_parts_are_all_read() -> None:
    remarks = parse_remarks(CAMARA)
    assert [(r.rule.section if r.rule else None) for r in remarks] == [
        "facts", "facts", "facts", "facts", "facts", "identifiers", "links"]
    assert remarks[5].value == "DA0004031 (Mali) expires 15 Oct 2015"
    assert remarks[6].value == "PRIVATE MILITARY COMPANY 'WAGNER'"


def test_longest_key_wins_and_alt_is_noted() -> None:
    assert _rule_of("Nationality of Registration Korea, North") == (
        "facts", "Nationality of Registration", "Korea, North")
    assert _rule_of("nationality Russia") == ("facts", "nationality", "Russia")
    assert _rule_of("Identification Number IMO 5342883") == (
        "identifiers", "Identification Number IMO", "5342883")
    remark = parse_remarks("alt. DOB 03 Jan 1980")[0]
    assert remark.alt is True
    assert remark.rule is not None and remark.rule.props == ("birthDate",)


def test_keys_followed_by_punctuation() -> None:
    assert _rule_of("Organization Type: Passenger air transport") == (
        "facts", "Organization Type", "Passenger air transport")
    assert _rule_of("Email:adelb@shabakah.net.sa") == ("facts", "Email", "adelb@shabakah.net.sa")
    assert _rule_of("Listing Date (EO 14024 Directive 3): 24 Feb 2022") == (
        "sanction", "Listing Date", "(EO 14024 Directive 3): 24 Feb 2022")


def test_free_text_has_no_rule() -> None:
    assert _rule_of("wife of Saddam Hussein al-Tikriti") is None
    # a key must end at a word boundary: "citizen" does not read "Citizen's Card Number"
    assert _rule_of("Citizen's Card Number 211226197812154256 (China)") == (
        "identifiers", "Citizen's Card Number", "211226197812154256 (China)")
    # a key with nothing after it is not a fact
    assert _rule_of("DOB") is None


def test_every_rule_names_a_section_and_keys_are_unique() -> None:
    grammar = load_rules()
    assert len(grammar.rules) > 150
    assert {rule.section for rule in grammar.rules.values()} == {
        "facts", "identifiers", "sanction", "aliases", "links", "notes"}


def test_identifier_with_country_and_expiry() -> None:
    rule = load_rules().rules["passport"]
    found = parse_identifier(rule, "DA0004031 (Mali) expires 15 Oct 2015")
    assert found is not None
    assert (found.type, found.number, found.country, found.code) == ("Passport", "DA0004031", "Mali", "ml")
    assert found.expires is not None and found.expires.values == ("2015-10-15",)
    assert found.issued is None
    assert found.exact


def test_identifier_issued_and_expires_without_country() -> None:
    found = parse_identifier(load_rules().rules["passport"], "G025057 issued 23 Jun 1999 expires 05 Feb 2004")
    assert found is not None
    assert (found.number, found.country) == ("G025057", None)
    assert found.issued is not None and found.issued.values == ("1999-06-23",)
    assert found.expires is not None and found.expires.values == ("2004-02-05",)


def test_identifier_keeps_check_digit_and_region() -> None:
    rules = load_rules().rules
    hk = parse_identifier(rules["national id no."], "D489833(9) (Hong Kong)")
    assert hk is not None and (hk.number, hk.code) == ("D489833(9)", "hk")
    reg = parse_identifier(rules["registration number"], "HRA 738077 (Stuttgart) (Germany)")
    assert reg is not None
    assert (reg.number, reg.code, reg.extra) == ("HRA 738077", "de", ("Stuttgart",))
    assert not reg.exact


def test_digital_currency_type_takes_the_currency() -> None:
    rule = load_rules().rules["digital currency address"]
    found = parse_identifier(rule, "- XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")
    assert found is not None
    assert (found.type, found.number) == ("Digital Currency Address - XBT", "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")
    assert parse_identifier(rule, "- XBT") is None


def test_quoted_names_keep_inner_apostrophes() -> None:
    assert quoted_name("'BNC'") == "BNC"
    assert quoted_name("'AL-QA'QA'") == "AL-QA'QA"
    assert quoted_name("''ABD AL-RAHMAN'.") == "'ABD AL-RAHMAN"


def test_dates_full_partial_and_circa() -> None:
    assert parse_date("22 Mar 1979").values == ("1979-03-22",)
    assert parse_date("22 Mar 1979").exact
    assert parse_date("Mar 1945").values == ("1945-03",)
    circa = parse_date("circa 1951")
    assert (circa.values, circa.exact) == (("1951",), False)
    assert parse_date("not a date").values == ()
    assert parse_date("979").values == ()


def test_date_ranges() -> None:
    assert parse_date("1951 to 1953").values == ("1951", "1952", "1953")
    assert parse_date("01 Jan 1960 to 31 Dec 1962").values == ("1960", "1961", "1962")
    assert parse_date("BETWEEN 1940 AND 1965").values == ("1940", "1965")
    assert parse_date("circa 1960-1962").values == ("1960", "1961", "1962")
    assert parse_date("01 Mar 1960 to 31 Mar 1960").values == ("1960-03",)
    assert not parse_date("1951 to 1953").exact


@pytest.mark.parametrize("country", ["Russia", "China", "Iran", "Hong Kong", "United Arab Emirates", "Turkey",
                                     "Korea, North", "Venezuela"])
@pytest.mark.parametrize("number", ["1027700070518", "91110000710934369E", "AB-1234/56", "7707083893"])
def test_an_issuer_written_without_a_space_is_still_the_issuer(country: str, number: str) -> None:
    """``1027700070518(Russia)``, as OFAC's CSV sometimes writes it: the country is peeled off like
    ``1027700070518 (Russia)`` (the XML edition gives the two apart)."""
    rule = load_rules().rules["registration number"]
    tight, spaced = parse_identifier(rule, f"{number}({country})"), parse_identifier(rule, f"{number} ({country})")
    assert tight is not None and spaced is not None
    assert (tight.number, tight.country, tight.code) == (spaced.number, spaced.country, spaced.code) == (
        number, country, tight.code)
    assert tight.code is not None and tight.exact


@pytest.mark.parametrize("value", ["40K(F)", "D489833(9)", "12345(A)(B)", "HRA 738077(Stuttgart)"])
def test_parentheses_without_a_space_that_are_no_country_stay_in_the_number(value: str) -> None:
    found = parse_identifier(load_rules().rules["registration number"], value)
    assert found is not None and found.number == value and found.country is None and found.extra == ()
