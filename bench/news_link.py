"""News linking: are the people and organisations of a report linked to the right list entries, and fast?

Usage: ``python -m bench.news_link [--texts DIR] [--unlabeled DIR] [--show]``.

Three tables:

1. **Seeds** (``data/news/seeds``, ``gold.json``): precision and recall of person and organisation links.
   A predicted link is a (gold party, list entry) pair from the mentions of that party; a link to an
   entry of ``also_acceptable`` counts as right but is not required; any link of an unlisted party
   (Blinken, Nelson, HRW...) or of a mention that is no gold party is wrong.
2. **Treasury press releases** (``data/news/treasury_press``): precision of links. A link (one listed
   entry per party per release) is right when its entry is one of the release's gold designees (or
   listed as the same party as one), or when the release states one of the entry's listed names in full
   (the fullest form of the mention equals a listed name, word for word after normalisation: e.g. an
   earlier designee named in the text). Others are "unverified"; ``--show`` prints them for checking by
   hand (the module docstring records the last hand check).
3. **Speed**: CPU milliseconds per article for ``annotate`` and ``link`` (one BLAS thread), articles per
   CPU second, the one-off costs (model, list ruler, screener), on every text (labelled and
   ``--unlabeled`` releases).

Linking needs a loaded store (``KENNING_HOME``, default ``/tmp/kenning-bench-home``; the bundled lists are
loaded and cross-linked first when it is empty).

Last run (2 cores; store of the bundled lists, kenning-v1 matcher, cross-list links from
``relink``):

| set | P | R | links |
|-----|---|---|-------|
| seeds, persons | 1.000 | 1.000 | 13 right, 0 wrong |
| seeds, organisations | 1.000 | 1.000 | 4 right, 0 wrong |
| Treasury, verified automatically | 0.955 | 611/636 gold designees linked | 1,300 (927 gold, 315 named in full) |

Hand check of the 58 unverified Treasury links (``--show``): 57 right (earlier designees named by
surname with strong context, "Putin" in "Russian President Putin"; spelling variants such as
"Kosykhina"/KOSIKHINA; aliases such as "KTJ"; the same party on another list) and 1 doubtful ("PCC" →
IRAN PETROCHEMICAL COMMERCIAL COMPANY), so about 0.999 with the automatic verdicts trusted. Wrong links
seen and fixed on the way: "Ministry of Defense of the Russian Federation" linked to its subordinate
units, "Jorge Alberto" to three men with those given names, "Choe Song Chol" to "JO, Chol Song",
"Sberbank" to the Kazakh subsidiary, "Bashar" to "Bushra", acronyms such as "CGN" and "STS". Of a random
60 of the 570 links on the 55 unlabeled releases, 2 were doubtful ("Scoglitti Restaurant" → PORTICELLO
RESTAURANT, "People's Liberation Army" of Sudan → SHINING PATH).

Speed, CPU ms per article (one process, one BLAS thread): NLP median 84 (labelled) and 74 (unlabeled),
linking median 19-22 with caches cold; releases of up to 60 KB take up to 1.4 s in all.
"""

from __future__ import annotations

import os

# One BLAS thread: the speed is per process, as when `kenning news extract` runs one worker per core.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import REPO
from bench.screening_common import use_home
from kenning.names import analyze, normalize
from kenning.news.article import Article
from kenning.news.ingest.collect import ingest_file
from kenning.news.model import ArticleResult, Mention

DATA = REPO / "data" / "news"
SHARED = REPO.parent / "shared" / "data" / "news" / "treasury_press" / "unlabeled"


def _ids(entry: dict[str, Any]) -> set[str]:
    out = set()
    if "us_ofac" in entry:
        out.add(f"us_ofac_sdn-{entry['us_ofac']}")
    if "gb_ofsi" in entry:
        out.add(f"gb_ofsi-{entry['gb_ofsi']}")
    return out


def _acceptable(entry: dict[str, Any]) -> set[str]:
    extra = entry.get("also_acceptable", {})
    return {f"{'us_ofac_sdn' if k == 'us_ofac' else k}-{v}" for k, values in extra.items() for v in values}


