"""The multilingual dev set: 49 French and English reports of three sanctions events and nearby distractors.

Data: ``../shared/data/news/multilingual_dev`` (``texts/``, ``gold.json``: report → event). The split is by
event, so no event has reports on both sides: an event is *test* when the first 8 hex digits of
``sha256("multilingual_dev/<event>")`` are even, else *dev*. That puts the seed event E1 (2023-07-24) and
two distractors on the dev side (24 reports), E3 (2023-05-25), E5 (2023-01-26) and three distractors on the
test side (25 reports). ``bench/data/multilingual_split.csv`` holds the result (written once by
``python -m bench.news_multilingual --write-split``, committed; the bench refuses to run when the data and
the file disagree). Tuning uses the dev part only.

The listed parties looked for (``bench/data/multilingual_parties.csv``): the designees of the three events
as the SDN list has them (E1's three officers and E3's Maslov first appear in the SDN additions on the event
day; E5 is the TCO designation of PMC Wagner), and Prigozhin and Putin, whom many reports name. A report's gold is every
party whose surname pattern occurs in its text (nothing typed in per report). ``same_party`` names other entries
whose own listed names prove them the party (an alias), never an entry added to fit the linker's output.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from bench import REPO
from bench.stories_data import extract_cached
from kenning import settings
from kenning.news.article import Article
from kenning.news.codec import result_from_dict
from kenning.news.ingest.collect import ingest_file
from kenning.news.model import ArticleResult

__all__ = ["DEV_SET", "EVENT_DATES", "PARTIES", "Labelled", "Party", "load", "split_of", "write_split"]

DEV_SET = REPO.parent / "shared" / "data" / "news" / "multilingual_dev"
SPLIT_FILE = REPO / "bench" / "data" / "multilingual_split.csv"
PARTIES_FILE = REPO / "bench" / "data" / "multilingual_parties.csv"
#: The day of each sanctions event of the set (its gold.json labels the reports by these names).
EVENT_DATES = {"E1": "2023-07-24", "E3": "2023-05-25", "E5": "2023-01-26"}


@dataclass(frozen=True)
class Party:
    """A listed party the reports name: its list id, caption, the pattern of its surname, its event, and the
    ids of other list entries whose own listed names make them this party (``same_party``: the UK's AFRICA
    CORPS entry lists the alias WAGNER GROUP, so a "groupe Wagner" linked to it is linked right)."""

    list_id: str
    caption: str
    pattern: re.Pattern[str]
    event: str | None
    same_party: frozenset[str] = frozenset()


def _parties() -> list[Party]:
    with PARTIES_FILE.open(encoding="utf-8", newline="") as handle:
        return [Party(r["list_id"], r["caption"], re.compile(r["pattern"]), r["designated_in"] or None,
                      frozenset(r["same_party"].split()))
                for r in csv.DictReader(handle)]


PARTIES = _parties()


@dataclass(frozen=True)
class Labelled:
    """One report: file name, language (from its file name), part, gold event, article and result."""

    name: str
    lang: str
    part: str
    event: str
    article: Article
    result: ArticleResult | None

    @property
    def named(self) -> set[str]:
        """List ids of the parties the report names (gold for linking)."""
        return {p.list_id for p in PARTIES if p.pattern.search(self.article.text)}

    @property
    def designees(self) -> set[str]:
        """List ids of the report's event's designees that it names (gold for event targets)."""
        return {p.list_id for p in PARTIES if p.event == self.event and p.pattern.search(self.article.text)}


def split_of(event: str) -> str:
    """``test`` or ``dev`` by the hash rule of the module docstring."""
    digest = int(hashlib.sha256(f"multilingual_dev/{event}".encode()).hexdigest()[:8], 16)
    return "test" if digest % 2 == 0 else "dev"


def gold() -> dict[str, str]:
    data: dict[str, str] = json.loads((DEV_SET / "gold.json").read_text(encoding="utf-8"))
    return data


def write_split() -> None:
    """Write ``multilingual_split.csv``: one row per event (event, part)."""
    with SPLIT_FILE.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["event", "part"])
        for event in sorted(set(gold().values())):
            writer.writerow([event, split_of(event)])


def _split() -> dict[str, str]:
    with SPLIT_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["event"]: row["part"] for row in csv.DictReader(handle)}


def articles() -> list[tuple[str, str, Article]]:
    """(file name, gold event, article) of every report, in file-name order."""
    return [(name, event, ingest_file(DEV_SET / "texts" / name)) for name, event in sorted(gold().items())]


def load(cache: Path | None = None, *, use_cache: bool = True) -> list[Labelled]:
    """Every report with its part and pipeline result (the split file must match the data)."""
    split = _split()
    for event in set(gold().values()):
        if split.get(event) != split_of(event):
            raise SystemExit(f"{SPLIT_FILE}: event {event} is {split.get(event)!r} there, "
                             f"{split_of(event)!r} by the rule")
    items = articles()
    cache = (cache or settings.HOME / "bench" / "multilingual_results.json") if use_cache else None
    stored = extract_cached([a for _n, _e, a in items], cache)
    out = []
    for name, event, article in items:
        data = stored.get(article.id)
        result = result_from_dict(article, data) if data is not None else None
        out.append(Labelled(name, name[:2], split[event], event, article, result))
    return out
