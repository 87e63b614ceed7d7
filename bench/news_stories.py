"""Story grouping on sanctions news: the seed reports and the 40 Treasury press releases.

Usage: ``python -m bench.news_stories [--cache FILE] [--no-link] [--extended] [--no-dev-set] [--embeddings]``.

Expected grouping, derived from the data (nothing typed in): the gold story's reports
(``data/news/seeds/gold.json``) together with every release whose gold designees (``gold.jsonl``) include a
target of the gold headline event; releases whose designees overlap report one action and belong together;
every other release alone. Scored as pairs: precision and recall of the same-story pairs.

Variants, all in one run: plain TF-IDF single link (at the cosine that is best on the general story dev
set, ``bench.stories_dev``, and at its own best here); Kenning's model (``data/stories_model.yml``) in a
batch and day by day; and Kenning without the headline-event rule, to show what the sanctions events add
(the undated BBC report names the three officials only by their offices, and one ministry's
releases read alike, action after action). ``--extended`` adds 55
unlabelled releases and 181 unrelated news pages, where every same-story pair found is listed for
inspection.

Then, in the same run, story grouping on any news (``bench.stories_dev``): pairwise P/R/F1 on the dev and
test parts of the story dev set side by side, against TF-IDF single link (``--no-dev-set`` skips it,
``--embeddings`` adds MiniLM; ``--dev-cache FILE`` keeps its pipeline results).

Extraction (the real pipeline; linking needs ``KENNING_HOME`` with loaded lists) is the slow part:
``--cache FILE`` keeps the results for the next run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations
from pathlib import Path
from typing import Any

from bench import REPO
from kenning.news.article import Article
from kenning.news.codec import result_from_dict
from kenning.news.ingest.collect import ingest_file, ingest_html
from kenning.news.model import ArticleResult
from kenning.news.stories.boilerplate import boilerplate_keys
from kenning.news.stories.features import StoryFeatures, story_features
from kenning.news.stories.grouping import group
from kenning.news.stories.model import story_model

NEWS = REPO / "data" / "news"
SHARED = REPO.parent / "shared" / "data" / "news"
Pair = frozenset[str]
#: The TF-IDF single-link cosine with the best F1 on the dev part of the general story dev set.
BASELINE_COSINE = 0.22


def inputs(extended: bool) -> list[Article]:
    """The seed reports and the labelled releases (and, extended, unlabelled releases and news pages)."""
    paths = sorted((NEWS / "seeds").glob("*.txt")) + sorted((NEWS / "treasury_press" / "texts").glob("*.txt"))
    articles = [ingest_file(p) for p in paths]
    if extended:
        articles += [ingest_file(p) for p in sorted((SHARED / "treasury_press" / "unlabeled").glob("*.txt"))]
        for page in sorted((SHARED / "html_pages").glob("*.html.gz")):
            try:
                articles.append(ingest_html(gzip.decompress(page.read_bytes()), str(page)))
            except Exception as exc:  # a page the ingester refuses is left out, and said
                print(f"left out {page.name}: {exc}", file=sys.stderr)
    return articles


def extract(articles: list[Article], cache: Path | None, link: bool) -> list[ArticleResult]:
    """Pipeline results, from the cache when it holds them."""
    stored: dict[str, Any] = json.loads(cache.read_text(encoding="utf-8")) if cache and cache.exists() else {}
    todo = [a for a in articles if a.id not in stored]
    if todo:
        from kenning.news.service import extract_isolated

        screener = None
        if link:
            from kenning.matching import Screener

            screener = Screener.open()
        results, failures = extract_isolated(todo, screener, workers=2)
        for failure in failures:
            print(f"not extracted: {failure.item}: {failure.message}", file=sys.stderr)
        stored.update({r.article.id: r.to_dict() for r in results})
        if cache:
            cache.write_text(json.dumps(stored), encoding="utf-8")
    return [result_from_dict(a, stored[a.id]) for a in articles if a.id in stored]


def name(result: ArticleResult) -> str:
    """The report's file name."""
    return Path(result.article.source).name


