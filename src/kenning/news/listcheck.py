"""A story's targets checked against the stored lists: is the party on the acting authority's list, since when?

For a target linked to a list entity, the entity of its same-as cluster on a list of the acting
authority's country (``sources.yml``: the SDN for the United States, OFSI's list for the United Kingdom…)
is looked up in the stored versions: the list's own listing date when it gives one, else the first stored
version that holds the entry and the last one before it that does not. The check says

* ``confirmed`` — the list's date, or the versions around the told date, agree with the report;
* ``listed`` — on the list, but nothing stored can date the listing (the first stored version holds it);
* ``listed-earlier`` — on the list well before the told date (a redesignation, or another action);
* ``differs`` — the list's date or its versions contradict the told date;
* ``not-listed`` — not on any stored version of that country's lists;
* ``no-list`` — no list of that country is stored (nothing to check against).

Each comes with its sentence: "OFAC listed CAMARA, Sadio (42618) on 24 July 2023; in the SDN version of
24 July 2023".
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from kenning.news.reconcile.summary import ListCheck, ListChecker
from kenning.news.reconcile.wording import date_words, list_name, short_name
from kenning.news.stories.signals import date_range
from kenning.sources.base import load_catalogue
from kenning.store import Store
from kenning.store.parties import first_listed
from kenning.store.sameas import same_as_cluster

__all__ = ["list_checker"]

#: Days a listing may lie from the date a report tells and still be the same listing.
SLACK_DAYS = 3


@cache
def _datasets(country: str) -> tuple[str, ...]:
    return tuple(name for name, spec in load_catalogue().items() if spec.country == country)


def _words(value: str | None) -> str:
    found = date_words(value)
    return found.text if found else "an unknown date"


def _on(value: str | None) -> str:
    """"on 24 July 2023", "in May 2023", "in the week of 17 July 2023"."""
    found = date_words(value)
    if found is None:
        return "at a date no report gives"
    return {"day": "on ", "week": "in the "}.get(found.precision, "in ") + found.text


def _listing_date(store: Store, entity_id: str) -> str | None:
    dates = sorted(str(d)[:10] for record in store.records_for(entity_id) if record.schema.name == "Sanction"
                   for d in record.get("listingDate"))
    return dates[0] if dates else None


def _status(told: str | None, listing: str | None, first: str, before: str | None) -> str:
    told_range = date_range(told)
    if told_range is None:
        return "listed"
    low, high = told_range[0] - dt.timedelta(days=SLACK_DAYS), told_range[1] + dt.timedelta(days=SLACK_DAYS)
    if listing:
        day = dt.date.fromisoformat(listing)
        return "confirmed" if low <= day <= high else ("listed-earlier" if day < low else "differs")
    first_day = dt.date.fromisoformat(first)
    if first_day < low:
        return "listed-earlier"
    if before is None:
        return "listed"
    return "confirmed" if dt.date.fromisoformat(before) < high and first_day >= low else "differs"


def _check(store: Store, chosen: str, authority: str, told: str | None) -> ListCheck:
    dataset, _, reference = chosen.partition("-")
    entity = store.get_entity(chosen)
    caption = str(entity.caption) if entity is not None else chosen
    listed = first_listed(store, chosen)
    if listed is None:
        return ListCheck(chosen, "not-listed", f"{caption} ({reference}) is in no stored {list_name(dataset)} "
                         "version", caption, reference, list_name(dataset))
    first, before = listed
    listing = _listing_date(store, chosen)
    status = _status(told, listing, first, before)
    when = f"{_on(listing)} (the list's date)" if listing else f"{_on(told)}" + (" (as reported)" if told else "")
    where = f"in the {list_name(dataset)} version of {_words(first)}"
    where += f", not in that of {_words(before)}" if before else " (the earliest stored)"
    text = f"{short_name(authority)} listed {caption} ({reference}) {when}; {where}"
    return ListCheck(chosen, status, text, caption, reference, list_name(dataset), listing, first, before)


def list_checker(store: Store) -> ListChecker:
    """The check of a story's targets against ``store`` (see the module docstring)."""

    stored = {v.dataset for v in store.versions()}

    def check(entity_id: str | None, name: str, authority: str, country: str | None,
              told: str | None) -> ListCheck | None:
        if entity_id is None:
            return None
        datasets = tuple(d for d in (_datasets(country) if country else ()) if d in stored)
        if not datasets:
            return ListCheck(None, "no-list", f"{name}: no list of {short_name(authority)} is stored to check")
        with store.connect() as conn:
            cluster = same_as_cluster(conn, entity_id)
        chosen = next((e for d in datasets for e in sorted(cluster) if e.split("-", 1)[0] == d), None)
        if chosen is None:
            lists = ", ".join(list_name(d) for d in datasets)
            return ListCheck(None, "not-listed", f"{name} is linked to {entity_id}, on no stored {lists} list")
        return _check(store, chosen, authority, told)

    return check