@dataclass
class Counts:
    """Link counts of one kind (persons or organisations)."""

    right: int = 0
    wrong: int = 0
    missed: int = 0
    errors: list[str] = field(default_factory=list)

    def row(self, label: str) -> list[str]:
        p = self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0
        r = self.right / (self.right + self.missed) if self.right + self.missed else 1.0
        return [label, f"{p:.3f}", f"{r:.3f}", str(self.right), str(self.wrong), str(self.missed)]


def _party_of(mention: Mention, parties: list[dict[str, Any]]) -> dict[str, Any] | None:
    words = set(normalize(mention.refers_to or mention.text).split())
    for party in parties:
        gold = set(normalize(party["name"]).split())
        if gold <= words or (len(words) == 1 and words <= gold):
            return party
    return None


def score_seeds(results: list[ArticleResult], gold: dict[str, Any]) -> dict[str, Counts]:
    """Person and organisation link precision/recall against ``gold.json`` (per article)."""
    counts = {"PERSON": Counts(), "ORG": Counts()}
    kinds = {"PERSON": gold["people"], "ORG": gold["organisations"]}
    for result in results:
        text = set(re.findall(r"\w+", result.article.text.lower()))
        for label, parties in kinds.items():
            predicted: dict[str, set[str]] = {}
            for mention in (m for m in result.mentions if m.label == label and m.links):
                party = _party_of(mention, parties)
                key = party["name"] if party else f"<{mention.text}>"
                predicted.setdefault(key, set()).update(link.id for link in mention.links)
            for party in parties:
                if normalize(party["name"]).split()[-1] not in text:
                    continue
                want, fine = _ids(party), _ids(party) | _acceptable(party)
                got = predicted.pop(party["name"], set())
                counts[label].right += len(got & fine)
                counts[label].wrong += len(got - fine)
                counts[label].missed += len(want - got)
                counts[label].errors += [f"{party['name']}: wrong {i}" for i in sorted(got - fine)]
                counts[label].errors += [f"{party['name']}: missed {i}" for i in sorted(want - got)]
            for key, ids in predicted.items():
                counts[label].wrong += len(ids)
                counts[label].errors += [f"{key}: wrong {i}" for i in sorted(ids)]
    return counts


@dataclass
class Judged:
    """Links of the Treasury releases by verdict."""

    gold: int = 0
    named: int = 0
    unverified: list[str] = field(default_factory=list)
    #: Gold designees of all releases, and those some mention of their release links to.
    designees: int = 0
    designees_linked: int = 0

    @property
    def total(self) -> int:
        return self.gold + self.named + len(self.unverified)


def name_key(name: str, schema: str) -> tuple[str, ...]:
    return tuple(sorted(analyze(name, schema).canonical))


def listed_names(store: Any, entity_id: str) -> set[tuple[str, ...]]:
    entity = store.get_entity(entity_id)
    if entity is None:
        return set()
    schema = entity.schema.name
    return {name_key(v, schema) for p in ("name", "alias", "previousName") for v in entity.get(p, quiet=True)}


def judge_treasury(results: list[ArticleResult], gold: dict[str, set[int]], screener: Any, store: Any) -> Judged:
    """Each distinct (release, party, entry) link judged as gold, named in full, or unverified."""
    judged = Judged()
    for result in results:
        sdn = {f"us_ofac_sdn-{n}" for n in gold.get(Path(result.article.source).name, set())}
        linked_ids = {k.id for m in result.mentions for k in m.links}
        judged.designees += len(sdn)
        judged.designees_linked += len(sdn & linked_ids)
        designees = sdn | {other for d in sdn for other in screener.same_as(d)}
        seen: set[tuple[str, str]] = set()
        for mention in (m for m in result.mentions if m.links):
            name = mention.refers_to or mention.text
            schema = "Person" if mention.label == "PERSON" else "Organization"
            for link in mention.links:
                if (name, link.id) in seen:
                    continue
                seen.add((name, link.id))
                group = {link.id, *screener.same_as(link.id)}
                if link.id in designees:
                    judged.gold += 1
                elif any(name_key(name, schema) in listed_names(store, i) for i in group):
                    judged.named += 1
                else:
                    why = "; ".join(link.evidence.get("confirmed_by", [])) or link.evidence.get("context", "")
                    judged.unverified.append(f"{Path(result.article.source).name}: {name!r} -> {link.id} "
                                             f"{link.caption!r} ({link.score:.2f}; {why})")
    return judged


