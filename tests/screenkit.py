"""Screening queries generated from the bundled lists (fixed seed), the way screening meets them: parts
reordered, dropped, mistyped, cut short, given as initials, run together; with and without a birth date and
a country; people, organisations and any kind of party; and names on no list."""

from __future__ import annotations

import random
from collections.abc import Iterator

from kenning.matching import Query, Screener

OTHER_PARTS = ("maria", "lopez", "john", "peterson", "global", "trading", "ahmed", "wei", "olga", "smirnova")


def _variant(rng: random.Random, name: str) -> str:
    parts = name.split()
    k = rng.randrange(len(parts))
    kind = rng.randrange(8)
    if kind == 0:
        rng.shuffle(parts)
    elif kind == 1 and len(parts) > 1:
        del parts[k]
    elif kind == 2 and len(parts[k]) > 3:
        p = rng.randrange(1, len(parts[k]) - 1)
        parts[k] = parts[k][:p] + parts[k][p + 1:]
    elif kind == 3:
        parts[k] = parts[k][:1]
    elif kind == 4 and k + 1 < len(parts):
        parts[k:k + 2] = [parts[k] + parts[k + 1]]
    elif kind == 5:
        parts[-1] = parts[-1][: max(3, len(parts[-1]) - 3)]
    elif kind == 6:
        parts = rng.sample(OTHER_PARTS, rng.randint(1, 3)) + parts[:1]
    return " ".join(parts) or name


def generated_queries(screener: Screener, count: int, seed: int = 20261203) -> Iterator[Query]:
    rng = random.Random(seed)
    entities = screener.index.entities
    for _ in range(count):
        entity = entities[rng.randrange(len(entities))]
        name = rng.choice(entity.names).name.original if entity.names else entity.caption
        dates = [rng.choice([*entity.birth_dates, "1970-01-01"])] if entity.birth_dates and rng.random() < 0.4 else []
        countries = [rng.choice(sorted(entity.countries))] if entity.countries and rng.random() < 0.3 else []
        schema = rng.choice([entity.schema, entity.schema, "Thing"])
        yield Query.build(_variant(rng, name), schema=schema, birth_dates=dates, countries=countries)
