"""Extraction speed: the news pipeline over the 40 Treasury press releases, and where the time goes.

Usage: ``python -m bench.news_speed [--texts DIR] [--no-link] [--no-cli] [--runs N] [--baseline-ref REF]``.

Linking needs ``KENNING_HOME`` with loaded lists (``kenning lists load``) unless ``--no-link``. Measures:

* the command end to end (``kenning news extract --jsonl --workers 2 DIR`` in a subprocess): wall time and
  articles per second, start-up (language model, list ruler, screening index) included (``--no-cli`` skips);
* warm, each run in a fresh process with models and index loaded before the clock starts
  (``kenning.news.service.extract_isolated``), with 1 and 2 worker processes: articles per second (wall),
  CPU milliseconds per article (the process and its workers, from ``getrusage``), and each stage's
  milliseconds per article from ``ArticleResult.timings`` — wall, and CPU where the code records it
  (``cpu_nlp``…; ``nlp`` includes ``nlp_rules``, Kenning's own steps after spaCy);
* ``--baseline-ref REF``: the same warm runs with the code of git revision REF (its ``src`` extracted to a
  temporary folder), interleaved with this tree's runs so that the load of a shared machine hits both
  alike; medians of ``--runs`` runs and the ratio.

The goal is 20 articles per second with both cores. On a machine shared with other work the wall rate
mostly measures the others; CPU per article is the steadier figure (the rate two idle cores could reach is
about ``2000 / CPU ms``, as long as nothing else is serial).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench import REPO, baseline_tree

DEFAULT_TEXTS = REPO / "data" / "news" / "treasury_press" / "texts"
GOAL = 20.0
STAGES = ("nlp", "nlp_rules", "link", "events")


def cli_run(texts: Path, link: bool) -> tuple[int, float]:
    """Articles printed and wall seconds of ``kenning news extract --jsonl``."""
    command = [str(Path(sys.executable).parent / "kenning"), "news", "extract", "--jsonl", "--workers", "2"]
    if not link:
        command.append("--no-link")
    started = time.perf_counter()
    done = subprocess.run([*command, str(texts)], capture_output=True, text=True, check=False, env=os.environ.copy())
    seconds = time.perf_counter() - started
    if done.returncode:
        print(done.stderr, file=sys.stderr)
    return len(done.stdout.splitlines()), seconds


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def warm_run(texts: Path, link: bool, workers: int) -> dict[str, Any]:
    """One warm run in this process: articles, wall and CPU seconds, summed stage timings."""
    from kenning.news.events.parse import load_parser
    from kenning.news.ingest.collect import ingest_file
    from kenning.news.nlp.models import resources
    from kenning.news.service import extract_isolated

    screener = None
    if link:
        from kenning.matching import Screener

        screener = Screener.open()
    resources()
    load_parser()
    articles = [ingest_file(p) for p in sorted(texts.glob("*.txt"))]
    cpu, started = _cpu(), time.perf_counter()
    results, failures = extract_isolated(articles, screener, workers)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    for failure in failures:
        print(f"not extracted: {failure.item}: {failure.message}", file=sys.stderr)
    stages: Counter[str] = Counter()
    for result in results:
        stages.update(result.timings)
    return {"articles": len(results), "seconds": seconds, "cpu": cpu, "stages": dict(stages)}


def child_run(texts: Path, link: bool, workers: int, tree: Path | None) -> dict[str, Any]:
    """:func:`warm_run` in a fresh process, importing Kenning from ``tree/src`` when given."""
    env = os.environ.copy()
    if tree is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(tree / "src"), str(REPO)])
    command = [sys.executable, "-m", "bench.news_speed", "--child", str(workers), "--texts", str(texts)]
    done = subprocess.run([*command, *([] if link else ["--no-link"])], capture_output=True, text=True,
                          check=False, env=env)
    if done.returncode:
        raise SystemExit(f"the warm run failed ({'baseline' if tree else 'this tree'}):\n{done.stderr}")
    data: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return data


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Per measure, the median over runs (stage by stage)."""
    articles = runs[0]["articles"]
    stages = {s: statistics.median(r["stages"].get(s, 0.0) for r in runs) for s in runs[0]["stages"]}
    return {"articles": articles, "rate": statistics.median(r["articles"] / r["seconds"] for r in runs),
            "cpu_ms": statistics.median(1000 * r["cpu"] / r["articles"] for r in runs),
            "stages": {s: 1000 * v / articles for s, v in stages.items()}}


