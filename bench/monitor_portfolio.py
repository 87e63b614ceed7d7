"""The monitoring benchmark's portfolio: customers on no list, from name-frequency data, plus planted names.

Ordinary customers: a country drawn at random, then a given name and a surname of that country from the
``names-dataset`` package (its per-country rankings), each drawn with Zipf weights over the rank (1/rank), a
birth date between 1940 and 2005 and the country. Full names equal (after folding) to a listed name are
dropped, so no ordinary customer is literally on a list. Planted customers are the positives of the
screening dev set (``bench/data/screening_dev.jsonl``: aliases, typos, reorderings, initials, other
romanisations, organisation variants — dev and test part as split there), written as customers with the
case's birth date when it has one. Deterministic for a seed; the file is cached next to the store.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import random
import sys
import unicodedata
from pathlib import Path
from typing import Any

from bench.screening_common import read_cases

__all__ = ["make_portfolio", "planted_cases"]


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.lower())
    return " ".join(sorted("".join(c for c in text if c.isalnum() or c.isspace()).split()))


def _ranked(rng: random.Random) -> tuple[list[str], dict[str, tuple[list[str], list[float], list[str], list[float]]]]:
    from names_dataset import NameDataset

    data = NameDataset()
    firsts = data.get_top_names(n=400, use_first_names=True)
    lasts = data.get_top_names(n=400, use_first_names=False)
    out = {}
    for country in sorted(set(firsts) & set(lasts)):
        given = sorted(set(itertools.chain.from_iterable(firsts[country].values())), key=lambda x: x)
        rng.shuffle(given)
        surnames = list(lasts[country])
        out[country] = (given, _zipf(len(given)), surnames, _zipf(len(surnames)))
    return sorted(out), out


def _zipf(n: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (i + 1) for i in range(n)))


def _draw(rng: random.Random, items: list[str], cumulative: list[float]) -> str:
    return items[bisect.bisect_left(cumulative, rng.random() * cumulative[-1])]


def planted_cases(count: int, seed: int) -> list[Any]:
    """``count`` positives of the screening dev set, drawn evenly from each class."""
    cases = [c for c in read_cases() if c.expected]
    random.Random(seed).shuffle(cases)
    return cases[:count]


def make_portfolio(path: Path, customers: int, planted: int, listed: set[str], seed: int) -> list[Any]:
    """Write the portfolio CSV (unless it exists); returns the planted cases (customer ids ``p{n}``)."""
    cases = planted_cases(planted, seed)
    if path.exists():
        return cases
    rng = random.Random(seed)
    countries, names = _ranked(rng)
    print(f"names-dataset: {len(countries)} countries", file=sys.stderr)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["customer_id", "name", "schema", "birth_date", "country"])
        for n, case in enumerate(cases):
            q = case.query
            writer.writerow([f"p{n}", q["name"], q.get("schema", ""), q.get("birth_date", ""), ""])
        made = 0
        while made < customers - planted:
            country = rng.choice(countries)
            given, gw, surnames, sw = names[country]
            name = f"{_draw(rng, given, gw)} {_draw(rng, surnames, sw)}"
            if _fold(name) in listed:
                continue
            born = f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            writer.writerow([f"c{made}", name, "Person", born, country.lower()])
            made += 1
    return cases


def listed_names() -> set[str]:
    """Every listed name and alias of the current store, folded."""
    from bench.screening_common import load_parties

    parties, _ = load_parties()
    return {_fold(name) for p in parties.values() for _prop, name in p.names}


if __name__ == "__main__":
    import json
    import os

    out, customers, planted, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    os.environ.setdefault("KENNING_HOME", sys.argv[5])
    from kenning import settings

    settings.reload()
    make_portfolio(out, customers, planted, listed_names(), seed)
    print(json.dumps({"portfolio": str(out)}))
