"""Monitoring benchmark: a 1,000,000-customer portfolio screened, re-screened after list updates and news.

    python -m bench.monitor [--customers 1000000] [--planted 1000] [--workers 2] [--seed 20240503]

Steps, in a scratch store (``KENNING_HOME``, default ``/tmp/kenning-bench-monitor``):

1. the bundled lists with the SDN list as published on 2023-07-20 (``../shared/data/lists/us_ofac/history``);
2. the portfolio (:mod:`bench.monitor_portfolio`: names-dataset names on no list, and planted dev-set
   variants of listed names) imported, then the initial screen: time and customers/s;
3. the SDN list of 2023-07-24 (the real diff: 3 added, 4 changed): the re-screen time;
4. a 100-entry update made from it (40 amended, 30 delisted, 30 added from the 2024 list): the re-screen time;
5. news: five Treasury releases added one at a time; the alert latency = the time from the report's commit
   to its alerts' commit (``run_media`` right after ``add_items``);
6. planted recall: a planted customer is found when one of its case's expected entries (that the current
   lists hold) is among its matches; batch recall is the same cases through ``Screener.screen`` (limit 10)
   on the same lists; dev and test part side by side;
7. peak memory of this process and its workers (``ru_maxrss``) and the store's size on disk.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.monitor_portfolio import planted_cases
from bench.monitor_rescreen import cpu, update

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
HISTORY = SHARED / "lists" / "us_ofac" / "history"
PRESS = Path(__file__).resolve().parents[1] / "data" / "news" / "treasury_press" / "texts"
GOALS = {"initial_s": 600.0, "rescreen100_s": 10.0, "news_s": 1.0}


def _setup(home: Path) -> Any:
    os.environ["KENNING_HOME"] = str(home)
    from kenning import settings

    settings.reload()
    from kenning.store import Store
    from kenning.store.service import load_lists

    store = Store()
    if not store.current_versions():
        for name in ("us_ofac_cons", "gb_ofsi", "un_sc"):
            load_lists(store, name, show_progress=False)
        load_lists(store, "us_ofac_sdn", [HISTORY / "2023-07-20" / "sdn.csv"], check_counts=False,
                   show_progress=False)
    return store


def _hundred(tmp: Path) -> Path:
    """The 2023-07-24 SDN file with exactly 100 entries changed (:func:`bench.monitor_rescreen.update`)."""
    return update(HISTORY / "2023-07-24" / "sdn.csv", tmp / "sdn-100" / "sdn.csv", 0, b" AMENDED")


def _timed_run(store: Any, workers: int, figures: dict[str, Any], label: str) -> Any:
    """A monitoring run; its wall time and CPU time (this process and its workers) go to ``figures``."""
    from kenning.monitor.run import run_monitor

    started, used = time.perf_counter(), cpu()
    report = run_monitor(store, workers=workers, show_progress=False)
    figures[f"{label}_s"], figures[f"{label}_cpu_s"] = time.perf_counter() - started, cpu() - used
    return report


def _recall(store: Any, cases: list[Any]) -> dict[str, Any]:
    from sqlalchemy import text

    from kenning.matching import Query, Screener
    from kenning.store.sameas import same_as_cluster

    screener = Screener.open()
    listed = {r.id for r in screener.index.entities}
    with store.connect() as conn:
        matches: dict[str, set[str]] = {}
        for cid, eid in conn.execute(text("SELECT c.customer_id, m.entity_id FROM monitor_matches m JOIN "
                                          "monitor_customers c ON c.id = m.customer_pk WHERE c.customer_id LIKE 'p%'")):
            matches.setdefault(cid, set()).add(eid)
        clusters = {e: same_as_cluster(conn, e) for c in cases for e in c.expected}
    out: dict[str, Any] = {}
    for n, case in enumerate(cases):
        wanted = set().union(*(clusters[e] for e in case.expected)) & listed
        if not wanted:
            continue
        q = case.query
        results = screener.screen(Query.build(q["name"], schema=q.get("schema"),
                                              birth_dates=[q["birth_date"]] if q.get("birth_date") else []))
        row = out.setdefault(case.split, {"n": 0, "monitor": 0, "batch": 0})
        row["n"] += 1
        row["monitor"] += bool(matches.get(f"p{n}", set()) & wanted)
        row["batch"] += any(r.match and r.id in wanted for r in results)
    return out


def _news(store: Any) -> list[float]:
    from kenning.matching import Screener
    from kenning.monitor.media import run_media
    from kenning.news.service import add_items

    screener = Screener.open()
    latencies = []
    for path in sorted(PRESS.glob("*.txt"))[-5:]:
        added, _failed = add_items(store, [path], screener, workers=1, show_progress=False)
        started = time.perf_counter()
        run_media(store, [a.article_id for a in added if a.status == "added"])
        latencies.append(time.perf_counter() - started)
    return latencies


def _note(line: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {line}", file=sys.stderr, flush=True)


def _size(home: Path) -> int:
    return sum(p.stat().st_size for p in home.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--planted", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20240503)
    parser.add_argument("--home", type=Path, default=Path("/tmp/kenning-bench-monitor"))
    parser.add_argument("--fresh", action="store_true", help="Start from an empty store.")
    args = parser.parse_args()
    if args.fresh:
        shutil.rmtree(args.home, ignore_errors=True)
    store = _setup(args.home)
    portfolio = args.home.parent / f"{args.home.name}-portfolio-{args.customers}-{args.seed}.csv"
    generated = not portfolio.exists()
    if generated:
        # In a child process: the name-frequency tables take about 1.5 GB that the process's peak RSS must not
        # count (the workers' peak then includes it: run again with the cached file for that figure).
        subprocess.run([sys.executable, "-m", "bench.monitor_portfolio", str(portfolio), str(args.customers),
                        str(args.planted), str(args.seed), str(args.home)], check=True)
    cases = planted_cases(args.planted, args.seed)
    from kenning.monitor.service import import_portfolio

    figures: dict[str, Any] = {"customers": args.customers, "planted": len(cases), "generated": generated}
    started = time.perf_counter()
    imported = import_portfolio(store, "bench", portfolio)
    figures["import_s"] = time.perf_counter() - started
    figures["import_problems"] = len(imported.problems)
    _note(f"imported {args.customers:,} customers in {figures['import_s']:.0f} s")
    initial = _timed_run(store, args.workers, figures, "initial")
    figures["initial_alerts"] = initial.alerts
    from kenning.monitor.media import run_media

    started = time.perf_counter()
    run_media(store)
    figures["initial_media_s"] = time.perf_counter() - started
    _note(f"initial screen {figures['initial_s']:.0f} s, {initial.alerts}; "
          f"media pass {figures['initial_media_s']:.0f} s")
    from kenning.store.service import load_lists

    for label, path in (("real", HISTORY / "2023-07-24" / "sdn.csv"), ("hundred", _hundred(args.home.parent))):
        load_lists(store, "us_ofac_sdn", [path], check_counts=False, show_progress=False)
        report = _timed_run(store, args.workers, figures, f"rescreen_{label}")
        figures[f"rescreen_{label}"] = {"entries": report.changed_entries, "alerts": report.alerts}
        _note(f"re-screen {label}: {figures[f'rescreen_{label}_s']:.2f} s, {figures[f'rescreen_{label}']}")
    figures["news_latency_s"] = _news(store)
    _note(f"news alert latencies: {figures['news_latency_s']}")
    figures["recall"] = _recall(store, cases)
    figures["peak_rss_mb"] = {"process": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                              "workers": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024}
    figures["store_mb"] = _size(args.home) / 1e6
    print(json.dumps(figures, indent=2, default=str))
    _table(figures)


def _table(f: dict[str, Any]) -> None:
    rate = f["customers"] / f["initial_s"]
    news = sorted(f["news_latency_s"])
    rows = [("import (CSV → store)", f"{f['import_s']:.0f} s", ""),
            ("initial screen", f"{f['initial_s']:.0f} s, CPU {f['initial_cpu_s']:.0f} s ({rate:,.0f} customers/s), "
             f"{sum(f['initial_alerts'].values()):,} alerts", "≤600 s"),
            ("initial adverse-media pass (no news stored yet)", f"{f['initial_media_s']:.0f} s", ""),
            ("re-screen, real diff 2023-07-20→24",
             f"{f['rescreen_real_s']:.2f} s (CPU {f['rescreen_real_cpu_s']:.2f} s)", ""),
            ("re-screen, 100-entry diff", f"{f['rescreen_hundred_s']:.2f} s (CPU {f['rescreen_hundred_cpu_s']:.2f} s)",
             "≤10 s"),
            ("news alert latency (median / max)", f"{news[len(news) // 2]:.2f} / {news[-1]:.2f} s", "≤1 s")]
    for split, r in sorted(f["recall"].items()):
        rows.append((f"planted recall, {split} (n={r['n']})", f"monitor {r['monitor'] / r['n']:.3f} / batch "
                     f"{r['batch'] / r['n']:.3f}", "equal"))
    workers = f"{f['peak_rss_mb']['workers']} MB" + (" (incl. the portfolio generator)" if f["generated"] else "")
    rows += [("peak RSS process / largest worker", f"{f['peak_rss_mb']['process']} MB / {workers}", ""),
             ("store on disk", f"{f['store_mb']:.0f} MB", "")]
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")


if __name__ == "__main__":
    main()
