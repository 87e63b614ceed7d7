"""Positive classes of the screening dev set: which listed names become queries, and what they must find.

Every positive expects the party's cluster (the party and its counterparts on other lists joined by hard
evidence, :mod:`bench.screening_pairs`): finding any of them is a hit. A base name is skipped when the
same name (same parts, any order) belongs to a party outside that cluster, since no matcher could tell
which one is meant; a variant is skipped when it is exactly another party's name.
"""

from __future__ import annotations

import math
import random
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from bench import screening_variants as variants
from bench.screening_common import Case, Party
from bench.screening_names import RULES, ListedNames, strong_tokens
from bench.screening_pairs import Clusters

__all__ = ["Context", "is_latin", "positive_cases", "stratified"]

T = TypeVar("T")
_ORGS = ("Organization", "Company", "LegalEntity")
_TRANSLIT_COUNTRIES = frozenset(RULES["translit_countries"])


@dataclass
class Context:
    parties: dict[str, Party]
    clusters: Clusters
    listed: ListedNames
    seed: int

    def rng(self, name: str) -> random.Random:
        return random.Random(f"{self.seed}:{name}")

    def expected(self, party: Party, dataset: str | None = None, exclude: str | None = None) -> list[str]:
        members = [m for m in self.clusters.of(party.id)
                   if (dataset is None or m.startswith(dataset + "-")) and (exclude is None
                                                                            or not m.startswith(exclude + "-"))]
        return sorted(members, key=lambda m: (m != party.id, m))

    def ambiguous(self, name: str, party: Party) -> bool:
        cluster = set(self.clusters.of(party.id))
        return any(other not in cluster for other in self.listed.exact(name))


def _scripts(text: str) -> tuple[int, int]:
    """(Latin letters, letters of other scripts); modifier letters (ʻ ʼ) count as neither."""
    latin = other = 0
    for ch in text:
        if ch.isalpha() and unicodedata.category(ch) != "Lm":
            if unicodedata.name(ch, "").startswith("LATIN"):
                latin += 1
            else:
                other += 1
    return latin, other


def is_latin(text: str) -> bool:
    return _scripts(text)[1] == 0


def is_non_latin(text: str) -> bool:
    """A name written in another script: 80 % of its letters or more, at most 80 characters (the UN's
    original-script field sometimes holds a whole list of aliases, which is not a name)."""
    latin, other = _scripts(text)
    return other > 0 and other >= 4 * latin and len(text) <= 80


def usable(schema: str, name: str) -> bool:
    """Person names need two strong parts; other names one strong part of four letters or more."""
    parts = strong_tokens(name)
    if schema == "Person":
        return len(parts) >= 2 and any(len(p) >= 3 for p in parts)
    return any(len(p) >= 4 and not p.isdigit() for p in parts)


