"""Story grouping on unseen news: pairwise P/R/F1 on the dev and test parts of the story dev set.

Usage: ``python -m bench.stories_dev [--cache FILE] [--embeddings] [--fit] [--write-split]``.

Each part (``bench/stories_data.py``: split once by event, committed) is one store's worth of reports:
both corpora together, grouped as Kenning groups them. Scored as pairs of reports (same story or not)
against the gold events, per corpus and pooled. Compared in the same run:

* **TF-IDF single link** — the plain baseline: whole-text TF-IDF cosine, reports joined when any pair
  reaches the threshold (the threshold with the best F1 on dev, used on test);
* **Kenning, batch** — :func:`kenning.news.stories.grouping.group` over the part (word frequencies counted
  over the part, as a store holding it counts them);
* **Kenning, incremental** — the reports arriving day by day, each day placed against the stories still
  open (a member within the model's window), merged and split as later reports show, as ``kenning news
  add`` does;
* **Kenning + MiniLM** (``--embeddings``) — the same with sentence embeddings of the openings.

``--fit`` refits the model on the dev part (logistic regression on every dev pair's signals, Newton's
method; then the average-link threshold with the best dev F1, then the window — how long a story stays
open to new reports — with the best dev F1 day by day) and writes ``data/stories_model.yml``
(with ``--embeddings``, its ``with_embeddings`` section too). Test is only measured, never fitted on.
The timings are per report: story features (words, names, boilerplate) and grouping, and the embedding
when asked.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import numpy as np

from bench import REPO
from bench.stories_data import CORPORA, Labelled, load, write_split
from kenning.news.stories.boilerplate import boilerplate_keys
from kenning.news.stories.cluster import average_link
from kenning.news.stories.features import StoryFeatures, story_features
from kenning.news.stories.grouping import assign, group
from kenning.news.stories.model import StoryModel, story_model
from kenning.news.stories.score import StoryScorer
from kenning.news.stories.text import Frequencies, TfidfSpace, terms

Pair = frozenset[str]
MODEL_FILE = REPO / "src" / "kenning" / "news" / "data" / "stories_model.yml"
PRF = tuple[float, float, float]
#: The windows (days a story stays open to new reports) tried when fitting, on dev, day by day.
WINDOWS = (30, 90, 180, 365, 730)


def features_of(items: Sequence[Labelled], embeddings: bool) -> tuple[list[StoryFeatures], float, float]:
    """Story features of a part (boilerplate counted over the part, as a store holding it would), with the
    seconds per report for the features and for the embeddings."""
    started = time.perf_counter()
    keys = boilerplate_keys([i.result for i in items])
    found = [story_features(i.result, None, keys[i.result.article.id]) for i in items]
    spent = (time.perf_counter() - started) / max(len(items), 1)
    if not embeddings:
        return found, spent, 0.0
    from kenning.news.stories.embed import embed_texts, opening_text

    started = time.perf_counter()
    vectors = embed_texts([opening_text(i.result.article.title, i.result.article.text) for i in items])
    embedded = (time.perf_counter() - started) / max(len(items), 1)
    found = [replace(f, embedding=tuple(float(x) for x in v)) for f, v in zip(found, vectors, strict=True)]
    return found, spent, embedded


def frequencies_of(features: Sequence[StoryFeatures]) -> Frequencies:
    """Document frequencies over a part, as a store holding it counts them (words and names)."""
    counted: Counter[str] = Counter()
    for f in features:
        counted.update({*f.terms, *f.names})
    return counted, len(features)


def gold_pairs(items: Sequence[Labelled]) -> set[Pair]:
    return {frozenset((a.result.article.id, b.result.article.id)) for a, b in combinations(items, 2)
            if a.event == b.event}


def pairs_of(stories: Sequence[Sequence[str]]) -> set[Pair]:
    return {frozenset(p) for s in stories for p in combinations(s, 2)}


def prf(found: set[Pair], wanted: set[Pair], within: set[str] | None = None) -> PRF:
    """Precision, recall, F1 of same-story pairs (only pairs inside ``within`` when given)."""
    if within is not None:
        found = {p for p in found if p <= within}
        wanted = {p for p in wanted if p <= within}
    hits = len(found & wanted)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(wanted) if wanted else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def tfidf_single_link(items: Sequence[Labelled], threshold: float) -> list[list[str]]:
    """The baseline over a part of the dev set."""
    return single_link({i.result.article.id: i.result.article.text for i in items}, threshold)


def single_link(texts: dict[str, str], threshold: float) -> list[list[str]]:
    """The baseline: whole-text TF-IDF cosines (report id → text), joined by single link at ``threshold``."""
    ids = list(texts)
    documents = [dict(terms(texts[i])) for i in ids]
    matrix = TfidfSpace(documents).matrix(documents)
    cosines = TfidfSpace.cosines(matrix, matrix)
    parent = list(range(len(ids)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, j in zip(*np.nonzero(np.triu(cosines, 1) >= threshold), strict=True):
        parent[root(int(i))] = root(int(j))
    stories: dict[int, list[str]] = {}
    for k, report in enumerate(ids):
        stories.setdefault(root(k), []).append(report)
    return list(stories.values())


def incremental(features: Sequence[StoryFeatures], model: StoryModel) -> list[list[str]]:
    """Reports arriving one day at a time, each day placed against the open stories (as the store does)."""
    days = sorted({f.day or "" for f in features})
    stories: dict[str, list[StoryFeatures]] = {}
    frequencies: Counter[str] = Counter()
    for day in days:
        batch = [f for f in features if (f.day or "") == day]
        for f in batch:
            frequencies.update({*f.terms, *f.names})
        seen = sum(len(m) for m in stories.values()) + len(batch)
        open_ids = {sid for sid, members in stories.items() if any(
            m.day is None or not day or abs(_ordinal(m.day) - _ordinal(day)) <= model.window_days for m in members)}
        grouping = assign(batch, {sid: stories[sid] for sid in open_ids}, model, (frequencies, seen))
        for article, story in grouping.moves.items():
            for sid in list(stories):
                moved = [m for m in stories[sid] if m.id == article]
                if moved:
                    stories[sid] = [m for m in stories[sid] if m.id != article]
                    stories.setdefault(story, []).extend(moved)
        by_id = {f.id: f for f in batch}
        for placed in grouping.assignments:
            stories.setdefault(placed.story_id, []).append(by_id[placed.article_id])
    return [[m.id for m in members] for members in stories.values() if members]


def _ordinal(day: str) -> int:
    import datetime as dt

    return dt.date.fromisoformat(day).toordinal()


def fit(parts: dict[str, list[StoryFeatures]], wanted: set[Pair], embeddings: bool) -> StoryModel:
    """Logistic weights on every dev pair's signals, then the average-link threshold with the best dev F1."""
    base = replace(story_model(embeddings), outlet_probability=_outlet_rate(parts["dev"], wanted,
                                                                           story_model().outlet_after_days))
    frequencies = frequencies_of(parts["dev"])
    scorer = StoryScorer(parts["dev"], replace(base, outlet_probability=1.0), frequencies)
    signals = scorer.signals()
    names = sorted(signals)
    upper = np.triu_indices(len(parts["dev"]), 1)
    x = np.stack([signals[n][upper] for n in names] + [np.ones(len(upper[0]))], axis=1)
    ids = [f.id for f in parts["dev"]]
    y = np.array([frozenset((ids[i], ids[j])) in wanted for i, j in zip(*upper, strict=True)], dtype=np.float64)
    w = np.zeros(x.shape[1])
    for _ in range(50):  # Newton's method (iteratively reweighted least squares), a little L2
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -60, 60)))
        gradient = x.T @ (p - y) + 1e-3 * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + 1e-3 * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    model = replace(base, weights={n: round(float(v), 3) for n, v in zip(names, w, strict=False)},
                    intercept=round(float(w[-1]), 3))
    best = (-1.0, base.threshold)
    probabilities = StoryScorer(parts["dev"], model, frequencies).matrix()
    for step in range(2, 39):
        threshold = step * 0.025
        groups = [[ids[i] for i in g] for g in average_link(probabilities, threshold)]
        score = prf(pairs_of(groups), wanted)[2]
        if score > best[0]:
            best = (score, threshold)
    model = replace(model, threshold=round(best[1], 3))
    windows = {days: prf(pairs_of(incremental(parts["dev"], replace(model, window_days=days))), wanted)[2]
               for days in WINDOWS}
    print("dev F1 day by day, by window: " + ", ".join(f"{d} days {f:.3f}" for d, f in windows.items()))
    return replace(model, window_days=max(WINDOWS, key=lambda d: (windows[d], -d)))


