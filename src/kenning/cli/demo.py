"""``kenning demo``: the bundled lists and news in one store, and the seed story's reconciliation.

Steps, each skipped when its work is already done: load the bundled list snapshots (a file set stored
already is "unchanged"), link them across lists (only when a list changed or no links exist), add the
bundled news (``data/news/seeds/*.txt`` and ``data/news/treasury_press/texts/*.txt``; reports stored
already are recognised by their content hash before any model or index is opened), then reconcile the
story that holds the seed reports. A second run does nothing but read, so it is quick.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kenning import settings
from kenning.errors import StoreError
from kenning.news.ingest.collect import IngestFailure
from kenning.news.service import AddedArticle, add_items, story_report
from kenning.store import Store
from kenning.store.currency import relink_pending
from kenning.store.sameas import count_same_as

__all__ = ["DemoResult", "bundled_news", "run_demo"]

Say = Callable[[str], None]


@dataclass
class DemoResult:
    """What the demo did and the seed story's report."""

    lists: dict[str, str] = field(default_factory=dict)
    linked: int | None = None
    added: list[AddedArticle] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)
    story_id: str | None = None
    report: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"lists": self.lists, "linked": self.linked,
                "news": dict(Counter(a.status for a in self.added)),
                "failures": [f.to_dict() for f in self.failures], "story": self.story_id, "report": self.report}


def bundled_news(data_dir: Path | None = None) -> tuple[list[Path], list[Path]]:
    """The bundled seed reports and Treasury press releases (sorted paths)."""
    news = (data_dir or settings.DATA_DIR) / "news"
    return sorted((news / "seeds").glob("*.txt")), sorted((news / "treasury_press" / "texts").glob("*.txt"))


def _lists(store: Store, say: Say, show_progress: bool) -> tuple[dict[str, str], bool]:
    from kenning.store.service import load_lists

    results = load_lists(store, show_progress=show_progress)
    changed = any(r.status == "loaded" and r.current for r in results)
    for r in results:
        say(f"lists: {r.version.dataset} {r.status} (version {r.version.id}, {r.version.entity_count} entities)")
    return {r.version.dataset: r.status for r in results}, changed


def _link(store: Store, changed: bool, say: Say) -> int | None:
    with store.connect() as conn:
        links = count_same_as(conn)
    if links and not changed and not relink_pending(store):
        say(f"lists: {links} cross-list links already made")
        return None
    from kenning.matching.service import relink

    say("lists: linking parties across lists…")
    summary = relink(store)
    say(f"lists: {summary['links']} cross-list links")
    return int(summary["links"])


def _open_screener(say: Say) -> Any:
    def opener() -> Any:
        from kenning.matching import Screener

        say("news: opening the screening index and the language model…")
        return Screener.open()

    return opener


def run_demo(store: Store, *, say: Say | None = None, show_progress: bool = True, workers: int = 2,
             data_dir: Path | None = None) -> DemoResult:
    """Run the demo steps on ``store`` (see the module docstring); ``say`` prints progress lines."""
    tell = say or (lambda _line: None)
    out = DemoResult()
    out.lists, changed = _lists(store, tell, show_progress)
    out.linked = _link(store, changed, tell)
    seeds, press = bundled_news(data_dir)
    if not seeds:
        raise StoreError(f"no bundled seed reports under {(data_dir or settings.DATA_DIR) / 'news' / 'seeds'}")
    tell(f"news: {len(seeds)} seed reports and {len(press)} Treasury press releases")
    out.added, out.failures = add_items(store, [*seeds, *press], _open_screener(tell), workers=workers,
                                        show_progress=show_progress)
    counts = Counter(a.status for a in out.added)
    tell("news: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) +
         (f", {len(out.failures)} failed" if out.failures else ""))
    seed_sources = {str(p) for p in seeds}
    stories = Counter(a.story_id for a in out.added if a.item in seed_sources and a.story_id)
    if stories:
        out.story_id = stories.most_common(1)[0][0]
        out.report = story_report(store, out.story_id)
    return out
