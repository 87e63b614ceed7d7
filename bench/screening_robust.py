"""Screening robustness on the project's own held-out-style set (``bench/data/robust_dev.jsonl``, made by
``python -m bench.robust_devset``): dev and test side by side, per group and kind of change.

    python -m bench.screening_robust [--algorithm kenning-v2 --algorithm kenning-v1] [--dump-misses FILE]

Each case is screened one result per party (:func:`kenning.matching.screen_parties`, limit 10, the
algorithm's threshold):

- perturbations (``benign``, ``adversarial``, ``degraded``): **right** = the first party is a match and is
  the expected party (its entry or one of its other lists' entries is an expected id), so nothing but that
  party is ranked above it; ``rec`` = the expected party is among the matches;
- ``un`` (UN individuals with birth dates typed otherwise or one slip away): ``rec`` as above;
  ``un_wrong_date`` (a really different date): ``rec`` = the party still matched (should be 0);
- negatives (``near_miss``, ``frequent``): ``rec`` = the false-alert rate (any match).

The goals (from the screening-robustness issue) are checked on the test split; their difference from dev
is the overfit.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.screening_common import Case, case_query, read_cases, use_home
from kenning.errors import InputError
from kenning.matching import Result, Screener, screen_parties
from kenning.progress import progress_bar

DEVSET = Path(__file__).parent / "data" / "robust_dev.jsonl"
POSITIVE_GROUPS = ("benign", "adversarial", "degraded", "un")
#: (group, figure, goal, at least?) on the test split.
GOALS = (("benign", "right", 0.98, True), ("adversarial", "right", 0.95, True), ("degraded", "right", 0.92, True),
         ("near_miss", "rec", 0.03, False), ("frequent/unlisted", "rec", 0.001, False), ("un", "rec", 0.99, True))


@dataclass
class Outcome:
    case: Case
    right: bool
    hit: bool
    alert: bool
    results: list[Result]


def _ids(result: Result) -> set[str]:
    return {result.id, *(e.id for e in result.entries)}


def judge(case: Case, results: list[Result]) -> Outcome:
    wanted = set(case.expected)
    matched = [r for r in results if r.match]
    hit = any(_ids(r) & wanted for r in matched)
    right = bool(results) and results[0].match and bool(_ids(results[0]) & wanted)
    return Outcome(case, right, hit, bool(matched), results)


def run(cases: list[Case], screener: Screener, algorithm: str | None) -> tuple[list[Outcome], float]:
    outcomes, spent = [], 0.0
    with progress_bar(f"screening ({algorithm or 'default'})", total=len(cases)) as advance:
        for case in cases:
            advance(1)
            try:
                query = case_query(case.query)
            except InputError:
                outcomes.append(Outcome(case, False, False, False, []))
                continue
            started = time.perf_counter()
            results = screen_parties(screener, query, limit=10, algorithm=algorithm)
            spent += time.perf_counter() - started
            outcomes.append(judge(case, results))
    return outcomes, spent / max(1, len(cases))


def _figure(outcomes: list[Outcome], figure: str) -> float | None:
    if not outcomes:
        return None
    positive = outcomes[0].case.positive and outcomes[0].case.cls != "un_wrong_date"
    if figure == "right":
        return sum(o.right for o in outcomes) / len(outcomes)
    if positive:
        return sum(o.hit for o in outcomes) / len(outcomes)
    if outcomes[0].case.cls == "un_wrong_date":
        return sum(o.hit for o in outcomes) / len(outcomes)
    return sum(o.alert for o in outcomes) / len(outcomes)


Select = Callable[[Case], bool]


def _cells(runs: dict[str, list[Outcome]], select: Select) -> str:
    out = ""
    for outcomes in runs.values():
        for split in ("dev", "test"):
            chosen = [o for o in outcomes if o.case.split == split and select(o.case)]
            right, rec = _figure(chosen, "right"), _figure(chosen, "rec")
            has_right = bool(chosen) and chosen[0].case.cls in POSITIVE_GROUPS[:3]
            out += f"{len(chosen):>6}" + (f"{right:>7.3f}" if has_right and right is not None else f"{'':>7}")
            out += f"{rec:>7.3f}" if rec is not None else f"{'–':>7}"
    return out


def report(runs: dict[str, list[Outcome]]) -> str:
    labels = sorted({o.case.label for outcomes in runs.values() for o in outcomes})
    groups = sorted({o.case.cls for outcomes in runs.values() for o in outcomes},
                    key=lambda g: (g not in POSITIVE_GROUPS, g))
    head = f"{'':<34}" + "".join(f"{f'{name} {split}':>20}" for name in runs for split in ("dev", "test"))
    sub = f"{'class':<34}" + f"{'n':>6}{'right':>7}{'rec':>7}" * 2 * len(runs)
    lines = [head, sub]
    for group in groups:
        for label in labels:
            if label.split("/")[0] == group:
                lines.append(f"{label:<34}" + _cells(runs, lambda c, lab=label: c.label == lab))
        lines.append(f"{('ALL ' + group).upper():<34}" + _cells(runs, lambda c, g=group: c.cls == g))
    return "\n".join(lines)


def goals(outcomes: list[Outcome]) -> str:
    lines = ["goal (test split)                         dev      test    goal    status"]
    for group, figure, goal, at_least in GOALS:
        chosen = {s: [o for o in outcomes if o.case.split == s and (group in (o.case.label, o.case.cls))]
                  for s in ("dev", "test")}
        dev, test = _figure(chosen["dev"], figure), _figure(chosen["test"], figure)
        ok = test is not None and (test >= goal if at_least else test <= goal)
        what = f"{group} {'right party first' if figure == 'right' else 'recall' if at_least else 'alerted'}"
        lines.append(f"{what:<40}{dev or 0:>7.3f}{test or 0:>10.3f}  {'≥' if at_least else '≤'}{goal:<6}  "
                     f"{'met' if ok else 'NOT MET'}")
    return "\n".join(lines)


def dump(path: Path, outcomes: list[Outcome]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for o in outcomes:
            wrong = (not o.right) if o.case.cls in POSITIVE_GROUPS[:3] else (
                not o.hit if o.case.cls == "un" else o.hit if o.case.cls == "un_wrong_date" else o.alert)
            if not wrong:
                continue
            count += 1
            fh.write(json.dumps({"label": o.case.label, "split": o.case.split, "query": o.case.query,
                                 "expected": o.case.expected, "note": o.case.note,
                                 "results": [{"id": r.id, "score": round(r.score, 3), "match": r.match,
                                              "why": {k: v.detail for k, v in r.explanation.items()}}
                                             for r in o.results[:3]]}, ensure_ascii=False) + "\n")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--algorithm", action="append", help="repeat to compare (default: the newest)")
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--dump-misses", type=Path, help="write the first algorithm's misses here (JSONL)")
    args = parser.parse_args(argv)
    use_home()
    screener = Screener.open()
    cases = read_cases(args.devset)
    runs: dict[str, list[Outcome]] = {}
    timing = {}
    for algorithm in args.algorithm or [None]:
        outcomes, per_query = run(cases, screener, algorithm)
        name = algorithm or "default"
        runs[name], timing[name] = outcomes, per_query
    print(f"{len(cases)} cases; right = the expected party ranked first and matched; rec = recall (positives), "
          "false-alert rate (negatives), or the party matched despite a really different date (un_wrong_date)")
    print(report(runs))
    first = next(iter(runs))
    print(f"\n{first}:\n{goals(runs[first])}")
    print("; ".join(f"{name}: {1000 * t:.2f} ms/query" for name, t in timing.items()))
    if args.dump_misses:
        print(f"wrote {dump(args.dump_misses, runs[first])} misses to {args.dump_misses}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