def _stage_cells(stages: dict[str, float]) -> list[str]:
    cells = []
    for stage in STAGES:
        wall, cpu = stages.get(stage), stages.get(f"cpu_{stage}")
        cells.append("–" if wall is None else f"{wall:.0f}" + ("" if cpu is None else f" / {cpu:.0f}"))
    return cells


def print_rows(rows: list[tuple[str, dict[str, Any]]]) -> None:
    print("| code | workers | articles | articles/s (wall) | CPU ms per article | "
          + " | ".join(f"{s} ms (wall / CPU)" for s in STAGES) + " |")
    print("|---|---|---|---|---|" + "---|" * len(STAGES))
    for label, row in rows:
        print(f"| {label} | {row['workers']} | {row['articles']} | {row['rate']:.2f} | {row['cpu_ms']:.0f} | "
              + " | ".join(_stage_cells(row["stages"])) + " |")


def compare(texts: Path, link: bool, runs: int, ref: str | None) -> list[tuple[str, dict[str, Any]]]:
    """Warm runs of this tree (and of ``ref``), 1 and 2 workers, interleaved; their medians."""
    with tempfile.TemporaryDirectory(prefix="kenning-news-speed-") as tmp:
        trees: list[tuple[str, Path | None]] = [("this tree", None)]
        if ref:
            trees.insert(0, (ref, baseline_tree(ref, Path(tmp))))
        measured: dict[tuple[str, int], list[dict[str, Any]]] = {}
        for run in range(runs):
            for workers in (1, 2):
                for label, tree in trees:
                    print(f"run {run + 1}/{runs}: {label}, {workers} worker(s)…", file=sys.stderr)
                    measured.setdefault((label, workers), []).append(child_run(texts, link, workers, tree))
    return [(label, {"workers": workers, **_median_run(found)}) for (label, workers), found in measured.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of .txt reports")
    parser.add_argument("--no-link", action="store_true", help="no linking (no loaded lists needed)")
    parser.add_argument("--no-cli", action="store_true", help="skip the end-to-end command run")
    parser.add_argument("--runs", type=int, default=3, help="warm runs per configuration (default 3)")
    parser.add_argument("--baseline-ref", help="also time the code of this git revision, runs interleaved")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    link = not args.no_link
    if args.child:
        print(json.dumps(warm_run(args.texts, link, args.child)))
        return 0
    print(f"cores: {os.cpu_count()}, linking: {'yes' if link else 'no'}, load average at start: "
          f"{os.getloadavg()[0]:.1f}\n")
    if not args.no_cli:
        count, seconds = cli_run(args.texts, link)
        print(f"`kenning news extract --workers 2` (start-up included): {count} articles in {seconds:.1f} s, "
              f"{count / seconds:.2f} articles/s\n")
    rows = sorted(compare(args.texts, link, max(1, args.runs), args.baseline_ref), key=lambda r: r[1]["workers"])
    print(f"Warm runs (medians of {args.runs}; stage times summed over the articles' processes):\n")
    print_rows(rows)
    ours = {row["workers"]: row for label, row in rows if label == "this tree"}
    if args.baseline_ref:
        theirs = {row["workers"]: row for label, row in rows if label != "this tree"}
        for workers in sorted(ours):
            print(f"\n{workers} worker(s): articles/s ×{ours[workers]['rate'] / theirs[workers]['rate']:.2f}, "
                  f"CPU per article ×{ours[workers]['cpu_ms'] / theirs[workers]['cpu_ms']:.2f} against "
                  f"{args.baseline_ref}", end="")
        print()
    best = max(row["rate"] for row in ours.values())
    print(f"\ngoal {GOAL:.0f} articles/s with both cores: {'met' if best >= GOAL else 'NOT met'} "
          f"(best warm rate {best:.2f}/s; two idle cores at this CPU per article: "
          f"{2000 / ours[2]['cpu_ms']:.1f}/s)")
    return 0 if best >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
