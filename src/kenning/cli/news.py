"""``kenning news add|extract``, ``kenning stories``, ``kenning story ID`` and ``kenning demo``.

Results go to stdout (a readable table, or JSON with ``--json``); progress and one message per failed
item go to stderr. ``news add`` and ``news extract`` go on past a bad item and exit with the number of
items that failed (at most 100), so a script sees at once whether everything went in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click
import orjson

from kenning.cli.output import emit_json, stdout_console
from kenning.news.ingest.collect import IngestFailure
from kenning.store import open_store

__all__ = ["demo", "news", "stories", "story"]

#: Highest exit code a batch command returns (the number of failed items, capped).
MAX_EXIT = 100


def _table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], keep: int = 1) -> None:
    """A table on stdout whose first ``keep`` columns (ids) are never wrapped."""
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for i, column in enumerate(columns):
        table.add_column(column, no_wrap=i < keep, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    stdout_console.print(table)


def _report_failures(failures: Sequence[IngestFailure]) -> int:
    for failure in failures:
        named = failure.message.startswith(failure.item.split(" entry ", 1)[0])
        click.echo(f"error: {failure.message}" if named else f"error: {failure.item}: {failure.message}", err=True)
    return min(len(failures), MAX_EXIT)


def _screener_or_none() -> Any:
    """A function opening the screener; None (no linking, with a warning) when no lists are loaded."""
    from kenning.errors import StoreError
    from kenning.matching import Screener

    def opener() -> Screener | None:
        try:
            return Screener.open()
        except StoreError as exc:
            click.echo(f"warning: mentions are not linked: {exc}", err=True)
            return None

    return opener


@click.group()
def news() -> None:
    """News reports: add them to the store (with stories), or extract without storing."""


@news.command("add")
@click.argument("items", nargs=-1)
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="An RSS/Atom feed to read (repeatable).")
@click.option("--allow-private", is_flag=True, help="Allow URLs on private and loopback addresses.")
@click.option("--workers", type=int, default=2, show_default=True, help="Extraction worker processes.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def add(items: tuple[str, ...], feeds: tuple[str, ...], allow_private: bool, workers: int, as_json: bool) -> None:
    """Add reports (files, folders, URLs, feeds): extract, link, place in stories, store."""
    from kenning.news.service import add_items

    if not items and not feeds:
        raise click.UsageError("give at least one PATH, DIR or URL, or --feed URL")
    store = open_store()
    added, failures = add_items(store, [*items, *feeds], _screener_or_none(), allow_private=allow_private,
                                workers=workers)
    _monitor_news(store, [a.article_id for a in added if a.status == "added"])
    if as_json:
        emit_json({"articles": [a.to_dict() for a in added], "failures": [f.to_dict() for f in failures]})
    else:
        _table(f"{sum(a.status == 'added' for a in added)} added, {len(failures)} failed",
               ["article", "story", "status", "mentions", "links", "events", "item"],
               [[a.article_id, a.story_id, a.status + (f" of {a.duplicate_of} ({a.kind})" if a.duplicate_of else ""),
                 a.mentions, a.links, a.events, a.item] for a in added], keep=2)
    code = _report_failures(failures)
    if code:
        raise SystemExit(code)


def _monitor_news(store: Any, article_ids: list[str]) -> None:
    """Match the new reports against the monitored portfolios (nothing when there are none)."""
    from kenning.monitor.media import run_media
    from kenning.monitor.service import has_portfolios
    from kenning.monitor.webhooks import deliver_pending

    if article_ids and has_portfolios(store):
        report = run_media(store, article_ids)
        click.echo(f"adverse media: {report.alerts} alerts from {report.articles} reports", err=True)
        deliver_pending(store)


@news.command("extract")
@click.argument("items", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON array of results.")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="One JSON object per line, per article.")
@click.option("--no-link", is_flag=True, help="Do not link mentions to list entities.")
@click.option("--allow-private", is_flag=True, help="Allow URLs on private and loopback addresses.")
@click.option("--workers", type=int, default=2, show_default=True, help="Extraction worker processes.")
def extract(items: tuple[str, ...], as_json: bool, as_jsonl: bool, no_link: bool, allow_private: bool,
            workers: int) -> None:
    """Extract mentions, links and sanctions events without storing (ArticleResult JSON)."""
    import sys

    from kenning.news.pipeline import STAGES
    from kenning.news.service import extract_items

    results, failures = extract_items(items, None if no_link else _screener_or_none(),
                                      allow_private=allow_private, workers=workers)
    if as_jsonl:
        for result in results:
            sys.stdout.buffer.write(orjson.dumps(result.to_dict()) + b"\n")
        sys.stdout.flush()
    elif as_json:
        emit_json([r.to_dict() for r in results])
    else:
        _table(f"{len(results)} extracted, {len(failures)} failed",
                    ["article", "title", "mentions", "linked", "events", "seconds"],
                    [[r.article.id, r.article.title or r.article.source, len(r.mentions),
                      sum(1 for m in r.mentions if m.links), len(r.events),
                      f"{sum(r.timings.get(s, 0.0) for s in STAGES):.2f}"]
                     for r in results])
    code = _report_failures(failures)
    if code:
        raise SystemExit(code)


@click.command("stories")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stories(as_json: bool) -> None:
    """Stories: reports of one event from different outlets, the latest first."""
    from kenning.news.service import list_stories

    data = list_stories(open_store())
    if as_json:
        emit_json(data)
        return
    if not data:
        click.echo("no stories yet: add reports with `kenning news add`", err=True)
    _table("Stories", ["story", "reports", "first", "last", "outlets", "title"],
                [[s["id"], s["size"], s["first_date"], s["last_date"], ", ".join(s["outlets"]), s["title"]]
                 for s in data])


@click.command("story")
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--full", is_flag=True, help="Also print the agreed and single-source facts, with their sentences.")
def story(story_id: str, as_json: bool, full: bool) -> None:
    """One story reconciled: who was sanctioned, by whom and when, then where the reports conflict and what
    they add to each other (agreed and single-source facts with --full)."""
    from kenning.news.service import story_report

    report = story_report(open_store(), story_id)
    if as_json:
        emit_json(report)
        return
    print_report(report, full)


@click.command("demo")
@click.option("--json", "as_json", is_flag=True, help="Print the seed story's report as JSON.")
@click.option("--full", is_flag=True, help="Print the seed story's report in full.")
@click.option("--workers", type=int, default=2, show_default=True, help="Extraction worker processes.")
def demo(as_json: bool, full: bool, workers: int) -> None:
    """Load the bundled lists and news, and show the seed story reconciled (quick when done before)."""
    from kenning.cli.demo import run_demo

    result = run_demo(open_store(), say=lambda line: click.echo(line, err=True), workers=workers)
    _report_failures(result.failures)
    if as_json:
        emit_json(result.to_dict())
    elif result.report is not None:
        print_report(result.report, full)
    if result.report is None:
        click.echo("error: the seed reports are in no story", err=True)
        raise SystemExit(1)


def print_report(report: dict[str, Any], full: bool = False) -> None:
    """The readable report (:mod:`kenning.cli.story_report`) on stdout."""
    from kenning.cli.story_report import report_lines

    for line in report_lines(report, full, f"kenning story {report['story_id']}"):
        click.echo(line)
