"""Soak test: ``POST /match`` at a steady rate for minutes while lists are reloaded and news arrives.

    python -m bench.soak [--seconds 600] [--rate 200] [--reload-every 60] [--news-every 30] [--home PATH]

Starts ``kenning serve`` (one worker) over a store with every bundled list (as ``bench.load``), then, at
once: sends yente match requests on a fixed schedule (open loop, as ``bench.load``); every
``--reload-every`` seconds loads another publication of the OFAC consolidated list from a second process
(``kenning lists load``: alternately the bundled one and one without its last entry, so every load makes
a new current version, relinks, and the server swaps in the new index while it answers); every
``--news-every`` seconds posts a Treasury release to ``POST /news``; every 10 s reads the server's
resident memory and its news process's. Prints one row per minute (requests; answered, turned away by
the server's load shedding with 503 and failed otherwise; p50/p99 latency of the answered ones; the
server's RSS and its news process's; reloads and reports so far) and a verdict: no errors (a request
turned away busy is not one: the server said at once to come back), and the server's memory flat (the
last minute's RSS within 10 % of the second minute's, after warm-up).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench import REPO
from bench.load import (
    Outcome,
    children,
    drive,
    free_port,
    load_arguments,
    memory,
    mixed_probes,
    start_server,
    use_home,
)

KEY = "soak-key"
CONSOLIDATED = REPO / "data" / "lists" / "us_ofac"
RELEASES = sorted((REPO / "data" / "news" / "treasury_press" / "texts").glob("*.txt"))


@dataclass
class Churn:
    """What the background changes did, with their times (seconds since the start)."""

    reloads: list[float] = field(default_factory=list)
    reload_errors: list[str] = field(default_factory=list)
    #: Reloads not started because the previous one was still running (loads never overlap).
    reloads_skipped: int = 0
    news: list[float] = field(default_factory=list)
    news_errors: list[str] = field(default_factory=list)
    rss: list[tuple[float, int]] = field(default_factory=list)
    #: The server's child processes (news extraction), summed.
    child_rss: list[tuple[float, int]] = field(default_factory=list)


def _variants(folder: Path) -> list[Path]:
    """Two publications of the consolidated list: as bundled, and without its last entry."""
    out = []
    for name, drop in (("bundled", False), ("shorter", True)):
        target = folder / name
        shutil.copytree(CONSOLIDATED, target)
        if drop:
            prim = target / "cons_prim.csv"
            rows = [r for r in prim.read_text(encoding="utf-8").splitlines() if r.strip("\x1a ")]
            prim.write_text("\n".join(rows[:-1]) + "\n", encoding="utf-8")
        out.append(target / "cons_prim.csv")
    return out


def _reload(home: Path, path: Path, churn: Churn, started: float) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KENNING_")} | {"KENNING_HOME": str(home)}
    command = [str(Path(sys.executable).with_name("kenning")), "lists", "load", "--dataset", "us_ofac_cons",
               "--skip-count-check", str(path)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode:
        churn.reload_errors.append(done.stderr.strip()[-300:])
    churn.reloads.append(time.monotonic() - started)


def _post_news(port: int, number: int, churn: Churn, started: float) -> None:
    text = RELEASES[number % len(RELEASES)].read_text(encoding="utf-8")
    try:
        response = httpx.post(f"http://127.0.0.1:{port}/news", json={"text": text}, headers={"X-API-Key": KEY},
                              timeout=300)
        if response.status_code != 200:
            churn.news_errors.append(f"HTTP {response.status_code}: {response.text[:200]}")
    except httpx.HTTPError as exc:
        churn.news_errors.append(f"{type(exc).__name__}: {exc}")
    churn.news.append(time.monotonic() - started)


def _churn(args: argparse.Namespace, port: int, pid: int, churn: Churn, stop: threading.Event) -> None:
    started = time.monotonic()
    variants = _variants(Path(tempfile.mkdtemp(prefix="kenning-soak-")))
    next_reload, next_news, next_sample, count = args.reload_every, args.news_every, 0.0, 0
    workers: list[threading.Thread] = []
    loading: threading.Thread | None = None
    while not stop.wait(0.5):
        now = time.monotonic() - started
        if now >= next_sample:
            churn.rss.append((now, memory(pid)[0]))
            churn.child_rss.append((now, sum(_rss(child) for child in children(pid))))
            next_sample += 10
        if now >= next_reload:
            if loading is not None and loading.is_alive():
                churn.reloads_skipped += 1
            else:
                loading = threading.Thread(target=_reload, args=(args.home, variants[len(churn.reloads) % 2],
                                                                churn, started))
                workers.append(loading)
                loading.start()
            next_reload += args.reload_every
        if now >= next_news:
            workers.append(threading.Thread(target=_post_news, args=(port, count, churn, started)))
            workers[-1].start()
            count += 1
            next_news += args.news_every
    for worker in workers:
        worker.join()


def _rss(pid: int) -> int:
    try:
        return memory(pid)[0]
    except (OSError, KeyError):  # the child ended meanwhile
        return 0


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def _minutes(outcomes: list[Outcome], churn: Churn, start: float) -> list[list[Any]]:
    rows = []
    last = max(o.due for o in outcomes) - start
    for minute in range(int(last // 60) + 1):
        low, high = minute * 60, (minute + 1) * 60
        mine = [o for o in outcomes if low <= o.due - start < high]
        latencies = [(o.done - o.due) * 1000 for o in mine if o.ok]
        rss = [value for at, value in churn.rss if low <= at < high]
        child = [value for at, value in churn.child_rss if low <= at < high]
        rows.append([f"{minute + 1}", len(mine), sum(o.ok for o in mine), sum(o.shed for o in mine),
                     sum(not o.ok and not o.shed for o in mine),
                     f"{_percentile(latencies, 0.5):.1f}", f"{_percentile(latencies, 0.99):.1f}",
                     f"{max(rss) / 2**20:.0f}" if rss else "", f"{max(child) / 2**20:.0f}" if child else "",
                     sum(1 for t in churn.reloads if t < high),
                     sum(1 for t in churn.news if t < high)])
    return rows


def report(outcomes: list[Outcome], churn: Churn, start: float) -> int:
    """The per-minute table and the verdict; the exit code (1 when the soak failed)."""
    from kenning.cli.output import print_table

    rows = _minutes(outcomes, churn, start)
    print_table("Soak: POST /match/default while lists reload and news arrives",
                ["minute", "requests", "answered", "shed (503)", "errors", "p50 ms", "p99 ms", "RSS MiB",
                 "news process MiB", "reloads", "reports"], rows)
    for row in rows:  # the same rows whole, for a README (the table above is cut to the terminal's width)
        print("| " + " | ".join(str(value) for value in row) + " |")
    errors = sum(not o.ok and not o.shed for o in outcomes)
    shed = sum(o.shed for o in outcomes)
    rss = [int(row[7]) for row in rows if row[7]]
    growth = (rss[-1] - rss[1]) / rss[1] if len(rss) > 2 else 0.0
    latencies = [(o.done - o.due) * 1000 for o in outcomes if o.ok]
    print(f"all: {len(outcomes)} requests, {len(latencies)} answered ({len(latencies) / len(outcomes):.1%}), "
          f"{shed} turned away busy, {errors} errors, p99 {_percentile(latencies, 0.99):.1f} ms; "
          f"{len(churn.reloads)} reloads ({len(churn.reload_errors)} failed, {churn.reloads_skipped} skipped while "
          f"the previous one ran), {len(churn.news)} reports posted "
          f"({len(churn.news_errors)} failed); RSS from minute 2 to the last: {growth:+.1%}")
    for problem in [*churn.reload_errors, *churn.news_errors][:5]:
        print(f"problem: {problem}", file=sys.stderr)
    kinds = Counter((o.error or "")[:80] for o in outcomes if not o.ok and not o.shed)
    for kind, count in kinds.most_common(5):
        print(f"failed requests: {count} × {kind}", file=sys.stderr)
    flat = abs(growth) <= 0.10
    print(f"verdict: {'ok' if errors == 0 and flat else 'FAILED'} (no errors: {errors == 0}, memory flat: {flat})")
    return 0 if errors == 0 and flat and not churn.reload_errors and not churn.news_errors else 1


def main(argv: list[str] | None = None) -> int:
    parser = load_arguments(__doc__, 600.0, 11)
    parser.add_argument("--reload-every", type=float, default=60.0, help="seconds between list loads (60)")
    parser.add_argument("--news-every", type=float, default=30.0, help="seconds between posted reports (30)")
    args = parser.parse_args(argv)
    use_home(args.home)
    probes = mixed_probes(args.seed)
    port = free_port()
    server = start_server(args.home, port, {"KENNING_API_KEYS": KEY, "KENNING_WATCH_SECONDS": "2"})
    churn, stop = Churn(), threading.Event()
    try:
        asyncio.run(drive(port, probes[::-1], args.rate, 3.0))  # warm-up, not counted
        background = threading.Thread(target=_churn, args=(args, port, server.pid, churn, stop))
        start = time.monotonic()  # the clock of the requests' schedule (asyncio's loop time is monotonic)
        background.start()
        outcomes = asyncio.run(drive(port, probes, args.rate, args.seconds))
        stop.set()
        background.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return report(outcomes, churn, start)


if __name__ == "__main__":
    raise SystemExit(main())
