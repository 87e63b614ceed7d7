"""Extraction speed: ``kenning news extract`` over the 40 Treasury press releases, and where the time goes.

Usage: ``python -m bench.news_speed [--texts DIR] [--no-link] [--no-cli]``.

Two measures, both with linking (``KENNING_HOME`` with loaded lists) unless ``--no-link``:

* the command end to end (``kenning news extract --jsonl --workers 2 DIR`` in a subprocess): wall time and
  articles per second, start-up (language model, list ruler, screening index) included;
* warm, in this process (models and index loaded first), with 1 and 2 worker processes: articles per
  second, and the time of each stage summed from ``ArticleResult.timings`` (``nlp`` holds ``nlp_rules``,
  Kenning's own steps after spaCy) — seconds of work, which two workers spread over two cores.

The goal is 20 articles per second with both cores. Measured 2026-11-23 (linked; the machine shared, load
average about 7 on its 2 cores, so these rates are low, but the goal is far off either way):

| run | articles | seconds | articles/s |
|---|---|---|---|
| ``kenning news extract --workers 2`` (start-up included) | 40 | 55.0 | 0.73 |
| warm, 1 worker | 40 | 43.0 | 0.93 |
| warm, 2 workers | 40 | 46.7 | 0.86 |

| stage (2 workers) | seconds of work | share | ms per article |
|---|---|---|---|
| nlp | 43.2 | 47% | 1081 |
| link | 26.4 | 29% | 659 |
| events | 22.0 | 24% | 551 |
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bench import REPO
from kenning.news.ingest.collect import ingest_file

DEFAULT_TEXTS = REPO / "data" / "news" / "treasury_press" / "texts"
GOAL = 20.0


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


def warm_run(texts: Path, link: bool, workers: int) -> tuple[int, float, Counter[str]]:
    """Articles, wall seconds and summed stage seconds of the pipeline with everything loaded first."""
    from kenning.news.events.parse import load_parser
    from kenning.news.nlp.models import resources
    from kenning.news.service import extract_isolated

    screener = None
    if link:
        from kenning.matching import Screener

        screener = Screener.open()
    resources()
    load_parser()
    articles = [ingest_file(p) for p in sorted(texts.glob("*.txt"))]
    started = time.perf_counter()
    results, failures = extract_isolated(articles, screener, workers)
    seconds = time.perf_counter() - started
    for failure in failures:
        print(f"not extracted: {failure.item}: {failure.message}", file=sys.stderr)
    stages: Counter[str] = Counter()
    for result in results:
        stages.update(result.timings)
    return len(results), seconds, stages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of .txt reports")
    parser.add_argument("--no-link", action="store_true", help="no linking (no loaded lists needed)")
    parser.add_argument("--no-cli", action="store_true", help="skip the end-to-end command run")
    args = parser.parse_args(argv)
    link = not args.no_link
    print(f"cores: {os.cpu_count()}, linking: {'yes' if link else 'no'}\n")
    print("| run | articles | seconds | articles/s |")
    print("|---|---|---|---|")
    if not args.no_cli:
        count, seconds = cli_run(args.texts, link)
        print(f"| `kenning news extract --workers 2` (start-up included) | {count} | {seconds:.1f} | "
              f"{count / seconds:.2f} |")
    best = 0.0
    split: Counter[str] = Counter()
    for workers in (1, 2):
        count, seconds, stages = warm_run(args.texts, link, workers)
        rate = count / seconds if seconds else 0.0
        best = max(best, rate)
        split = stages if workers == 2 else split
        print(f"| warm, {workers} worker{'s' if workers > 1 else ''} | {count} | {seconds:.1f} | {rate:.2f} |")
    total = sum(v for k, v in split.items() if k != "nlp_rules")
    print("\n| stage (2 workers) | seconds of work | share | ms per article |")
    print("|---|---|---|---|")
    articles = len(list(args.texts.glob("*.txt")))
    for stage, seconds in split.most_common():
        share = f"{seconds / total:.0%}" if stage != "nlp_rules" else "(part of nlp)"
        print(f"| {stage} | {seconds:.1f} | {share} | {1000 * seconds / articles:.0f} |")
    print(f"\ngoal {GOAL:.0f} articles/s with both cores: {'met' if best >= GOAL else 'NOT met'} "
          f"(best warm rate {best:.2f}/s)")
    return 0 if best >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
