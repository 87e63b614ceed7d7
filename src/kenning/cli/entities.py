"""``kenning entity`` and ``kenning export``: read entities out of the store."""

from __future__ import annotations

import sys
from typing import Any

import click

from kenning.cli.output import emit_json, print_table
from kenning.errors import NotFoundError
from kenning.store import Store, open_store
from kenning.store.views import entity_view, export_csv, export_ftm

__all__ = ["entity", "export"]


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.argument("entity_id")
def entity(as_json: bool, entity_id: str) -> None:
    """One entity with its sanctions, identifiers, relations, same-as links and timeline (listings and the
    sanctions actions news reports credit to it, each once).

    ENTITY_ID is a Kenning id (``eu_fsf-13``) or a list's own reference (``EU.27.28``, ``MAL0011``)."""
    store = open_store()
    try:
        view = entity_view(store, entity_id)
    except NotFoundError:
        found = store.parties_by_reference(entity_id)
        own = [i for i in found if i.split("-", 1)[1] == entity_id]  # MAL0011 is gb_fcdo-MAL0011's own id
        found = own if len(own) == 1 else found
        if len(found) != 1:
            if found:
                raise NotFoundError(f"{entity_id} is the reference of {len(found)} parties: "
                                    f"{', '.join(found)}; give one id") from None
            raise
        click.echo(f"{entity_id} is {found[0]}", err=True)
        view = entity_view(store, found[0])
    _date_listings(store, view)
    timeline = _timeline(store, view["id"])
    if as_json:
        emit_json({**view, "timeline": timeline})
        return
    props = view["properties"]
    rows = [[k, "; ".join(view["readable"].get(k, v))] for k, v in sorted(props.items())]
    print_table(f"{view['caption']} ({view['id']}, {view['schema']})", ["property", "values"], rows)
    for s in view["sanctions"]:
        p = s["properties"]
        click.echo(f"sanction: {'; '.join(p.get('authority', []))}; program {', '.join(p.get('program', []))}; "
                   f"listed {_listed(s.get('listing'))}")
        for line in p.get("summary", []):
            click.echo(f"  {line}")
    for r in view["relations"]:
        other = r["other"] or {}
        click.echo(f"relation: {r['role']} ({r['direction']}) {other.get('caption')} [{other.get('id')}]")
    for link in view["same_as"]:
        click.echo(f"same as: {link['caption']} [{link['id']}] score {link['score']:.2f}")
    for item in timeline:
        click.echo(f"timeline: {item['when']}: {item['text']}")


def _timeline(store: Store, entity_id: str) -> list[dict[str, str]]:
    """The dossier's timeline (the web page's), each item with its date in words."""
    from kenning.web.views_news import dossier_page

    page, _groups = dossier_page(store, entity_id, lambda article_id: f"article {article_id}")
    return [{"date": t.date, "when": t.when or t.date, "kind": t.kind, "text": t.text, "source": t.href or ""}
            for t in page.timeline]


def _date_listings(store: Store, view: dict[str, Any]) -> None:
    """Date the sanctions that neither their list nor the SDN history date from an official release among the
    stored news, when there is one (:func:`kenning.news.service.listing_of`)."""
    from kenning.news.service import listing_of  # the news stack loads only when a date is missing

    for sanction in view["sanctions"]:
        listed = sanction.get("listing")
        if listed is None or listed["source"] == "first-version":
            found = listing_of(store, view["id"], None)
            sanction["listing"] = None if found is None else found.to_dict()


def _listed(listed: dict[str, Any] | None) -> str:
    """"2023-07-24 (sdn-history: first seen in ...)", or "n/a"."""
    if not listed:
        return "n/a"
    bound = "" if listed["exact"] else "on or before "
    return f"{bound}{listed['date']} ({listed['source']}: {listed['detail']})"


@click.command()
@click.option("--dataset", "-d", help="Only this dataset.")
@click.option("--format", "fmt", type=click.Choice(["ftm", "csv"]), default="ftm", show_default=True)
def export(dataset: str | None, fmt: str) -> None:
    """Export the current lists: FtM JSON lines (every entity) or CSV (one row per listed party)."""
    store = open_store()
    count = export_ftm(store, sys.stdout.buffer, dataset) if fmt == "ftm" else export_csv(store, sys.stdout, dataset)
    sys.stdout.flush()
    click.echo(f"exported {count} entities", err=True)
