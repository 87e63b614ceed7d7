"""Date words resolved against the article's date: absolute, relative, anaphoric, and never against today."""

from __future__ import annotations

import datetime as dt

import pytest

from kenning.errors import InputError
from kenning.news.dates import DateValue, date_interval, date_within, find_dates, parse_anchor, resolve_phrase

TUESDAY = dt.date(2023, 7, 25)


@pytest.mark.parametrize(("words", "value", "grain", "approx"), [
    ("on June 20, 2017", "2017-06-20", "day", False),
    ("20 June 2017", "2017-06-20", "day", False),
    ("Sept. 30, 2022", "2022-09-30", "day", False),
    ("2023-07-24", "2023-07-24", "day", False),
    ("Today", "2023-07-25", "day", False),
    ("yesterday", "2023-07-24", "day", True),
    ("Monday", "2023-07-24", "day", True),
    ("on Tuesday", "2023-07-25", "day", True),
    ("last Tuesday", "2023-07-18", "day", True),
    ("Last week", "2023-W29", "week", True),
    ("this week", "2023-W30", "week", True),
    ("last month", "2023-06", "month", True),
    ("In January", "2023-01", "month", True),
    ("in July", "2023-07", "month", True),
    ("in December", "2022-12", "month", True),
    ("last August", "2022-08", "month", True),
    ("last July", "2022-07", "month", True),
    ("in May 2021", "2021-05", "month", True),
    ("August 2022", "2022-08", "month", True),
    ("In 2022", "2022", "year", True),
    ("since late 2022", "2022", "year", True),
    ("mid-2021", "2021", "year", True),
    ("last year", "2022", "year", True),
    ("earlier this year", "2023", "year", True),
    ("two weeks ago", "2023-W28", "week", True),
    ("3 days ago", "2023-07-22", "day", True),
    ("on June 20", "2023-06-20", "day", True),
])
def test_phrases_resolve_against_the_article_date(words: str, value: str, grain: str, approx: bool) -> None:
    assert resolve_phrase(words, TUESDAY) == DateValue(value, grain, approx)


def test_a_day_without_year_far_after_the_anchor_is_last_years() -> None:
    assert resolve_phrase("on December 20", dt.date(2023, 1, 3)) == DateValue("2022-12-20", "day", True)
    assert resolve_phrase("on January 5", dt.date(2023, 1, 3)) == DateValue("2023-01-05", "day", True)


def test_without_an_article_date_relative_words_stay_unresolved() -> None:
    assert resolve_phrase("Monday", None) is None
    assert resolve_phrase("Last week", None) is None
    assert resolve_phrase("In January", None) is None
    assert resolve_phrase("on June 20, 2017", None) == DateValue("2017-06-20", "day", False)
    assert resolve_phrase("In 2022", None) == DateValue("2022", "year", True)


def test_anaphora_read_the_date_given_just_before() -> None:
    text = "In May, the UN accused the army. That same month, the United States slapped sanctions on him."
    found = find_dates(text, TUESDAY)
    assert [(f.text, f.value.value if f.value else None) for f in found] == [
        ("In May", "2023-05"), ("That same month", "2023-05")]
    assert found[1].start == text.index("That same month")
    assert resolve_phrase("the following month", None, DateValue("2023-05", "month", True)) == \
        DateValue("2023-06", "month", True)
    assert resolve_phrase("that same day", None, DateValue("2023", "year", True)) is None


def test_spans_are_offsets_into_the_text() -> None:
    text = "Britain announced sanctions last week; on Monday the US followed."
    found = find_dates(text, TUESDAY, offset=100)
    assert [(f.text, f.start, f.end) for f in found] == [
        ("last week", 100 + text.index("last week"), 100 + text.index("last week") + 9),
        ("on Monday", 100 + text.index("on Monday"), 100 + text.index("on Monday") + 9)]


def test_verbs_and_bare_numbers_are_not_dates() -> None:
    text = "Officials may act; the 2018 protests; E.O. 14024; some 1,000 troops; a decade-long presence."
    assert find_dates(text, TUESDAY) == []


def test_intervals_and_containment() -> None:
    assert date_interval("2023-W29") == (dt.date(2023, 7, 17), dt.date(2023, 7, 23))
    assert date_interval("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_interval("2022") == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert date_within("2023-07-20", "2023-W29")
    assert not date_within("2023-07-24", "2023-W29")
    assert date_within("2023-05", "2023")
    with pytest.raises(InputError):
        date_interval("July 2023")


def test_anchor_parsing() -> None:
    assert parse_anchor("2023-07-25") == TUESDAY
    assert parse_anchor(None) is None
    with pytest.raises(InputError):
        parse_anchor("25/07/2023")


def test_ordinal_days_are_read() -> None:
    import datetime as dt

    from kenning.news.dates import resolve_phrase

    anchor = dt.date(2023, 7, 25)
    value = resolve_phrase("on June 5th", anchor)
    assert value is not None and value.value == "2023-06-05"