def _outlet_rate(features: Sequence[StoryFeatures], wanted: set[Pair], after_days: int) -> float:
    """Of the pairs of one outlet more than ``after_days`` apart, the share that are one story."""
    same = total = 0
    for a, b in combinations(features, 2):
        apart = abs(_ordinal(a.day) - _ordinal(b.day)) if a.day and b.day else 0
        if a.outlet and a.outlet == b.outlet and apart > after_days:
            total += 1
            same += frozenset((a.id, b.id)) in wanted
    return round(same / total, 4) if total else 1.0


def write_model(default: StoryModel, embedded: StoryModel | None, dev_f1: float) -> None:
    """Rewrite ``data/stories_model.yml`` with the fitted weights (the other section kept when not refitted)."""
    from kenning.news.stories.model import story_model as current

    other = embedded or current(True)

    def section(model: StoryModel) -> str:
        weights = ", ".join(f"{k}: {v}" for k, v in model.weights.items())
        return f"  weights: {{{weights}}}\n  intercept: {model.intercept}\n  threshold: {model.threshold}\n"

    MODEL_FILE.write_text(
        "# How story grouping weighs its signals (kenning.news.stories.model). Fitted by\n"
        "# `python -m bench.stories_dev --fit [--embeddings]` on the dev part of the story dev set only\n"
        f"# (bench/data/stories_split.csv; dev pairwise F1 {dev_f1:.3f} at fitting time): a logistic model on\n"
        "# text, lead, names, people and places cosines and log(1 + days apart), then the average-link\n"
        "# threshold with the best dev F1, then the window with the best dev F1 day by day.\n"
        "# window_days: a story takes new reports while a member is this close in time;\n"
        "# undated_days: the distance assumed for an undated report (set by hand, as the dev set has none: a\n"
        "# month, so an undated report joins on strong evidence only). events: a headline sanctions event\n"
        "# match from `joins_from` makes two reports at least `probability` alike, and two reports leading\n"
        "# with actions that cannot be one are at most `apart_probability` alike (set by hand: the dev set\n"
        "# holds almost no sanctions news; checked by bench.news_stories and bench.news_seeds). same_outlet:\n"
        "# of the dev pairs of one outlet more than `after_days` apart, the share that are one story.\n"
        f"window_days: {default.window_days}\nundated_days: {default.undated_days}\n"
        f"events: {{joins_from: {default.event_joins_from}, probability: {default.event_probability}, "
        f"apart_probability: {default.event_apart_probability}}}\n"
        f"same_outlet: {{after_days: {default.outlet_after_days}, probability: {default.outlet_probability}}}\n"
        f"model:\n{section(default)}with_embeddings:\n{section(other)}", encoding="utf-8")


