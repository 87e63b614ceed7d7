"""The same OFAC publication read from its different official formats: do they give the same parties?

    python -m bench.list_formats

Compares the listed parties (id and every FtM property) of OFAC's consolidated list read from the bundled
legacy CSV (``data/lists/us_ofac/cons_*.csv``) and from OFAC's CONSOLIDATED.XML of 2026-01-08 (the same 442
entries; ``tests/fixtures/lists/us_ofac/xml/CONSOLIDATED.XML.gz``), and the four parties of the SDN advanced
XML extract against the bundled ``sdn.csv``. Parties are split once by a hash of their id into a dev part
and a test part (1 in 5), reported side by side. Honest note: every difference of both parts was inspected
when the XML readers were written (each lies in the files themselves, see ``tests/sources/test_ofac_xml.py``),
so today the split guards future tuning rather than measuring held-out error. Prints the share of parties
read identically per part, the properties that differ, and each format's parse speed (after a warm-up).
"""

from __future__ import annotations

import gzip
import hashlib
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from kenning.sources.detect import group_paths
from kenning.store.loader import Publication, parse_publication

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "lists" / "us_ofac"


def split(entity_id: str) -> str:
    """``test`` for one id in five (by a stable hash), else ``dev``."""
    return "test" if int(hashlib.sha256(entity_id.encode()).hexdigest(), 16) % 5 == 0 else "dev"


def _props(pub: Publication) -> dict[str, dict[str, list[str]]]:
    return {str(e.id): {k: sorted(v) for k, v in e.to_dict()["properties"].items()} for e in pub.targets}


def compare(a: Publication, b: Publication, ignore: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Per part: parties in both, parties read identically (``ignore``: properties only one format has)."""
    left, right = _props(a), _props(b)
    out: dict[str, Any] = {"only_one": sorted(set(left) ^ set(right)), "props": Counter()}
    for part in ("dev", "test"):
        ids = [i for i in left if i in right and split(i) == part]
        same = 0
        for i in ids:
            diff = {k for k in set(left[i]) | set(right[i]) if k not in ignore and left[i].get(k) != right[i].get(k)}
            same += not diff
            out["props"].update(diff)
        out[part] = (same, len(ids))
    return out


def _timed(dataset: str, files: dict[str, Path]) -> tuple[Publication, float]:
    started = time.perf_counter()
    pub = parse_publication(dataset, files, check_counts=False)
    return pub, time.perf_counter() - started


def main() -> None:
    data = REPO / "data" / "lists" / "us_ofac"
    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp) / "CONSOLIDATED.XML"
        xml.write_bytes(gzip.decompress((FIXTURES / "xml" / "CONSOLIDATED.XML.gz").read_bytes()))
        _timed("us_ofac_cons", group_paths([data / "cons_prim.csv"])["us_ofac_cons"])  # warm-up: grammar, imports
        cons_csv, csv_s = _timed("us_ofac_cons", group_paths([data / "cons_prim.csv"])["us_ofac_cons"])
        cons_xml, xml_s = _timed("us_ofac_cons", {"main": xml})
    sdn_csv, _ = _timed("us_ofac_sdn", group_paths([data / "sdn.csv"])["us_ofac_sdn"])
    advanced, adv_s = _timed("us_ofac_sdn", {"main": FIXTURES / "advanced" / "sdn_advanced_2026-09-09.xml"})
    rows = [("consolidated: CSV vs legacy XML", compare(cons_csv, cons_xml)),
            ("SDN extract: CSV vs advanced XML", compare(sdn_csv, advanced, frozenset({"alias", "notes", "operator"})))]
    print(f"{'formats':<36}{'dev identical':>16}{'test identical':>16}   properties differing")
    for label, result in rows:
        cells = [f"{s}/{n} ({s / n:.1%})" if n else "-" for s, n in (result["dev"], result["test"])]
        props = ", ".join(f"{k} {v}" for k, v in result["props"].most_common()) or "none"
        print(f"{label:<36}{cells[0]:>16}{cells[1]:>16}   {props}")
    print("(advanced vs CSV ignores alias/notes/operator: the advanced XML adds original-script names; the extract "
          "lacks the operator's own entry)")
    only = len(rows[0][1]["only_one"]) + sum(1 for i in _props(advanced) if i not in _props(sdn_csv))
    print(f"parties in one format only: {only}")
    print(f"parse: consolidated CSV {len(cons_csv.targets) / csv_s:.0f} parties/s, legacy XML "
          f"{len(cons_xml.targets) / xml_s:.0f} parties/s; advanced XML extract {adv_s * 1000:.0f} ms for 4 parties")


if __name__ == "__main__":
    main()
