"""Regenerate the robustness dev set ``bench/data/robust_dev.jsonl`` and the cross-script pair set
``bench/data/crossscript_pairs.jsonl`` from the bundled lists.

    python -m bench.robust_devset [--seed 20261203] [--persons 400] [--orgs 150]

Needs the ``names-dataset`` package (``requirements-bench.txt``) and spaCy's English model (the news
negatives). Deterministic for a seed and the bundled lists; nothing here calls Kenning's matcher, index or
name tables. Each line is one case (as :mod:`bench.screening_devset` writes them) with ``class`` the group
(``benign``, ``adversarial``, ``degraded``, ``near_miss``, ``frequent``, ``un``, ``un_wrong_date``) and
``subclass`` the kind of change:

- perturbations (:mod:`bench.robust_variants`) of listed persons (``--persons``, spread over the lists)
  and organisations (``--orgs``); each expects its party and the party's counterparts on other lists
  (the benchmark's own clusters, :mod:`bench.screening_pairs`);
- negatives (:mod:`bench.robust_negatives`): near misses and frequent real names;
- the UN-style set: UN individuals with a full birth date, the name as listed or with one typing error,
  the date as listed, typed otherwise (``1959-8-9``, ``9/8/1959``, ``9 Aug 1959``) or one slip away (a digit,
  day and month swapped, an impossible month, the year only); ``un_wrong_date`` gives a really different
  date, and then the party must not match.

The split is by group (a positive's cluster, a negative's folded name): one in five, by a stable hash,
is ``test``. The cross-script pairs are the UK and UN lists' own names in other scripts with the same
entry's Latin names (positives) and with a Latin name of another listed person sharing a name part
(negatives), split by entry; ``python -m bench.crossscript`` scores them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from bench import robust_variants as rv
from bench.robust_negatives import frequent_cases, near_miss_cases, news_cases
from bench.screening_common import Case, Party, load_parties, use_home
from bench.screening_devset import PRESS
from bench.screening_names import ListedNames, fold, strong_tokens
from bench.screening_pairs import find_clusters
from bench.screening_positives import Context, is_latin, is_non_latin, stratified, usable

SEED = 20261203
DEVSET = Path(__file__).parent / "data" / "robust_dev.jsonl"
PAIRS = Path(__file__).parent / "data" / "crossscript_pairs.jsonl"
_ORGS = ("Organization", "Company", "LegalEntity")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _split(seed: int, key: str) -> str:
    digest = hashlib.blake2b(f"{seed}:{key}".encode(), digest_size=8).digest()
    return "test" if int.from_bytes(digest, "big") % 5 == 0 else "dev"


def _bases(ctx: Context, schemas: tuple[str, ...], n: int, rng: random.Random) -> list[tuple[Party, str]]:
    items = [(p, p.primary) for p in ctx.parties.values() if p.schema in schemas and is_latin(p.primary)
             and usable(p.schema, p.primary) and not ctx.ambiguous(p.primary, p)]
    return stratified(items, n, lambda item: item[0].dataset, rng)


def _alias(ctx: Context, party: Party) -> str | None:
    options = [n for n in party.names_of("alias") if is_latin(n) and usable(party.schema, n)
               and fold(n) != fold(party.primary) and not ctx.ambiguous(n, party)]
    return sorted(options)[0] if options else None


def perturbation_cases(ctx: Context, persons: int, orgs: int) -> list[Case]:
    cases: list[Case] = []
    rng = ctx.rng("robust")
    for schemas, n, kinds in (("Person",), persons, rv.PERSON_KINDS), (_ORGS, orgs, rv.ORG_KINDS):
        for party, name in _bases(ctx, schemas, n, rng):
            expected = ctx.expected(party)
            for kind in kinds:
                made = rv.make(kind, party, name, random.Random(f"{ctx.seed}:{party.id}:{kind}"))
                if made is None:
                    continue
                group, variant, note = made
                if kind != "exact" and ctx.ambiguous(variant, party):
                    continue
                cases.append(Case(group, {"name": variant, "schema": party.schema}, expected, note, "", kind))
            alias = _alias(ctx, party)
            if alias is not None:
                cases.append(Case("benign", {"name": alias, "schema": party.schema}, expected, "an alias", "",
                                  "alias"))
    return cases


def _date_variants(date: str, rng: random.Random) -> list[tuple[str, str, bool]]:
    """(typed date, kind, whether the party should still match)."""
    year, month, day = date[:4], date[5:7], date[8:10]
    out = [(date, "as_listed", True), (f"{year}-{int(month)}-{int(day)}", "unpadded", True),
           (f"{int(day)}/{int(month)}/{year}", "slashes", True),
           (f"{int(day)} {_MONTHS[int(month) - 1]} {year}", "month_name", True), (year, "year_only", True)]
    digits = list(year + month + day)
    at = rng.choice([2, 3, 6, 7])
    digits[at] = str((int(digits[at]) + rng.randint(1, 8)) % 10)
    typo = f"{''.join(digits[:4])}-{''.join(digits[4:6])}-{''.join(digits[6:])}"
    if typo != date:
        out.append((typo, "digit_typo", True))
    if int(day) <= 12 and day != month:
        out.append((f"{year}-{day}-{month}", "day_month_swapped", True))
    if month[0] == "0" and int(month) <= 2:
        out.append((f"{year}-1{month[1]}-{day}", "impossible_month", True))
    other = str(int(year) + rng.choice((-1, 1)) * rng.randint(7, 20))
    out.append((f"{other}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "different_date", False))
    return out


def un_cases(ctx: Context) -> list[Case]:
    from bench import screening_variants as sv

    cases = []
    for party in ctx.parties.values():
        if party.dataset != "un_sc" or party.schema != "Person" or not party.full_birth_dates:
            continue
        if not is_latin(party.primary) or not usable("Person", party.primary) or ctx.ambiguous(party.primary, party):
            continue
        rng = ctx.rng(f"un:{party.id}")
        made = sv.typo(party.primary, rng) if rng.random() < 0.5 else None
        name, note = made if made is not None else (party.primary, "as listed")
        expected = ctx.expected(party)
        for typed, kind, same in _date_variants(party.full_birth_dates[0], rng):
            query = {"name": name, "schema": "Person", "birth_date": typed}
            cls = "un" if same else "un_wrong_date"
            cases.append(Case(cls, query, expected, f"{note}; listed {party.full_birth_dates[0]}", "", kind))
    return cases


def cross_script_pairs(parties: dict[str, Party], seed: int) -> list[dict[str, Any]]:
    """A UK or UN entry's names in another script against the entry's Latin names (same person), and
    against the Latin names of another listed person sharing a name part (not the same person). The
    lists do not say which Latin name a native one spells, so each pair carries all of an entry's Latin
    names, as a screened party does."""
    rng = random.Random(f"{seed}:crossscript")
    by_token: dict[str, list[str]] = {}
    for party in parties.values():
        if party.schema == "Person" and is_latin(party.primary):
            for token in strong_tokens(party.primary):
                by_token.setdefault(token, []).append(party.id)
    pairs = []
    for party in parties.values():
        if party.dataset not in ("gb_ofsi", "un_sc") or party.schema != "Person":
            continue
        natives = [n for n in party.names_of("name", "alias") if is_non_latin(n)]
        latins = [n for n in party.names_of("name", "alias", "previousName") if is_latin(n) and usable("Person", n)]
        if not natives or not latins:
            continue
        split = _split(seed, party.id)
        own = {t for n in latins for t in strong_tokens(n)}
        others = sorted({o for t in strong_tokens(party.primary) for o in by_token.get(t, [])
                         if o != party.id and not own >= set(strong_tokens(parties[o].primary))})
        for native in natives[:2]:
            pairs.append({"native": native, "latin": latins, "same": True, "id": party.id, "split": split})
            if others:
                other = parties[rng.choice(others)]
                names = [n for n in other.names_of("name", "alias", "previousName") if is_latin(n)]
                pairs.append({"native": native, "latin": names, "same": False, "id": party.id, "other": other.id,
                              "split": split})
    return pairs


def build(seed: int, persons: int, orgs: int, press: Path) -> tuple[list[Case], list[dict[str, Any]]]:
    parties, _ = load_parties()
    clusters = find_clusters(parties)
    listed = ListedNames((p.id, p.schema, name) for p in parties.values() for _prop, name in p.names)
    ctx = Context(parties, clusters, listed, seed)
    cases = perturbation_cases(ctx, persons, orgs)
    print(f"{len(cases)} perturbations", file=sys.stderr)
    cases += un_cases(ctx)
    cases += near_miss_cases(parties.values(), listed, 600, seed)
    cases += frequent_cases(listed, 1200, seed)
    cases += news_cases(press, parties.values(), listed)
    for case in cases:
        key = min(m for e in case.expected for m in clusters.of(e)) if case.expected else fold(case.query["name"])
        case.split = _split(seed, key)
    return cases, cross_script_pairs(parties, seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--persons", type=int, default=400)
    parser.add_argument("--orgs", type=int, default=150)
    parser.add_argument("--press", type=Path, default=PRESS)
    parser.add_argument("--pairs-only", action="store_true", help="regenerate only the cross-script pairs")
    args = parser.parse_args(argv)
    use_home()
    if args.pairs_only:
        pairs = cross_script_pairs(load_parties()[0], args.seed)
        PAIRS.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), encoding="utf-8")
        print(f"wrote {len(pairs)} pairs to {PAIRS}", file=sys.stderr)
        return 0
    cases, pairs = build(args.seed, args.persons, args.orgs, args.press)
    DEVSET.write_text("".join(c.to_json() + "\n" for c in cases), encoding="utf-8")
    PAIRS.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), encoding="utf-8")
    counts = Counter((c.label, c.split) for c in cases)
    for label in sorted({c.label for c in cases}):
        print(f"{label:<32}{counts[label, 'dev']:>6}{counts[label, 'test']:>6}")
    print(f"wrote {len(cases)} cases to {DEVSET} and {len(pairs)} pairs to {PAIRS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
