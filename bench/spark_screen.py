"""Screening on Spark (local mode) against the built-in batch, on the same customer file, in one run.

``python -m bench.spark_screen --rows 1000000`` writes one CSV of customers (the speed benchmark's realistic
mix, :mod:`bench.screening_workload`: ``--distinct`` different queries repeated in order up to ``--rows``),
then screens it twice, each in a fresh process: the built-in batch (``run_batch``: the file in, a CSV of
results out, ``--workers`` processes) and ``kenning spark screen`` (``--master``, default local[2]: the file
in, a directory of CSV parts out). Both outputs are counted (rows, matches) and must agree.

It prints queries/s of both, their ratio (goal: Spark ≥ 80 % of the built-in batch), the Spark session's
start-up, peak memory of every Spark Python worker and of the JVM (goal: < 1 GiB per worker), and the
executors needed to screen 100M customers in one hour, estimated from the measured per-core rate.
No quality figure is tuned here: the two paths run the same code, so there is no dev/test split to report.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.screening_common import load_parties, use_home
from bench.screening_pairs import find_clusters
from bench.screening_workload import make_workload

SEED = 20240503
GOALS = {"ratio": 0.8, "worker_mib": 1024.0}
TARGET = (100_000_000, 3600.0)  # customers, seconds


def write_customers(path: Path, rows: int, distinct: int) -> None:
    queries = make_workload(*_parties_and_clusters(), distinct, SEED)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "schema", "birth_date", "ref"])
        for i in range(rows):
            q = queries[i % len(queries)]
            writer.writerow([q["name"], q.get("schema", ""), q.get("birth_date", ""), f"c{i}"])


def _parties_and_clusters() -> tuple[Any, Any]:
    parties, _entities = load_parties()
    return parties, find_clusters(parties)


def count_csv(paths: list[Path]) -> dict[str, int]:
    lines, matched, rows = set(), set(), 0
    for path in paths:
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                rows += 1
                lines.add(row["line"])
                if row["match"].lower() == "true":
                    matched.add(row["line"])
    return {"rows": rows, "queries": len(lines), "matched": len(matched)}


def _descendants(root: int) -> set[int]:
    """This process's descendants (the Spark JVM and its Python workers), not other users' Spark processes."""
    parents: dict[int, int] = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                parents[int(proc.name)] = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


class PeakMemory:
    """Samples, every second, the peak resident memory (VmHWM) of this process's descendants whose command
    line has a marker."""

    def __init__(self, markers: dict[str, tuple[str, ...]]) -> None:
        self.markers, self.peaks = markers, {k: {} for k in markers}  # kind -> pid -> KiB
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            for pid in _descendants(os.getpid()):
                self._sample(Path("/proc") / str(pid))

    def _sample(self, proc: Path) -> None:
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            kind = next((k for k, ms in self.markers.items() if all(m in cmdline for m in ms)), None)
            if kind is None:
                return
            status = (proc / "status").read_text()
        except OSError:
            return
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                kib = int(line.split()[1])
                self.peaks[kind][proc.name] = max(kib, self.peaks[kind].get(proc.name, 0))

    def mib(self, kind: str) -> list[float]:
        return sorted((v / 1024 for v in self.peaks[kind].values()), reverse=True)


def child_builtin(source: Path, out: Path, workers: int) -> dict[str, Any]:
    from kenning.matching.batch import run_batch

    started = time.perf_counter()
    summary = run_batch(source, out, workers=workers)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": summary.rows, "failed": summary.failed,
            "parent_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def child_spark(source: Path, out: Path, master: str) -> dict[str, Any]:
    from kenning.spark.files import read_batch, write_results
    from kenning.spark.screening import screen_frame, ship_index
    from kenning.spark.session import spark_session

    started = time.perf_counter()
    session = spark_session(master, "kenning bench")
    ready = time.perf_counter()
    with PeakMemory({"worker": ("pyspark.daemon",), "jvm": ("java", "org.apache.spark")}) as memory:
        files = ship_index(session)
        write_results(screen_frame(read_batch(session, str(source)), files), str(out))
        seconds = time.perf_counter() - ready
    session.stop()
    return {"seconds": seconds, "startup": ready - started, "cores": _cores(master),
            "worker_mib": memory.mib("worker"), "jvm_mib": memory.mib("jvm")}


def _cores(master: str) -> int:
    inside = master.partition("[")[2].rstrip("]")
    return (os.cpu_count() or 1) if inside in ("*", "") else int(inside)


def _child(kind: str, *args: str) -> dict[str, Any]:
    """One path in a fresh process; the machine's 1-minute load average is sampled every 15 s meanwhile (the
    two paths run one after the other, so a ratio taken under a load that changed between them says so)."""
    samples: list[float] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(15.0):
            samples.append(os.getloadavg()[0])

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        done = subprocess.run([sys.executable, "-m", "bench.spark_screen", "--child", kind, *args], check=True,
                              capture_output=True, text=True, env=os.environ.copy())
    finally:
        stop.set()
    result = dict(json.loads(done.stdout.strip().splitlines()[-1]))
    result["load"] = sum(samples) / len(samples) if samples else os.getloadavg()[0]
    return result


def estimate(per_core: float, cores_per_executor: int = 4) -> dict[str, float]:
    """Executors of ``cores_per_executor`` cores needed for 100M customers in an hour at ``per_core`` q/s."""
    customers, seconds = TARGET
    needed = customers / seconds
    cores = math.ceil(needed / per_core) if per_core else 0
    return {"needed_qps": needed, "cores": cores, "executors": math.ceil(cores / cores_per_executor),
            "per_executor": cores_per_executor}


def table(r: dict[str, Any]) -> str:
    builtin, spark = r["builtin"], r["spark"]
    b_rate, s_rate = r["rows"] / builtin["seconds"], r["rows"] / spark["seconds"]
    ratio = s_rate / b_rate
    worst = max(spark["worker_mib"], default=0.0)
    est = estimate(s_rate / spark["cores"])
    ok = "met" if ratio >= GOALS["ratio"] else "**not met**"
    mem_ok = "met" if worst < GOALS["worker_mib"] else "**not met**"
    lines = [
        f"| figure ({r['rows']:,} rows, {r['distinct']:,} distinct queries; load {r['load']}) | value | goal |",
        "|---|---|---|",
        f"| built-in batch, {r['workers']} workers: queries/s (file in, CSV out) | {b_rate:,.0f} | — |",
        f"| Spark {r['master']}: queries/s (file in, CSV parts out; start-up excluded) | {s_rate:,.0f} | — |",
        f"| ratio Spark / built-in | **{ratio:.2f}** | ≥0.80 — {ok} |",
        f"| mean 1-min load average while each ran: built-in / Spark | {builtin.get('load', 0):.1f} / "
        f"{spark.get('load', 0):.1f} | — |",
        f"| Spark session start-up (s) | {spark['startup']:.1f} | — |",
        f"| peak memory per Spark Python worker (MiB; {len(spark['worker_mib'])} processes) | {worst:,.0f} "
        f"| <1,024 — {mem_ok} |",
        f"| peak memory, Spark JVM (driver + executor in local mode, MiB) | {max(spark['jvm_mib'], default=0):,.0f} "
        "| — |",
        f"| peak memory, built-in batch parent / largest worker (MiB) | {builtin['parent_mib']:,.0f} / "
        f"{builtin['worker_mib']:,.0f} | — |",
        f"| outputs agree (result rows, queries, queries with a match) | {r['same']} "
        f"({r['counts']['rows']:,}, {r['counts']['queries']:,}, {r['counts']['matched']:,}) | yes |",
        f"| Spark per-core rate (queries/s) | {s_rate / spark['cores']:,.0f} | — |",
        f"| 100M customers in 1 hour: {est['needed_qps']:,.0f} queries/s → cores at this rate | {est['cores']:,} | — |",
        f"| … executors of {est['per_executor']} cores | **{est['executors']:,}** | — |",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--distinct", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        use_home(load=False)
        kind, source, out = args.child[0], Path(args.child[1]), Path(args.child[2])
        result = (child_builtin(source, out, int(args.child[3])) if kind == "builtin"
                  else child_spark(source, out, args.child[3]))
        print(json.dumps(result))
        return 0
    use_home()
    result: dict[str, Any] = {"rows": args.rows, "distinct": min(args.distinct, args.rows), "workers": args.workers,
                              "master": args.master, "load": " ".join(f"{x:.1f}" for x in os.getloadavg())}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "customers.csv"
        print(f"writing {args.rows:,} customers…", file=sys.stderr)
        write_customers(source, args.rows, result["distinct"])
        print("built-in batch…", file=sys.stderr)
        result["builtin"] = _child("builtin", str(source), str(Path(tmp) / "local.csv"), str(args.workers))
        print(f"Spark {args.master}…", file=sys.stderr)
        result["spark"] = _child("spark", str(source), str(Path(tmp) / "spark.csv"), args.master)
        local = count_csv([Path(tmp) / "local.csv"])
        remote = count_csv(sorted((Path(tmp) / "spark.csv").glob("part-*.csv")))
        result["same"], result["counts"] = "yes" if local == remote else f"**no**: {local} vs {remote}", remote
    print(table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