def expected_pairs(results: Sequence[ArticleResult]) -> set[Pair]:
    """Same-story pairs derived from the seed gold and the releases' gold designees."""
    gold = json.loads((NEWS / "seeds" / "gold.json").read_text(encoding="utf-8"))
    headline = next(e for e in gold["sanction_events"] if e["key"] == gold["story"]["headline_event"])
    story_ids = {t["us_ofac"] for t in headline["targets"] if "us_ofac" in t}
    designees: dict[str, set[int]] = {}
    for line in (NEWS / "treasury_press" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        designees[row["file"]] = {d["ent_num"] for d in row["designees"]}
    by_name = {name(r): r.article.id for r in results}
    groups = [{by_name[a] for a in gold["story"]["articles"] if a in by_name}
              | {by_name[f] for f, ids in designees.items() if ids & story_ids and f in by_name}]
    for (fa, a), (fb, b) in combinations(sorted(designees.items()), 2):
        if a & b and fa in by_name and fb in by_name:
            groups.append({by_name[fa], by_name[fb]})
    return {frozenset(p) for g in groups for p in combinations(sorted(g), 2)}


def pairs_of(stories: Sequence[Sequence[str]]) -> set[Pair]:
    """Every same-story pair of a grouping."""
    return {frozenset(p) for s in stories for p in combinations(sorted(s), 2)}


def prf(found: set[Pair], wanted: set[Pair]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the found pairs (1.0 for an empty side)."""
    hits = len(found & wanted)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(wanted) if wanted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def print_grouping(results: Sequence[ArticleResult], stories: Sequence[Sequence[str]]) -> None:
    """The grouping of the default settings, one row per story of two reports or more."""
    names = {r.article.id: name(r) for r in results}
    titles = {r.article.id: r.article.title or "" for r in results}
    print("| story | reports | first report's title |")
    print("|---|---|---|")
    for story in sorted(stories, key=lambda s: (-len(s), names[s[0]])):
        if len(story) > 1:
            print(f"| {len(story)} | {', '.join(names[i] for i in story)} | {titles[story[0]][:70]} |")
    print(f"| 1 | {sum(1 for s in stories if len(s) == 1)} reports alone | |")


def variants(features: list[StoryFeatures], labelled: Sequence[ArticleResult]) -> list[tuple[str, set[Pair]]]:
    """Every variant's same-story pairs."""
    from bench.stories_dev import frequencies_of, incremental, single_link

    model = story_model(False)
    counted = frequencies_of(features)
    texts = {r.article.id: r.article.text for r in labelled}
    found = [(f"TF-IDF single link, cosine ≥ {BASELINE_COSINE}", pairs_of(single_link(texts, BASELINE_COSINE)))]
    found.append(("Kenning, batch", pairs_of(group(features, model, counted))))
    found.append(("Kenning, day by day", pairs_of(incremental(features, model))))
    found.append(("Kenning without the headline-event rules",
                  pairs_of(group(features, replace(model, event_joins_from=2.0, event_apart_probability=1.0),
                                 counted))))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cache", type=Path, help="JSON file keeping pipeline results between runs")
    parser.add_argument("--no-link", action="store_true", help="no linking (no loaded lists needed)")
    parser.add_argument("--extended", action="store_true", help="add 55 unlabelled releases and 181 news pages")
    parser.add_argument("--no-dev-set", action="store_true", help="skip the story dev set (any news, dev and test)")
    parser.add_argument("--dev-cache", type=Path, help="JSON file keeping the story dev set's pipeline results")
    parser.add_argument("--embeddings", action="store_true", help="the dev set also with MiniLM embeddings")
    args = parser.parse_args(argv)
    results = extract(inputs(args.extended), args.cache, not args.no_link)
    labelled = [r for r in results if "unlabeled" not in r.article.source and "html_pages" not in r.article.source]
    keys = boilerplate_keys(labelled)
    features = [story_features(r, None, keys[r.article.id]) for r in labelled]
    wanted = expected_pairs(labelled)
    print(f"{len(labelled)} reports, {len(wanted)} expected same-story pairs\n")
    from bench.stories_dev import frequencies_of

    print_grouping(labelled, group(features, None, frequencies_of(features)))
    print("\n| variant | P | R | F1 |")
    print("|---|---|---|---|")
    ok = True
    for label, found in variants(features, labelled):
        p, r, f = prf(found, wanted)
        print(f"| {label} | {p:.2f} | {r:.2f} | {f:.2f} |")
        if label.startswith("Kenning,"):
            ok = ok and f == 1.0
    if args.extended:
        keys = boilerplate_keys(results)
        everything = [story_features(r, None, keys[r.article.id]) for r in results]
        extra = pairs_of(group(everything)) - wanted
        print(f"\nextended set: {len(results)} reports, {len(extra)} same-story pairs beyond the expected ones")
        names = {r.article.id: name(r) for r in results}
        for pair in sorted(extra, key=sorted):
            print("  " + " + ".join(sorted(names[i] for i in pair)))
    if not args.no_dev_set:
        from bench.stories_dev import main as dev_set

        print("\nStory grouping on any news (bench.stories_dev):\n")
        dev_set([*(["--cache", str(args.dev_cache)] if args.dev_cache else []),
                 *(["--embeddings"] if args.embeddings else [])])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
