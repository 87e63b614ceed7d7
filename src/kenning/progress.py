"""Progress bars on stderr (rich), so stdout stays clean for JSON and tables."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

__all__ = ["Advance", "progress_bar", "stderr_console"]

Advance = Callable[[int], None]

stderr_console = Console(stderr=True)


@contextmanager
def progress_bar(description: str, total: int | None = None, enabled: bool = True) -> Iterator[Advance]:
    """Yield an ``advance(n)`` callable drawing a bar on stderr (a no-op when disabled or not a terminal)."""
    if not enabled or not stderr_console.is_terminal:
        yield lambda _n: None
        return
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr_console, transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n: bar.advance(task, n)
