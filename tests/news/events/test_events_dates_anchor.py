"""Which date is the action's: legal instruments, reasons, past actions and the publication date, by class.

Each class runs over generated variants (instruments × dates × sentence shapes), not over the one release
it was first seen in.
"""

from __future__ import annotations

import itertools

import pytest

from kenning.news.events.extract import extract_events
from kenning.news.model import SanctionEvent
from newskit import build, names

TREASURY = "U.S. Department of the Treasury"
DAY = "2023-06-05"
INSTRUMENTS = ["E.O. 13846", "Executive Order 13224", "E.O. 14024", "Executive Order (E.O.) 13818"]
DATES = ["November 5, 2018", "September 23, 2001", "April 15, 2014"]


def press(text: str, mentions: list[tuple[str, str]], outlet: str | None = TREASURY) -> list[SanctionEvent]:
    return extract_events(build(text, mentions, published=DAY, outlet=outlet)).events


def today(events: list[SanctionEvent]) -> list[str]:
    """Target names of the events dated on the publication day that are not background."""
    return [n for e in events if e.date == DAY and not e.background for n in names(e)]


SHAPES = [
    "Asian Zone Trading L.L.C is being designated pursuant to {i} of {d}, for having assisted NIOC.",
    "Today, OFAC designated Asian Zone Trading L.L.C pursuant to {i} of {d} for operating in the oil sector.",
    "Asian Zone Trading L.L.C was designated under {i} of {d}.",
    "OFAC is designating Asian Zone Trading L.L.C under the authority of {i} of {d}.",
]


@pytest.mark.parametrize(("shape", "instrument", "date"), list(itertools.product(SHAPES, INSTRUMENTS, DATES)))
def test_the_date_of_a_legal_instrument_is_never_the_actions(shape: str, instrument: str, date: str) -> None:
    events = press(shape.format(i=instrument, d=date), [("Asian Zone Trading L.L.C", "ORG"), ("OFAC", "ORG"),
                                                         ("NIOC", "ORG")])
    assert today(events) == ["Asian Zone Trading L.L.C"]
    assert all(e.date != "2018-11-05" for e in events)


@pytest.mark.parametrize(("date", "subject"), list(itertools.product(
    DATES, ["Barza Style & Mode Co., Limited", "Uteliz Resources Co., Limited and Newton Trading FZE"])))
def test_a_date_inside_the_reason_is_the_reasons(date: str, subject: str) -> None:
    text = (f"{subject} are being designated pursuant to E.O. 13846 for, on or after {date}, having materially "
            "assisted, sponsored, or provided support for NIOC.")
    parties = [(p, "ORG") for p in subject.split(" and ")]
    assert today(press(text, [*parties, ("NIOC", "ORG")])) == [p for p, _ in parties]


@pytest.mark.parametrize("words", ["the law of March 2014", "the events of May 2021", "the decree of 3 March 2022"])
def test_a_date_introduced_by_of_dates_the_noun_before_it(words: str) -> None:
    text = f"Today, OFAC designated Bank Melli under {words}."
    assert today(press(text, [("Bank Melli", "ORG"), ("OFAC", "ORG")])) == ["Bank Melli"]


@pytest.mark.parametrize(("text", "date"), [
    ("On June 20, 2017, OFAC designated Bank Melli.", "2017-06-20"),
    ("Bank Melli was previously designated on April 6, 2018, pursuant to E.O. 13661.", "2018-04-06"),
    ("In 2015, the EU sanctioned Bank Melli.", "2015"),
])
def test_past_actions_keep_their_own_dates_as_background(text: str, date: str) -> None:
    [event] = press(text, [("Bank Melli", "ORG"), ("OFAC", "ORG"), ("EU", "ORG")])
    assert (event.date, event.background) == (date, True)


@pytest.mark.parametrize("sentence", [
    "Bank Melli was designated pursuant to E.O. 13224.",
    "OFAC designated Bank Melli for supporting the IRGC.",
    "Bank Melli has been designated for supporting the IRGC.",
    "OFAC is designating Bank Melli for supporting the IRGC.",
])
def test_a_release_dates_its_undated_actions_on_its_publication_day(sentence: str) -> None:
    [event] = press(sentence, [("Bank Melli", "ORG"), ("OFAC", "ORG"), ("IRGC", "ORG")])
    assert (event.date, event.date_approx, event.background) == (DAY, True, False)


@pytest.mark.parametrize("sentence", [
    "The US has placed sanctions on Bank Melli.",
    "The European Union sanctioned Bank Melli for its role.",
    "Britain designated Bank Melli, officials said.",
])
def test_a_report_dates_someone_elses_undated_action_in_its_publication_week(sentence: str) -> None:
    [event] = press(sentence, [("Bank Melli", "ORG"), ("US", "GPE"), ("European Union", "ORG"),
                               ("Britain", "GPE")], outlet="Reuters")
    assert (event.date, event.date_approx) == ("2023-W23", True)


@pytest.mark.parametrize("sentence", [
    "The United States continues to maintain robust sanctions on the Taliban.",
    "Existing sanctions on the Taliban remain in place.",
])
def test_sanctions_named_as_a_state_take_no_date_from_the_publication(sentence: str) -> None:
    events = press(sentence, [("Taliban", "ORG"), ("United States", "GPE")])
    assert today(events) == []


@pytest.mark.parametrize("licence", [
    "Concurrent with this designation, OFAC issued General License 15, unblocking all property of entities "
    "owned by Usmanov.",
    "In conjunction with today's action, OFAC issued a general license authorizing the wind down and unblocking "
    "certain funds.",
])
def test_a_reference_to_todays_action_never_turns_it_into_a_delisting(licence: str) -> None:
    text = "Today, OFAC designated Alisher Usmanov pursuant to E.O. 14024.\n" + licence
    events = press(text, [("Alisher Usmanov", "PERSON"), ("OFAC", "ORG"), ("Usmanov", "PERSON")])
    [event] = [e for e in events if names(e) == ["Alisher Usmanov"]]
    assert "delisting" not in event.measures and event.date == DAY
