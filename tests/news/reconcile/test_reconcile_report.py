"""The report people read: never-facts by class, dates in words, one name per body, possibly different
events, the summary and who an action is credited to."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from kenning.news.model import Span
from kenning.news.reconcile.claims import FoundClaim, two_occurrences
from kenning.news.reconcile.never import never_reason
from kenning.news.reconcile.report import ORDER, reconcile
from kenning.news.reconcile.summary import ListCheck, credited
from kenning.news.reconcile.wording import authority_chain, date_words, event_key_date, machine_date
from newskit import jy1502, jy1645, seed_000, seed_001

SENTENCES = [
    "The Treasury designated three officials on Monday.",
    "“These officials have made their people vulnerable,” said Brian Nelson.",
    "Did the sanctions work?",
    "The junta seized power in May 2021 (a second coup).",
]
CONTACT = ["Press contact: press@treasury.gov", "For more information visit www.treasury.gov/ofac today.",
           "Call +1 (202) 622-2490 for details.", "Read the full notice at https://ofac.treasury.gov/x."]
HEADINGS = ["Related Articles", "Mali's junta: a timeline", "date 2023-07-25 July 25, 2023 11:25 pm | Updated 11:25 pm",
            "SANCTIONS AGAINST WAGNER", "Photo: Reuters/File"]


def _span(text: str) -> Span:
    return Span(0, len(text), text)


@pytest.mark.parametrize("text", SENTENCES)
def test_sentences_may_be_facts(text: str) -> None:
    assert never_reason(_span(text)) is None


@pytest.mark.parametrize("text", CONTACT)
def test_contact_lines_are_never_facts(text: str) -> None:
    assert never_reason(_span(text)) == "contact"


@pytest.mark.parametrize("text", HEADINGS)
def test_headings_and_list_items_are_never_facts(text: str) -> None:
    assert never_reason(_span(text)) == "heading"


def test_an_outlets_repeated_sentence_is_boilerplate_in_any_wording_of_case_and_digits() -> None:
    from kenning.news.stories.text import sentence_key

    said = "For information concerning the process for seeking removal from an OFAC list, see FAQ 897."
    key = sentence_key(said.upper().replace("897", "901"))
    assert key is not None and never_reason(_span(said), {key}) == "boilerplate"


@pytest.mark.parametrize(("value", "words", "precision"), [
    ("2023-07-24", "24 July 2023", "day"), ("2023-W29", "week of 17 July 2023", "week"),
    ("2023-W01", "week of 2 January 2023", "week"), ("2023-05", "May 2023", "month"), ("2022", "2022", "year"),
])
def test_dates_in_words_with_their_precision_and_range(value: str, words: str, precision: str) -> None:
    found = date_words(value)
    assert found is not None and found.text == words and found.precision == precision
    data = found.to_dict()
    assert dt.date.fromisoformat(data["from"]) <= dt.date.fromisoformat(data["to"])
    assert "W" not in (machine_date(value) or "") and "W" not in event_key_date(value)
    assert date_words(None) is None and date_words("soon") is None


def test_every_week_of_a_year_reads_as_the_week_of_its_monday() -> None:
    for week in range(1, 53):
        found = date_words(f"2024-W{week:02d}")
        assert found is not None and found.start.weekday() == 0 and found.text.startswith("week of ")
        assert (found.end - found.start).days == 6


def test_one_name_per_body_with_its_chain() -> None:
    assert authority_chain("Office of Foreign Assets Control") == ["OFAC", "US Treasury", "United States"]
    assert authority_chain("Office of Financial Sanctions Implementation") == ["OFSI", "HM Treasury",
                                                                                "United Kingdom"]
    assert authority_chain("Canada") == ["Canada"]


def _claim(article: str, value: str) -> FoundClaim:
    return FoundClaim(article, "junta", "took power", "date", value, value, Span(0, 1, "x"))


@pytest.mark.parametrize(("claims", "repeatable", "different"), [
    ([("a", "2021-05"), ("a", "2020")], False, True),  # one report gives both: two occurrences
    ([("a", "2021-05"), ("b", "2020")], True, True),  # repeatable, about ten months apart
    ([("a", "2021-05"), ("b", "2020")], False, False),  # a one-time thing: a conflict
    ([("a", "2021-05"), ("b", "2021-06")], True, False),  # close dates: the same coup told differently
    ([("a", "2021-05-24"), ("b", "2021-05")], True, False),  # not even conflicting
])
def test_possibly_different_occurrences(claims: list[tuple[str, str]], repeatable: bool, different: bool) -> None:
    assert (two_occurrences([_claim(a, v) for a, v in claims], repeatable) is not None) is different


def test_the_report_reads_in_order_and_its_summary_opens_with_the_headline_action() -> None:
    report = reconcile([seed_000(), seed_001(), jy1645()])
    statuses = [f.status for f in report.facts]
    assert statuses == sorted(statuses, key=ORDER.index)
    first = report.summary[0]
    assert first["headline"] and first["date"]["text"] == "24 July 2023"
    assert first["authority_chain"] == ["OFAC", "US Treasury", "United States"]
    assert {t["entity_id"] for t in first["targets"]} == {"us_ofac_sdn-42616", "us_ofac_sdn-42617",
                                                          "us_ofac_sdn-42618"}
    uk = next(i for i in report.summary if i["country"] == "gb")
    assert uk["date"]["text"] == "week of 17 July 2023" and uk["what"]["status"] == "conflicting"
    dated = [i["date"]["from"] for i in report.summary if not i["headline"] and i["date"]]
    assert dated == sorted(dated, reverse=True)  # earlier actions, latest first


def test_the_summary_checks_each_target_with_the_callers_lists() -> None:
    asked: list[tuple[str | None, str | None]] = []

    def check(entity_id: str | None, name: str, authority: str, country: str | None,
              date: str | None) -> ListCheck:
        asked.append((entity_id, date))
        return ListCheck(entity_id, "listed", f"{authority} listed {name}")

    report = reconcile([seed_001(), jy1645()], check=check)
    assert ("us_ofac_sdn-42618", "2023-07-24") in asked
    assert report.summary[0]["targets"][0]["check"]["status"] == "listed"


def test_a_party_told_as_sanctioned_before_is_not_credited_with_todays_action() -> None:
    release = jy1502()
    headline = release.events[0]
    for result, event in ((release, headline), (seed_001(), seed_001().events[0])):
        assert credited(result, event) == event.targets  # named in the sentence of today's action
    background = [e for e in seed_001().events if e.background]
    assert all(credited(seed_001(), e) == e.targets for e in background)


def test_reports_without_outlet_or_title_are_named_by_their_outlet_and_first_sentence() -> None:
    report = reconcile([seed_000(), seed_001()])
    by_outlet = {a["outlet"]: a for a in report.articles}
    assert set(by_outlet) == {"BBC News", "The Hindu"}
    assert not by_outlet["The Hindu"]["title"].startswith("date")
    assert list(itertools.chain(*[a["title"].split()[:1] for a in report.articles]))
