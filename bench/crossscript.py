"""Cross-script matching on the lists' own names: a UK or UN entry's name in another script (Arabic,
Cyrillic, Chinese, Korean, Georgian...) against the same entry's Latin name (should match) and against
a Latin name of another listed person sharing a name part (should not).

    python -m bench.crossscript [--algorithm kenning-v2 --algorithm kenning-v1]

Pairs: ``bench/data/crossscript_pairs.jsonl`` (``python -m bench.robust_devset --pairs-only``), split by entry.
Each pair is scored by ``compare``: the native name against all the Latin names of the entry (no index:
the native name is not among the listed names it is compared with).
``rec`` = share of same-person pairs matched, ``fa`` = share of different-person pairs matched, ``acc`` =
share of all pairs decided right. Korean names are also checked as Latin queries in the Revised
Romanization (ICU's Hangul-Latin, as a South Korean document would write them) against the lists'
McCune-Reischauer spelling.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from kenning.matching import Query, compare_queries
from kenning.names.scripts import dominant_script

PAIRS = Path(__file__).parent / "data" / "crossscript_pairs.jsonl"


def _rr(text: str) -> str | None:
    import icu

    if dominant_script(text) != "Hangul":
        return None
    latin: str = icu.Transliterator.createInstance("Hangul-Latin; Latin-ASCII").transliterate(text)
    return latin.title()


def read_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    extra = []
    for pair in pairs:
        rr = _rr(pair["native"])
        if rr is not None:
            extra.append({**pair, "native": rr, "script": "Korean (RR Latin)"})
    return pairs + extra


def score(pairs: list[dict[str, Any]], algorithm: str) -> list[tuple[dict[str, Any], bool]]:
    out = []
    for pair in pairs:
        scored, threshold = compare_queries(Query.build(pair["native"], schema="Person"),
                                            Query.build(pair["latin"], schema="Person"), algorithm)  # all names
        out.append((pair, scored.score >= threshold))
    return out


def table(results: dict[str, list[tuple[dict[str, Any], bool]]]) -> str:
    head = f"{'script':<22}" + "".join(f"{f'{a} {s}':>27}" for a in results for s in ("dev", "test"))
    sub = f"{'':<22}" + f"{'pairs':>6}{'rec':>7}{'fa':>7}{'acc':>7}" * 2 * len(results)
    lines = [head, sub]
    scripts = sorted({p.get("script") or dominant_script(p["native"]) for r in results.values() for p, _m in r})
    for script in [*scripts, "ALL"]:
        cells = ""
        for rows in results.values():
            for split in ("dev", "test"):
                chosen = [(p, m) for p, m in rows if p["split"] == split
                          and (script == "ALL" or (p.get("script") or dominant_script(p["native"])) == script)]
                pos = [m for p, m in chosen if p["same"]]
                neg = [m for p, m in chosen if not p["same"]]
                right = sum(m for m in pos) + sum(not m for m in neg)
                cells += (f"{len(chosen):>6}" + (f"{sum(pos) / len(pos):>7.3f}" if pos else f"{'–':>7}")
                          + (f"{sum(neg) / len(neg):>7.3f}" if neg else f"{'–':>7}")
                          + (f"{right / len(chosen):>7.3f}" if chosen else f"{'–':>7}"))
        lines.append(f"{script:<22}{cells}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--algorithm", action="append")
    parser.add_argument("--misses", type=Path, help="write the first algorithm's wrong pairs here")
    args = parser.parse_args(argv)
    pairs = read_pairs()
    results: dict[str, list[tuple[dict[str, Any], bool]]] = defaultdict(list)
    for algorithm in args.algorithm or ["kenning-v2"]:
        results[algorithm] = score(pairs, algorithm)
    print("rec = same person matched; fa = different persons matched; acc = pairs decided right")
    print(table(results))
    if args.misses:
        first = next(iter(results.values()))
        with args.misses.open("w", encoding="utf-8") as fh:
            for pair, matched in first:
                if matched != pair["same"]:
                    fh.write(json.dumps(pair, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
