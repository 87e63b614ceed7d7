"""The story dev set: real articles from many outlets labelled by the event they report, split once.

Two corpora under ``../shared/data/news/stories_dev`` (see their PROVENANCE): ``giveme5w1h_newscluster``
(381 articles, 69 events of world, business, tech and entertainment news) and ``gvc_gunviolence`` (510
local reports of 241 shooting incidents, hard on purpose: many alike incidents in one city and month).

The split is by event, so no event has reports on both sides: an event is *test* when the first 8 hex
digits of ``sha256("<corpus>/<event>")`` are divisible by 3, else *dev*. ``bench/data/stories_split.csv``
holds the result (written once by ``python -m bench.stories_dev --write-split``, committed; the bench
refuses to run when the data and the file disagree). Tuning uses the dev part only.

Reports run through the real pipeline (linking needs ``KENNING_HOME`` with loaded lists); the results
are cached (``--cache``, by default under ``KENNING_HOME``) since extraction is the slow part.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import REPO
from kenning import settings
from kenning.news.article import Article
from kenning.news.codec import result_from_dict
from kenning.news.ingest.collect import ingest_file
from kenning.news.model import ArticleResult

__all__ = ["CORPORA", "SPLIT_FILE", "Labelled", "extract_cached", "load", "split_of", "write_split"]

STORIES_DEV = REPO.parent / "shared" / "data" / "news" / "stories_dev"
CORPORA = ("giveme5w1h_newscluster", "gvc_gunviolence")
SPLIT_FILE = REPO / "bench" / "data" / "stories_split.csv"


@dataclass(frozen=True)
class Labelled:
    """One article of the dev set: its corpus, part, gold event and pipeline result."""

    corpus: str
    part: str
    event: str
    result: ArticleResult


def split_of(corpus: str, event: str) -> str:
    """``test`` or ``dev`` by the hash rule of the module docstring."""
    digest = int(hashlib.sha256(f"{corpus}/{event}".encode()).hexdigest()[:8], 16)
    return "test" if digest % 3 == 0 else "dev"


def _gold(corpus: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((STORIES_DEV / corpus / "gold.json").read_text(encoding="utf-8"))
    return data


def write_split() -> None:
    """Write ``stories_split.csv``: one row per event (corpus, event, part)."""
    with SPLIT_FILE.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["corpus", "event", "part"])
        for corpus in CORPORA:
            for event in sorted(set(_gold(corpus).values())):
                writer.writerow([corpus, event, split_of(corpus, event)])


def _split() -> dict[tuple[str, str], str]:
    with SPLIT_FILE.open(encoding="utf-8", newline="") as handle:
        return {(row["corpus"], row["event"]): row["part"] for row in csv.DictReader(handle)}


_SOURCE_SUFFIXES = {".py", ".pyx", ".yml", ".yaml", ".json", ".txt", ".csv", ".tsv"}


def code_fingerprint() -> str:
    """A digest of the pipeline's source and data files (``src/kenning``): results cached by another version
    of the code are not reused (a bench run after a change would otherwise print the old results)."""
    digest = hashlib.sha256()
    root = REPO / "src" / "kenning"
    for path in sorted(p for p in root.rglob("*") if p.suffix in _SOURCE_SUFFIXES and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _read_cache(cache: Path | None, code: str) -> dict[str, Any]:
    if cache is None or not cache.exists():
        return {}
    found = json.loads(cache.read_text(encoding="utf-8"))
    if not isinstance(found, dict) or found.get("code") != code:
        print(f"{cache}: made by other code (or an older bench), extracting again", file=sys.stderr)
        return {}
    results: dict[str, Any] = found.get("results", {})
    return results


def extract_cached(articles: list[Article], cache: Path | None) -> dict[str, Any]:
    """Pipeline results (``ArticleResult.to_dict``) by article id, extracting only what ``cache`` lacks
    (None: no cache file, everything extracted and nothing kept). The cache holds the code fingerprint
    it was made with and is used only by the same code."""
    code = code_fingerprint()
    stored = _read_cache(cache, code)
    todo = [a for a in articles if a.id not in stored]
    if todo:
        from kenning.matching import Screener
        from kenning.news.service import extract_isolated

        print(f"extracting {len(todo)} reports" + (f" (cached in {cache})" if cache else ""), file=sys.stderr)
        results, failures = extract_isolated(todo, Screener.open(), workers=2)
        for failure in failures:
            print(f"not extracted: {failure.item}: {failure.message}", file=sys.stderr)
        stored.update({r.article.id: r.to_dict() for r in results})
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps({"code": code, "results": stored}), encoding="utf-8")
    return stored


def _extract(paths: list[Path], cache: Path) -> dict[str, Any]:
    articles = [ingest_file(p) for p in paths]
    stored = extract_cached(articles, cache)
    return {str(p): (a, stored.get(a.id)) for p, a in zip(paths, articles, strict=True)}


def load(cache: Path | None = None) -> list[Labelled]:
    """Every labelled article with its part and pipeline result (the split file must match the data)."""
    split = _split()
    cache = cache or settings.HOME / "bench" / "stories_dev_results.json"
    wanted = [(corpus, STORIES_DEV / corpus / name, event) for corpus in CORPORA
              for name, event in sorted(_gold(corpus).items())]
    for corpus, _path, event in wanted:
        part = split.get((corpus, event))
        if part != split_of(corpus, event):
            raise SystemExit(f"{SPLIT_FILE}: event {corpus}/{event} is {part!r} there, "
                             f"{split_of(corpus, event)!r} by the rule")
    extracted = _extract([path for _c, path, _e in wanted], cache)
    found = []
    for corpus, path, event in wanted:
        article, stored = extracted[str(path)]
        if stored is not None:
            found.append(Labelled(corpus, split[(corpus, event)], f"{corpus}/{event}",
                                  result_from_dict(article, stored)))
    return found
