"""``kenning screen`` (one name or a file of them) and ``kenning compare``."""

from __future__ import annotations

from pathlib import Path

import click

from kenning.cli.output import emit_json, print_table
from kenning.matching import Query, Screener, compare_queries
from kenning.matching.algorithms import get_algorithm

__all__ = ["compare", "screen"]


@click.command()
@click.argument("name", required=False)
@click.option("--schema", "-s", help="FtM schema of the query: Person, Organization, Company, Vessel... (default: any)")
@click.option("--birth-date", "birth_dates", multiple=True, help="YYYY, YYYY-MM or YYYY-MM-DD (repeatable).")
@click.option("--country", "countries", multiple=True, help="Country name or ISO code (repeatable).")
@click.option("--id-number", "id_numbers", multiple=True, help="Passport, national ID, registration number...")
@click.option("--dataset", "datasets", multiple=True, help="Only these lists (repeatable).")
@click.option("--threshold", type=float, help="Match threshold (default: the algorithm's, 0.70 for kenning-v1).")
@click.option("--limit", type=int, default=5, show_default=True, help="Results per query.")
@click.option("--algorithm", default=None, help="Scoring algorithm (default kenning-v1).")
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
    """Screen a name against every loaded list, with explained scores."""
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
    algo = get_algorithm(algorithm)
    results = Screener.open().screen(query, limit=limit, threshold=threshold, algorithm=algo.name)
    cutoff = algo.threshold if threshold is None else threshold
    if as_json:
        emit_json({"query": query.to_dict(), "algorithm": algo.name, "threshold": cutoff,
                   "results": [r.to_dict() for r in results]})
        return
    rows = [[f"{r.score:.3f}", "MATCH" if r.match else "", r.id, r.schema, r.caption] for r in results]
    print_table(f"{name!r}: {sum(r.match for r in results)} match(es) at {cutoff:.2f} ({algo.name})",
                ["score", "", "id", "schema", "name"], rows)
    for r in results:
        click.echo(f"{r.id} ({r.score:.3f}):")
        for key, value in r.explanation.items():
            click.echo(f"  {key}: {value.detail}")


@click.command()
@click.argument("name_a")
@click.argument("name_b")
@click.option("--schema", "-s", default="Thing", show_default=True, help="FtM schema of both names.")
@click.option("--algorithm", default=None, help="Scoring algorithm (default kenning-v1).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def compare(name_a: str, name_b: str, schema: str, algorithm: str | None, as_json: bool) -> None:
    """Compare two names with the screening algorithm (no lists needed)."""
    a = Query.build(name_a, schema=schema)
    b = Query.build(name_b, schema=schema)
    scored, threshold = compare_queries(a, b, algorithm)
    data = {"a": name_a, "b": name_b, "schema": schema, "algorithm": get_algorithm(algorithm).name,
            "score": round(scored.score, 4), "match": scored.score >= threshold, "threshold": threshold,
            "explanation": {k: v.to_dict() for k, v in scored.explanation.items()}}
    if as_json:
        emit_json(data)
        return
    click.echo(f"{scored.score:.3f} {'MATCH' if data['match'] else 'no match'} (threshold {threshold:.2f})")
    for key, value in scored.explanation.items():
        click.echo(f"  {key}: {value.detail}")