def stratified(items: Sequence[T], n: int, key: Callable[[T], Hashable], rng: random.Random) -> list[T]:
    """``n`` items drawn across groups in proportion to the square root of each group's size."""
    groups: dict[Hashable, list[T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    order = sorted(groups, key=str)
    for k in order:
        rng.shuffle(groups[k])
    weights = {k: math.sqrt(len(groups[k])) for k in order}
    quota = {k: 0 for k in order}
    remaining = min(n, len(items))
    while remaining > 0:
        open_groups = [k for k in order if quota[k] < len(groups[k])]
        total = sum(weights[k] for k in open_groups)
        step = remaining
        for k in open_groups:
            add = min(len(groups[k]) - quota[k], max(1, round(step * weights[k] / total)), remaining)
            quota[k] += add
            remaining -= add
            if remaining == 0:
                break
    return [item for k in order for item in groups[k][:quota[k]]]


def _query(party: Party, name: str, rng: random.Random, dob: float = 0.0, country: float = 0.0,
           open_schema: float = 0.2, prefer_dates: Iterable[str] = ()) -> dict[str, Any]:
    """A query of ``name``; with probability ``dob`` the party's birth date (the first full one, or one the
    counterparts also carry when the list gives several), with ``country`` its first country."""
    query: dict[str, Any] = {"name": name}
    if rng.random() >= open_schema:
        query["schema"] = party.schema
    if party.birth_dates and rng.random() < dob:
        shared = [d for d in party.full_birth_dates if d in set(prefer_dates)]
        query["birth_date"] = (shared or party.full_birth_dates or party.birth_dates)[0]
    if party.countries and rng.random() < country:
        query["country"] = party.countries[0]
    return query


def _one_per_party(items: Iterable[tuple[Party, str]], rng: random.Random) -> list[tuple[Party, str]]:
    by_party: dict[str, list[tuple[Party, str]]] = defaultdict(list)
    for party, name in items:
        by_party[party.id].append((party, name))
    return [rng.choice(by_party[k]) for k in sorted(by_party)]


def _bases(ctx: Context, schemas: Sequence[str], props: Sequence[str], extra: Callable[[Party], bool] | None = None,
           ) -> list[tuple[Party, str]]:
    return [(p, n) for p in ctx.parties.values() if p.schema in schemas and (extra is None or extra(p))
            for n in p.names_of(*props) if is_latin(n) and usable(p.schema, n) and not ctx.ambiguous(n, p)]


def alias_cases(ctx: Context, n: int) -> list[Case]:
    """A listed alias (or previous name) as the query; weak aliases are left out."""
    rng = ctx.rng("alias")
    items = _one_per_party(_bases(ctx, ("Person", *_ORGS, "Vessel"), ("alias", "previousName")), rng)
    return [Case("alias", _query(p, name, rng), ctx.expected(p), f"alias of {p.id} {p.primary!r}", "")
            for p, name in stratified(items, n, lambda i: i[0].dataset, rng)]


def non_latin_cases(ctx: Context, n_own: int, n_cross: int) -> list[Case]:
    """UK Name Non-Latin Script and UN NAME_ORIGINAL_SCRIPT names; ``cross``: own list excluded, the
    counterpart on another list expected."""
    rng = ctx.rng("non_latin")
    items = _one_per_party(((p, v) for p in ctx.parties.values() if p.dataset in ("gb_ofsi", "un_sc")
                            for _prop, v in p.names if is_non_latin(v) and strong_tokens(v)), rng)
    own = [Case("non_latin", _query(p, name, rng), ctx.expected(p), f"non-Latin name of {p.id} {p.primary!r}", "")
           for p, name in stratified(items, n_own, lambda i: i[0].dataset, rng)]
    crossable = [(p, v) for p, v in items if ctx.expected(p, exclude=p.dataset)]
    cross = []
    for p, name in stratified(crossable, n_cross, lambda i: i[0].dataset, rng):
        query = {**_query(p, name, rng), "exclude_datasets": [p.dataset]}
        cross.append(Case("non_latin", query, ctx.expected(p, exclude=p.dataset),
                          f"non-Latin name of {p.id} {p.primary!r}, own list excluded", "", "cross"))
    return own + cross


def cross_list_cases(ctx: Context, n: int) -> list[Case]:
    """A party's primary name (+ birth date) restricted to another list, its counterpart there expected."""
    rng = ctx.rng("cross_list")
    items: list[tuple[Party, str]] = []
    for cluster in ctx.clusters.linked():
        for member in cluster:
            party = ctx.parties[member]
            for dataset in sorted({m.split("-", 1)[0] for m in cluster} - {party.dataset}):
                if usable(party.schema, party.primary):
                    items.append((party, dataset))
    known = {(a, b.split("-", 1)[0]) for pair in RULES["known_pairs"] for a, b in (pair, pair[::-1])}
    chosen = [i for i in items if (i[0].id, i[1]) in known]
    rest = [i for i in items if (i[0].id, i[1]) not in known]
    chosen += stratified(rest, n - len(chosen), lambda i: f"{i[0].dataset}>{i[1]}", rng)
    out = []
    for party, dataset in chosen:
        wanted = ctx.expected(party, dataset=dataset)
        their_dates = [d for w in wanted for d in ctx.parties[w].birth_dates]
        query = {**_query(party, party.primary, rng, dob=1.0, open_schema=0.0, prefer_dates=their_dates),
                 "datasets": [dataset]}
        evidence = ",".join(sorted({ctx.clusters.pair_evidence(party.id, w) for w in wanted}))
        out.append(Case("cross_list", query, wanted, f"{party.id} → {dataset} ({evidence})", ""))
    return out


Maker = Callable[[Party, str, random.Random], "tuple[str, str] | None"]


def _variant_cases(ctx: Context, cls: str, n: int, bases: list[tuple[Party, str]], make: Maker,
                   dob: float, country: float = 0.0, needs_dob: Callable[[str], bool] | None = None) -> list[Case]:
    rng = ctx.rng(cls)
    out: list[Case] = []
    pool = stratified(_one_per_party(bases, rng), len(bases), lambda i: i[0].dataset, rng)
    rng.shuffle(pool)
    for party, name in pool:
        made = make(party, name, rng)
        if made is None or not strong_tokens(made[0]) or ctx.ambiguous(made[0], party):
            continue
        variant, what = made
        forced = needs_dob is not None and needs_dob(variant)
        if forced and not party.full_birth_dates:
            continue
        out.append(Case(cls, _query(party, variant, rng, dob=1.0 if forced else dob, country=country),
                        ctx.expected(party),
                        f"{cls} of {party.id} {name!r}: {what}", ""))
        if len(out) == n:
            break
    return out


def _only_initial(variant: str) -> bool:
    """A single initial and a surname ("F. AHMAD") names dozens of listed persons: such a query is only
    answerable with a birth date, so the dev set always gives one."""
    return sum(1 for w in variant.split() if w.endswith(".") and len(w) == 2) == 1 and not any(
        len(w) > 2 and not w.endswith(".") for w in variant.split()[:1])


def _nationals(party: Party) -> bool:
    return bool(set(party.countries) & _TRANSLIT_COUNTRIES)


def variant_cases(ctx: Context, sizes: dict[str, int]) -> list[Case]:
    """typo, order, initials, translit and org_variant cases."""
    names = ("name", "alias")
    everyone = _bases(ctx, ("Person", *_ORGS), names)
    persons = _bases(ctx, ("Person",), names)
    return (_variant_cases(ctx, "typo", sizes["typo"], everyone, lambda p, n, r: variants.typo(n, r), dob=0.3)
            + _variant_cases(ctx, "order", sizes["order"], persons, variants.reorder, dob=0.3)
            + _variant_cases(ctx, "initials", sizes["initials"], persons, variants.initials, dob=0.5,
                             needs_dob=_only_initial)
            + _variant_cases(ctx, "translit", sizes["translit"], _bases(ctx, ("Person",), names, _nationals),
                             lambda p, n, r: variants.translit(n, r), dob=0.3)
            + _variant_cases(ctx, "org_variant", sizes["org_variant"], _bases(ctx, _ORGS, names),
                             lambda p, n, r: variants.org_variant(n, r), dob=0.0, country=0.25))


def positive_cases(ctx: Context, sizes: dict[str, int]) -> list[Case]:
    """Every positive class, in dev-set order."""
    return (alias_cases(ctx, sizes["alias"])
            + non_latin_cases(ctx, sizes["non_latin"], sizes["non_latin_cross"])
            + cross_list_cases(ctx, sizes["cross_list"])
            + variant_cases(ctx, sizes))
