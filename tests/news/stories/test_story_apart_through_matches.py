"""Which reports the headline-event rule keeps apart through a matched action, on generated cases.

The rule: an undated report whose action matches another report's tells that action, so it is apart from
what that report is apart from. A dated report has its own day and action: one wrong reading of another
report whose action matches it (a count of 1 read from "the defence minister and two other officials")
must not make it apart from every report that reading disagrees with.
"""

from __future__ import annotations

import random

import pytest

from kenning.news.stories.features import EventKey, StoryFeatures
from kenning.news.stories.grouping import group

DAY, LATER = "2023-07-24", "2023-11-02"
TARGETS = frozenset({"entity:camara", "entity:diarra", "entity:bagayoko"})


def _report(rid: str, terms: dict[str, int], day: str | None, action: EventKey) -> StoryFeatures:
    return StoryFeatures(id=rid, title=None, day=day, terms=terms, lead=dict(list(terms.items())[:6]),
                         entities=frozenset(), events=(action,), outlet=rid, language="en")


def _story(rng: random.Random, words: list[str], count: int) -> list[StoryFeatures]:
    """``count`` dated reports of one action naming its three targets, in the story's words."""
    action = EventKey("us", DAY, TARGETS, 3, named=3, lead=True)
    return [_report(f"a{n}", {w: rng.randint(1, 3) for w in rng.sample(words, 9)}, DAY, action)
            for n in range(count)]


@pytest.mark.parametrize("seed", range(40))
def test_one_wrong_count_does_not_keep_an_open_action_out(seed: int) -> None:
    rng = random.Random(seed)
    words = [f"w{n}" for n in range(14)]
    reports = _story(rng, words, rng.randint(2, 5))
    wrong = EventKey("us", DAY, frozenset({"entity:camara"}), 1, named=1, lead=True)  # "and two other officials"
    reports.append(_report("wrong", {w: rng.randint(1, 3) for w in rng.sample(words, 9)}, DAY, wrong))
    day = rng.choice([DAY, None])
    described = EventKey("us", day, frozenset(), 3, lead=True)  # "three officials", named further down
    reports.append(_report("open", {w: rng.randint(1, 3) for w in rng.sample(words, 9)}, day, described))
    stories = group(reports)
    assert [len(s) for s in stories] == [len(reports)], f"seed {seed}: {stories}"


@pytest.mark.parametrize("seed", range(40))
def test_an_undated_report_stays_apart_through_the_action_it_tells(seed: int) -> None:
    """The converse the rule is for: an undated report whose open action is a later one (it names that
    action's two targets) stays out of the July story whose words it shares."""
    rng = random.Random(seed)
    words = [f"w{n}" for n in range(14)]
    reports = _story(rng, words, rng.randint(2, 5))
    later = frozenset({"entity:maslov", "entity:wagner"})
    other = EventKey("us", LATER, later, None, named=2, lead=True)
    reports.append(_report("later", {f"x{n}": 1 for n in range(8)}, LATER, other))
    told = EventKey("us", None, frozenset(), None, lead=True, parties=later)
    reports.append(_report("undated", {w: rng.randint(1, 3) for w in rng.sample(words, 9)}, None, told))
    stories = group(reports)
    story_of = {r: n for n, s in enumerate(stories) for r in s}
    assert story_of["undated"] != story_of["a0"], f"seed {seed}: {stories}"



#: The July action's targets, the November one's; Wagner is a target of both (of every action of the region).
ACTIONS = {"july": (DAY, frozenset({"entity:maslov", "entity:wagner"})),
           "november": (LATER, frozenset({"entity:kiselev", "entity:wagner"}))}


def _ambiguous_case(seed: int, told: frozenset[str]) -> list[StoryFeatures]:
    """The July and November actions' dated reports in their own words, and an undated report in words of
    both, leaning to one, whose action names ``told``."""
    rng = random.Random(seed)
    common = [f"c{n}" for n in range(10)]
    reports = []
    for story, (day, targets) in ACTIONS.items():
        own = [f"{story}{n}" for n in range(10)]
        action = EventKey("us", day, targets, None, named=2, lead=True)
        reports += [_report(f"{story}{n}", {w: rng.randint(1, 3) for w in rng.sample(common, 6) + rng.sample(own, 5)},
                            day, action) for n in range(rng.randint(2, 4))]
    lean = rng.choice(list(ACTIONS))
    words = rng.sample(common, 7) + rng.sample([f"{lean}{n}" for n in range(10)], 3)
    action = EventKey("us", None, told, None, named=len(told), lead=True)
    reports.append(_report("undated", {w: rng.randint(1, 3) for w in words}, None, action))
    return reports


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("expected", ["july", "november"])
def test_an_undated_action_matching_two_actions_tells_the_one_it_agrees_with_most(seed: int, expected: str) -> None:
    """An undated report whose action names both targets of one action matches it fully and the other
    through Wagner alone: it joins the story of the action it agrees with most, whichever story's words it
    leans to (without a day, "jeudi" would otherwise be read against the wrong story's date)."""
    stories = group(_ambiguous_case(seed, ACTIONS[expected][1]))
    (home,) = [s for s in stories if "undated" in s]
    assert {r.rstrip("0123456789") for r in home} == {expected, "undated"}, f"seed {seed}: {stories}"


@pytest.mark.parametrize("seed", range(30))
def test_an_undated_action_matching_two_actions_alike_joins_one_by_its_words(seed: int) -> None:
    """Naming Wagner alone, it matches both actions alike: it joins one of the two stories, never both."""
    stories = group(_ambiguous_case(seed, frozenset({"entity:wagner"})))
    (home,) = [s for s in stories if "undated" in s]
    assert len({r.rstrip("0123456789") for r in home} - {"undated"}) == 1, f"seed {seed}: {stories}"
