"""Headline sanctions events across languages: an action that leaves its targets unnamed matches one whose
targets its report names elsewhere, and actions dated long before a report's latest one are context."""

from __future__ import annotations

import itertools

import pytest

from kenning.news.article import Article
from kenning.news.model import ArticleResult, SanctionEvent
from kenning.news.stories.features import EARLIER_DAYS, EventKey, headline_events
from kenning.news.stories.signals import event_match

PEOPLE = [("entity:sdn-1", "name:sadio camara"), ("entity:sdn-2", "name:alou boi diarra"),
          ("entity:sdn-3", "name:adama bagayoko")]


def _named(count: int, date: str | None = "2023-07-24") -> EventKey:
    targets = frozenset(k for person in PEOPLE[:count] for k in person)
    return EventKey("us", date, targets, None, named=count)


def _open(parties: frozenset[str], date: str | None, count: int | None = 3) -> EventKey:
    return EventKey("us", date, frozenset(), count, text="trois militaires maliens", parties=parties)


@pytest.mark.parametrize(("named", "found", "dated", "by"),
                         list(itertools.product([1, 2, 3], [0, 1, 2, 3], [True, False], ["entity", "name"])))
def test_an_open_action_joins_when_its_report_names_the_targets(named: int, found: int, dated: bool,
                                                                 by: str) -> None:
    """Joins (≥ 0.75) when the open action's report names some of the other's targets by linked entity or by
    name (any language) and both dates are known, or names two of them or more (half at least) undated."""
    found = min(found, named)
    keys = {k for person in PEOPLE[:found] for k in person if k.startswith(by)}
    date = "2023-07-24" if dated else None
    score = event_match(_named(named), _open(frozenset(keys | {"name:wagner"}), date))
    joins = found > 0 and (dated or (found >= 2 and 2 * found >= named))
    assert (score >= 0.75) == joins, (named, found, dated, by, score)
    assert event_match(_open(frozenset(keys), date), _named(named)) == score  # either order


@pytest.mark.parametrize("date", ["2023-05-25", "2023-01-26"])
def test_named_parties_never_join_actions_of_other_days(date: str) -> None:
    parties = frozenset(k for person in PEOPLE for k in person)
    assert event_match(_named(3), _open(parties, date)) == 0.0


def _event(date: str | None, background: bool = False) -> SanctionEvent:
    return SanctionEvent("United States", "us", date, None, False, ["designation"], None, None, [], [],
                         background=background)


@pytest.mark.parametrize(("earlier", "kept"), [("2023-07-10", True), ("2023-06-30", True), ("2023-06-01", False),
                                               ("2023-01", False), ("2022", False), (None, True)])
def test_actions_long_before_the_latest_one_are_context(earlier: str | None, kept: bool) -> None:
    """A report leads with its latest action: one that ended more than EARLIER_DAYS before it is context."""
    assert EARLIER_DAYS == 30
    result = ArticleResult(article=Article.create("x", "x.txt"))
    latest, other = _event("2023-W30"), _event(earlier)
    result.events = [other, latest, _event("2023-07-24", background=True)]
    assert [e is other for e in headline_events(result)].count(True) == int(kept)
    assert latest in headline_events(result)
