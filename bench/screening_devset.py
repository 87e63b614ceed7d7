"""Regenerate the screening dev set ``bench/data/screening_dev.jsonl`` from the bundled lists.

    python -m bench.screening_devset [--seed 20240503] [--press DIR] [--out FILE]

Deterministic for a given seed and the bundled lists: the lists are loaded into a scratch store
(``KENNING_HOME``, default ``/tmp/kenning-bench-home``) and read back through the store; nothing here
calls Kenning's matcher, index or name tables (see :mod:`bench.screening_names`). One case per line::

    {"class", ["subclass",] "query": {name, schema?, birth_date?, country?, datasets?|exclude_datasets?},
     "expected": [ids, any of them is a hit; empty for negatives], "note", "split": "dev"|"test"}

The split is by group (a positive's cluster of counterparts, a negative's folded name): one group in five,
chosen by a hash, is ``test``, so variants of one party never sit on both sides. Tune on ``dev``; look at
``test`` only to check that a gain carries over.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections import Counter
from pathlib import Path

from bench.screening_common import DEVSET, Case, load_parties, use_home
from bench.screening_names import ListedNames, fold
from bench.screening_negatives import PersonVocabulary, common_names, negative_cases, official_names, synthetic_names
from bench.screening_pairs import find_clusters
from bench.screening_positives import Context, positive_cases

SEED = 20240503
PRESS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "treasury_press"
SIZES = {"alias": 400, "non_latin": 400, "non_latin_cross": 300, "cross_list": 700, "typo": 400, "order": 300,
         "initials": 300, "translit": 400, "org_variant": 300, "negative_synthetic": 700, "negative_common": 400}


def _group(case: Case, ctx: Context) -> str:
    if case.expected:
        return min(m for e in case.expected for m in ctx.clusters.of(e))
    return fold(case.query["name"])


def assign_splits(cases: list[Case], ctx: Context) -> None:
    """One group in five (by a stable hash of the group key) goes to ``test``."""
    for case in cases:
        digest = hashlib.blake2b(f"{ctx.seed}:{_group(case, ctx)}".encode(), digest_size=8).digest()
        case.split = "test" if int.from_bytes(digest, "big") % 5 == 0 else "dev"


def build(seed: int, press: Path) -> list[Case]:
    started = time.perf_counter()
    parties, _ = load_parties()
    clusters = find_clusters(parties)
    listed = ListedNames((p.id, p.schema, name) for p in parties.values() for _prop, name in p.names)
    ctx = Context(parties, clusters, listed, seed)
    print(f"{len(parties)} parties, {len(clusters.linked())} cross-list clusters "
          f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    cases = positive_cases(ctx, SIZES)
    print(f"{len(cases)} positive cases ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    cases += negative_cases("negative_officials", official_names(press, listed, PersonVocabulary(parties.values())))
    cases += negative_cases("negative_synthetic", synthetic_names(
        parties.values(), listed, SIZES["negative_synthetic"], random.Random(f"{seed}:negative_synthetic")))
    cases += negative_cases("negative_common", common_names(
        listed, SIZES["negative_common"], random.Random(f"{seed}:negative_common")))
    assign_splits(cases, ctx)
    print(f"{len(cases)} cases in all ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return cases


def summary(cases: list[Case]) -> str:
    counts = Counter((c.label, c.split) for c in cases)
    labels = sorted({c.label for c in cases}, key=lambda x: (x.startswith("negative"), x))
    lines = [f"{'class':<22}{'dev':>6}{'test':>6}"]
    lines += [f"{label:<22}{counts[label, 'dev']:>6}{counts[label, 'test']:>6}" for label in labels]
    positives = sum(1 for c in cases if c.positive)
    lines.append(f"{'positives':<22}{positives:>12}")
    lines.append(f"{'negatives':<22}{len(cases) - positives:>12}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--press", type=Path, default=PRESS, help="treasury_press folder (texts/, unlabeled/, gold)")
    parser.add_argument("--out", type=Path, default=DEVSET)
    args = parser.parse_args(argv)
    use_home()
    cases = build(args.seed, args.press)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for case in cases:
            fh.write(case.to_json() + "\n")
    print(summary(cases))
    print(f"wrote {len(cases)} cases to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
