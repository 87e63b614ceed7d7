"""The two seed reports against their hand-checked reference (``data/news/seeds/gold.json``).

Usage: ``python -m bench.news_seeds [--seeds DIR] [--no-link]``. One function per section, so later
sections (stories, reconciliation) can be added beside :func:`sanction_section`:

* sanction events: for every gold event and every report that tells it, the best matching extracted
  event (same authority country, compatible date, most shared targets) and whether its authority, date,
  measures, targets and count agree. A gold event is *found* when one of its reports yields a match with
  the right authority country, date and measures; all five must be. Targets are compared by list id
  when the linker gave ids (``us_ofac`` / ``gb_ofsi`` in the gold), else by name.

A report without a publication date (the first seed) is read with the date of the other report of the
same gold story as its anchor, as the stories stage does for undated reports; the table says so.
Reports run through :func:`kenning.news.pipeline.extract`; linking needs ``KENNING_HOME`` with loaded
lists (``--no-link`` compares names only).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from bench import REPO
from kenning.matching import Screener
from kenning.news.dates import date_within
from kenning.news.events.facts import normalize_measure
from kenning.news.ingest.collect import ingest_file
from kenning.news.model import ArticleResult, SanctionEvent, Target
from kenning.news.pipeline import extract

DEFAULT_SEEDS = REPO / "data" / "news" / "seeds"
#: Gold id keys and the dataset of the links they are compared with.
ID_KEYS = {"us_ofac": "us_ofac_sdn", "gb_ofsi": "gb_ofsi"}


@dataclass
class Row:
    """One gold event as one report tells it."""

    key: str
    source: str
    event: SanctionEvent | None
    authority: bool
    date: bool
    measures: bool
    targets: tuple[int, int]
    count: bool | None

    @property
    def found(self) -> bool:
        return self.event is not None and self.authority and self.date and self.measures


def load_results(folder: Path, gold: dict[str, Any], screener: Screener | None) -> dict[str, ArticleResult]:
    """Each seed report through the pipeline (linked with a screener); undated ones anchored on their story."""
    articles = {name: ingest_file(folder / name) for name in gold["story"]["articles"]}
    dated = sorted(a.published for a in articles.values() if a.published)
    results = {}
    for name, article in articles.items():
        anchor = None if article.published else (dated[0] if dated else None)
        results[name] = extract(article, screener, anchor=anchor)
    return results


def _same_name(a: str, b: str) -> bool:
    return fuzz.token_set_ratio(a.lower(), b.lower()) >= 90


def target_matches(gold: dict[str, Any], target: Target) -> bool:
    """By list id when both sides have one, else by name."""
    for key, dataset in ID_KEYS.items():
        ids = [link.source_id for link in target.links if link.dataset == dataset]
        if key in gold and ids:
            return str(gold[key]) in ids
    return _same_name(gold["name"], target.name)


def date_matches(gold: str, found: str | None) -> bool:
    """Equal, or the found value is a period containing the gold day (``2023-W29`` ∋ ``2023-07-20``)."""
    return found is not None and (gold == found or date_within(gold, found))


def _row(gold: dict[str, Any], source: str, event: SanctionEvent | None) -> Row:
    if event is None:
        return Row(gold["key"], source, None, False, False, False, (0, len(gold["targets"])), None)
    wanted = {normalize_measure(m) for m in gold["measures"]}
    hits = sum(1 for g in gold["targets"] if any(target_matches(g, t) for t in event.targets))
    count = gold.get("target_count")
    return Row(gold["key"], source, event, event.authority_country == gold["authority_country"],
               date_matches(gold["date"], event.date), wanted <= set(event.measures),
               (hits, len(gold["targets"])), None if count is None else event.target_count == count)


def best_match(gold: dict[str, Any], events: list[SanctionEvent]) -> SanctionEvent | None:
    """The extracted event of the gold event's authority country that agrees most (date, then targets)."""
    candidates = [e for e in events if e.authority_country == gold["authority_country"]]
    if not candidates:
        return None

    def agreement(event: SanctionEvent) -> tuple[int, int, bool]:
        """A matching date first, an unknown one before a different one; then shared targets and count."""
        date = 2 if date_matches(gold["date"], event.date) else 1 if event.date is None else 0
        hits = sum(1 for g in gold["targets"] if any(target_matches(g, t) for t in event.targets))
        return date, hits, event.target_count == gold.get("target_count")

    return max(candidates, key=agreement)


def sanction_section(gold: dict[str, Any], results: dict[str, ArticleResult]) -> list[Row]:
    """One row per gold event and report that tells it."""
    return [_row(g, source, best_match(g, results[source].events))
            for g in gold["sanction_events"] for source in g["sources"]]


