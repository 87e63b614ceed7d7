"""From the raw events of single sentences to the article's sanctions events.

In reading order: an implicit actor ("it", "The sanctions", a passive without agent) is the authority
of the event before it, or the publisher's (a Treasury press release speaks as Treasury); a continuation
("They include X, Y and Z") adds to the event before it. A date told relative to the publication date
is resolved; an event whose date lies before the days of the news, or whose words mark it as past
("previously designated"), is *background*. An undated action of the news takes the date of the
article's dated news event (the lead "The United States has sanctioned ..." and the later "... it said in
a statement Monday" are one action), else the publication day (or week, for a report of someone else's
past action): the publication date anchors "today", so no action of the news stays undated when the report
is dated. Then actions of the same authority country,
date and polarity are merged into one event, and measures the authority's action always carries are added.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kenning.news.dates import DateValue, date_interval
from kenning.news.events.authority import depth, publisher_authority
from kenning.news.events.read import RawEvent
from kenning.news.events.vocabulary import Authority

__all__ = ["NEWS_DAYS", "Resolved", "is_past", "resolve"]

#: How many days before the publication date an action still counts as the news (not background).
NEWS_DAYS = 3
#: Measures that only repeat an existing listing (merged apart from new measures).
_AGAIN = frozenset({"redesignation"})


@dataclass
class Resolved:
    """Raw events of one action merged, with the settled authority and date."""

    authority: Authority | None
    date: DateValue | None
    date_text: str | None
    background: bool
    lift: bool
    parts: list[RawEvent] = field(default_factory=list)


def is_past(value: DateValue, anchor: dt.date | None) -> bool:
    """True when ``value`` ends before the days of the news (more than :data:`NEWS_DAYS` before ``anchor``)."""
    if anchor is None:
        return False
    _, last = date_interval(value.value)
    if value.grain == "day":
        return last < anchor - dt.timedelta(days=NEWS_DAYS)
    return last < anchor


def _authorities(raws: list[RawEvent], context: Authority | None) -> None:
    """Fill implicit actors: pronouns and back-references from the event before, passives from the publisher."""
    previous: RawEvent | None = None
    for raw in raws:
        if raw.authority is None:
            refers_back = raw.continues or (raw.actor is not None and previous is not None)
            source = previous.authority if refers_back and previous is not None else None
            raw.authority = source or context or (previous.authority if previous else None)
        previous = raw


def _own_dates(raws: list[RawEvent], anchor: dt.date | None) -> None:
    """Background flags from the events' own dates; continuations take the date of the event they continue."""
    previous: RawEvent | None = None
    for raw in raws:
        if raw.continues and (raw.date is None or raw.date.value is None) and previous is not None:
            raw.date, raw.background = previous.date, previous.background
        elif raw.date is not None and raw.date.value is not None and is_past(raw.date.value, anchor):
            raw.background = True
        previous = raw


def _news_date(raws: list[RawEvent]) -> RawEvent | None:
    """The first action dated to a day or week that is not background: the article's news."""
    return next((r for r in raws if not r.background and not r.lift and r.date is not None
                 and r.date.value is not None and r.date.value.grain in ("day", "week")), None)


def _group_key(resolved: Resolved) -> tuple[str | None, bool, str, str | None]:
    """Actions merge when they share authority country, background flag, kind and date.

    The kind keeps apart what reconciliation and counts must not mix: lifting, redesignating a party
    already listed ("OFAC redesignated X and designated his son Y"), and new measures.
    """
    country = resolved.authority.country if resolved.authority else None
    measures = {m for part in resolved.parts for m in part.measures}
    kind = "lift" if resolved.lift else "again" if measures and measures <= _AGAIN else "new"
    return country, resolved.background, kind, resolved.date.value if resolved.date else None


def _anchored(raw: RawEvent, anchor: dt.date, own: Authority | None) -> DateValue:
    """The date an undated news action takes from the publication date (approximate: the words gave none).

    The publication day when the words say it happens now ("OFAC is designating") or when the authority
    publishes its own action (a Treasury release telling "OFAC designated X"); otherwise, a report telling
    that something was done ("The US has placed sanctions on ..."), the week of publication.
    """
    same = own is not None and raw.authority is not None and own.country == raw.authority.country
    if same or raw.tense in ("present", "progressive"):
        return DateValue(anchor.isoformat(), "day", True)
    year, week, _ = anchor.isocalendar()
    return DateValue(f"{year}-W{week:02d}", "week", True)


def _settle(raw: RawEvent, news: RawEvent | None, lead: RawEvent | None, anchor: dt.date | None,
            own: Authority | None = None) -> Resolved:
    """The authority and date of one raw event, with undated news actions dated like the news.

    The publication date anchors "today": an undated action that is not background takes the date of the
    article's dated news action, else one from the publication date (:func:`_anchored`; ``own`` is the
    authority the publisher speaks for), unless it names sanctions as a state rather than imposing them
    ("continues to maintain robust sanctions on X"). An undated action in the present perfect after the
    article's lead ("The United States has sanctioned the Wagner Group and numerous entities ...", in the
    body of a release about other designations) tells what happened before: background.
    """
    date = raw.date.value if raw.date is not None else None
    words = raw.date.text if raw.date is not None else None
    if date is None and raw.tense == "perfect" and news is not None and raw is not lead and not raw.continues:
        raw.background = True
    if date is None and words is None and not raw.background:
        if news is not None and news.date is not None:
            date, words = news.date.value, news.date.text
        elif anchor is not None and not raw.stative:
            date, words = _anchored(raw, anchor, own), None
    return Resolved(raw.authority, date, words, raw.background, raw.lift, [raw])


def _merge_into(target: Resolved, other: Resolved) -> None:
    target.parts.extend(other.parts)
    if other.authority is not None and (target.authority is None or depth(other.authority) > depth(target.authority)):
        target.authority = other.authority
    if target.date is None and other.date is not None:
        target.date, target.date_text = other.date, other.date_text


def resolve(raws: list[RawEvent], outlet: str | None, anchor: dt.date | None) -> list[Resolved]:
    """Settle and merge the raw events of an article (in reading order) into its actions."""
    raws = sorted(raws, key=lambda r: r.position)
    own = publisher_authority(outlet)
    _authorities(raws, own)
    _own_dates(raws, anchor)
    news = _news_date(raws)
    lead = next((r for r in raws if not (r.background or r.lift or r.continues or r.reference)), None)
    merged: list[Resolved] = []
    by_key: dict[tuple[str | None, bool, str, str | None], Resolved] = {}
    last: Resolved | None = None
    for raw in raws:
        settled = _settle(raw, news, lead, anchor, own)
        host = _host(raw, last, merged)
        if host is not None:
            _merge_into(host, settled)
            last = host
            continue
        key = _group_key(settled)
        mergeable = not settled.background or settled.date is not None
        if mergeable and key in by_key:
            _merge_into(by_key[key], settled)
            last = by_key[key]
            continue
        merged.append(settled)
        last = settled
        if mergeable:
            by_key[key] = settled
    return merged


def _host(raw: RawEvent, last: Resolved | None, merged: list[Resolved]) -> Resolved | None:
    """The event a continuation adds to: the one just before, or for a reference to "today's action" the
    latest news (non-background) event."""
    if raw.reference:
        return next((m for m in reversed(merged) if not m.background and not m.lift), None)
    return last if raw.continues else None
