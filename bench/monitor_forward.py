"""Monitoring's initial-screen cost per customer: forward screening of portfolio customers, CPU per customer,
this tree against an older revision in the same run (the two alternate, so load hits both alike).

    python -m bench.monitor_forward [--customers 2000] [--runs 3] [--baseline-ref a8e7e23]

Customers: the ordinary customers (on no list) of :mod:`bench.monitor_portfolio`'s portfolio (names-dataset
names; the planted ones are left out: 1,000 of a million), then the planted ones on their own, since they
cost more (every one reaches its listed party). Each is screened by ``kenning.monitor.screen.forward``
against every listed party of the store under ``KENNING_HOME`` (the bundled lists), with the default
profile's algorithm and threshold; each run is a fresh process, after one untimed pass (warm caches, as
in a long initial screen), timed with a new ``Screening`` (every customer's name is analysed again, as in an
initial screen). Printed: CPU ms per customer (median of the runs) and matches found, which must be equal
for both trees. Not included: what a run adds around it (the customer index, storing matches and alerts).
1M customers in 10 minutes on 2 cores is 1.2 ms of CPU per customer.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import baseline_tree, tree_env
from bench.monitor_portfolio import make_portfolio
from bench.screening_common import use_home

GOAL_MS = 1.2


def child(path: Path) -> dict[str, Any]:
    """In a fresh process: forward-screen the customers of ``path`` (JSON lines), CPU ms per customer."""
    from kenning.monitor.customers import Customer
    from kenning.monitor.profile import current_profile
    from kenning.monitor.screen import forward
    from kenning.monitor.targets import RawCache, build_targets
    from kenning.store import Store

    store = Store()
    profile = current_profile(store)[0]
    screening = profile.screening()
    raw = RawCache(profile.matcher)
    targets = build_targets(raw.get(store.iter_entities(targets_only=True)), screening.rarity)
    raw.save()
    out = {}
    for kind in ("ordinary", "planted"):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        customers = [Customer.from_data(r["id"], r) for r in rows if r["kind"] == kind]
        for pk, customer in enumerate(customers):  # untimed: warm caches
            forward(screening, pk, customer, targets)
        screening = profile.screening()  # but every name analysed again, as in an initial screen
        started = time.process_time()
        matches = [forward(screening, pk, c, targets) for pk, c in enumerate(customers)]
        out[kind] = {"ms": (time.process_time() - started) * 1000 / max(len(customers), 1),
                     "customers": len(customers),
                     "matches": sorted((m.customer_pk, m.target, m.score) for found in matches for m in found)}
    return out


def _customers(count: int, home: Path) -> Path:
    """The first ``count`` ordinary customers of the benchmark's portfolio and 200 planted ones (JSON lines)."""
    from bench.monitor_portfolio import listed_names

    csv_path = home.parent / f"forward-portfolio-{count}.csv"
    make_portfolio(csv_path, count + 200, 200, listed_names(), 20240503)
    out = home.parent / f"forward-{count}.jsonl"
    with csv_path.open(encoding="utf-8") as fh, out.open("w", encoding="utf-8") as f:
        for row in csv.DictReader(fh):
            data = {"id": row["customer_id"], "names": [row["name"]], "schema": row["schema"] or "Thing",
                    "birth_dates": [row["birth_date"]] if row["birth_date"] else [],
                    "countries": [row["country"]] if row["country"] else [], "id_numbers": [],
                    "kind": "planted" if row["customer_id"].startswith("p") else "ordinary"}
            f.write(json.dumps(data) + "\n")
    return out


def _run(path: Path, tree: Path | None) -> dict[str, Any]:
    env = tree_env(tree) if tree is not None else None
    done = subprocess.run([sys.executable, "-m", "bench.monitor_forward", "--child", str(path)], check=True,
                          capture_output=True, text=True, env=env)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-ref", help="git revision timed alternately in the same run")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    home = use_home()
    path = _customers(args.customers, home)
    with tempfile.TemporaryDirectory() as tmp:
        tree = baseline_tree(args.baseline_ref, Path(tmp)) if args.baseline_ref else None
        ours: list[dict[str, Any]] = []
        theirs: list[dict[str, Any]] = []
        for _ in range(args.runs):
            ours.append(_run(path, None))
            if tree is not None:
                theirs.append(_run(path, tree))
    print(f"{'customers':<10} {'n':>5} {'this tree ms CPU':>17} {'baseline':>9} {'ratio':>6} {'matches':>8} same")
    for kind in ("ordinary", "planted"):
        mine = statistics.median(r[kind]["ms"] for r in ours)
        base = statistics.median(r[kind]["ms"] for r in theirs) if theirs else float("nan")
        same = "yes" if not theirs or theirs[0][kind]["matches"] == ours[0][kind]["matches"] else "NO"
        print(f"{kind:<10} {ours[0][kind]['customers']:>5} {mine:>17.2f} {base:>9.2f} {base / mine:>6.2f} "
              f"{len(ours[0][kind]['matches']):>8} {same}")
    print(f"goal: 1M customers in 10 min on 2 cores = {GOAL_MS} ms CPU per customer; runs: "
          + "; ".join(f"{r['ordinary']['ms']:.2f}" for r in ours)
          + (" vs " + "; ".join(f"{r['ordinary']['ms']:.2f}" for r in theirs) if theirs else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
