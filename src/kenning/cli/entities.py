"""``kenning entity`` and ``kenning export``: read entities out of the store."""

from __future__ import annotations

import sys

import click

from kenning.cli.output import emit_json, print_table
from kenning.errors import NotFoundError
from kenning.store import open_store
from kenning.store.views import entity_view, export_csv, export_ftm

__all__ = ["entity", "export"]


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.argument("entity_id")
def entity(as_json: bool, entity_id: str) -> None:
    """One entity with its sanctions, identifiers, relations and same-as links.

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
    if as_json:
        emit_json(view)
        return
    props = view["properties"]
    rows = [[k, "; ".join(view["readable"].get(k, v))] for k, v in sorted(props.items())]
    print_table(f"{view['caption']} ({view['id']}, {view['schema']})", ["property", "values"], rows)
    for s in view["sanctions"]:
        p = s["properties"]
        click.echo(f"sanction: {'; '.join(p.get('authority', []))}; program {', '.join(p.get('program', []))}; "
                   f"listed {', '.join(p.get('listingDate', [])) or 'n/a'}")
        for line in p.get("summary", []):
            click.echo(f"  {line}")
    for r in view["relations"]:
        other = r["other"] or {}
        click.echo(f"relation: {r['role']} ({r['direction']}) {other.get('caption')} [{other.get('id')}]")
    for link in view["same_as"]:
        click.echo(f"same as: {link['caption']} [{link['id']}] score {link['score']:.2f}")


@click.command()
@click.option("--dataset", "-d", help="Only this dataset.")
@click.option("--format", "fmt", type=click.Choice(["ftm", "csv"]), default="ftm", show_default=True)
def export(dataset: str | None, fmt: str) -> None:
    """Export the current lists: FtM JSON lines (every entity) or CSV (one row per listed party)."""
    store = open_store()
    count = export_ftm(store, sys.stdout.buffer, dataset) if fmt == "ftm" else export_csv(store, sys.stdout, dataset)
    sys.stdout.flush()
    click.echo(f"exported {count} entities", err=True)
