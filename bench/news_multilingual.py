"""French beside English: each stage scored on the multilingual dev set, dev and test parts side by side.

Usage: ``python -m bench.news_multilingual [--cache FILE | --no-cache] [--speed N] [--write-split]``.

Data and split: :mod:`bench.multilingual_data` (split by event; tune on dev only). Per part and language:

* **language**: share of reports whose detected language (the detector on the body alone, no header)
  is the one of the file name;
* **linking**: precision / recall / F1 of the list ids linked from a report's mentions against the listed
  parties it names (``bench/data/multilingual_parties.csv``); a link to the same party on another list
  (same caption pattern, or an entry the file's ``same_party`` names because the list gives it the party's
  name as an alias) counts as right, any other link as wrong; a second column leaves out the links to other
  listed parties that the report names by one of their own listed names in full ("Maria Zakharova"), which
  the first counts wrong only because the bench asks for seven parties;
* **linking, hand gold**: P/R/F1 of the same links against the hand-checked gold of every listed party a
  report names (:mod:`bench.multilingual_named`, ``bench/data/multilingual_named_parties.csv``: read by hand,
  not from Kenning's output): a link is right when its id, a ``Screener.same_as`` entry of it or a
  ``same_party`` id of the row is a gold party of its report; any other link is wrong (once per same-as
  cluster); a gold party no link is right for is a miss (which the regex gold cannot count: "Bakayoko",
  "CAMARA, Sadio", "Prigogine"). The gold parties missed and the wrong links are listed under the tables;
* **event found**: share of the reports of a sanctions event with an extracted US action (not background)
  dated to that day (±1 day) or to the week that holds it;
* **designees**: P/R/F1 of the list ids of the event targets against the event's designees the report names;
* **stories**: pairwise P/R/F1 of Kenning's story grouping over the part (all reports, both languages), and
  over the pairs that cross languages only (one French, one English report); grouped in memory as the
  store groups one batch (:func:`kenning.news.stories.memory.group_results`: undated reports read again
  against their story's date), once with linked parties as their same-as clusters of the lists in
  ``KENNING_HOME`` (as ``kenning news add`` groups: Maslov's UK and US entries are one party), once as
  bare list entries (the figures measured before this was added).

``--speed N`` adds French extraction speed, warm, in this process: N passes over the French reports (median
CPU milliseconds per report and its split over the stages, wall reports/s, and the load average). Linking
needs ``KENNING_HOME`` with loaded lists; the pipeline results are cached under it (reused only by the same
code: :func:`bench.stories_data.code_fingerprint`).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

from bench.multilingual_data import EVENT_DATES, PARTIES, Labelled, load, write_split
from bench.multilingual_named import errors, named_counts
from bench.news_link import listed_names, name_key
from kenning.news.dates import date_interval
from kenning.news.model import ArticleResult, EntityLink
from kenning.news.stories.features import Canon
from kenning.news.stories.memory import group_results

PRF = tuple[float, float, float]
Pair = frozenset[str]


def prf(hits: int, found: int, wanted: int) -> PRF:
    precision = hits / found if found else 1.0
    recall = hits / wanted if wanted else 1.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def party_of(link: EntityLink) -> str:
    """The bench party a link is right for (its id, or the same caption on another list), else the link id."""
    for party in PARTIES:
        if link.id == party.list_id or link.id in party.same_party or party.pattern.search(link.caption.title()):
            return party.list_id
    return link.id


def linked(result: ArticleResult) -> set[str]:
    return {party_of(link) for m in result.mentions for link in m.links}


_PARTY_IDS = frozenset(p.list_id for p in PARTIES)


@cache
def _lists() -> tuple[Any, Any]:
    from kenning.matching import Screener
    from kenning.store import Store

    return Screener.open(), Store()


def named_in_full(result: ArticleResult) -> set[str]:
    """Links to listed parties outside the bench's seven that the report names by one of the entry's own
    listed names, word for word after normalisation (as ``bench.news_link`` verifies a link): "Maria
    Zakharova" -> ZAKHAROVA, Mariya Vladimirovna, alias Maria ZAKHAROVA. Counted neither right nor wrong
    in the second linking column (the bench asks only for its seven parties)."""
    screener, store = _lists()
    out = set()
    for mention in (m for m in result.mentions if m.links):
        name = mention.refers_to or mention.text
        key = name_key(name, "Person" if mention.label == "PERSON" else "Organization")
        for link in mention.links:
            if party_of(link) not in _PARTY_IDS and any(key in listed_names(store, i)
                                                 for i in {link.id, *screener.same_as(link.id)}):
                out.add(link.id)
    return out


def linked_outside_named(result: ArticleResult) -> set[str]:
    return linked(result) - named_in_full(result)


def designated(result: ArticleResult) -> set[str]:
    return {party_of(link) for e in result.events if not e.background for t in e.targets for link in t.links}


def set_prf(items: Sequence[Labelled], found: Callable[[ArticleResult], set[str]],
            wanted: Callable[[Labelled], set[str]]) -> PRF:
    hits = found_n = wanted_n = 0
    for item in items:
        if item.result is None:
            wanted_n += len(wanted(item))
            continue
        got, gold = found(item.result), wanted(item)
        hits, found_n, wanted_n = hits + len(got & gold), found_n + len(got), wanted_n + len(gold)
    return prf(hits, found_n, wanted_n)


def event_found(item: Labelled) -> bool:
    """A US action, not background, dated to the event's day (±1) or to the week that holds it."""
    day = dt.date.fromisoformat(EVENT_DATES[item.event])
    for event in (item.result.events if item.result else []):
        if not event.date or event.authority_country != "us" or event.background:
            continue
        first, last = date_interval(event.date)
        if (last - first).days <= 6 and first - dt.timedelta(days=1) <= day <= last + dt.timedelta(days=1):
            return True
    return False


