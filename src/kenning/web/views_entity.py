"""The dossier's model: one party as every list that names it records it, side by side, with its timeline.

Reads :func:`kenning.store.views.entity_view` (the same read model as the API's entity route) for the
party and for each party of another list linked to it as "same as"; the news part comes from
:mod:`kenning.web.views_mentions`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from followthemoney import model
from followthemoney.types import registry

from kenning.model import country_name
from kenning.store import Store
from kenning.store.parties import first_listed
from kenning.store.views import entity_view
from kenning.web.labels import dataset_label
from kenning.web.views_search import Reason
from kenning.web.views_succession import HistoryRow, history_rows, repeats_designation, switch

__all__ = ["Dossier", "ListColumn", "RelationRow", "SameAsRow", "SanctionRow", "TimelineItem", "dossier"]

#: Most same-as parties followed from the first one (links of links included).
MAX_CLUSTER = 8
_NAME_PROPS = ("name", "alias", "weakAlias", "previousName")
_HIDDEN_PROPS = frozenset({*_NAME_PROPS, "topics", "program", "firstName", "lastName", "middleName",
                           "secondName", "fatherName", "motherName", "modifiedAt"})


@dataclass(frozen=True)
class ListColumn:
    """One list's record of the party: its names and what else that list says."""

    id: str
    list_label: str
    caption: str
    schema: str
    is_self: bool
    names: dict[str, list[str]]
    facts: list[tuple[str, str]]


@dataclass(frozen=True)
class SanctionRow:
    list_label: str
    entity_id: str
    authority: str
    program: str
    listing_date: str
    start_date: str
    end_date: str
    reference: str
    provisions: str
    reason: str


@dataclass(frozen=True)
class SameAsRow:
    id: str
    caption: str
    list_label: str
    score: float
    method: str
    reasons: list[Reason]


@dataclass(frozen=True)
class RelationRow:
    id: str
    caption: str
    schema: str
    role: str
    list_label: str


@dataclass(frozen=True)
class TimelineItem:
    """One dated thing about the party: a listing, an article about it, an event that targets it."""

    date: str
    kind: str
    text: str
    href: str | None = None


@dataclass
class Dossier:
    id: str
    caption: str
    schema: str
    list_label: str
    columns: list[ListColumn]
    sanctions: list[SanctionRow]
    same_as: list[SameAsRow]
    outgoing: list[RelationRow]
    incoming: list[RelationRow]
    timeline: list[TimelineItem] = field(default_factory=list)
    undated_lists: list[str] = field(default_factory=list)
    #: The party's one history across a list's retirement (OFSI Consolidated List → UK Sanctions List).
    succession: list[HistoryRow] = field(default_factory=list)


def _first(props: dict[str, list[str]], name: str) -> str:
    return ", ".join(props.get(name, []))


def _label(schema: str, prop: str) -> str:
    found = model.get(schema)
    prop_obj = found.get(prop) if found is not None else None
    return str(prop_obj.label) if prop_obj is not None else prop


def _facts(schema: str, props: dict[str, list[str]]) -> list[tuple[str, str]]:
    found = model.get(schema)
    facts = []
    for prop, values in sorted(props.items(), key=lambda item: _label(schema, item[0])):
        if prop in _HIDDEN_PROPS or not values:
            continue
        prop_obj = found.get(prop) if found is not None else None
        is_country = prop_obj is not None and prop_obj.type == registry.country
        shown = [country_name(v) for v in values] if is_country else values
        facts.append((_label(schema, prop), "; ".join(shown)))
    return facts


def _identifier(record: dict[str, Any]) -> tuple[str, str]:
    p = record["properties"]
    where = ", ".join(country_name(c) for c in p.get("country", []))
    text = _first(p, "number") + (f" ({where})" if where else "")
    if p.get("endDate"):
        text += f", expires {_first(p, 'endDate')}"
    return (_first(p, "type") or record["schema"], text)


def _column(view: dict[str, Any], is_self: bool) -> ListColumn:
    props: dict[str, list[str]] = view["properties"]
    names = {_label(view["schema"], p): props[p] for p in _NAME_PROPS if props.get(p)}
    numbers = {n for record in view["identifiers"] for n in record["properties"].get("number", [])}
    shown = {k: v for k, v in props.items() if not (numbers and set(v) <= numbers)}
    facts = _facts(view["schema"], shown) + [_identifier(r) for r in view["identifiers"]]
    return ListColumn(id=view["id"], list_label=dataset_label(view["dataset"]), caption=view["caption"],
                      schema=view["schema"], is_self=is_self, names=names, facts=facts)


