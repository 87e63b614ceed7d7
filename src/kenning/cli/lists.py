"""``kenning lists``: load, update, inspect and diff the official lists."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kenning.cli.output import emit_json, print_table
from kenning.store import Store, open_store
from kenning.store.currency import relink_pending
from kenning.store.service import diff_sources, load_lists, status

__all__ = ["lists"]


@click.group()
def lists() -> None:
    """Official sanctions lists: load, update, status, diff."""


@lists.command("load")
@click.option("--dataset", "-d", help="Dataset name (us_ofac_sdn, us_ofac_cons, gb_fcdo, gb_ofsi, un_sc, eu_fsf).")
@click.option("--skip-count-check", is_flag=True, help="Accept any number of entries (for excerpts and tests).")
@click.option("--no-link", is_flag=True, help="Do not refresh the cross-list same-as links after a change.")
@click.option("--allow-shrink", is_flag=True, help="Accept a version with many fewer parties than the current one "
              "(KENNING_MAX_SHRINK, default 2 %): the list really shrank, the file is not cut off.")
@click.option("--no-monitor", is_flag=True, help="Do not re-screen the monitored portfolios after a change.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def load(dataset: str | None, skip_count_check: bool, no_link: bool, allow_shrink: bool, no_monitor: bool,
         as_json: bool, paths: tuple[Path, ...]) -> None:
    """Load list files as new versions (no PATH: the snapshot bundled under data/).

    When a current version changed (now, or in an earlier run that stopped before it relinked), the
    screening index is rebuilt and the cross-list links refreshed; after a change, the monitored
    portfolios are screened against what changed.
    """
    store = open_store()
    results = load_lists(store, dataset, paths, check_counts=not skip_count_check, allow_shrink=allow_shrink)
    changed = any(r.status == "loaded" and r.current for r in results)
    if not no_link and (changed or relink_pending(store)):
        from kenning.matching.service import relink

        summary = relink(store)
        click.echo(f"linked: {summary['links']} same-as links across lists", err=True)
    if not no_monitor and changed:
        _monitor(store)
    if as_json:
        emit_json([r.to_dict() for r in results])
        return
    print_table("Loaded", ["dataset", "status", "version", "published", "entities", "current", "seconds"],
                [[r.version.dataset, r.status, r.version.id, r.version.publication_date,
                  r.version.entity_count, "yes" if r.current else "no", f"{r.seconds:.1f}"] for r in results])
    for r in results:
        for warning in r.version.warnings:
            click.echo(f"warning: {r.version.dataset}: {warning}", err=True)


def _monitor(store: Store) -> None:
    """Re-screen the monitored portfolios after a list changed (nothing when there are none)."""
    from kenning.cli.monitor import report_run
    from kenning.monitor.service import after_change
    from kenning.monitor.webhooks import deliver_pending

    report = after_change(store, show_progress=True)
    if report is not None:
        report_run(report)
        deliver_pending(store)


@lists.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def status_cmd(as_json: bool) -> None:
    """Per dataset: entities by schema, current version, publication date and age, overdue or retired (when
    each was loaded: --json)."""
    data = status(open_store())
    if as_json:
        emit_json(data)
        return
    if not data:
        click.echo("no lists loaded yet: run `kenning lists load`", err=True)
    print_table("Lists", ["dataset", "entities", "by schema", "version", "published", "age (days)", "state"],
                [[name, d["entities"], ", ".join(f"{k} {v}" for k, v in d["by_schema"].items()), d["version"],
                  d["publication_date"], d["freshness"]["age_days"], _state(d["freshness"])]
                 for name, d in data.items()])
    for name, d in data.items():
        click.echo(f"{name}: {d['freshness']['line']}", err=True)


def _state(fresh: dict[str, Any]) -> str:
    if fresh["state"] == "retired":
        return f"retired {fresh['retired']}" + (f" → {fresh['successor']}" if fresh["successor"] else "")
    if fresh["state"] == "overdue":
        return f"overdue (every {fresh['interval_days']} d)"
    return str(fresh["state"])


@lists.command("diff")
@click.option("--dataset", "-d", help="Dataset of both files when their names do not tell.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.argument("old")
@click.argument("new")
def diff(dataset: str | None, as_json: bool, old: str, new: str) -> None:
    """What changed between two files of one list, or two stored versions (by number)."""
    data = diff_sources(open_store(), old, new, dataset)
    if as_json:
        emit_json(data)
        return
    s = data["summary"]
    click.echo(f"{data['dataset']}: {s['added']} added, {s['removed']} removed, {s['changed']} changed, "
               f"{s['unchanged']} unchanged")
    rows = [["added", a["id"], a["caption"], ""] for a in data["added"]]
    rows += [["removed", r["id"], r["caption"], ""] for r in data["removed"]]
    for c in data["changed"]:
        what = sorted(c["properties"]) + [f"{r['schema']} {r['status']}" for r in c["records"]]
        rows.append(["changed", c["id"], c["caption"], ", ".join(what)])
    print_table("Differences", ["change", "id", "name", "what"], rows)


@lists.command("update")
@click.option("--dataset", "-d", help="Only this dataset (default: every list in sources.yml that is not retired).")
@click.option("--skip-count-check", is_flag=True, help="Accept any number of entries.")
@click.option("--no-monitor", is_flag=True, help="Do not re-screen the monitored portfolios after a change.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def update(dataset: str | None, skip_count_check: bool, no_monitor: bool, as_json: bool) -> None:
    """Download the current official files (URLs in sources.yml), check them and load them.

    Transient download failures are retried with backoff; a list whose update fails keeps its current
    version (and says so) while the others go on; the exit code is then that of the first failure. When a
    current version changed (now, or in an earlier run that stopped before it relinked), the lists are
    relinked; after a change, the monitored portfolios are screened against what changed.
    """
    from kenning.store.update import update_lists

    store = open_store()
    results = update_lists(store, dataset, check_counts=not skip_count_check)
    changed = any(r.status == "loaded" and r.load is not None and r.load.current for r in results)
    if changed or relink_pending(store):
        from kenning.matching.service import relink

        click.echo(f"linked: {relink(store)['links']} same-as links across lists", err=True)
    if changed and not no_monitor:
        _monitor(store)
    if as_json:
        emit_json([r.to_dict() for r in results])
    else:
        print_table("Updated", ["dataset", "status", "edition", "files", "bytes", "version", "entities"],
                    [[r.dataset, r.status, r.edition, len(r.downloads), sum(d.size for d in r.downloads),
                      r.load.version.id if r.load else (r.kept.id if r.kept else ""),
                      r.load.version.entity_count if r.load else (r.kept.entity_count if r.kept else "")]
                     for r in results])
    for r in results:
        for skipped in r.skipped:
            click.echo(f"warning: {r.dataset}: not fetched: {skipped}", err=True)
        for d in r.downloads:
            for attempt in d.attempts:
                click.echo(f"warning: {r.dataset}: retried after: {attempt}", err=True)
        if r.error is not None:
            click.echo(f"error: {r.dataset}: {r.message}", err=True)
    failed = [r for r in results if r.error is not None]
    if failed and failed[0].error is not None:
        sys.exit(failed[0].error.exit_code)


@lists.command("link")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def link(as_json: bool) -> None:
    """Record "same as" links between parties of different lists, with their evidence."""
    from kenning.matching.service import relink

    summary = relink(open_store())
    if as_json:
        emit_json(summary)
        return
    print_table("Same-as links", ["lists", "links"], [[k, v] for k, v in summary["pairs"].items()])
    click.echo(f"{summary['links']} links from {summary['screened']} parties screened; not linked: "
               + ", ".join(f"{k} {v}" for k, v in sorted(summary["rejected"].items())), err=True)


@lists.command("rollback")
@click.option("--note", help="Why (kept in the list's history).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.argument("dataset")
@click.argument("version", required=False, type=int)
def rollback_cmd(dataset: str, version: int | None, note: str | None, as_json: bool) -> None:
    """Make an earlier version of DATASET current again (VERSION, or the one current before), relink and
    re-screen the monitored portfolios."""
    from kenning.matching.service import relink
    from kenning.store.currency import rollback

    store = open_store()
    info = rollback(store, dataset, version, note)
    summary = relink(store)
    click.echo(f"linked: {summary['links']} same-as links across lists", err=True)
    _monitor(store)
    if as_json:
        emit_json(info.to_dict())
        return
    click.echo(f"{dataset}: version {info.id} ({info.publication_date or 'undated'}, {info.entity_count} parties) "
               "is current again")


@lists.command("history")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.argument("dataset")
def history_cmd(dataset: str, as_json: bool) -> None:
    """Every change of DATASET's current version: loads and rollbacks, the latest first."""
    from kenning.store.currency import current_history

    rows = current_history(open_store(), dataset)
    if as_json:
        emit_json(rows)
        return
    print_table(f"{dataset}: current versions", ["at", "action", "version", "previous", "note"],
                [[r["at"][:19], r["action"], r["version"], r["previous"] or "", r["note"] or ""] for r in rows])
