"""What two reports share, signal by signal: dates, and their headline sanctions events.

The word, name and time signals are vectors compared by :class:`~.score.StoryScorer`; this module holds
the ones that need rules: whether two dates can be one day, and how well two headline sanctions events
agree (:func:`event_match`):

* a different authority country or dates that cannot be one day: 0;
* shared named targets: 0.5 + half the overlap;
* otherwise, different stated counts, or disjoint lists of named targets that each name at least half of
  their action's targets (70 of 80 named, none shared, is another action): 0;
* one side leaving targets unnamed (none named, or fewer than its count) whose report names elsewhere
  some of the other's named targets (by name or linked list entity, so in any language: "trois militaires
  maliens" in the action's sentence, "Sadio Camara" in the next), when both dates are known or two
  targets or more are named: 0.75 + a quarter of the share named;
* one side leaving targets unnamed that says the roles of the other's named targets ("Mali's defence
  minister" for a named "Defence Minister"): 0.5 + half the share of roles found;
* else 0.5 when both countries are known, 0.25 when one is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kenning.errors import InputError
from kenning.news.dates import date_interval
from kenning.news.stories.features import EventKey
from kenning.news.stories.roles import find_role_phrases

__all__ = ["DATE_SLACK_DAYS", "actions_apart", "date_range", "dates_compatible", "days_apart", "event_match",
           "named_elsewhere"]

#: Two event dates within this many days of each other can be the same day told differently.
DATE_SLACK_DAYS = 2


def date_range(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day a date value stands for (:func:`kenning.news.dates.date_interval`); None if unreadable."""
    if not value:
        return None
    try:
        return date_interval(value)
    except InputError:
        return None


def dates_compatible(left: str | None, right: str | None, slack_days: int = DATE_SLACK_DAYS) -> bool | None:
    """Whether two dates can name the same day (ranges overlap within ``slack_days``); None if one is unknown."""
    a, b = date_range(left), date_range(right)
    if a is None or b is None:
        return None
    slack = dt.timedelta(days=slack_days)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def actions_apart(left: Sequence[EventKey], right: Sequence[EventKey]) -> bool:
    """Whether the actions two reports lead with cannot be one: both tell actions in their leads (their
    news: an action told further down may be context, a sanctions regime in a story of missile tests),
    every one of them is dated, and no date of one can name a day of the other's (a January and a May
    action). An undated action may be any, so it is never apart."""
    leads = [e for e in left if e.lead], [e for e in right if e.lead]
    if not leads[0] or not leads[1]:
        return False
    return all(dates_compatible(a.date, b.date) is False for a in leads[0] for b in leads[1])


def days_apart(left: str | None, right: str | None) -> int | None:
    """Days between two ISO days; None when one is unknown."""
    if not left or not right:
        return None
    return abs((dt.date.fromisoformat(left) - dt.date.fromisoformat(right)).days)


def named_elsewhere(named: EventKey, described: EventKey) -> tuple[int, float]:
    """How many of ``named``'s targets ``described``'s report names somewhere, and their share (by linked
    entity, else by name: whichever finds more)."""
    found = []
    for kind in ("entity:", "name:"):
        wanted = {t for t in named.targets if t.startswith(kind)}
        if wanted:
            hits = len(wanted & described.parties)
            found.append((hits, hits / len(wanted)))
    return max(found, default=(0, 0.0))


def _joins_by_parties(named: EventKey, described: EventKey) -> float | None:
    """The match of an open event whose report names the other's targets elsewhere, when that is telling:
    the two dates are known (and compatible: checked before), or two targets or more are named. One party
    named by an undated report ("Wagner", named in every report of the region) says nothing."""
    hits, share = named_elsewhere(named, described)
    dated = named.date is not None and described.date is not None
    if hits and (dated or (hits >= 2 and share >= 0.5)):
        return 0.75 + 0.25 * share
    return None


def event_match(a: EventKey, b: EventKey) -> float:
    """Agreement of two headline events (see the module docstring)."""
    if a.country and b.country and a.country != b.country:
        return 0.0
    if dates_compatible(a.date, b.date) is False:
        return 0.0
    shared = a.targets & b.targets
    if shared:
        return 0.5 + 0.5 * min(1.0, len(shared) / min(len(a.targets), len(b.targets)))
    if a.count is not None and b.count is not None and a.count != b.count:
        return 0.0
    if a.targets and b.targets and a.mostly_named and b.mostly_named:
        return 0.0
    for named, described in ((a, b), (b, a)):
        if described.open and (joined := _joins_by_parties(named, described)) is not None:
            return joined
    for named, described in ((a, b), (b, a)):
        if named.roles and described.open and described.text:
            roles = [(str(i), role) for i, role in enumerate(named.roles)]
            found = {m.key for m in find_role_phrases(described.text, roles)}
            if found:
                return 0.5 + 0.5 * len(found) / len(roles)
    return 0.5 if a.country and b.country else 0.25
