"""The dossier timeline's news part: each sanctions action once, under its most precise date, with every
outlet that tells it — over many generated dossiers, not one example."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from kenning.web.views_news import _news_timeline

COUNTRIES = {"us": "Office of Foreign Assets Control", "gb": "United Kingdom", "eu": "European Union"}


def _told(day: dt.date, precision: str) -> str:
    """The date as a report may give it (as ``entity_news`` carries it: a week as its interval)."""
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return day.isoformat()[:7]
    if precision == "year":
        return str(day.year)
    monday = day - dt.timedelta(days=day.weekday())
    return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"


def _dossier(rng: random.Random) -> tuple[list[dict[str, Any]], dict[tuple[str, str], set[str]]]:
    """Mentions of one party: actions of a few bodies (years apart, so a coarse date names one action),
    each told by one to four outlets with dates of any precision, each report mentioning the party
    several times (each mention carries the report's events)."""
    mentions: list[dict[str, Any]] = []
    expected: dict[tuple[str, str], set[str]] = {}
    for country, authority in COUNTRIES.items():
        for year in rng.sample(range(2014, 2025, 2), rng.randint(0, 3)):
            day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            outlets = rng.sample(["BBC News", "Reuters", "The Hindu", "Le Monde", "AP"], rng.randint(1, 4))
            precisions = ["day"] + [rng.choice(["day", "week", "month", "year"]) for _ in outlets[1:]]
            for outlet, precision in zip(outlets, precisions, strict=True):
                article = {"id": f"{country}{year}{outlet}", "title": "A report", "outlet": outlet,
                           "published": day.isoformat(), "url": None}
                event = {"event": "0", "authority": authority, "authority_country": country,
                         "date": _told(day, precision), "measures": ["asset freeze"], "date_approx": False}
                mentions += [{"article": article, "events": [event]} for _ in range(rng.randint(1, 3))]
            expected[(country, day.isoformat())] = set(outlets)
    rng.shuffle(mentions)
    return mentions, expected


def test_each_action_once_under_its_most_precise_date_with_every_outlet() -> None:
    rng = random.Random(10)
    for _ in range(200):
        mentions, expected = _dossier(rng)
        items = _news_timeline(mentions, lambda article_id: f"/article/{article_id}", {})
        events = [i for i in items if i.kind == "event"]
        assert sorted(i.date for i in events) == sorted(day for _c, day in expected)
        for item in events:
            outlets = next(o for (_c, day), o in expected.items() if day == item.date)
            assert all(outlet in item.text for outlet in outlets), item.text
        assert len({i.href for i in items if i.kind == "news"}) == len([i for i in items if i.kind == "news"])
