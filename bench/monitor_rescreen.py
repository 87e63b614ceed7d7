"""Re-screen and news latency on a store ``bench.monitor`` already screened, repeatable and side by side.

    python -m bench.monitor_rescreen --home DIR [--base SDN.csv] [--updates 2] [--news 5]

``bench.monitor`` takes an hour at 100,000 customers on a shared machine (the initial screen); this bench
reuses its store (copy it first: each update is loaded into it) and measures only what the goals of
monitoring name: the run after a 100-entry list update (40 entries amended, 30 delisted, 30 added from the
2024 list; each update made from the previous one, so every one is a new version) and the adverse-media
alert latency of Treasury releases (on a store an earlier run of this bench already added them to, they are
matched again: their marks of having been matched are removed first). Each figure is wall time and CPU
time (this process and its worker processes), since other sessions' load inflates wall time several
times; the run's counts (customers and pairs scored) show the work does not follow the portfolio. To
compare code versions, run it on two copies of one store with ``PYTHONPATH`` pointing at each version's
``src``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "lists" / "us_ofac"
PRESS = Path(__file__).resolve().parents[1] / "data" / "news" / "treasury_press" / "texts"


def cpu() -> float:
    """CPU seconds of this process and its waited-for children (the run's worker pool)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def update(base: Path, out: Path, offset: int, word: bytes = b" REVISED") -> Path:
    """``base`` with exactly 100 entries changed, spread evenly over the file: 40 amended (``word`` added to
    the name), 30 removed, and 30 added (the first rows of the 2024 list it lacks); ``offset`` moves the
    picks."""
    rows = [r for r in base.read_bytes().rstrip(b"\x1a").split(b"\r\n") if r]
    ids = {r.split(b",", 1)[0] for r in rows}
    newer = (SHARED / "sdn.csv").read_bytes().rstrip(b"\x1a").split(b"\r\n")
    added = [r for r in newer if r and r.split(b",", 1)[0] not in ids][:30]
    step = len(rows) // 70
    picked = [n * step + step // 2 + offset for n in range(70)]
    amended = {row for n, row in enumerate(picked) if n % 7 < 4}
    removed = set(picked) - amended
    assert len(amended) == 40 and len(removed) == 30 and len(added) == 30
    kept = [r.replace(b'","', word + b'","', 1) if n in amended else r for n, r in enumerate(rows) if n not in removed]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"\r\n".join(kept + added) + b"\r\n\x1a")
    return out


def _rescreen(store: Any, path: Path, workers: int) -> dict[str, Any]:
    from kenning.monitor.run import run_monitor
    from kenning.store.service import load_lists

    load_lists(store, "us_ofac_sdn", [path], check_counts=False, show_progress=False)
    wall, used = time.perf_counter(), cpu()
    report = run_monitor(store, workers=workers, show_progress=False)
    return {"wall_s": round(time.perf_counter() - wall, 2), "cpu_s": round(cpu() - used, 2),
            "entries": report.changed_entries, "alerts": report.alerts,
            "customers_scored": report.customers_screened, "pairs_scored": getattr(report, "pairs_scored", None)}


def _news(store: Any, count: int) -> list[dict[str, Any]]:
    from kenning.matching import Screener
    from kenning.monitor.media import run_media
    from kenning.news.service import add_items

    screener = Screener.open()
    out = []
    for path in sorted(PRESS.glob("*.txt"))[-5 - count:-5]:
        added, _failed = add_items(store, [path], screener, workers=1, show_progress=False)
        stored = [a.article_id for a in added if a.article_id]
        again = not all(a.status == "added" for a in added)
        if again:  # stored by an earlier run of the bench on this store: matched again, as if just stored
            _forget_matched(store, stored)
        wall, used = time.perf_counter(), time.process_time()
        report = run_media(store, stored)
        out.append({"report": path.stem, "wall_s": round(time.perf_counter() - wall, 2),
                    "cpu_s": round(time.process_time() - used, 2), "alerts": report.alerts,
                    "articles": report.articles, "matched_again": again})
    return out


def _forget_matched(store: Any, article_ids: list[str]) -> None:
    """Remove the marks that these reports were matched against the portfolios, so that ``run_media`` does
    the whole work again (a report stored on an earlier run of the bench would otherwise measure nothing;
    its alerts exist already and are not raised twice, so it reports no new alert)."""
    from sqlalchemy import text

    with store.engine.begin() as conn:
        for article_id in article_ids:
            conn.execute(text("DELETE FROM monitor_media_done WHERE article_id = :a"), {"a": article_id})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, required=True, help="A store screened by bench.monitor (a copy).")
    parser.add_argument("--base", type=Path, help="The SDN file loaded last (default: bench.monitor's 100-entry "
                        "file next to the home).")
    parser.add_argument("--updates", type=int, default=2)
    parser.add_argument("--news", type=int, default=5, help="Treasury releases to add (before the 5 bench.monitor "
                        "adds).")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    os.environ["KENNING_HOME"] = str(args.home)
    from kenning import settings

    settings.reload()
    from kenning.monitor.storage.reads import customer_count
    from kenning.store import Store

    store = Store()
    base = args.base or args.home.parent / "sdn-100" / "sdn.csv"
    figures: dict[str, Any] = {"customers": customer_count(store), "rescreen": [], "news": []}
    for n in range(args.updates):
        base = update(base, args.home.parent / f"{args.home.name}-update-{n}" / "sdn.csv", 11 + 12 * n)
        figures["rescreen"].append(_rescreen(store, base, args.workers))
        print(json.dumps(figures["rescreen"][-1]), file=sys.stderr, flush=True)
    figures["news"] = _news(store, args.news)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
