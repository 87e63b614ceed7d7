"""Claims in French and English: precision and recall against a gold read from the multilingual dev set.

Usage: ``python -m bench.news_claims_multilingual [--cache FILE | --no-cache] [--misses]``.

Gold: ``bench/data/multilingual_claims.csv`` (annotated by reading the 49 reports; its header says what
each predicate holds). Reports and parts: :mod:`bench.multilingual_data` (split by event, dev and test side
by side; tune on dev only). The NLP results are those of :mod:`bench.news_multilingual` (cached under
``KENNING_HOME``); the events stage, which makes the claims, runs again here on each so the figures are
the current code's (``--no-cache``: the whole pipeline again). Scored per part, language and predicate:

* ``citizenship`` — (report, surname, country code): a claim is right when its subject holds the surname
  and its value is the code;
* ``change`` — (report, quantity, normalised change): the subject read as reconciliation reads it
  (:func:`kenning.news.reconcile.claims.subject_key`: "le nombre de victimes civiles" → civilian deaths);
* ``target_count`` — (report, number of targets a sanctions action is said to have), numbers in words
  in either language ("trois hauts responsables" → 3); reports marked ``unscored`` are left out.

``--misses`` prints the dev part's misses and false claims (never the test part's, which is not tuned on).
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterable
from pathlib import Path

from bench import REPO
from bench.multilingual_data import Labelled, load
from bench.news_multilingual import fmt, prf
from kenning.news.events.extract import extract_events
from kenning.news.model import Claim
from kenning.news.reconcile.claims import subject_key
from kenning.news.stories.features import fold_name

GOLD_FILE = REPO / "bench" / "data" / "multilingual_claims.csv"
PREDICATES = ("citizenship", "change", "target_count")
Item = tuple[str, str, str, str]  # (file, predicate, subject, value)


def gold() -> tuple[set[Item], set[tuple[str, str]]]:
    """The gold items and the (file, predicate) pairs left unscored."""
    with GOLD_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    unscored = {(r["file"], r["predicate"]) for r in rows if r["value"] == "unscored"}
    items = {(r["file"], r["predicate"], r["subject"], r["value"]) for r in rows if r["value"] != "unscored"}
    return items, unscored


def _subject(claim: Claim, wanted: Iterable[str]) -> str:
    """The gold subject a claim's subject stands for, else its own folded words."""
    if claim.predicate == "target_count":
        return "-"
    if claim.predicate == "change":
        return subject_key(claim.subject)
    folded = fold_name(claim.subject)
    return next((w for w in wanted if w in folded.split()), folded)


def found_items(item: Labelled, surnames: set[str]) -> set[Item]:
    """The report's claims of the scored predicates, as gold items."""
    if item.result is None:
        return set()
    claims = extract_events(item.result).claims
    return {(item.name, c.predicate, _subject(c, surnames), c.normalized or c.value)
            for c in claims if c.predicate in PREDICATES}


def score(items: list[Labelled], wanted: set[Item], unscored: set[tuple[str, str]],
          found: dict[str, set[Item]], predicate: str | None) -> tuple[int, int, int]:
    names = {i.name for i in items}

    def kept(x: Item) -> bool:
        return x[0] in names and (x[0], x[1]) not in unscored and (predicate is None or x[1] == predicate)

    gold_part = {x for x in wanted if kept(x)}
    found_part = {x for n in names for x in found[n] if kept(x)}
    return len(gold_part & found_part), len(found_part), len(gold_part)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="pipeline results file (default: under KENNING_HOME)")
    parser.add_argument("--no-cache", action="store_true", help="extract everything again, keep nothing")
    parser.add_argument("--misses", action="store_true", help="print the dev part's misses and false claims")
    args = parser.parse_args(argv)
    items = load(args.cache, use_cache=not args.no_cache)
    wanted, unscored = gold()
    surnames = {x[2] for x in wanted if x[1] == "citizenship"}
    found = {i.name: found_items(i, surnames) for i in items}
    print("| part | lang | predicate | gold | found | claims F1 (P / R) |")
    print("|---|---|---|---|---|---|")
    for part in ("dev", "test"):
        for lang in ("fr", "en", "all"):
            chosen = [i for i in items if i.part == part and lang in ("all", i.lang)]
            for predicate in (*PREDICATES, None):
                hits, got, gold_n = score(chosen, wanted, unscored, found, predicate)
                print(f"| {part} | {lang} | {predicate or 'all'} | {gold_n} | {got} | {fmt(prf(hits, got, gold_n))} |")
    if args.misses:
        dev = {i.name for i in items if i.part == "dev"}
        scored = {x for n in dev for x in found[n] if (x[0], x[1]) not in unscored}
        for x in sorted({w for w in wanted if w[0] in dev} - scored):
            print("missed:", x)
        for x in sorted(scored - wanted):
            print("false: ", x)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
