"""A deterministic batch of customers built from the loaded lists: listed names as a customer file holds
them (exact, a letter dropped, reordered, upper-cased; some with a birth date or a schema), names on no
list, and bad rows of every kind the batch reports (no name, a bad date, an unknown schema, too many
columns)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from kenning.matching.screener import Screener

BAD_ROWS = (["", "Person", "", "", "", "no-name"], ["Ivan Maslov", "Person", "1982-13-45", "", "", "bad-date"],
            ["Acme", "Spaceship", "", "", "", "bad-schema"])


def _variant(name: str, rng: random.Random) -> str:
    roll = rng.random()
    words = name.split()
    if roll < 0.25 and len(name) > 6:
        cut = rng.randrange(1, len(name) - 1)
        return name[:cut] + name[cut + 1:]
    if roll < 0.45 and len(words) > 1:
        return " ".join(words[1:] + words[:1])
    return name.upper() if roll < 0.6 else name


def write_sample(path: Path, rows: int, seed: int = 13) -> None:
    """Write ``rows`` data rows (after a header, the last one too wide) to ``path``."""
    rng = random.Random(seed)
    entities = [e for e in Screener.open().index.entities if e.caption]
    given = [e.caption.split()[0] for e in entities if e.schema == "Person" and " " in e.caption]
    out: list[list[str]] = []
    while len(out) < rows - 1:
        roll = rng.random()
        if roll < 0.01:
            out.append(list(rng.choice(BAD_ROWS)))
            continue
        if roll < 0.7:
            entity = rng.choice(entities)
            birth = entity.birth_dates[0] if entity.birth_dates and rng.random() < 0.3 else ""
            schema = entity.schema if rng.random() < 0.5 else ""
            out.append([_variant(entity.caption, rng), schema, birth, "", "", f"c{len(out)}"])
        else:
            out.append([f"{rng.choice(given)} {rng.choice(given)}son", "Person", "", "", "", f"c{len(out)}"])
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "schema", "birth_date", "country", "id_number", "ref"])
        writer.writerows(out)
        fh.write("Too, Wide,,,,,extra,fields\n")

