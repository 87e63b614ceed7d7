"""The audit log: append-only in the database, and any edit or deletion shows in ``--verify``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from kenning.monitor.decisions import decide
from kenning.monitor.storage.audit import entries
from kenning.monitor.verify import verify_audit
from kenning.store import Store
from monitorkit import AFTER, BEFORE, load, write_customers
from testkit import run_cli


@pytest.fixture
def decided(kenning_home: Path, tmp_path: Path) -> Path:
    """A store with one alert decided a false positive; yields the SQLite file."""
    write_customers(tmp_path / "c.csv", [("c1", "Sadio Camara", "Person", "", "")])
    store = Store()
    run_cli("monitor", "import", str(tmp_path / "c.csv"), "--portfolio", "demo")
    load(store, BEFORE)
    run_cli("monitor", "run")
    load(store, AFTER)
    run_cli("monitor", "run")
    decide(store, 1, "false_positive", "born 1990, not 1979", "alice")
    store.engine.dispose()
    return kenning_home / "kenning.db"


def _verify() -> tuple[int, str]:
    result = run_cli("monitor", "audit", "--verify")
    return result.code, result.err


def test_every_action_is_logged_with_who_what_and_before_after(decided: Path) -> None:
    log = list(entries(Store()))
    actions = [e.action for e in log]
    assert actions[0] == "portfolio.import" and "profile.create" in actions and actions[-1] == "alert.decide"
    last = log[-1]
    assert (last.actor, last.object, last.before) == ("alice", "alert:1", {"status": "open"})
    assert last.after["decision"] == "false_positive" and last.after["reason"] == "born 1990, not 1979"
    assert not [e for e in log if e.object.startswith("media:customers:")], "no report yet: no media pass units"
    assert _verify() == (0, f"audit log: {len(log)} entries, verified\n")


def test_the_database_refuses_to_change_the_log(decided: Path) -> None:
    store = Store()
    with pytest.raises(DatabaseError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text("UPDATE monitor_audit SET actor = 'mallory' WHERE seq = 1"))
    with pytest.raises(DatabaseError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text("DELETE FROM monitor_audit WHERE seq = 2"))


def _tamper(db: Path, *statements: str) -> None:
    """What someone with the SQLite file could do: drop the guards, then edit."""
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER monitor_audit_no_update")
    conn.execute("DROP TRIGGER monitor_audit_no_delete")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(("statements", "expected"), [
    (("UPDATE monitor_audit SET actor = 'bob' WHERE action = 'alert.decide'",), "does not match its hash"),
    (("DELETE FROM monitor_audit WHERE seq = 3",), "missing"),
    (("DELETE FROM monitor_audit WHERE seq = (SELECT max(seq) FROM monitor_audit)",
      "DELETE FROM monitor_decisions"), "cut off the end"),
    (("UPDATE monitor_decisions SET reason = 'looked fine'",), "differs from audit entry"),
    (("DELETE FROM monitor_decisions",), "no longer has"),
    (("UPDATE monitor_alerts SET subject = 'us_ofac_sdn-1'",), "no longer hash"),
])
def test_verify_detects_an_edit_or_a_deletion(decided: Path, statements: tuple[str, ...], expected: str) -> None:
    _tamper(decided, *statements)
    code, err = _verify()
    assert code == 7 and expected in err, err
    assert not verify_audit(Store()).ok
    _restore(decided)


def _restore(db: Path) -> None:
    """Put a good log back so the autouse check at the end of the test passes."""
    db.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    head = db.parent / "monitor" / "audit.head"
    head.unlink(missing_ok=True)


def test_a_decision_retried_with_its_request_id_is_not_made_twice(decided: Path) -> None:
    store = Store()
    first, new = decide(store, 1, "escalated", "second opinion", "bob", request_id="req-1")
    again, repeated = decide(store, 1, "escalated", "second opinion", "bob", request_id="req-1")
    assert new and not repeated and first == again
    with store.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM monitor_decisions")).scalar() == 2
