"""Screening speed: batch throughput on both cores, single-query latency, logic-v2 on the same queries and
candidates, index build, start-up from the persisted index, peak memory — one table with goals.

    python -m bench.screening_speed [--queries 20000] [--workers 2] [--runs 3] [--logic-sample 1000]
                                    [--algorithm kenning-v2]

How each figure is measured (all on the bundled lists in the store under ``KENNING_HOME``):

- before / after: every batch run and the logic-v2 sample are timed twice in the same process, runs
  interleaved: *after* with the compiled scoring core (:mod:`kenning.matching.core`), *before* with the
  pure-Python reference path it replaces (:func:`kenning.matching.core.python_reference`, equal scores);
- queries/s: the workload (:mod:`bench.screening_workload`, fixed seed) screened in batch by
  ``kenning.matching.batch.screen_rows`` on ``--workers`` forked processes, in a fresh child process that
  opened the persisted index; median of ``--runs`` runs; limit 10, the algorithm's threshold;
- latency p50/p99: ``Screener.screen`` one query at a time in one process, on every query;
- logic-v2: on ``--logic-sample`` queries spread evenly over the workload, nomenklatura's logic-v2 scores
  exactly the candidates Kenning's index retrieved for each (FtM entities from the store, built before
  timing); only its ``compare`` calls are timed, after one warm-up compare (several seconds, excluded).
  Kenning's time on the same sample is its full ``screen`` (retrieval and scoring), after one untimed pass
  over the sample (warm name caches), each query timed with both paths in alternating order. Ratio = logic-v2
  ms/query ÷ Kenning ms/query, both one core; recall = share of the sample's positives whose expected
  party (or counterpart) is among the matches;
- index build: a fresh process rebuilding the index from the store (``open_index(rebuild=True)``: read
  entities, analyse every name, build postings, save);
- start-up: a fresh process timing ``Screener.open()`` on the persisted index, median of 3 processes;
  the process's whole wall time (interpreter and imports included) is shown beside it;
- peak RSS: ``resource.getrusage`` ``ru_maxrss`` of the screening process (index loaded, one-process pass)
  and the largest of its forked workers (their pages are shared copy-on-write with the parent);
- ``--baseline-ref REF``: the same batch timed with the code of git revision REF (extracted to a temporary
  folder, its own index built first), runs of both trees interleaved in this run; the ratio of their
  median queries/s says whether a change made batch screening slower.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import baseline_tree
from bench.screening_common import judge, load_parties, use_home
from bench.screening_pairs import find_clusters
from bench.screening_workload import make_workload

SEED = 20240503
GOALS = {"qps": 2000.0, "ratio": 50.0, "build": 15.0, "startup": 2.0}  # from the screening issue


def _query(row: dict[str, Any]) -> Any:
    from kenning.matching import Query

    return Query.build(row["name"], schema=row.get("schema"),
                       birth_dates=[row["birth_date"]] if row.get("birth_date") else [])


def child_screen(path: Path, workers: int, runs: int, batch_only: bool = False,
                 algorithm: str | None = None) -> dict[str, Any]:
    """Runs in a fresh process: batch throughput (compiled core and Python reference, interleaved),
    one-process latency, peak RSS, matches per query."""
    from kenning.matching import Screener
    from kenning.matching.batch import screen_rows

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    screener = Screener.open()
    items = [(i, None, _query(r), None) for i, r in enumerate(rows)]
    options = {"limit": 10, "threshold": None, "algorithm": algorithm}
    rates, before, matched = [], [], {}
    for _run in range(runs):
        started = time.perf_counter()
        records = list(screen_rows(items, screener, workers, options))
        rates.append(len(items) / (time.perf_counter() - started))
        matched = {r["line"]: [x["id"] for x in r.get("results", []) if x["match"]] for r in records}
        if not batch_only:  # (a baseline tree older than the compiled core is timed in batch only)
            from kenning.matching.core import python_reference

            with python_reference():
                started = time.perf_counter()
                list(screen_rows(items, screener, workers, options))
                before.append(len(items) / (time.perf_counter() - started))
    children_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if batch_only:
        return {"qps": rates}
    latencies = []
    for _line, _ref, query, _err in items:
        started = time.perf_counter()
        screener.screen(query, limit=10, algorithm=algorithm)
        latencies.append(time.perf_counter() - started)
    return {"qps": rates, "qps_before": before, "latencies": latencies, "matched": matched,
            "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "workers_rss_kb": children_rss}


def child_build() -> dict[str, Any]:
    from kenning.matching.build import open_index

    started = time.perf_counter()
    index, _same_as = open_index(rebuild=True, show_progress=False)
    return {"seconds": time.perf_counter() - started, "names": index.size, "parties": len(index.entities)}


def child_startup() -> dict[str, Any]:
    from kenning.matching import Screener

    started = time.perf_counter()
    Screener.open()
    return {"seconds": time.perf_counter() - started}


def _run_child(*args: str, baseline: Path | None = None) -> tuple[dict[str, Any], float]:
    """Run a measurement in a fresh process; with ``baseline`` (a source tree), Kenning is imported from
    there and keeps its index in a folder of its own."""
    env = os.environ.copy()
    if baseline is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(baseline / "src"), str(Path(__file__).resolve().parents[1])])
        env["KENNING_BENCH_INDEX_DIR"] = str(baseline / "index")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bench.screening_speed", "--child", *args], check=True,
                          capture_output=True, text=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1]), time.perf_counter() - started


def same_run_ratio(path: Path, baseline: Path, workers: int, runs: int) -> dict[str, Any]:
    """Batch queries/s of this tree and of the baseline tree, runs interleaved (load hits both alike)."""
    ours, theirs = [], []
    for _run in range(runs):
        ours.extend(_run_child("screen", str(path), str(workers), "1", "batch")[0]["qps"])
        theirs.extend(_run_child("screen", str(path), str(workers), "1", "batch", baseline=baseline)[0]["qps"])
    return {"ours": ours, "baseline": theirs, "ratio": statistics.median(ours) / statistics.median(theirs)}


def logic_comparison(rows: list[dict[str, Any]], sample: list[int], matched: dict[int, list[str]],
                     entities: dict[str, Any], algorithm: str | None = None) -> dict[str, Any]:
    """Kenning's full screen (compiled core, and the Python reference) vs logic-v2's scoring of the same
    candidates, on the sampled queries."""
    from bench.screening_logic_v2 import LogicV2, candidate_ids
    from kenning.matching import Screener
    from kenning.matching.core import python_reference

    screener = Screener.open()
    queries = {i: _query(rows[i]) for i in sample}
    for i in sample:  # one untimed pass first: the name caches are warm for both paths alike
        screener.screen(queries[i], limit=10, algorithm=algorithm)
    times = {"after": 0.0, "before": 0.0}
    for i in sample:  # interleaved query by query, first one path then the other: load hits both alike
        for path in ("after", "before") if i % 2 else ("before", "after"):
            with python_reference() if path == "before" else contextlib.nullcontext():
                started = time.perf_counter()
                screener.screen(queries[i], limit=10, algorithm=algorithm)
                times[path] += time.perf_counter() - started
    kenning_s = times["after"]
    candidates = {i: candidate_ids(screener, queries[i]) for i in sample}
    logic = LogicV2(entities)
    logic_s = 0.0
    hits = {"kenning": 0, "logic": 0, "positives": 0}
    for i in sample:
        started = time.perf_counter()
        ranked = logic.rank(queries[i], candidates[i], 10)
        logic_s += time.perf_counter() - started
        if rows[i]["expected"]:
            hits["positives"] += 1
            hits["kenning"] += int(judge(rows[i]["expected"], [(x, 1.0, True) for x in matched[i]]).hit)
            hits["logic"] += int(judge(rows[i]["expected"], [(x, s, m) for x, s, m, _e in ranked]).hit)
    return {"kenning_ms": 1000 * kenning_s / len(sample), "before_ms": 1000 * times["before"] / len(sample),
            "logic_ms": 1000 * logic_s / len(sample),
            "warmup": logic.warmup_seconds, "candidates": statistics.mean(len(c) for c in candidates.values()),
            **hits}


def _status(ok: bool | None) -> str:
    return "–" if ok is None else "ok" if ok else "MISSED"


def table(r: dict[str, Any], args: argparse.Namespace) -> str:
    lat = sorted(r["screen"]["latencies"])
    p50, p99 = lat[len(lat) // 2] * 1000, lat[int(len(lat) * 0.99)] * 1000
    qps = statistics.median(r["screen"]["qps"])
    lg = r["logic"]
    ratio = lg["logic_ms"] / lg["kenning_ms"]
    rec_k, rec_l = lg["kenning"] / max(1, lg["positives"]), lg["logic"] / max(1, lg["positives"])
    build, startup = r["build"]["seconds"], statistics.median(s["seconds"] for s in r["startup"])
    wall = statistics.median(r["startup_wall"])
    before = statistics.median(r["screen"]["qps_before"])
    rows = [
        (f"batch queries/s, {args.algorithm}, compiled core ({args.workers} workers, median of {args.runs})",
         f"{qps:,.0f}", f"≥{GOALS['qps']:,.0f}", _status(qps >= GOALS["qps"])),
        ("  runs", " / ".join(f"{q:,.0f}" for q in r["screen"]["qps"]), "", "–"),
        ("batch queries/s before: the Python reference path, same run", f"{before:,.0f}", "", "–"),
        ("  runs (interleaved with the above)", " / ".join(f"{q:,.0f}" for q in r["screen"]["qps_before"]), "",
         "–"),
        ("speed-up of the compiled core, batch (after / before)", f"{qps / before:.2f}×", "", "–"),
        ("one-process queries/s", f"{1 / statistics.mean(lat):,.0f}", "", "–"),
        ("mean ms/query, one process (Watchman: ~0.85)", f"{1000 * statistics.mean(lat):.2f}", "<0.85",
         _status(statistics.mean(lat) < 0.00085)),
        ("latency p50 / p99, one query (ms)", f"{p50:.2f} / {p99:.2f}", "", "–"),
        (f"Kenning ms/query on the logic-v2 sample ({len(r['sample'])})", f"{lg['kenning_ms']:.2f}", "", "–"),
        ("logic-v2 ms/query, same candidates (scoring only)", f"{lg['logic_ms']:.2f}", "", "–"),
        ("  candidates per query (shared)", f"{lg['candidates']:.1f}", "", "–"),
        ("  logic-v2 queries/s on 2 cores, extrapolated", f"{2000 / lg['logic_ms']:,.0f}", "", "–"),
        ("speed ratio logic-v2 / Kenning (one core each)", f"{ratio:.1f}×", f"≥{GOALS['ratio']:.0f}×",
         _status(ratio >= GOALS["ratio"])),
        ("  Kenning ms/query on the sample, Python reference path", f"{lg['before_ms']:.2f}", "", "–"),
        ("  speed ratio logic-v2 / Kenning, Python reference path", f"{lg['logic_ms'] / lg['before_ms']:.1f}×",
         "", "–"),
        (f"recall on the sample's {lg['positives']} positives: Kenning", f"{rec_k:.3f}", "≥ logic-v2",
         _status(rec_k >= rec_l)),
        ("  logic-v2 (threshold 0.70)", f"{rec_l:.3f}", "", "–"),
        ("index build from the store (s, fresh process)", f"{build:.1f}", f"≤{GOALS['build']:.0f}",
         _status(build <= GOALS["build"])),
        ("start-up Screener.open() (s, fresh process, median of 3)", f"{startup:.2f}", f"≤{GOALS['startup']:.0f}",
         _status(startup <= GOALS["startup"])),
        ("  whole process incl. interpreter and imports (s)", f"{wall:.2f}", "", "–"),
        ("peak RSS, screening process (MB)", f"{r['screen']['rss_kb'] / 1024:,.0f}", "", "–"),
        ("peak RSS, largest forked worker (MB, shared pages counted)",
         f"{r['screen']['workers_rss_kb'] / 1024:,.0f}", "", "–"),
    ]
    width = max(len(x[0]) for x in rows)
    lines = [f"{'figure':<{width}}  {'value':>15}  {'goal':>11}  status"]
    lines += [f"{a:<{width}}  {b:>15}  {c:>11}  {d}" for a, b, c, d in rows]
    lines.append(f"{len(r['rows'])} queries ({sum(1 for x in r['rows'] if x['expected'])} listed-name variants); "
                 f"{os.cpu_count()} CPUs, load average before the run {r['load']}; logic-v2 warm-up "
                 f"{lg['warmup']:.1f} s excluded; index {r['build']['names']:,} names of "
                 f"{r['build']['parties']:,} parties")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--logic-sample", type=int, default=1000)
    parser.add_argument("--algorithm", default="kenning-v2", choices=("kenning-v2", "kenning-v1"))
    parser.add_argument("--baseline-ref", help="also time the batch with the code of this git revision, "
                        "runs interleaved in this run (e.g. the branch point of a change)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        use_home(load=False)
        if os.environ.get("KENNING_BENCH_INDEX_DIR"):
            from kenning import settings

            os.environ["KENNING_INDEX_DIR"] = os.environ["KENNING_BENCH_INDEX_DIR"]
            settings.reload()
        kind = args.child[0]
        out = (child_screen(Path(args.child[1]), int(args.child[2]), int(args.child[3]), args.child[4] == "batch",
                            args.child[5] if len(args.child) > 5 else None)
               if kind == "screen" else child_build() if kind == "build" else child_startup())
        print(json.dumps(out))
        return 0
    use_home()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    parties, entities = load_parties(keep_entities=True)
    rows = make_workload(parties, find_clusters(parties), args.queries, SEED)
    result: dict[str, Any] = {"rows": rows, "load": load}
    print("building the index in a fresh process…", file=sys.stderr)
    result["build"], _wall = _run_child("build")
    startups = [_run_child("startup") for _ in range(3)]
    result["startup"], result["startup_wall"] = [s for s, _w in startups], [w for _s, w in startups]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "queries.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print(f"screening {len(rows)} queries ({args.runs} batch runs + one-process pass)…", file=sys.stderr)
        result["screen"], _wall = _run_child("screen", str(path), str(args.workers), str(args.runs), "full",
                                             args.algorithm)
    matched = {int(k): v for k, v in result["screen"]["matched"].items()}
    step = max(1, len(rows) // args.logic_sample)
    result["sample"] = list(range(0, len(rows), step))[:args.logic_sample]
    print(f"logic-v2 on {len(result['sample'])} sampled queries…", file=sys.stderr)
    result["logic"] = logic_comparison(rows, result["sample"], matched, entities, args.algorithm)
    print(table(result, args))
    if args.baseline_ref:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "queries.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
            print(f"same-run comparison with {args.baseline_ref}…", file=sys.stderr)
            tree = baseline_tree(args.baseline_ref, Path(tmp))
            _run_child("startup", baseline=tree)  # builds the baseline's own index once
            same = same_run_ratio(path, tree, args.workers, args.runs)
        print(f"batch queries/s, runs interleaved with {args.baseline_ref} in this run: this tree "
              f"{' / '.join(f'{q:,.0f}' for q in same['ours'])}, {args.baseline_ref} "
              f"{' / '.join(f'{q:,.0f}' for q in same['baseline'])}; ratio of medians {same['ratio']:.2f} "
              f"(goal ≥1.00: {'met' if same['ratio'] >= 1.0 else 'NOT MET'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
