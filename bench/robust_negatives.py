"""Negatives of the robustness dev set: names that must not alert.

- ``near_miss/surname_swap``: a listed person's surname with the given name of another listed person of
  the same nationality; ``near_miss/given_shared``: all the given names of a listed person with the
  surname of another one (other people sharing the given names); each verified on no list by the
  benchmark's own check (:meth:`bench.screening_names.ListedNames.covering`), never by Kenning;
- ``frequent/unlisted``: frequent real full names (a top given name and a top surname of one country, from
  the ``names-dataset`` package's per-country ranks, in Latin or the country's own script) that no listed
  name covers; ``frequent/partial``: frequent full names all of whose parts sit inside a longer listed
  name ("Maria Garcia" against "GARCIA, Maria Luisa"): a person with a common name is not that listed
  party, so no alert without a qualifier is the right answer;
- ``frequent/news``: persons named in the Treasury press releases who are on no list
  (:func:`bench.screening_negatives.official_names`).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path

from bench.screening_common import Case, Party
from bench.screening_names import ListedNames, fold, strong_tokens
from bench.screening_negatives import PersonVocabulary, _person_parts, official_names, synthetic_names

__all__ = ["frequent_cases", "near_miss_cases", "news_cases"]

#: Countries whose frequent names are drawn (population and the lists' own spread of nationalities).
COUNTRIES = ("US", "GB", "MX", "ES", "CO", "AR", "BR", "FR", "DE", "IT", "RU", "UA", "TR", "EG", "SA", "IQ",
             "SY", "LB", "IR", "AE", "MA", "DZ", "NG", "IN", "PK", "BD", "ID", "MY", "PH", "CN", "KR", "JP",
             "KZ", "AF", "YE", "SD", "ET", "KE", "VE", "PE")
TOP = 40


def _case(cls: str, sub: str, name: str, note: str) -> Case:
    return Case(cls, {"name": name, "schema": "Person"}, [], note, "", sub)


def _given_shared(parties: Iterable[Party], listed: ListedNames, n: int, rng: random.Random) -> list[tuple[str, str]]:
    """Every given name of one listed person with the surname of another of the same nationality."""
    pools = {k: v for k, v in sorted(_person_parts(parties).items()) if len(v) >= 5}
    keys = sorted(pools)
    out: dict[str, tuple[str, str]] = {}
    for _attempt in range(n * 30):
        if len(out) >= n:
            break
        country = rng.choice(keys)
        (a, given, _s), (b, _g, surname) = rng.sample(pools[country], 2)
        if len(given) < 1 or not surname:
            continue
        name = " ".join(w.title() if w.isupper() else w for w in [*given, *surname])
        if fold(name) in out or len(set(strong_tokens(name))) < 2 or listed.covering(name, persons_only=True):
            continue
        out[fold(name)] = (name, f"given names of {a} + surname of {b}")
    return sorted(out.values())


def near_miss_cases(parties: Iterable[Party], listed: ListedNames, n: int, seed: int) -> list[Case]:
    people = list(parties)
    swapped = synthetic_names(people, listed, n, random.Random(f"{seed}:surname_swap"))
    shared = _given_shared(people, listed, n, random.Random(f"{seed}:given_shared"))
    return ([_case("near_miss", "surname_swap", name, note) for name, note in swapped]
            + [_case("near_miss", "given_shared", name, note) for name, note in shared])


def _frequent_pairs(top: int) -> list[tuple[str, str, str]]:
    """(country, given, surname) of frequent names by the ``names-dataset`` package (build time only)."""
    from names_dataset import NameDataset

    dataset = NameDataset()
    out = []
    for country in COUNTRIES:
        given = dataset.get_top_names(n=top, country_alpha2=country).get(country, {})
        surnames = dataset.get_top_names(n=top, country_alpha2=country, use_first_names=False).get(country, [])
        names = [*given.get("M", []), *given.get("F", [])]
        out.extend((country, g, s) for g in names for s in surnames)
    return out


def frequent_cases(listed: ListedNames, n: int, seed: int) -> list[Case]:
    """Frequent full names: on no list (``unlisted``) or all their parts inside a longer listed name."""
    rng = random.Random(f"{seed}:frequent")
    pairs = _frequent_pairs(TOP)
    rng.shuffle(pairs)
    out: dict[str, Case] = {}
    counts = {"unlisted": 0, "partial": 0}
    for country, given, surname in pairs:
        if min(counts.values()) >= n:
            break
        name = f"{given} {surname}" if country not in ("CN", "KR", "JP") else f"{surname} {given}"
        if fold(name) in out or len(set(strong_tokens(name))) < 2 or listed.exact(name):
            continue
        kind = "partial" if listed.covering(name, persons_only=True) else "unlisted"
        if counts[kind] >= n:
            continue
        counts[kind] += 1
        out[fold(name)] = _case("frequent", kind, name, f"frequent in {country} (names-dataset top {TOP})")
    return list(out.values())


def news_cases(press: Path, parties: Iterable[Party], listed: ListedNames) -> list[Case]:
    names = official_names(press, listed, PersonVocabulary(parties))
    return [_case("frequent", "news", name, note) for name, note in names]
