"""The ``kenning`` command: a Unix filter (JSON or tables on stdout, progress and errors on stderr)."""

from __future__ import annotations

import sys

import click

from kenning.cli.app import cli
from kenning.errors import KenningError

__all__ = ["cli", "main"]


def main() -> None:
    """Entry point: run the command group, mapping Kenning errors to their exit codes."""
    try:
        cli.main(standalone_mode=False)
    except KenningError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
