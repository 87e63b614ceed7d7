"""Screening quality on the dev set (``bench/data/screening_dev.jsonl``), dev and test splits side by side.

    python -m bench.screening_quality [--algorithm kenning-v1] [--threshold 0.70] [--limit 10]
                                      [--compare-logic-v2] [--dump-misses FILE] [--devset FILE]

Per class: recall at the threshold (a hit = an expected id among the results with ``match`` true), top-1
(the first result is a matching expected id, or ties with one), and for the negative classes the
false-alert rate (any result with ``match`` true). ``extra`` is the mean number of matches per positive
query that are not an expected id (alerts an analyst would have to clear). ``--compare-logic-v2`` scores
every case with nomenklatura's logic-v2 on the same candidates Kenning's index retrieved (retrieval is
shared, scoring differs); ``--dump-misses`` writes every missed positive and false alert as JSON lines
with the results' explanations, the expected parties' own scores and a cause (input, retrieval,
below_threshold, names_cut, limit) for the lead to study. Uses the store under ``KENNING_HOME``
(default ``/tmp/kenning-bench-home``, loaded from the bundled lists when empty).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.screening_common import DEVSET, Case, Verdict, case_query, judge, load_parties, read_cases, use_home
from bench.screening_logic_v2 import LogicV2, candidate_ids
from kenning.errors import InputError
from kenning.matching import Result, Screener
from kenning.matching.algorithms import get_algorithm
from kenning.matching.records import query_record
from kenning.progress import progress_bar


@dataclass
class Outcome:
    """One case screened by Kenning (and optionally logic-v2)."""

    case: Case
    kenning: Verdict
    results: list[Result] = field(default_factory=list)
    error: str | None = None
    candidates: list[str] = field(default_factory=list)
    logic: Verdict | None = None
    logic_ranked: list[tuple[str, float, bool, str]] = field(default_factory=list)


MISSED = Verdict(hit=False, top1=False, alert=False, wrong_alerts=[], best=None)


def screen_case(case: Case, screener: Screener, options: dict[str, Any], logic: LogicV2 | None,
                timing: dict[str, float]) -> Outcome:
    try:
        query = case_query(case.query)
        started = time.perf_counter()
        results = screener.screen(query, **options)
        timing["kenning"] += time.perf_counter() - started
    except InputError as exc:
        return Outcome(case, MISSED, error=str(exc))
    outcome = Outcome(case, judge(case.expected, [(r.id, r.score, r.match) for r in results]), results)
    if logic is not None:
        outcome.candidates = candidate_ids(screener, query)
        started = time.perf_counter()
        outcome.logic_ranked = logic.rank(query, outcome.candidates, options["limit"])
        timing["logic"] += time.perf_counter() - started
        outcome.logic = judge(case.expected, [(i, s, m) for i, s, m, _e in outcome.logic_ranked])
    return outcome


def run(cases: list[Case], screener: Screener, options: dict[str, Any],
        logic: LogicV2 | None) -> tuple[list[Outcome], dict[str, float]]:
    timing = {"kenning": 0.0, "logic": 0.0}
    outcomes = []
    with progress_bar("screening the dev set", total=len(cases)) as advance:
        for case in cases:
            outcomes.append(screen_case(case, screener, options, logic, timing))
            advance(1)
    return outcomes, timing


Pick = Callable[[Outcome], Verdict | None]


def _cell(outcomes: Iterable[Outcome], pick: Pick, positive: bool) -> str:
    verdicts = [v for o in outcomes if (v := pick(o)) is not None]
    if not verdicts:
        return f"{'':>6}{'–':>7}{'':>6}"
    n = len(verdicts)
    if positive:
        recall = sum(v.hit for v in verdicts) / n
        top1 = sum(v.top1 for v in verdicts) / n
        return f"{n:>6}{recall:>7.3f}{top1:>6.2f}"
    return f"{n:>6}{sum(v.alert for v in verdicts) / n:>7.3f}{'':>6}"


def _extra(outcomes: list[Outcome], pick: Pick) -> str:
    verdicts = [v for o in outcomes if o.case.positive and (v := pick(o)) is not None]
    return f"{sum(len(v.wrong_alerts) for v in verdicts) / max(1, len(verdicts)):>7.2f}"


def report(outcomes: list[Outcome], algorithms: list[tuple[str, Pick]]) -> str:
    """The table: one row per class, per algorithm a dev and a test group of (n, recall or false-alert
    rate, top-1)."""
    labels = sorted({o.case.label for o in outcomes}, key=lambda x: (x.startswith("negative"), x))
    groups = [(name, split) for name, _p in algorithms for split in ("dev", "test")]
    head = f"{'':<22}" + "".join(f"{f'{name} {split}':>19}" for name, split in groups)
    sub = f"{'class':<22}" + f"{'n':>6}{'rec':>7}{'top1':>6}" * len(groups)
    lines = [head, sub]

    def row(title: str, chosen: list[Outcome], positive: bool) -> str:
        cells = "".join(_cell([o for o in chosen if o.case.split == split], pick, positive)
                        for _n, pick in algorithms for split in ("dev", "test"))
        return f"{title:<22}{cells}"

    for label in labels:
        chosen = [o for o in outcomes if o.case.label == label]
        lines.append(row(label, chosen, chosen[0].case.positive))
    positives = [o for o in outcomes if o.case.positive]
    negatives = [o for o in outcomes if not o.case.positive]
    lines.append(row("ALL POSITIVES (recall)", positives, True))
    lines.append(row("ALL NEGATIVES (FAR)", negatives, False))
    extras = "".join(f"{'':>12}{_extra([o for o in positives if o.case.split == s], pick)}"
                     for _n, pick in algorithms for s in ("dev", "test"))
    lines.append(f"{'extra alerts/positive':<22}{extras}")
    return "\n".join(lines)


def _cause(outcome: Outcome, screener: Screener, algorithm: str | None, threshold: float,
           expected_scores: dict[str, dict[str, Any]]) -> str:
    if outcome.error is not None:
        return "input"
    if not outcome.case.positive:
        return "false_alert"
    wanted = set(outcome.case.expected)
    if not wanted & set(outcome.candidates):
        return "retrieval"
    if any(r.id in wanted for r in outcome.results):
        return "below_threshold"
    if any(s["score"] >= threshold for s in expected_scores.values()):
        return "names_cut" if len(outcome.results) < 10 else "limit"
    return "below_threshold"


def _expected_scores(case: Case, screener: Screener, algorithm: str | None) -> dict[str, dict[str, Any]]:
    """What the algorithm gives each expected party when all its names are compared."""
    try:
        record = query_record(case_query(case.query), screener.index.rarity)
    except InputError:
        return {}
    algo = get_algorithm(algorithm)
    out = {}
    for entity_id in case.expected:
        entity = screener.entity(entity_id)
        if entity is not None and record.names:
            scored = algo.score(record, entity, None, True)
            out[entity_id] = {"caption": entity.caption, "score": round(scored.score, 4),
                              "explanation": {k: v.detail for k, v in scored.explanation.items()}}
    return out


def dump_misses(path: Path, outcomes: list[Outcome], screener: Screener, algorithm: str | None,
                threshold: float) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for o in outcomes:
            if (o.case.positive and o.kenning.hit) or (not o.case.positive and not o.kenning.alert):
                continue
            if o.case.positive and not o.candidates:
                o.candidates = _safe_candidates(screener, o.case)
            scores = _expected_scores(o.case, screener, algorithm) if o.case.positive else {}
            row = {"cause": _cause(o, screener, algorithm, threshold, scores), "class": o.case.label,
                   "split": o.case.split, "query": o.case.query, "expected": o.case.expected, "note": o.case.note,
                   "error": o.error, "expected_scores": scores,
                   "results": [{"id": r.id, "caption": r.caption, "score": round(r.score, 4), "match": r.match,
                                "explanation": {k: v.detail for k, v in r.explanation.items()}}
                               for r in o.results[:5]]}
            if o.logic is not None:
                row["logic_v2"] = {"hit": o.logic.hit, "alert": o.logic.alert,
                                   "top": [{"id": i, "score": round(s, 4), "match": m}
                                           for i, s, m, _e in o.logic_ranked[:3]]}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def _safe_candidates(screener: Screener, case: Case) -> list[str]:
    try:
        return candidate_ids(screener, case_query(case.query))
    except InputError:
        return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--algorithm", default=None, help="Kenning algorithm (default: the newest)")
    parser.add_argument("--threshold", type=float, default=None, help="match threshold (default: the algorithm's)")
    parser.add_argument("--limit", type=int, default=10, help="results per query (default 10, as yente)")
    parser.add_argument("--compare-logic-v2", action="store_true", help="also score with nomenklatura logic-v2")
    parser.add_argument("--dump-misses", type=Path, help="write missed positives and false alerts here (JSONL)")
    parser.add_argument("--devset", type=Path, default=DEVSET)
    args = parser.parse_args(argv)
    use_home()
    screener = Screener.open()
    algo = get_algorithm(args.algorithm)
    threshold = algo.threshold if args.threshold is None else args.threshold
    logic = None
    if args.compare_logic_v2:
        logic = LogicV2(load_parties(keep_entities=True)[1])
        print(f"logic-v2 warm-up (first compare, not timed): {logic.warmup_seconds:.1f} s", file=sys.stderr)
    cases = read_cases(args.devset)
    options = {"limit": args.limit, "threshold": threshold, "algorithm": args.algorithm}
    outcomes, timing = run(cases, screener, options, logic)
    algorithms: list[tuple[str, Pick]] = [(algo.name, lambda o: o.kenning)]
    if logic is not None:
        algorithms.append(("logic-v2", lambda o: o.logic))
    print(f"{algo.name} at threshold {threshold:.2f}" + (", logic-v2 at 0.70 on the same candidates"
                                                            if logic else "") + f"; {len(cases)} cases, "
          f"limit {args.limit}; rec = recall (positives) or false-alert rate (negatives)")
    print(report(outcomes, algorithms))
    errors = sum(o.error is not None for o in outcomes)
    line = f"{algo.name}: {1000 * timing['kenning'] / len(cases):.2f} ms/query (one process, screen() only)"
    if logic is not None:
        line += f"; logic-v2: {1000 * timing['logic'] / len(cases):.2f} ms/query (scoring the same candidates)"
    print(line + (f"; {errors} queries refused as input errors" if errors else ""))
    if args.dump_misses:
        count = dump_misses(args.dump_misses, outcomes, screener, args.algorithm, threshold)
        print(f"wrote {count} misses and false alerts to {args.dump_misses}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