def _row(label: str, found: dict[str, set[Pair]], wanted: dict[str, set[Pair]],
         corpora: dict[str, dict[str, set[str]]]) -> str:
    cells = []
    for part in ("dev", "test"):
        for corpus in (*CORPORA, None):
            within = corpora[part].get(corpus) if corpus else None
            p, r, f = prf(found[part], wanted[part], within)
            cells.append(f"{f:.3f}" if corpus else f"**{f:.3f}** (P {p:.2f} R {r:.2f})")
    return f"| {label} | " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cache", type=Path, help="JSON file keeping pipeline results between runs")
    parser.add_argument("--embeddings", action="store_true", help="also group with MiniLM sentence embeddings")
    parser.add_argument("--fit", action="store_true", help="refit data/stories_model.yml on the dev part")
    parser.add_argument("--write-split", action="store_true", help="write bench/data/stories_split.csv and stop")
    args = parser.parse_args(argv)
    if args.write_split:
        write_split()
        return 0
    items = load(args.cache)
    parts = {part: [i for i in items if i.part == part] for part in ("dev", "test")}
    wanted = {part: gold_pairs(found) for part, found in parts.items()}
    corpora = {part: {c: {i.result.article.id for i in found if i.corpus == c} for c in CORPORA}
               for part, found in parts.items()}
    features, spent, embedded = {}, {}, {}
    for part, found in parts.items():
        features[part], spent[part], embedded[part] = features_of(found, args.embeddings)
    models = {False: story_model(False), True: story_model(True)}
    if args.fit:
        model = models[False] = fit(features, wanted["dev"], False)
        embedding_model = fit(features, wanted["dev"], True) if args.embeddings else None
        models[True] = embedding_model or models[True]
        dev_f1 = prf(pairs_of(group(features["dev"], model, frequencies_of(features["dev"]))), wanted["dev"])[2]
        write_model(model, embedding_model, dev_f1)
        print(f"fitted and wrote {MODEL_FILE.relative_to(REPO)}: {model}\n")
    print(f"{len(items)} reports: dev {len(parts['dev'])} ({len(wanted['dev'])} same-story pairs), "
          f"test {len(parts['test'])} ({len(wanted['test'])} pairs)\n")
    print("| method | dev g5w | dev gvc | dev all | test g5w | test gvc | test all |")
    print("|---|---|---|---|---|---|---|")
    best = max((t / 100 for t in range(5, 80)), key=lambda t: prf(pairs_of(tfidf_single_link(parts["dev"], t)),
                                                                 wanted["dev"])[2])
    found = {part: pairs_of(tfidf_single_link(parts[part], best)) for part in parts}
    print(_row(f"TF-IDF single link (cosine ≥ {best:.2f}, best on dev)", found, wanted, corpora))
    timings = {}
    for label, embeddings in (("Kenning", False), ("Kenning + MiniLM", True)):
        if embeddings and not args.embeddings:
            continue
        chosen = models[embeddings]
        started = time.perf_counter()
        batch = {part: pairs_of(group(features[part], chosen, frequencies_of(features[part]))) for part in parts}
        timings[label] = (time.perf_counter() - started) / len(items)
        print(_row(f"{label}, batch", batch, wanted, corpora))
        steps = {part: pairs_of(incremental(features[part], chosen)) for part in parts}
        print(_row(f"{label}, incremental (day by day)", steps, wanted, corpora))
    print(f"\nper report: story features {1000 * spent['test']:.1f} ms, grouping {1000 * timings['Kenning']:.1f} ms"
          + (f", MiniLM embedding {1000 * embedded['test']:.1f} ms" if args.embeddings else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
