"""Speed of kenning.names.analyze on every name and alias of the bundled OFAC SDN list.

Reads ``data/lists/us_ofac/sdn.csv`` (column 2: the name; column 3: the type) and ``alt.csv``
(column 4: the alias, typed by its entry) directly with the csv module, then analyses each name
with the schema its entry's type gives. Prints names per second for a cold pass (empty caches:
ICU, tables and per-token caches are filled on the way) and a warm pass (per-token caches full).

    python -m bench.names_speed [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

from kenning import settings
from kenning.names import analyze

SCHEMAS = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}


def _clean(value: str) -> str:
    value = value.strip().strip("\x1a").strip()
    return "" if value == "-0-" else value


def load_names(folder: Path) -> list[tuple[str, str]]:
    """``(name, schema)`` of every SDN entry and alias (aliases of unknown entries as LegalEntity)."""
    types: dict[str, str] = {}
    names: list[tuple[str, str]] = []
    with (folder / "sdn.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) < 3 or not _clean(row[1]):
                continue
            schema = SCHEMAS.get(_clean(row[2]), "LegalEntity")
            types[row[0].strip()] = schema
            names.append((_clean(row[1]), schema))
    with (folder / "alt.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) >= 4 and _clean(row[3]):
                names.append((_clean(row[3]), types.get(row[0].strip(), "LegalEntity")))
    return names


def run(names: list[tuple[str, str]]) -> float:
    """Seconds to analyse every name once."""
    start = time.perf_counter()
    for name, schema in names:
        analyze(name, schema)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="warm passes (the best is reported)")
    args = parser.parse_args(argv)
    folder = settings.DATA_DIR / "lists" / "us_ofac"
    names = load_names(folder)
    cold = run(names)
    warm = min(run(names) for _ in range(max(1, args.repeat)))
    weak_only = sum(analyze(n, s).is_weak_only for n, s in names)
    print(f"{'pass':<6} {'names':>8} {'seconds':>9} {'names/s':>10}")
    print(f"{'cold':<6} {len(names):>8} {cold:>9.3f} {len(names) / cold:>10,.0f}")
    print(f"{'warm':<6} {len(names):>8} {warm:>9.3f} {len(names) / warm:>10,.0f}")
    print(f"weak-only names: {weak_only}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