def print_sanction_section(rows: list[Row]) -> bool:
    """The table, and whether every gold event was found in at least one of its reports."""
    print("| gold event | report | found | authority | date | measures | targets | count |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        e = r.event
        date = f"{e.date} ({e.date_text})" if e else "-"
        print(f"| {r.key} | {r.source[:3]} | {'yes' if r.found else 'NO'} | "
              f"{'ok' if r.authority else 'x'} {e.authority_country if e else '-'} | "
              f"{'ok' if r.date else 'x'} {date} | {'ok' if r.measures else 'x'} {', '.join(e.measures) if e else '-'}"
              f" | {r.targets[0]}/{r.targets[1]} | {'-' if r.count is None else 'ok' if r.count else 'x'} |")
    keys = list(dict.fromkeys(r.key for r in rows))
    found = [k for k in keys if any(r.found for r in rows if r.key == k)]
    print(f"\nsanction events found with authority, date and measures: {len(found)}/{len(keys)}")
    return len(found) == len(keys)


# -- stories and reconciliation (kenning.news.stories.grouping, kenning.news.reconcile.report) --
#: Share of a gold single-source claim's content words its evidence sentence must hold to count as found.
CLAIM_WORDS = 0.6


def story_section(gold: dict[str, Any], results: dict[str, ArticleResult]) -> bool:
    """Whether the gold story's reports form one story, with the pair's scores."""
    from kenning.news.stories.features import story_features
    from kenning.news.stories.grouping import StoryScorer, group

    features = [story_features(results[name]) for name in gold["story"]["articles"]]
    stories = group(features)
    together = len(stories) == 1
    scorer = StoryScorer(features)
    print("\n| story pair | text | entities | event | score | one story |")
    print("|---|---|---|---|---|---|")
    for a, b in itertools.pairwise(features):
        pair = scorer.pair(a.id, b.id)
        print(f"| {a.id[:6]} + {b.id[:6]} | {pair.text:.2f} | {pair.entities:.2f} | {pair.event:.2f} | "
              f"{pair.score:.2f} | {'yes' if together else 'NO'} |")
    return together == gold["story"]["same_story"]


def _matches(wanted: str, said: str) -> bool:
    a, b = " ".join(wanted.lower().split()), " ".join(said.lower().split())
    return a in b or b in a or fuzz.token_set_ratio(a, b) >= 90


def reconcile_section(gold: dict[str, Any], results: dict[str, ArticleResult]) -> bool:
    """Each gold claim pair: the fact whose statements carry the gold values, its status and each source's words.

    The expected status comes from the gold: a conflict whose note calls the claims compatible is
    ``complementary``, any other ``conflicting``.
    """
    from kenning.news.reconcile.report import reconcile

    report = reconcile(list(results.values()))
    ids = {name: results[name].article.id for name in results}
    print("\n| gold claim pair | expected | found | status | each source's words |")
    print("|---|---|---|---|---|")
    right = 0
    for conflict in gold["conflicts"]:
        expected = "complementary" if "compatible" in conflict.get("note", "") else "conflicting"

        def hits(fact: Any, claims: list[dict[str, Any]] = conflict["claims"]) -> int:
            return sum(any(st.source == ids[c["source"]] and _matches(c["value"], st.value) for st in fact.statements)
                       for c in claims)

        fact = max(report.facts, key=hits)
        found = hits(fact) == len(conflict["claims"])
        status = fact.status if found else "-"
        right += status == expected
        words = "; ".join(f"{st.source[:6]}: {st.value!r}" for st in fact.statements) if found else "-"
        print(f"| {conflict['about']} | {expected} | {'yes' if found else 'NO'} ({fact.about}) | {status} | {words} |")
    print(f"\nclaim pairs with the expected status: {right}/{len(gold['conflicts'])}")
    return right == len(gold["conflicts"])


def single_source_section(gold: dict[str, Any], results: dict[str, ArticleResult]) -> bool:
    """Recall of the gold single-source claims among the report's single-source facts."""
    from kenning.news.reconcile.report import reconcile
    from kenning.news.stories.text import terms

    report = reconcile(list(results.values()))
    single = [(st.source, st.evidence.text) for f in report.facts if f.status == "single-source"
              for st in f.statements]
    print("\n| gold single-source claim | source | found in |")
    print("|---|---|---|")
    found = 0
    for claim in gold["single_source_claims"]:
        words = set(terms(claim["claim"]))
        source = results[claim["source"]].article.id
        best = max(((len(words & set(terms(text))) / len(words), text) for src, text in single if src == source),
                   default=(0.0, ""))
        hit = best[0] >= CLAIM_WORDS
        found += hit
        print(f"| {claim['claim']} | {claim['source'][:3]} | {best[1][:80] if hit else 'NOT FOUND'} |")
    print(f"\nsingle-source claims found: {found}/{len(gold['single_source_claims'])} "
          f"(of {len(single)} single-source statements listed)")
    return found == len(gold["single_source_claims"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder with the reports and gold.json")
    parser.add_argument("--no-link", action="store_true", help="compare target names only")
    args = parser.parse_args(argv)
    gold = json.loads((args.seeds / "gold.json").read_text(encoding="utf-8"))
    results = load_results(args.seeds, gold, None if args.no_link else Screener.open())
    undated = [name for name, r in results.items() if r.article.published is None]
    if undated:
        print(f"(undated, read against the story's date: {', '.join(undated)})\n")
    ok = print_sanction_section(sanction_section(gold, results))
    ok = story_section(gold, results) and ok
    ok = reconcile_section(gold, results) and ok
    ok = single_source_section(gold, results) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
