"""French date phrases resolved against the publication date, for every month and weekday."""

from __future__ import annotations

import datetime as dt

import pytest

from kenning.news.dates import find_dates

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
ANCHOR = dt.date(2023, 7, 27)  # a Thursday


def _values(text: str, anchor: dt.date | None = ANCHOR) -> list[str | None]:
    return [f.value.value if f.value else None for f in find_dates(text, anchor, language="fr")]


@pytest.mark.parametrize("month", range(1, 13))
def test_full_days_in_every_month(month: int) -> None:
    name = MONTHS[month - 1]
    for day in (1, 9, 24):
        words = f"{'1er' if day == 1 else day} {name} 2023"
        want = [f"2023-{month:02d}-{day:02d}"]
        assert _values(f"Washington a sanctionné ce {words} trois officiers.", None) == want
        assert _values(f"Le {words.capitalize()}, le Trésor a agi.", None) == want


@pytest.mark.parametrize(("index", "name"), list(enumerate(WEEKDAYS)))
def test_weekdays_are_the_latest_such_day(index: int, name: str) -> None:
    day = (ANCHOR - dt.timedelta(days=(ANCHOR.weekday() - index) % 7)).isoformat()
    assert _values(f"Les États-Unis ont annoncé {name} des sanctions.") == [day]
    assert _values(f"{name.capitalize()}, le Trésor a annoncé des sanctions.") == [day]


@pytest.mark.parametrize(("words", "value"), [
    ("le mois dernier", "2023-06"), ("l'année dernière", "2022"), ("l’an dernier", "2022"), ("hier", "2023-07-26"),
    ("aujourd'hui", "2023-07-27"), ("cette semaine", "2023-W30"), ("la semaine dernière", "2023-W29"),
    ("en juin 2017", "2017-06"), ("depuis janvier", "2023-01"), ("le 24 juillet", "2023-07-24"),
])
def test_relative_and_partial_dates(words: str, value: str) -> None:
    assert _values(f"Ils ont été sanctionnés {words}.") == [value]


def test_relative_words_need_an_anchor() -> None:
    assert _values("Les États-Unis ont annoncé lundi des sanctions.", None) == [None]