def _sanctions(view: dict[str, Any]) -> list[SanctionRow]:
    rows = []
    for sanction in view["sanctions"]:
        p = sanction["properties"]
        rows.append(SanctionRow(
            list_label=dataset_label(view["dataset"]), entity_id=view["id"], authority=_first(p, "authority"),
            program=_first(p, "program"), listing_date=_first(p, "listingDate"), start_date=_first(p, "startDate"),
            end_date=_first(p, "endDate"), reference=_first(p, "authorityId") or _first(p, "unscId"),
            provisions=_first(p, "provisions"), reason=" ".join(p.get("reason", []))))
    return rows


def _relations(view: dict[str, Any], direction: str, seen: set[tuple[str, str]]) -> list[RelationRow]:
    rows = []
    for rel in view["relations"]:
        other = rel["other"]
        if rel["direction"] != direction or other is None or (direction, other["id"]) in seen:
            continue
        seen.add((direction, other["id"]))
        rows.append(RelationRow(id=other["id"], caption=other["caption"] or other["id"],
                                schema=other["schema"] or "", role=rel["role"],
                                list_label=dataset_label(view["dataset"])))
    return rows


def _cluster(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """The party and the parties of other lists linked to it as the same, each once."""
    views = [entity_view(store, entity_id)]
    seen = {entity_id}
    queue = [link["id"] for link in views[0]["same_as"]]
    while queue and len(views) < MAX_CLUSTER:
        other = queue.pop(0)
        if other in seen:
            continue
        seen.add(other)
        if store.get_entity(other) is None:
            continue
        view = entity_view(store, other)
        views.append(view)
        queue.extend(link["id"] for link in view["same_as"])
    return views


def _same_as(views: list[dict[str, Any]]) -> list[SameAsRow]:
    rows, seen = [], set()
    for view in views:
        for link in view["same_as"]:
            pair = tuple(sorted((view["id"], link["id"])))
            if pair in seen:
                continue
            seen.add(pair)
            reasons = [Reason(k, "", float(v.get("score", 0.0)), float(v.get("weight", 0.0)), str(v.get("detail", "")))
                       for k, v in (link["evidence"] or {}).items() if isinstance(v, dict)]
            rows.append(SameAsRow(id=link["id"], caption=link["caption"] or link["id"],
                                  list_label=dataset_label(link["id"].split("-", 1)[0]), score=link["score"],
                                  method=link["method"], reasons=reasons))
    return rows


def first_seen(store: Store, entity_id: str) -> TimelineItem | None:
    """When the stored versions show the party being added: between the last publication without it and
    the first with it. Nothing when it is already in the earliest stored publication of its list."""
    dataset = entity_id.split("-", 1)[0]
    listed = first_listed(store, entity_id)
    if listed is None:
        return None
    first, before = listed
    if before is None:
        return None
    return TimelineItem(date=str(first), kind="listing",
                        text=f"Added to {dataset_label(dataset)}: absent from its {before} publication, "
                             f"present in its {first} publication")


def _listing_items(sanctions: list[SanctionRow]) -> list[TimelineItem]:
    items = []
    for row in sanctions:
        program = f" ({row.program})" if row.program else ""
        if row.listing_date:
            items.append(TimelineItem(row.listing_date[:10], "listing",
                                      f"Designated by {row.authority or row.list_label}{program}"))
        if row.start_date and row.start_date != row.listing_date:
            items.append(TimelineItem(row.start_date[:10], "listing",
                                      f"Sanctions of {row.list_label} in force{program}"))
        if row.end_date:
            items.append(TimelineItem(row.end_date[:10], "listing", f"Sanctions of {row.list_label} end"))
    return items


def dossier(store: Store, entity_id: str) -> Dossier:
    """Everything the lists say about one party and its same-as parties (NotFoundError if unknown)."""
    views = _cluster(store, entity_id)
    main = views[0]
    sanctions = [row for view in views for row in _sanctions(view)]
    seen: set[tuple[str, str]] = set()
    members = {view["id"] for view in views}
    outgoing = [r for view in views for r in _relations(view, "outgoing", seen) if r.id not in members]
    incoming = [r for view in views for r in _relations(view, "incoming", seen) if r.id not in members]
    history = history_rows(next((v["succession"] for v in views if v["succession"]), []))
    timeline = _listing_items([s for s in sanctions if not repeats_designation(history, s.entity_id, s.listing_date)])
    moved = switch(history)
    if moved is not None:
        timeline.append(TimelineItem(moved[0], "listing", moved[1]))
    timeline += [item for item in (first_seen(store, view["id"]) for view in views) if item is not None]
    undated = sorted({dataset_label(v["dataset"]) for v in views}
                     - {row.list_label for row in sanctions if row.listing_date})
    return Dossier(id=main["id"], caption=main["caption"], schema=main["schema"],
                   list_label=dataset_label(main["dataset"]),
                   columns=[_column(view, i == 0) for i, view in enumerate(views)], sanctions=sanctions,
                   same_as=_same_as(views), outgoing=outgoing, incoming=incoming,
                   timeline=sorted(timeline, key=lambda item: item.date), undated_lists=undated,
                   succession=history)
