"""``kenning screen`` (one name or a file of them) and ``kenning compare``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kenning.cli.output import emit_json, print_table
from kenning.matching import Query, Screener
from kenning.matching.api import compare_json, screen_json

__all__ = ["compare", "screen"]


@click.command()
@click.argument("name", required=False)
@click.option("--schema", "-s", help="FtM schema of the query: Person, Organization, Company, Vessel... (default: any)")
@click.option("--birth-date", "birth_dates", multiple=True,
              help="As typed: 1959-08-09, 9/8/1959, 09.08.1959, 9 Aug 1959, Aug 1959, 1959 (repeatable).")
@click.option("--country", "countries", multiple=True, help="Country name or ISO code (repeatable).")
@click.option("--id-number", "id_numbers", multiple=True, help="Passport, national ID, registration number...")
@click.option("--dataset", "datasets", multiple=True, help="Only these lists (repeatable).")
@click.option("--threshold", type=float, help="Match threshold (default: the algorithm's, 0.70).")
@click.option("--limit", type=int, default=5, show_default=True, help="Results per query.")
@click.option("--algorithm", default=None, help="Scoring algorithm (default kenning-v2; kenning-v1 by name).")
@click.option("--input", "input_path", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Batch: a CSV (column name, optional schema, birth_date, country, id_number, ref) or JSON lines.")
@click.option("--output", "output_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Batch results: .csv or .jsonl (default: JSON lines on stdout).")
@click.option("--workers", type=int, default=2, show_default=True, help="Batch worker processes.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def screen(name: str | None, schema: str | None, birth_dates: tuple[str, ...], countries: tuple[str, ...],
           id_numbers: tuple[str, ...], datasets: tuple[str, ...], threshold: float | None, limit: int,
           algorithm: str | None, input_path: Path | None, output_path: Path | None, workers: int,
           as_json: bool) -> None:
    """Screen a name against every loaded list, with explained scores: one result per party."""
    if input_path is not None:
        from kenning.matching.batch import run_batch

        summary = run_batch(input_path, output_path, threshold=threshold, limit=limit, algorithm=algorithm,
                            workers=workers, datasets=datasets)
        click.echo(summary.describe(), err=True)
        raise SystemExit(0 if not summary.failed else 1)
    if name is None:
        raise click.UsageError("give a NAME, or --input FILE for a batch")
    query = Query.build(name, schema=schema or "Thing", birth_dates=birth_dates, countries=countries,
                        id_numbers=id_numbers, datasets=datasets)
    data = screen_json(Screener.open(), query, limit=limit, threshold=threshold, algorithm=algorithm)
    if as_json:
        emit_json(data)
        return
    _print_parties(name, data)


def _print_parties(name: str, data: dict[str, Any]) -> None:
    """One row per party (its other lists' entries under it), then each party's reasons."""
    results = data["results"]
    rows: list[list[str]] = []
    for r in results:
        rows.append([f"{r['score']:.3f}", "MATCH" if r["match"] else "", r["id"], r["schema"], r["caption"]])
        rows.extend(["", "", f"  + {e['id']}", "", f"{e['caption']} ({e['score']:.3f})"]
                    for e in r.get("entries", [])[1:])
    matches = sum(r["match"] for r in results)
    print_table(f"{name!r}: {matches} part{'y' if matches == 1 else 'ies'} matched at {data['threshold']:.2f} "
                f"({data['algorithm']})", ["score", "", "id", "schema", "name"], rows)
    for r in results:
        click.echo(f"{r['id']} ({r['score']:.3f}):")
        for key, value in r["explanation"].items():
            click.echo(f"  {key}: {value['detail']}")
        for link in r.get("links", []):
            click.echo(f"  same party: {link['left']} = {link['right']} ({link['method']}, {link['score']:.3f})")


@click.command()
@click.argument("name_a")
@click.argument("name_b")
@click.option("--schema", "-s", default="Thing", show_default=True, help="FtM schema of both names.")
@click.option("--algorithm", default=None, help="Scoring algorithm (default kenning-v2; kenning-v1 by name).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def compare(name_a: str, name_b: str, schema: str, algorithm: str | None, as_json: bool) -> None:
    """Compare two names with the screening algorithm (no lists needed)."""
    data = compare_json(Query.build(name_a, schema=schema), Query.build(name_b, schema=schema), algorithm)
    if as_json:
        emit_json(data)
        return
    click.echo(f"{data['score']:.3f} {'MATCH' if data['match'] else 'no match'} (threshold {data['threshold']:.2f})")
    for key, value in data["explanation"].items():
        click.echo(f"  {key}: {value['detail']}")
