"""Reports without a date or action of their own never chain two events' reports into one story.

Generated cases of the class (not the one test example seen): two sanctions actions of one authority, weeks
or months apart, each told by dated reports in one or two languages, plus undated reports with no action
read that share the words of both (a French report of the January action and one of the May action both say
"Washington", "sanctions", "Wagner", "Mali"). Whatever the bridges, no story holds reports of both actions;
and the converse: undated reports without an action still join the story whose words they share, and the
reports of one action in two languages still join when their actions match.
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from kenning.news.stories.cluster import average_link
from kenning.news.stories.features import EventKey, StoryFeatures
from kenning.news.stories.grouping import group
from kenning.news.stories.signals import actions_apart

DAY_A = dt.date(2023, 1, 26)


def _words(rng: random.Random, pool: list[str], count: int) -> dict[str, int]:
    return {w: rng.randint(1, 3) for w in rng.sample(pool, count)}


def _report(rid: str, terms: dict[str, int], day: dt.date | None, action: EventKey | None,
            names: dict[str, int]) -> StoryFeatures:
    return StoryFeatures(id=rid, title=None, day=day.isoformat() if day else None, terms=terms,
                         lead=dict(list(terms.items())[:6]), entities=frozenset(names),
                         events=(action,) if action else (), names=names, outlet=rid, language=rid[:2])


def _case(seed: int) -> tuple[list[StoryFeatures], dict[str, str]]:
    """Reports of two actions (``a`` and ``b``, 20–150 days apart) in French (with the action read, dated
    without one, undated without one) and sometimes English, and undated French reports without an action
    (``bridge``) sharing the words of both; report id → its event (``bridge-a``/``bridge-b``: a bridge whose
    own words lean to one event)."""
    rng = random.Random(seed)
    day_b = DAY_A + dt.timedelta(days=rng.randint(20, 150))
    common = [f"fr{n}" for n in range(12)]  # the words every French report of the region shares
    own = {e: [f"{e}{n}" for n in range(15)] for e in "ab"}
    english = {e: [f"en{e}{n}" for n in range(15)] for e in "ab"}
    target = {"a": "entity:wagner", "b": "entity:maslov"}
    reports, gold = [], {}
    for event, day in (("a", DAY_A), ("b", day_b)):
        for n in range(rng.randint(2, 5)):  # two with an action read, then one dated, then undated ones
            rid = f"fr-{event}{n}"
            action = EventKey("us", day.isoformat(), frozenset({target[event]}), None, named=1, lead=True)
            terms = _words(rng, common, 8) | _words(rng, own[event], 5)
            reports.append(_report(rid, terms, day if n < 3 else None, action if n < 2 else None,
                                   {target[event]: 1}))
            gold[rid] = event
        for n in range(rng.randint(0, 3)):
            rid = f"en-{event}{n}"
            action = EventKey("us", day.isoformat(), frozenset({target[event]}), None, named=1, lead=True)
            reports.append(_report(rid, _words(rng, english[event], 10), day, action, {target[event]: 1}))
            gold[rid] = event
    for n in range(rng.randint(1, 4)):
        lean = rng.choice("ab")
        rid = f"bridge-{lean}{n}"
        terms = _words(rng, common, 10) | _words(rng, own["a"], 2) | _words(rng, own["b"], 2)
        terms |= _words(rng, own[lean], 2)
        reports.append(_report(rid, terms, None, None, {"entity:wagner": 1}))
        gold[rid] = f"bridge-{lean}"
    rng.shuffle(reports)
    return reports, gold


def _event_of(gold: dict[str, str], rid: str) -> str | None:
    return None if gold[rid].startswith("bridge") else gold[rid]


@pytest.mark.parametrize("seed", range(60))
def test_undated_reports_without_actions_never_join_two_events(seed: int) -> None:
    reports, gold = _case(seed)
    for story in group(reports):
        events = {_event_of(gold, r) for r in story} - {None}
        assert len(events) <= 1, f"seed {seed}: one story holds both actions: {story}"


@pytest.mark.parametrize("seed", range(60))
def test_reports_of_one_action_still_join_across_languages(seed: int) -> None:
    """The converse: the reports of one action — French with the action read, dated without one, undated
    without one, and English — make one story."""
    reports, gold = _case(seed)
    stories = group(reports)
    story_of = {r: n for n, story in enumerate(stories) for r in story}
    for event in "ab":
        told = [r.id for r in reports if gold[r.id] == event]
        assert len({story_of[r] for r in told}) == 1, f"seed {seed}: action {event} split: {stories}"


def test_dated_actions_that_cannot_be_one_day_are_apart() -> None:
    def action(date: str | None, lead: bool = True) -> EventKey:
        return EventKey("us", date, frozenset(), None, lead=lead)

    january, may, week, undated = action("2023-01-26"), action("2023-05-25"), action("2023-W04"), action(None)
    assert actions_apart((january,), (may,)) and actions_apart((week, january), (may,))
    assert not actions_apart((january,), (week,))  # the 26th is in that week
    assert not actions_apart((january, undated), (may,))  # an undated action may be any
    assert not actions_apart((), (may,)) and not actions_apart((january,), ())
    assert not actions_apart((action("2023-01-26", lead=False),), (may,))  # told further down: maybe context
    assert actions_apart((action("2023-01-26", lead=False), january), (may,))  # the lead's action counts


@pytest.mark.parametrize("seed", range(30))
def test_average_link_never_groups_rows_marked_apart(seed: int) -> None:
    rng = random.Random(seed)
    count = rng.randint(4, 14)
    scores = np.zeros((count, count))
    for i in range(count):
        for j in range(i + 1, count):
            scores[i, j] = scores[j, i] = rng.uniform(0.0, 1.0)
    apart = np.zeros((count, count), dtype=bool)
    for _ in range(rng.randint(1, count)):
        i, j = rng.sample(range(count), 2)
        apart[i, j] = apart[j, i] = True
    for members in average_link(scores, 0.3, apart):
        assert not apart[np.ix_(members, members)].any()
    assert average_link(scores, 0.3, np.zeros((count, count), dtype=bool)) == average_link(scores, 0.3)
