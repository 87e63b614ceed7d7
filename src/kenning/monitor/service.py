"""Monitoring services the CLI, the API and the web pages call: import a portfolio, run, read.

* :func:`import_portfolio` — read a file (or request body), write the changes in one transaction with an
  audit entry; bad rows are reported with their line and the rest goes in. A file that cannot be read at
  all (no ``customer_id``/``name`` header, undecodable bytes) changes nothing.
* :func:`run_monitor` (re-exported) — bring alerts up to date with the lists, the portfolios and the news.
* :func:`after_change` — what ``kenning lists load``, ``news add`` and the API call after they changed
  something: a run when there are portfolios, nothing otherwise.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kenning.errors import InputError
from kenning.monitor.customers import Parsed, RowProblem, parse_portfolio, parse_portfolio_bytes
from kenning.monitor.run import RunReport, run_monitor
from kenning.monitor.storage import audit, ensure_monitor_tables
from kenning.monitor.storage.customers import ImportChanges, apply_import, portfolio_counts
from kenning.monitor.storage.locking import write_tx
from kenning.monitor.storage.reads import customer_count
from kenning.store import Store

__all__ = ["ImportReport", "after_change", "has_portfolios", "import_portfolio", "portfolios", "run_monitor"]

#: Portfolio names: letters, digits, dot, dash, underscore.
_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


@dataclass
class ImportReport:
    portfolio: str
    rows: int
    changes: ImportChanges
    problems: list[RowProblem] = field(default_factory=list)
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"portfolio": self.portfolio, "rows": self.rows, **self.changes.summary(),
                "refused": sum(1 for p in self.problems if p.field is None),
                "problems": [p.to_dict() | {"message": p.describe(self.source)} for p in self.problems]}


def _check_name(portfolio: str) -> None:
    if not portfolio or len(portfolio) > 128 or not set(portfolio) <= _NAME_CHARS:
        raise InputError(f"portfolio name {portfolio!r} must be 1-128 letters, digits, '.', '-' or '_'")


def _write(store: Store, portfolio: str, parsed: Parsed, sync: bool, source: str, digest: str,
           actor: str) -> ImportReport:
    rows = [(c.customer_id, c.data(), c.hash) for c in parsed.customers]
    if sync and not rows:
        raise InputError(f"{source}: no customer could be read; --sync would remove every customer, so nothing "
                         "was changed")
    with write_tx(store) as conn:
        before = portfolio_counts(conn).get(portfolio, {"customers": 0, "removed": 0})
        changes = apply_import(conn, portfolio, rows, sync, source)
        touched = sorted(changes.added + changes.changed + changes.removed)
        audit.append(conn, actor, "portfolio.import", f"portfolio:{portfolio}", before=before, after={
            **changes.summary(), "sync": sync, "source": source, "sha256": digest, "refused": parsed.refused,
            "changed_ids": hashlib.sha256("\n".join(touched).encode()).hexdigest()})
    audit.write_head(store)
    return ImportReport(portfolio, len(parsed.customers) + parsed.refused, changes, parsed.problems, source)


def import_portfolio(store: Store, portfolio: str, path: Path | None = None, data: bytes | None = None,
                     name: str = "request body", jsonl: bool = False, sync: bool = False,
                     actor: str = "kenning") -> ImportReport:
    """Import a portfolio file (``path``) or body (``data``): add, update by customer_id, remove with ``sync``."""
    _check_name(portfolio)
    ensure_monitor_tables(store)
    if path is not None:
        raw = path.read_bytes() if path.exists() else b""
        parsed, source = parse_portfolio(path), str(path)
    else:
        raw = data or b""
        parsed, source = parse_portfolio_bytes(raw, name, jsonl), name
    return _write(store, portfolio, parsed, sync, source, hashlib.sha256(raw).hexdigest(), actor)


def portfolios(store: Store) -> dict[str, dict[str, int]]:
    """Every portfolio with its customers kept and removed."""
    ensure_monitor_tables(store)
    with store.connect() as conn:
        return portfolio_counts(conn)


def has_portfolios(store: Store) -> bool:
    return customer_count(store) > 0


def after_change(store: Store, show_progress: bool = False) -> RunReport | None:
    """A monitoring run when there are portfolios and lists (after lists or news changed); else None."""
    if not has_portfolios(store) or not store.current_versions():
        return None
    return run_monitor(store, show_progress=show_progress)
