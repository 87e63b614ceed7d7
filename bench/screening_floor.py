"""Scoring with a floor (monitoring's threshold) finds exactly the matches scoring without one finds, on
every case of the screening dev set and the robust dev set, dev and test parts side by side.

    python -m bench.screening_floor [--algorithm kenning-v2] [--threshold 0.70]

For each case the screener's candidates (``Screener.candidates``, the names retrieval brought) are scored
twice by the algorithm in one process: exactly, and with ``floor=threshold`` (kenning-v2 then leaves out
the other readings of names that provably cannot lift the candidate to the floor:
``align_v2._bound``). Compared: the candidates at or above the threshold and their scores (must be equal,
to the last bit), and, for the rest, that both are below it. Printed: candidates, matches, how many
verdicts the floor changed (below it, as allowed), and the time of both. Exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from bench.screening_common import DEVSET, case_query, read_cases, use_home

ROBUST = Path(__file__).parent / "data" / "robust_dev.jsonl"


def compare(screener: Any, cases: list[Any], algorithm: str, threshold: float) -> dict[str, Any]:
    from kenning.errors import InputError
    from kenning.matching.algorithms import get_algorithm
    from kenning.matching.records import query_record

    algo = get_algorithm(algorithm)
    out = {"cases": 0, "candidates": 0, "matches": 0, "differ": 0, "lowered": 0, "exact_s": 0.0, "floor_s": 0.0}
    for case in cases:
        try:
            record = query_record(case_query(case.query), screener.index.rarity)
        except InputError:
            continue
        if not record.names:
            continue
        candidates = [(screener.index.entities[p], names) for p, names in screener.candidates(record)]
        algo.prefill(record, [n.name for _e, names in candidates for n in names])
        timed: dict[str, list[float]] = {}
        for way in ("exact", "floor") if out["cases"] % 2 else ("floor", "exact"):  # in turn first (warm caches)
            floor = threshold if way == "floor" else None
            started = time.perf_counter()
            timed[way] = [algo.score(record, e, names, False, floor).score for e, names in candidates]
            out[f"{way}_s"] += time.perf_counter() - started
        exact, floored = timed["exact"], timed["floor"]
        out["cases"] += 1
        out["candidates"] += len(candidates)
        for (entity, _names), a, b in zip(candidates, exact, floored, strict=True):
            out["matches"] += a >= threshold
            out["lowered"] += a != b
            if (a >= threshold or b >= threshold) and a != b:
                out["differ"] += 1
                print(f"DIFFERS {case.query['name']!r} {entity.id}: {a} vs {b}", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--algorithm", default="kenning-v2")
    parser.add_argument("--threshold", type=float, default=0.70)
    args = parser.parse_args(argv)
    use_home()
    from kenning.matching import Screener

    screener = Screener.open()
    print(f"{'set':<9} {'split':<5} {'cases':>6} {'candidates':>10} {'matches':>7} {'differ':>6} "
          f"{'below, lowered':>14} {'exact s':>8} {'floor s':>8}")
    failed = False
    for label, path in (("screening", DEVSET), ("robust", ROBUST)):
        cases = read_cases(path)
        for split in ("dev", "test"):
            r = compare(screener, [c for c in cases if c.split == split], args.algorithm, args.threshold)
            failed = failed or r["differ"] > 0
            print(f"{label:<9} {split:<5} {r['cases']:>6,} {r['candidates']:>10,} {r['matches']:>7,} "
                  f"{r['differ']:>6} {r['lowered']:>14,} {r['exact_s']:>8.1f} {r['floor_s']:>8.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
