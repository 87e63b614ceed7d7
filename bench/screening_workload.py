"""The speed benchmark's workload: a realistic, deterministic mix of screening queries.

About 55 % are listed names (any list, any script) as a customer file would carry them: exact, with a
typing error, reordered, with initials, respelled, or with the legal form changed, in upper, lower or
title case; each expects its party or a counterpart (:mod:`bench.screening_pairs`). The rest are names on
no list as far as their construction goes (a given name and a surname of two different listed persons,
or words of two different listed organisations with a legal form) — not verified one by one like the
dev set's negatives, so they only serve as load; recall is measured on the positives. Schemas: Person,
Company, Organization, Vessel or unspecified.
"""

from __future__ import annotations

import random
from typing import Any

from bench import screening_variants as variants
from bench.screening_common import Party
from bench.screening_names import RULES, strong_tokens
from bench.screening_pairs import Clusters

__all__ = ["make_workload"]

_ORGS = ("Organization", "Company", "LegalEntity")


def _recase(name: str, rng: random.Random) -> str:
    roll = rng.random()
    return name.upper() if roll < 0.2 else name.lower() if roll < 0.3 else name.title() if roll < 0.4 else name


def _schema(party: Party, rng: random.Random) -> str | None:
    if rng.random() < 0.3:
        return None
    if party.schema in _ORGS:
        return "Company" if rng.random() < 0.6 else "Organization"
    return party.schema


def _positive(party: Party, rng: random.Random) -> tuple[str, str] | None:
    name = rng.choice([v for _p, v in party.names if v])
    kind = rng.choice(("exact", "typo", "reorder", "initials", "translit", "org"))
    made: tuple[str, str] | None
    if kind == "typo":
        made = variants.typo(name, rng)
    elif kind == "reorder" and party.schema == "Person":
        made = variants.reorder(party, name, rng)
    elif kind == "initials" and party.schema == "Person":
        made = variants.initials(party, name, rng)
    elif kind == "translit":
        made = variants.translit(name, rng)
    elif kind == "org" and party.schema in _ORGS:
        made = variants.org_variant(name, rng)
    else:
        made = None
    return (made[0], kind) if made is not None else (name, "exact")


def _negative_person(pool: list[Party], rng: random.Random) -> str:
    a, b = rng.sample(pool, 2)
    given = strong_tokens(a.primary)[-1:] or ("john",)
    surname = strong_tokens(b.primary)[:1] or ("smith",)
    return f"{given[0].title()} {surname[0].title()}"


def _negative_org(pool: list[Party], rng: random.Random) -> str:
    a, b = rng.sample(pool, 2)
    words = [w for w in (strong_tokens(a.primary)[:1] + strong_tokens(b.primary)[-1:]) if w]
    form = rng.choice(rng.choice(RULES["legal_forms"]))
    return " ".join([*words, form]).upper()


def make_workload(parties: dict[str, Party], clusters: Clusters, n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` queries ``{"name", "schema"?, "birth_date"?, "expected": [...], "kind"}`` in a fixed order."""
    rng = random.Random(f"{seed}:speed")
    listed = [p for p in parties.values() if p.names]
    persons = [p for p in listed if p.schema == "Person"]
    orgs = [p for p in listed if p.schema in _ORGS]
    out: list[dict[str, Any]] = []
    while len(out) < n:
        if rng.random() < 0.55:
            party = rng.choice(listed)
            made = _positive(party, rng)
            if made is None or not strong_tokens(made[0]):
                continue
            row: dict[str, Any] = {"name": _recase(made[0], rng), "kind": made[1],
                                   "expected": list(clusters.of(party.id))}
            schema = _schema(party, rng)
            if party.full_birth_dates and rng.random() < 0.3:
                row["birth_date"] = party.full_birth_dates[0]
        elif rng.random() < 0.7:
            row, schema = {"name": _negative_person(persons, rng), "kind": "negative", "expected": []}, "Person"
            if rng.random() < 0.3:
                schema = None
        else:
            row = {"name": _negative_org(orgs, rng), "kind": "negative", "expected": []}
            schema = "Company" if rng.random() < 0.7 else None
        if schema:
            row["schema"] = schema
        out.append(row)
    return out
