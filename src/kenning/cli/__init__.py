"""The ``kenning`` command: a Unix filter (JSON or tables on stdout, progress and errors on stderr)."""

from __future__ import annotations

import sys

import click
from sqlalchemy.exc import DatabaseError

from kenning.errors import KenningError
from kenning.store.integrity import store_failure

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command group, mapping Kenning errors to their exit codes."""
    try:
        # Imported here: a bad KENNING_* setting is a ConfigError while the commands are imported, and it
        # must be reported like every other Kenning error.
        from kenning.cli.app import cli

        code = cli.main(args=argv, standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except KenningError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except DatabaseError as exc:
        failure = store_failure(exc)
        click.echo(f"error: {failure}", err=True)
        sys.exit(failure.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