def run(articles: list[Article], screener: Any) -> tuple[list[ArticleResult], list[tuple[float, float]]]:
    """Annotate and link each article, timing both stages in CPU seconds of this process (the machines
    these run on are shared; CPU time does not count the waits for other processes)."""
    from kenning.news.link.linker import link
    from kenning.news.nlp.annotation import annotate

    results, times = [], []
    for article in articles:
        started = time.process_time()
        result = annotate(article)
        annotated = time.process_time()
        link(result, screener)
        times.append((annotated - started, time.process_time() - annotated))
        results.append(result)
    return results, times


def _table(title: str, header: list[str], rows: Iterable[list[str]]) -> None:
    print(f"\n{title}")
    rows = [header, *rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for n, row in enumerate(rows):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def _setup() -> tuple[Any, Any, dict[str, float]]:
    use_home()
    from kenning.matching import Screener
    from kenning.matching.service import relink
    from kenning.news.nlp.annotation import resources
    from kenning.store import Store

    costs = {}
    store = Store()
    started = time.perf_counter()
    screener = Screener.open()
    if not any(screener.same_as(i) for i in ("us_ofac_sdn-22543", "gb_ofsi-15033")):
        relink(store, screener)
        screener = Screener.open()
    costs["screener open"] = time.perf_counter() - started
    started = time.perf_counter()
    res = resources()
    costs["model + gazetteer + list ruler"] = time.perf_counter() - started
    costs[f"list ruler ({res.names.source})"] = res.names.seconds
    return screener, store, costs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.news_link", description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, default=DATA / "treasury_press")
    parser.add_argument("--unlabeled", type=Path, default=SHARED)
    parser.add_argument("--show", action="store_true", help="print every error and unverified link")
    args = parser.parse_args(argv)
    screener, store, costs = _setup()
    seeds = [ingest_file(p) for p in sorted((DATA / "seeds").glob("*.txt"))]
    seed_results, seed_times = run(seeds, screener)
    counts = score_seeds(seed_results, json.loads((DATA / "seeds" / "gold.json").read_text()))
    _table("Seeds: links against gold.json", ["kind", "P", "R", "right", "wrong", "missed"],
           [counts["PERSON"].row("persons"), counts["ORG"].row("organisations")])
    gold = {}
    for line in (args.texts / "gold.jsonl").read_text().splitlines():
        row = json.loads(line)
        gold[row["file"]] = {d["ent_num"] for d in row["designees"]}
    files = sorted((args.texts / "texts").glob("*.txt"))
    treasury_results, treasury_times = run([ingest_file(p) for p in files], screener)
    judged = judge_treasury(treasury_results, gold, screener, store)
    verified = judged.gold + judged.named
    _table("Treasury releases: link precision (and gold designees linked)",
           ["links", "gold designee", "named in full", "unverified", "P (verified)", "designees linked"],
           [[str(judged.total), str(judged.gold), str(judged.named), str(len(judged.unverified)),
             f"{verified / judged.total:.3f}" if judged.total else "-",
             f"{judged.designees_linked}/{judged.designees}"]])
    unlabeled = sorted(args.unlabeled.glob("*.txt")) if args.unlabeled.is_dir() else []
    _, unlabeled_times = run([ingest_file(p) for p in unlabeled], screener)
    rows = []
    for label, times in (("seeds", seed_times), ("treasury (labelled)", treasury_times),
                         ("treasury (unlabeled)", unlabeled_times)):
        if not times:
            continue
        nlp, link = [t[0] for t in times], [t[1] for t in times]
        total = sum(nlp) + sum(link)
        rows.append([label, str(len(times)), f"{statistics.median(nlp) * 1000:.0f}",
                     f"{statistics.median(link) * 1000:.0f}", f"{max(n + k for n, k in times) * 1000:.0f}",
                     f"{len(times) / total:.1f}"])
    _table("Speed (one process, one BLAS thread; CPU ms per article)",
           ["set", "articles", "nlp median", "link median", "max total", "articles/s"], rows)
    _table("One-off costs (s)", ["what", "seconds"], [[k, f"{v:.2f}"] for k, v in costs.items()])
    if args.show:
        for kind, count in counts.items():
            for error in count.errors:
                print(f"seeds {kind}: {error}")
        for line in judged.unverified:
            print(f"unverified: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