def language_ok(item: Labelled) -> bool:
    from kenning.news.ingest.language import detect_language

    return detect_language(item.article.text) == item.lang


def story_scores(items: Sequence[Labelled], canon: Canon | None = None) -> tuple[PRF, PRF]:
    """Pairwise P/R/F1 of the grouping of ``items`` (linked entities as their same-as cluster by ``canon``):
    all pairs, and the pairs across languages. Grouping reads undated reports again in place, so it works
    on copies."""
    results = copy.deepcopy([i.result for i in items if i.result is not None])
    stories = group_results(results, canon)
    found = {frozenset(p) for s in stories for p in combinations(s, 2)}
    by_id = {i.result.article.id: i for i in items if i.result is not None}
    wanted = {frozenset((a, b)) for a, b in combinations(by_id, 2) if by_id[a].event == by_id[b].event}

    def cross(pairs: Iterable[Pair]) -> set[Pair]:
        return {p for p in pairs if len({by_id[x].lang for x in p}) == 2}
    return (prf(len(found & wanted), len(found), len(wanted)),
            prf(len(cross(found) & cross(wanted)), len(cross(found)), len(cross(wanted))))


def fmt(scores: PRF) -> str:
    return "P {:.2f} R {:.2f} F1 {:.2f}".format(*scores)


def share(items: Sequence[Labelled], test: Callable[[Labelled], bool]) -> str:
    return f"{sum(map(test, items))}/{len(items)}" if items else "-"


def store_canon() -> Canon | None:
    """The same-as clusters of the lists in ``KENNING_HOME``, as ``kenning news add`` groups with them."""
    from kenning.news.stories.placing import same_as_canon
    from kenning.store import Store

    store = Store()
    try:
        with store.engine.connect() as conn:
            return same_as_canon(conn)
    finally:
        store.engine.dispose()


def report(items: list[Labelled]) -> None:
    print("| part | lang | reports | language | linking | linking, named in full not wrong | linking, hand gold "
          "| event found | designees |")
    print("|---|---|---|---|---|---|---|---|---|")
    screener = _lists()[0]
    for part in ("dev", "test"):
        for lang in ("fr", "en"):
            rows = [i for i in items if i.part == part and i.lang == lang]
            events = [i for i in rows if i.event in EVENT_DATES]
            print(f"| {part} | {lang} | {len(rows)} | {share(rows, language_ok)} | "
                  f"{fmt(set_prf(rows, linked, lambda i: i.named))} | "
                  f"{fmt(set_prf(rows, linked_outside_named, lambda i: i.named))} | "
                  f"{fmt(prf(*named_counts(rows, screener)))} | {share(events, event_found)} | "
                  f"{fmt(set_prf(events, designated, lambda i: i.designees))} |")
    print("\n| part | linked parties | stories, all pairs | stories, cross-language pairs |")
    print("|---|---|---|---|")
    canon = store_canon()
    for part in ("dev", "test"):
        for label, clusters in (("same-as clusters (as the store)", canon), ("list entries", None)):
            whole, cross = story_scores([i for i in items if i.part == part], clusters)
            print(f"| {part} | {label} | {fmt(whole)} | {fmt(cross)} |")
    for part in ("dev", "test"):
        missed, wrong = errors([i for i in items if i.part == part], screener)
        print(f"\nhand gold, {part}: {len(missed)} missed, {len(wrong)} wrong links")
        for label, lines in (("missed", missed), ("wrong", wrong)):
            print("".join(f"  {label:<7} {line}\n" for line in lines), end="")


def speed(items: list[Labelled], passes: int) -> None:
    """Warm French extraction speed in this process (linking included), median over ``passes``: CPU time per
    report (``time.process_time``: what the other engineers' load does not change) and its split over the
    stages, the wall rate, and the load average while it ran (wall time on a shared machine measures the load)."""
    import os

    from kenning.matching import Screener
    from kenning.news.pipeline import extract

    french = [i.article for i in items if i.lang == "fr"]
    screener = Screener.open()
    extract(french[0], screener)
    rates, cpus, stages = [], [], []
    load = os.getloadavg()[0]
    for _ in range(passes):
        started, cpu = time.perf_counter(), time.process_time()
        results = [extract(article, screener) for article in french]
        cpus.append(1000 * (time.process_time() - cpu) / len(french))
        rates.append(len(french) / (time.perf_counter() - started))
        stages.append({k: 1000 * sum(r.timings.get(f"cpu_{k}", 0.0) for r in results) / len(french)
                       for k in ("nlp", "link", "events")})
    load = max(load, os.getloadavg()[0])
    cpu_ms = statistics.median(cpus)
    split = ", ".join(f"{k} {statistics.median(s[k] for s in stages):.0f}" for k in ("nlp", "link", "events"))
    print(f"\nFrench extraction, warm, one process, median of {passes} passes over {len(french)} reports: "
          f"{cpu_ms:.0f} ms CPU per report ({split}), i.e. {1000 / cpu_ms:.1f} reports/s per core by CPU time; "
          f"wall {statistics.median(rates):.1f} reports/s at a load average up to {load:.1f} on "
          f"{os.cpu_count()} cores")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="pipeline results file (default: under KENNING_HOME)")
    parser.add_argument("--no-cache", action="store_true", help="extract every report again, keep nothing")
    parser.add_argument("--speed", type=int, default=0, metavar="N", help="passes of the speed measure")
    parser.add_argument("--write-split", action="store_true", help="write bench/data/multilingual_split.csv")
    args = parser.parse_args(argv)
    if args.write_split:
        write_split()
        return 0
    items = load(args.cache, use_cache=not args.no_cache)
    report(items)
    if args.speed:
        speed(items, args.speed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
