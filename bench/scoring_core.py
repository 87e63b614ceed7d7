"""The ways of compiling the scoring core, measured side by side on the same name pairs in one run.

    python -m bench.scoring_core [--queries 1000] [--repeat 5]

The pairs are those kenning-v1 scores for the first ``--queries`` queries of the screening speed
workload (each query's candidate names, its memo filled by the prefill as in screening). Each way
computes the same name score of every pair; the table gives microseconds per pair (the best of
``--repeat`` passes, each pass over all pairs) and the speed-up against the Python reference:

- ``python``: the pure-Python reference (``features._align``);
- ``cython``: the compiled core ``kenning.matching._core`` (built by ``make``), reading the memo directly;
- ``numba``: the same pairing as an ``@njit`` kernel over NumPy arrays, with the arrays built from the
  memo for each pair (what calling it from the screener costs); ``numba kernel only``: the kernel alone
  on arrays built before timing (the lower bound numba could reach if scoring kept arrays throughout).

Every way's scores are checked equal to the reference's (1e-9) before anything is timed. Needs numba
(``pip install numba==0.68.1 llvmlite==0.50.0``; not a dependency of Kenning).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from bench.screening_common import use_home

EXTRA = 0.5


def numba_kernel() -> Callable[..., float]:
    from numba import njit

    @njit(cache=True)  # type: ignore[untyped-decorator]
    def first_pass(s: Any, qi: Any, cj: Any, qw: Any, qstrong: Any, cw: Any, q_total: float, c_total: float,
                   extra: float) -> float:
        order = np.arange(s.shape[0])
        for a in range(1, order.shape[0]):  # insertion sort, best first: (s, i, j) descending
            k, b = order[a], a - 1
            while b >= 0 and (s[order[b]], qi[order[b]], cj[order[b]]) < (s[k], qi[k], cj[k]):
                order[b + 1] = order[b]
                b -= 1
            order[b + 1] = k
        used_q = np.zeros(qw.shape[0], dtype=np.bool_)
        used_c = np.zeros(cw.shape[0], dtype=np.bool_)
        matched, strong = 0.0, False
        for k in order:
            i, j = qi[k], cj[k]
            if used_q[i] or used_c[j]:
                continue
            used_q[i] = True
            used_c[j] = True
            matched += s[k] * (qw[i] + cw[j]) / 2
            strong = strong or (s[k] >= 0.8 and qstrong[i])
        if not strong:
            return 0.0
        left = 0.0
        for j in range(cw.shape[0]):
            if used_c[j]:
                left += cw[j]
        total = q_total + extra * min(c_total - left, 1.0)
        return min(matched / total, 1.0) if total != 0 else 0.0

    return first_pass  # type: ignore[no-any-return]


def arrays(q: Any, c: Any, memo: Any) -> tuple[Any, ...]:
    person = q.person or c.person
    s, qi, cj = [], [], []
    for j, (token, raw) in enumerate(zip(c.tokens, c.raw, strict=True)):
        for i, score in memo[(token, raw, person)]:
            s.append(score)
            qi.append(i)
            cj.append(j)
    strong = [not w and len(t) > 1 for t, w in zip(q.tokens, q.weak, strict=True)]
    return (np.array(s, dtype=np.float64), np.array(qi, dtype=np.int64), np.array(cj, dtype=np.int64),
            np.array(q.weights, dtype=np.float64), np.array(strong, dtype=np.bool_),
            np.array(c.weights, dtype=np.float64), q.total, c.total, EXTRA)


def collect_pairs(queries: int) -> list[tuple[Any, Any, Any]]:
    """(query name, listed name, the query name's memo) of every pair kenning-v1 scores for the queries."""
    from bench.screening_speed import _query
    from kenning.matching import Screener
    from kenning.matching.algorithms import get_algorithm
    from kenning.matching.records import query_record

    rows = _workload(queries)
    screener, algo = Screener.open(), get_algorithm("kenning-v1")
    pairs = []
    for row in rows:
        record = query_record(_query(row), screener.index.rarity)
        if not record.names or all(a.is_weak_only for a in record.analyses):
            continue
        candidates = screener.candidates(record)
        names = [n.name for _p, listed in candidates for n in listed]
        algo.prefill(record, names)
        for q, memo in zip(record.names, record.memos_for("v1"), strict=True):
            pairs.extend((q, c, memo) for c in names)
    return pairs


def _workload(queries: int) -> list[dict[str, Any]]:
    from bench.screening_common import load_parties
    from bench.screening_pairs import find_clusters
    from bench.screening_speed import SEED
    from bench.screening_workload import make_workload

    parties, _entities = load_parties(keep_entities=False)
    return make_workload(parties, find_clusters(parties), queries, SEED)


def _best(fn: Callable[[], list[float]], repeat: int) -> tuple[float, list[float]]:
    times, out = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - started)
    return min(times), out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    use_home()
    from kenning.matching._core import first_pass as cython_pass
    from kenning.matching.features import _align

    pairs = collect_pairs(args.queries)
    started = time.perf_counter()
    kernel = numba_kernel()
    kernel(*arrays(*pairs[0]))
    compile_s = time.perf_counter() - started
    prebuilt = [arrays(q, c, m) for q, c, m in pairs]
    ways: dict[str, Callable[[], list[float]]] = {
        "python": lambda: [_align(q, c, EXTRA, None, m)[0] for q, c, m in pairs],
        "cython": lambda: [cython_pass(q, c, m, q.person or c.person, EXTRA, False)[0] for q, c, m in pairs],
        "numba": lambda: [kernel(*arrays(q, c, m)) for q, c, m in pairs],
        "numba kernel only": lambda: [kernel(*a) for a in prebuilt],
    }
    reference = ways["python"]()
    for name, fn in ways.items():
        got = fn()
        if any(abs(a - b) > 1e-9 for a, b in zip(got, reference, strict=True)):
            raise SystemExit(f"{name} differs from the Python reference")
    timed = {name: _best(fn, args.repeat)[0] for name, fn in ways.items()}
    print(f"{len(pairs):,} name pairs of {args.queries} queries; numba compile (or cache load) {compile_s:.1f} s")
    print(f"{'way':<18} {'µs/pair':>8} {'speed-up':>9}")
    for name, seconds in timed.items():
        print(f"{name:<18} {1e6 * seconds / len(pairs):>8.2f} {timed['python'] / seconds:>8.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
