"""The root command group; sub-commands live in sibling modules and register themselves here."""

from __future__ import annotations

import os

import click

from kenning import settings

__all__ = ["cli"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.option("--db", "db_url", metavar="URL", help="SQLAlchemy URL of the store (default: KENNING_DB or a "
              "SQLite file under KENNING_HOME).")
@click.version_option(package_name="kenning")
def cli(db_url: str | None) -> None:
    """Kenning: sanctions lists, explainable screening, and news reconciled across sources."""
    if db_url:
        os.environ["KENNING_DB"] = db_url
        settings.reload()


def _register() -> None:
    from kenning.cli import entities, lists, monitor, screen, serve
    from kenning.cli import news as news_cli
    from kenning.cli import spark as spark_cli

    cli.add_command(lists.lists)
    cli.add_command(entities.entity)
    cli.add_command(entities.export)
    cli.add_command(screen.screen)
    cli.add_command(screen.compare)
    cli.add_command(news_cli.news)
    cli.add_command(news_cli.stories)
    cli.add_command(news_cli.story)
    cli.add_command(news_cli.demo)
    cli.add_command(serve.serve)
    cli.add_command(monitor.monitor)
    cli.add_command(spark_cli.spark)


_register()
