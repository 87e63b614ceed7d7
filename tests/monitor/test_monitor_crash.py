"""``kill -9`` during a run or a decision: no decision lost or duplicated, no alert raised twice, the resumed
run ends where an uninterrupted one would, and the audit log verifies."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import text

from kenning.monitor.decisions import decide
from kenning.monitor.run import run_monitor
from kenning.monitor.storage.state import all_matches
from kenning.monitor.views import alerts_view
from kenning.store import Store
from monitorkit import AFTER, BEFORE, load, write_customers

_KILL_DURING_RUN = textwrap.dedent("""
    import os, signal
    from kenning.monitor import plan, transitions, units
    from kenning.monitor.run import run_monitor
    from kenning.store import Store

    plan.SEQ_WINDOW = 40
    calls = {"n": 0}
    real = transitions.apply_transitions

    def dying(*args, **kwargs):
        out = real(*args, **kwargs)
        calls["n"] += 1
        if calls["n"] == 3:
            os.kill(os.getpid(), signal.SIGKILL)  # the unit's alerts are written, not committed
        return out

    import kenning.monitor.run as run
    run.apply_transitions = dying
    run_monitor(Store(), show_progress=False, workers=1)
""")

_KILL_AFTER_DECISION = textwrap.dedent("""
    import os, signal, sys
    from kenning.monitor import decisions
    from kenning.store import Store

    where = sys.argv[1]
    if where == "after_commit":
        decisions.audit.write_head = lambda store: os.kill(os.getpid(), signal.SIGKILL)
    else:
        real = decisions.set_alert_status
        def dying(*args, **kwargs):
            real(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)
        decisions.set_alert_status = dying
    decisions.decide(Store(), int(sys.argv[2]), "true_match", "same passport", "carol", request_id=sys.argv[3])
""")


def _customers(store: Store) -> list[tuple[str, ...]]:
    """A portfolio of the fixture's listed names (and ordinary ones): many alerts, several units."""
    with store.connect() as conn:
        names = [r[0] for r in conn.execute(text("SELECT DISTINCT caption FROM entities WHERE target ORDER BY 1"))]
    rows = [(f"l{i}", name.replace(",", ""), "", "", "") for i, name in enumerate(names)]
    return rows + [(f"o{i}", f"Ordinary Person{i}", "Person", "", "") for i in range(60)]


def _run_killed(home: Path, script: str, *args: str) -> None:
    env = {**os.environ, "KENNING_HOME": str(home)}
    proc = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, timeout=300,
                          check=False)
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]


def test_a_run_killed_mid_unit_resumes_without_losing_or_repeating(kenning_home: Path, tmp_path: Path) -> None:
    store = Store()
    load(store, BEFORE)
    rows = _customers(store)
    from kenning.monitor.service import import_portfolio

    import_portfolio(store, "p", write_customers(tmp_path / "a.csv", rows[::2]))
    run_monitor(store, show_progress=False, workers=1)
    first = alerts_view(store, limit=500)["alerts"]
    assert len(first) > 20
    for alert in first[:6]:
        decide(store, alert["id"], "false_positive", "checked", "alice", request_id=f"d{alert['id']}")
    load(store, AFTER)
    import_portfolio(store, "p", write_customers(tmp_path / "b.csv", rows), sync=True)
    store.engine.dispose()
    _run_killed(kenning_home, _KILL_DURING_RUN)
    store = Store()
    with store.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM monitor_runs WHERE status = 'running'")).scalar() == 1
    resumed = run_monitor(store, show_progress=False, workers=1)
    assert resumed.resumed
    with store.connect() as conn:
        decisions = conn.execute(text("SELECT alert_id, decision FROM monitor_decisions ORDER BY id")).all()
        dedupe = conn.execute(text("SELECT count(*), count(DISTINCT customer_pk || kind || subject) "
                                   "FROM monitor_alerts")).one()
    assert [d[0] for d in decisions] == [a["id"] for a in first[:6]]
    assert dedupe[0] == dedupe[1]
    state = all_matches(store)
    assert run_monitor(store, full=True, show_progress=False, workers=1).alerts == {}
    assert all_matches(store) == state


def test_a_decision_killed_before_or_after_its_commit_is_made_once(kenning_home: Path, tmp_path: Path) -> None:
    store = Store()
    load(store, BEFORE)
    from kenning.monitor.service import import_portfolio

    import_portfolio(store, "p", write_customers(tmp_path / "a.csv", _customers(store)[:40]))
    run_monitor(store, show_progress=False, workers=1)
    ids = [a["id"] for a in alerts_view(store)["alerts"][:2]]
    store.engine.dispose()
    _run_killed(kenning_home, _KILL_AFTER_DECISION, "before_commit", str(ids[0]), "r1")
    _run_killed(kenning_home, _KILL_AFTER_DECISION, "after_commit", str(ids[1]), "r2")
    store = Store()
    with store.connect() as conn:
        made = conn.execute(text("SELECT alert_id FROM monitor_decisions ORDER BY id")).scalars().all()
    assert made == [ids[1]]
    for alert_id, request in zip(ids, ("r1", "r2"), strict=True):
        decide(store, alert_id, "true_match", "same passport", "carol", request_id=request)
    with store.connect() as conn:
        made = conn.execute(text("SELECT alert_id FROM monitor_decisions ORDER BY id")).scalars().all()
    assert sorted(made) == sorted(ids)
