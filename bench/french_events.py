"""The French event reader on generated sanctions sentences (:mod:`bench.french_events_data`), dev and test.

Usage: ``python -m bench.french_events [--per-shape N] [--lists] [--show dev|test] [--by-shape]``.

Each case is read as a one-paragraph French report published on its publication date, through the French NLP
(``KENNING_NEWS_FR_MODEL``, md by default; without ``--lists`` no list ruler, so names are found by
the model alone) and the
events stage. Per part:

* **found** — the case gives at least one action that is not background;
* **authority** — the action with the most expected targets names the expected authority;
* **date** — that action is dated to the expected day;
* **targets** — P/R/F1 of the target names of all actions against the expected names (a name matches when
  one, lower-cased without accents, contains the other);
* **whole** — found, authority, date and exactly the expected targets.

``--by-shape`` adds a row per shape and per date phrase; ``--show PART`` prints that part's failed cases
(look at the test part only to classify errors, never to add rules).
"""

from __future__ import annotations

import argparse
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bench.french_events_data import Case, cases
from kenning.news.article import Article
from kenning.news.events.extract import extract_events
from kenning.news.model import SanctionEvent
from kenning.news.nlp.french import annotate_french, french_resources, load_french
from kenning.news.nlp.gazetteer import gazetteer
from kenning.news.nlp.models import Resources
from kenning.news.nlp.ruler import ListNames


@dataclass(frozen=True)
class Scored:
    case: Case
    found: bool
    authority: bool
    date: bool
    hits: int
    got: int
    whole: bool
    seen: str


def plain_name(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))


def _matches(got: str, want: str) -> bool:
    a, b = plain_name(got), plain_name(want)
    return a in b or b in a


def score(case: Case, events: Sequence[SanctionEvent]) -> Scored:
    kept = [e for e in events if not e.background]
    names = sorted({t.name for e in kept for t in e.targets if t.name})
    hits = sum(any(_matches(n, w) for n in names) for w in case.targets)
    right = sum(any(_matches(n, w) for w in case.targets) for n in names)
    best = max(kept, key=lambda e: sum(any(_matches(t.name or "", w) for t in e.targets) for w in case.targets),
               default=None)
    authority = best is not None and best.authority == case.authority
    date = best is not None and best.date == case.date
    exact = hits == len(case.targets) and right == len(names)
    seen = "; ".join(f"{e.authority} {e.date} {[t.name for t in e.targets]}{' bg' if e.background else ''}"
                     for e in events)
    return Scored(case, bool(kept), authority, date, hits, len(names), bool(kept) and authority and date and exact,
                  seen or "no event")


def run(items: Iterable[Case], lists: bool = False) -> list[Scored]:
    """Score every case; ``lists``: with the list ruler of the configured store (``KENNING_HOME``)."""
    res = (french_resources() if lists
           else Resources(load_french(), gazetteer("fr"), ListNames("none"), frozenset(), {}, "fr"))
    out = []
    for case in items:
        article = Article.create(case.text, f"{case.shape}.txt", language="fr", published=case.published,
                                 published_source="header")
        out.append(score(case, extract_events(annotate_french(article, res)).events))
    return out


def _row(label: str, rows: Sequence[Scored]) -> str:
    n = len(rows)
    hits, got, wanted = sum(r.hits for r in rows), sum(r.got for r in rows), sum(len(r.case.targets) for r in rows)
    p, r = (hits / got if got else 1.0), (hits / wanted if wanted else 1.0)
    f1 = 2 * p * r / (p + r) if p + r else 0.0

    def rate(flag: str) -> str:
        return f"{sum(getattr(s, flag) for s in rows) / n:.2f}"
    return (f"| {label} | {n} | {rate('found')} | {rate('authority')} | {rate('date')} | "
            f"{f1:.2f} ({p:.2f} / {r:.2f}) | {rate('whole')} |")


def report(scored: Sequence[Scored], by_shape: bool) -> None:
    print("| part | cases | found | authority | date | targets F1 (P / R) | whole |")
    print("|---|---|---|---|---|---|---|")
    for part in ("dev", "test"):
        print(_row(part, [s for s in scored if s.case.part == part]))
    if not by_shape:
        return
    for kind in ("shape", "date_form"):
        print(f"\n| {kind} | cases | found | authority | date | targets F1 (P / R) | whole |")
        print("|---|---|---|---|---|---|---|")
        keys = sorted({(s.case.part, getattr(s.case, kind)) for s in scored})
        for part, key in keys:
            print(_row(f"{part}: {key}", [s for s in scored if (s.case.part, getattr(s.case, kind)) == (part, key)]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-shape", type=int, default=16, help="cases generated per shape")
    parser.add_argument("--by-shape", action="store_true", help="a row per shape and per date phrase")
    parser.add_argument("--lists", action="store_true",
                        help="with the list ruler of the store under KENNING_HOME (the names are listed ones)")
    parser.add_argument("--show", choices=("dev", "test"), help="print the failed cases of this part")
    args = parser.parse_args(argv)
    started = time.process_time()
    scored = run(cases(args.per_shape), args.lists)
    report(scored, args.by_shape)
    print(f"\n{len(scored)} cases, {1000 * (time.process_time() - started) / len(scored):.0f} ms CPU per case")
    for s in scored:
        if args.show == s.case.part and not s.whole:
            print(f"\n[{s.case.shape} / {s.case.date_form}] {s.case.text}\n  want {s.case.authority} "
                  f"{s.case.date} {list(s.case.targets)} (published {s.case.published})\n  got  {s.seen}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
