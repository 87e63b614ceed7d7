"""The compiled scoring core against the pure-Python reference on every case of the screening dev set.

    python -m bench.screening_identical [--algorithm kenning-v2 --algorithm kenning-v1] [--tolerance 1e-6]

Each case's query (dev and test parts alike) is screened twice per algorithm in one process (the path that goes
first, and so fills the name caches, alternates from case to case): once with
the compiled core (:mod:`kenning.matching.core`) and once with :func:`kenning.matching.core.python_reference`.
Compared: every candidate the screener scored (``Screener.rank``: the entry ids, in order, and their
scores) and every party result with its list entries (``screen_parties``, limit 10). Exits 1 when any score
differs by more than the tolerance, an order or id differs, or the compiled core is not built.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from bench.screening_common import case_query, read_cases, use_home

ALGORITHMS = ("kenning-v2", "kenning-v1")


def _scores(screener: Any, query: Any, algorithm: str) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    from kenning.matching.parties import screen_parties

    _ranking, ranked = screener.rank(query, 10, None, algorithm)
    entries = []
    for result in screen_parties(screener, query, limit=10, algorithm=algorithm, explain=False):
        entries.append((result.id, result.score))
        entries.extend((e.id, e.score) for e in result.entries)
    return [(s.entity.id, s.verdict.score) for s in ranked], entries


def _differences(a: list[tuple[str, float]], b: list[tuple[str, float]], tolerance: float) -> tuple[int, float]:
    """(pairs that differ in id or beyond the tolerance, the largest score difference)."""
    worst = max((abs(x[1] - y[1]) for x, y in zip(a, b, strict=False)), default=0.0)
    bad = abs(len(a) - len(b)) + sum(1 for x, y in zip(a, b, strict=False)
                                     if x[0] != y[0] or abs(x[1] - y[1]) > tolerance)
    return bad, worst


def compare(algorithm: str, cases: list[Any], tolerance: float) -> dict[str, Any]:
    from kenning.errors import InputError
    from kenning.matching import Screener
    from kenning.matching.core import python_reference

    screener = Screener.open()
    out = {"cases": 0, "scores": 0, "differ": 0, "worst": 0.0, "compiled_s": 0.0, "python_s": 0.0}
    for number, case in enumerate(cases):
        try:
            query = case_query(case.query)
        except InputError:
            continue
        # The first of the two paths to screen a query fills the name caches the second then reads: the
        # order alternates from case to case so that neither column carries all of that cost.
        for path in (("compiled", "python") if number % 2 == 0 else ("python", "compiled")):
            started = time.perf_counter()
            if path == "compiled":
                fast = _scores(screener, query, algorithm)
            else:
                with python_reference():
                    slow = _scores(screener, query, algorithm)
            out[f"{path}_s"] += time.perf_counter() - started
        out["cases"] += 1
        for a, b in zip(fast, slow, strict=True):
            bad, worst = _differences(a, b, tolerance)
            out["scores"] += len(b)
            out["differ"] += bad
            out["worst"] = max(out["worst"], worst)
            if bad:
                print(f"DIFFERS {algorithm} {case.query['name']!r}: {a} vs {b}", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--algorithm", action="append", choices=ALGORITHMS)
    parser.add_argument("--tolerance", type=float, default=1e-6)
    args = parser.parse_args(argv)
    use_home()
    from kenning.matching.core import COMPILED

    if not COMPILED:
        print("the compiled scoring core is not built (run make)", file=sys.stderr)
        return 1
    cases = read_cases()
    print(f"{'algorithm':<11} {'split':<5} {'cases':>6} {'scores':>7} {'differ':>6} {'largest diff':>12} "
          f"{'compiled s':>10} {'python s':>9}")
    failed = False
    for algorithm in args.algorithm or ALGORITHMS:
        for split in ("dev", "test"):
            r = compare(algorithm, [c for c in cases if c.split == split], args.tolerance)
            failed = failed or r["differ"] > 0
            print(f"{algorithm:<11} {split:<5} {r['cases']:>6,} {r['scores']:>7,} {r['differ']:>6} "
                  f"{r['worst']:>12.2e} {r['compiled_s']:>10.1f} {r['python_s']:>9.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
