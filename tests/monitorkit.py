"""Helpers for the monitoring tests: the history fixture, list versions made from it, a verified audit log."""

from __future__ import annotations

from pathlib import Path

from kenning.monitor.verify import verify_audit
from kenning.store import Store
from kenning.store.service import load_lists
from testkit import LISTS

HISTORY = LISTS / "us_ofac" / "history"
BEFORE = HISTORY / "2023-07-20" / "sdn.csv"
AFTER = HISTORY / "2023-07-24" / "sdn.csv"


def load(store: Store, path: Path) -> None:
    """Load one SDN file as a new version of us_ofac_sdn (an excerpt: no count check)."""
    load_lists(store, "us_ofac_sdn", [path], check_counts=False, show_progress=False)


def edited(tmp: Path, name: str, source: Path, old: bytes, new: bytes) -> Path:
    """A copy of ``source`` with ``old`` replaced by ``new`` (a new publication of the list)."""
    data = source.read_bytes()
    assert old in data, old
    target = tmp / name / "sdn.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data.replace(old, new))
    return target


def write_customers(path: Path, rows: list[tuple[str, ...]],
                    header: str = "customer_id,name,schema,birth_date,country") -> Path:
    path.write_text(header + "\n" + "\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def assert_audit_ok(store: Store) -> None:
    result = verify_audit(store)
    assert result.ok, result.problems
