"""``kenning monitor``: import portfolios, run monitoring, review and decide alerts, audit, export."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Any

import click

from kenning.cli.output import emit_json, print_table
from kenning.store import open_store

__all__ = ["monitor", "report_run"]


@click.group()
def monitor() -> None:
    """Ongoing monitoring: portfolios re-screened on every list change and news report."""


def report_run(report: Any, as_json: bool = False) -> None:
    """A run's outcome on stderr (or as JSON on stdout)."""
    data = report.to_dict()
    if as_json:
        emit_json(data)
        return
    if report.status == "current":
        click.echo("monitoring: nothing changed since the last run", err=True)
        return
    alerts = ", ".join(f"{n} {k}" for k, n in sorted(report.alerts.items())) or "no alerts"
    click.echo(f"monitoring run {report.run_id}{' (full)' if report.full else ''}: {alerts}; "
               f"{report.suppressed} suppressed, {report.closed} closed; {report.seconds:.1f} s", err=True)


@monitor.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--portfolio", "-p", required=True, help="The portfolio to import into (created if new).")
@click.option("--sync", is_flag=True, help="Remove the portfolio's customers that the file no longer lists.")
@click.option("--no-run", is_flag=True, help="Do not screen the changed customers now.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def import_cmd(path: Path, portfolio: str, sync: bool, no_run: bool, as_json: bool) -> None:
    """Import customers (CSV or JSON lines: customer_id, name[, schema, birth_date, country, id_number])."""
    from kenning.monitor.service import after_change, import_portfolio

    store = open_store()
    report = import_portfolio(store, portfolio, path, sync=sync, actor=f"cli:{getpass.getuser()}")
    for problem in report.problems:
        click.echo(f"error: {problem.describe(str(path))}", err=True)
    run = None if no_run else after_change(store, show_progress=True)
    if as_json:
        emit_json({**report.to_dict(), "run": run.to_dict() if run else None})
    else:
        s = report.changes.summary()
        refused = sum(1 for p in report.problems if p.field is None)
        click.echo(f"{portfolio}: {s['added']} added, {s['changed']} changed, {s['unchanged']} unchanged, "
                   f"{s['removed']} removed, {refused} rows refused", err=True)
        if run is not None:
            report_run(run)
    if any(p.field is None for p in report.problems):
        raise SystemExit(min(100, sum(1 for p in report.problems if p.field is None)))


@monitor.command("run")
@click.option("--full", is_flag=True, help="Screen every customer against every entry again.")
@click.option("--new-profile", is_flag=True, help="Pin the current lists' part rarity (implies --full).")
@click.option("--workers", type=int, default=None, help="Screening processes (default KENNING_MONITOR_WORKERS).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def run_cmd(full: bool, new_profile: bool, workers: int | None, as_json: bool) -> None:
    """Bring alerts up to date: list changes, customer changes and stored news (resumes a killed run)."""
    from kenning.monitor.media import run_media
    from kenning.monitor.run import require_lists, run_monitor
    from kenning.monitor.webhooks import deliver_pending

    store = open_store()
    require_lists(store)
    report = run_monitor(store, full=full, renew=new_profile, workers=workers)
    media = run_media(store)
    delivered = deliver_pending(store)
    if as_json:
        emit_json({**report.to_dict(), "media": media.to_dict(), "webhooks": delivered})
        return
    report_run(report)
    click.echo(f"adverse media: {media.articles} reports read, {media.alerts} alerts", err=True)


@monitor.command("alerts")
@click.option("--status", help="open, true_match, false_positive, escalated or closed.")
@click.option("--kind", help="new, changed, gone or media.")
@click.option("--portfolio", "-p")
@click.option("--customer", "customer_id", help="A customer_id (with --portfolio).")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def alerts_cmd(status: str | None, kind: str | None, portfolio: str | None, customer_id: str | None, limit: int,
               offset: int, as_json: bool) -> None:
    """The alert queue, newest first."""
    from kenning.monitor.views import alerts_view

    page = alerts_view(open_store(), status, kind, portfolio, customer_id, limit, offset)
    if as_json:
        emit_json(page)
        return
    print_table(f"Alerts {offset + 1}-{offset + len(page['alerts'])} of {page['total']}",
                ["alert", "kind", "status", "portfolio", "customer", "name", "subject", "score", "created"],
                [[a["id"], a["kind"], a["status"], a["portfolio"], a["customer_id"], a["customer_name"],
                  f"{a['subject']} {a['subject_caption'] or ''}".strip(), a["score"], (a["created_at"] or "")[:19]]
                 for a in page["alerts"]])


@monitor.command("alert")
@click.argument("alert_id", type=int)
def alert_cmd(alert_id: int) -> None:
    """One alert with its evidence, the customer and the list entry (JSON)."""
    from kenning.monitor.views import alert_view

    emit_json(alert_view(open_store(), alert_id))


@monitor.command("customer")
@click.argument("customer_id")
@click.option("--portfolio", "-p", required=True)
def customer_cmd(customer_id: str, portfolio: str) -> None:
    """One customer with its history, matches and alerts (JSON)."""
    from kenning.monitor.views import customer_view

    emit_json(customer_view(open_store(), portfolio, customer_id))


@monitor.command("decide")
@click.argument("alert_id", type=int)
@click.option("--true-match", "decision", flag_value="true_match", help="The customer is the listed party.")
@click.option("--false-positive", "decision", flag_value="false_positive", help="Not the listed party.")
@click.option("--escalate", "decision", flag_value="escalated", help="Needs a second look.")
@click.option("--reason", required=True, help="Why (kept in the audit log).")
@click.option("--analyst", default=None, help="Who decides (default: your login name).")
@click.option("--request-id", default=None, help="A key of your own: deciding again with it changes nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def decide_cmd(alert_id: int, decision: str | None, reason: str, analyst: str | None, request_id: str | None,
               as_json: bool) -> None:
    """Decide an alert: --true-match, --false-positive or --escalate, with --reason."""
    from kenning.monitor.decisions import decide

    if decision is None:
        raise click.UsageError("choose --true-match, --false-positive or --escalate")
    made, new = decide(open_store(), alert_id, decision, reason, analyst or getpass.getuser(), request_id)
    if as_json:
        emit_json({**made, "new": new})
        return
    click.echo(f"alert {alert_id}: {made['decision']} by {made['analyst']}"
               + ("" if new else " (already decided with this request id)"), err=True)


@monitor.command("audit")
@click.option("--verify", is_flag=True, help="Check the hash chain and that the tables agree with the log.")
@click.option("--since", type=int, default=0, help="Entries after this number.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def audit_cmd(verify: bool, since: int, as_json: bool) -> None:
    """The audit log (who, when, what, before and after), or its verification."""
    from kenning.monitor.storage import ensure_monitor_tables
    from kenning.monitor.storage.audit import entries
    from kenning.monitor.verify import verify_audit

    store = open_store()
    ensure_monitor_tables(store)
    if verify:
        result = verify_audit(store)
        if as_json:
            emit_json(result.to_dict())
        else:
            for problem in result.problems:
                click.echo(f"error: audit: {problem}", err=True)
            click.echo(f"audit log: {result.entries} entries, " + ("verified" if result.ok else
                                                                   f"{len(result.problems)} problems"), err=True)
        if not result.ok:
            raise SystemExit(7)
        return
    items = [e.to_dict() for e in entries(store, since)]
    if as_json:
        emit_json(items)
        return
    print_table("Audit log", ["seq", "at", "actor", "action", "object", "after"],
                [[e["seq"], e["at"][:19], e["actor"], e["action"], e["object"], str(e["after"])[:80]] for e in items])


@monitor.command("export")
@click.argument("what", type=click.Choice(["alerts", "decisions"]))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="jsonl", show_default=True)
@click.option("--portfolio", "-p")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="A file (default: stdout).")
def export_cmd(what: str, fmt: str, portfolio: str | None, output: Path | None) -> None:
    """Every alert or decision, as CSV or JSON lines."""
    from kenning.monitor.export import export

    store = open_store()
    if output is None:
        count = export(store, what, fmt, sys.stdout.buffer, portfolio)
        sys.stdout.flush()
    else:
        with output.open("wb") as fh:
            count = export(store, what, fmt, fh, portfolio)
    click.echo(f"{count} {what} exported", err=True)


@monitor.command("webhook")
@click.argument("url", required=False)
@click.option("--secret", help="The HMAC secret (default: a new random one, printed once).")
@click.option("--disable", "disable_id", type=int, help="Stop delivering to this webhook id.")
def webhook_cmd(url: str | None, secret: str | None, disable_id: int | None) -> None:
    """Add a webhook receiving new alerts (signed with HMAC-SHA256), list them, or disable one."""
    from kenning.monitor.webhooks import add_webhook, disable_webhook, list_webhooks

    store = open_store()
    actor = f"cli:{getpass.getuser()}"
    if disable_id is not None:
        disable_webhook(store, disable_id, actor)
    if url:
        hook = add_webhook(store, url, secret, actor)
        emit_json(hook)
        return
    print_table("Webhooks", ["id", "url", "active", "created"],
                [[h["id"], h["url"], h["active"], h["created_at"]] for h in list_webhooks(store)])
