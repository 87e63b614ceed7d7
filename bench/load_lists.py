"""Time to parse and store every bundled list into a fresh SQLite store (goal: all lists ≤30 s).

    python -m bench.load_lists [--db URL] [--repeat N]

Prints, per list: listed parties, all entities (incl. sanctions, identifiers, relations), parse and
store seconds (median over the repeats), and listed parties per second.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kenning.sources.base import load_catalogue
from kenning.sources.detect import bundled_files
from kenning.store.loader import load_publication, parse_publication
from kenning.store.store import Store


def run_once(url: str) -> dict[str, tuple[int, int, float, float]]:
    store = Store(url)
    out = {}
    for name, spec in load_catalogue().items():
        if not spec.bundled_dir:
            continue
        started = time.perf_counter()
        pub = parse_publication(name, bundled_files(spec), published=spec.bundled_published)
        parsed = time.perf_counter()
        load_publication(store, pub)
        stored = time.perf_counter()
        out[name] = (len(pub.targets), len(pub.entities), parsed - started, stored - parsed)
    store.engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="SQLAlchemy URL (default: a new SQLite file per run)")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    runs = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(run_once(args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"))
    print(f"{'dataset':<14}{'parties':>9}{'entities':>10}{'parse s':>9}{'store s':>9}{'total s':>9}{'parties/s':>11}")
    total = 0.0
    for name in runs[0]:
        parties, ents = runs[0][name][0], runs[0][name][1]
        parse = statistics.median(r[name][2] for r in runs)
        store = statistics.median(r[name][3] for r in runs)
        total += parse + store
        print(f"{name:<14}{parties:>9}{ents:>10}{parse:>9.2f}{store:>9.2f}{parse + store:>9.2f}"
              f"{parties / (parse + store):>11.0f}")
    print(f"{'all lists':<14}{'':>9}{'':>10}{'':>9}{'':>9}{total:>9.2f}   (goal ≤30 s; median of {args.repeat})")


if __name__ == "__main__":
    main()
