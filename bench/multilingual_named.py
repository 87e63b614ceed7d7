"""Hand-checked linking gold of the multilingual dev set: every listed party each of the 49 reports names.

``bench/data/multilingual_named_parties.csv``, one row per (report, party): ``report`` (file name),
``list_id`` (the entry as Kenning names it), ``same_party`` (the party's entries on the other bundled lists,
``;``-separated), ``caption`` (the entry's caption), ``quote`` (the report's words naming it, verbatim from its
body) and ``note`` (why it is the same party). Annotated by reading every report in full, listing each person
and organisation it names and looking each up in the bundled lists (``kenning lists load``: OFAC SDN and
Consolidated, UK OFSI, UN), without Kenning's linking output. The bench's regex gold (seven parties,
:mod:`bench.multilingual_data`) stays as it was; this is the fuller gold beside it.

Rules, applied to every report alike:

* **Named** means a proper name in the body: a person by full name, surname alone when the report names no
  one else so ("avec Camara", "par Prigojine"), misspelt or romanised forms ("Adama Bakayoko", "Alo Boy Diarra",
  "Evgueni Prigogine"), the list's own upper-case form ("CAMARA, Sadio", copied from the SDN entry); an
  organisation by its name, short name, acronym or a translation of its name ("groupe Wagner", "GRU", "Cosi",
  "Syndicat des officiers pour la sécurité internationale"). A role or title with no name does not name its
  holder: "the Wagner Group's head in the country" (Maslov), "the leader of the mercenary force" (Prigozhin),
  "the Chief of Staff of the Air Force ... and his deputy" (Diarra, Bagayoko), "the former national security
  advisor to CAR President" (Zakharov) are left out. Datelines, bylines and wire credits are not parties named.
* **Listed** means an entry of the bundled lists; a party listed only elsewhere (Choguel Kokalla Maïga, on the
  EU list, not bundled) is left out. **Same party** needs the entry's names and at least one fact of the entry
  (position, birth date or place, nationality, programme, "Linked To", first day on the SDN list) that fits
  what the report says; a namesake (another Camara, Zakharova or Ivanov) is not the party. ``same_party``
  holds the party's other entries: those the lists' same-as links join (``Screener.party``) and the UK's
  AFRICA CORPS, which lists WAGNER GROUP as its former name.
* **Governments** are not listed parties: a country, its government or one of its departments named as such
  ("le Trésor américain", "the Kremlin", "Washington", "le ministère russe de la Défense", "la marine russe",
  "Russia's Foreign Ministry", North Korea), even where a list carries their units or officials. A state body
  counts only when an entry *is* that body under the name the report uses: the GRU (SDN MAIN INTELLIGENCE
  DIRECTORATE, a.k.a. GRU).

Left out after lookup (named, not on the bundled lists or not the party): Assimi Goïta, Choguel Kokalla Maïga,
Abdoulaye Maïga, Moustapha Sangaré and Lassine Togola (US visa restrictions, not a list), Brahim Traoré, Nana
Akufo-Addo, Faustin-Archange Touadéra, the US officials (Blinken, Nelson, Kirby, Yellen, Miller), the Sudanese
Rapid Support Forces (the UK lists its commanders and firms, not the force), Sputnik in a wire credit (the UK
lists its owner Rossiya Segodnya, not under that name), "All Eyes on Wagner" (a research group, not Wagner).
Every hit of the regex gold is the party it stands for (no other Camara, Diarra or Wagner in the set).

The gold holds 144 rows: dev 15 English and 65 French (the seven parties only; 4 more than the regex: the
upper-case SDN copy in fr_aconakrylive, "Bakayoko"), test 16 English and 48 French, of which 3 and 11 name
ten other listed parties (Zakharova, Utkin, Lavrov, Zakharov, Ivanov, Sewa Security Services, COSI, the GRU,
Katiba Macina, Changsha Tianyi).

Scoring (:func:`named_counts`): a link is right for a gold party of its report when its id, one of its
``Screener.same_as`` entries, or one of the row's ``same_party`` ids is the party's; every other link is
wrong, counted once per party (its same-as cluster); a gold party no link is right for is missed.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from bench import REPO
from bench.multilingual_data import Labelled

__all__ = ["NAMED_FILE", "NamedParty", "errors", "judge", "named_counts", "named_parties"]

NAMED_FILE = REPO / "bench" / "data" / "multilingual_named_parties.csv"


@dataclass(frozen=True)
class NamedParty:
    """One listed party one report names (a row of ``NAMED_FILE``)."""

    report: str
    list_id: str
    same_party: frozenset[str]
    caption: str
    quote: str
    note: str

    @property
    def ids(self) -> frozenset[str]:
        return self.same_party | {self.list_id}


@cache
def named_parties() -> tuple[NamedParty, ...]:
    with NAMED_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(NamedParty(r["report"], r["list_id"], frozenset(filter(None, r["same_party"].split(";"))),
                                r["caption"], r["quote"], r["note"]) for r in csv.DictReader(handle))


def _by_report() -> dict[str, list[NamedParty]]:
    out: dict[str, list[NamedParty]] = defaultdict(list)
    for party in named_parties():
        out[party.report].append(party)
    return out


def judge(item: Labelled, screener: Any) -> tuple[set[str], set[str], set[str]]:
    """(gold parties linked right, wrong links as their same-as cluster's first id, gold parties missed)."""
    gold = _by_report().get(item.name, [])
    links = {link.id: link for m in (item.result.mentions if item.result else []) for link in m.links}
    right, wrong = set(), set()
    for link_id in links:
        group = {link_id, *screener.same_as(link_id)}
        parties = [p.list_id for p in gold if group & p.ids]
        if parties:
            right.update(parties)
        else:
            wrong.add(min(screener.party(link_id)))
    return right, wrong, {p.list_id for p in gold} - right


def named_counts(items: Iterable[Labelled], screener: Any) -> tuple[int, int, int]:
    """(right, linked, gold) over ``items``: the parts of P/R/F1 against the hand-checked gold."""
    hits = found = wanted = 0
    for item in items:
        right, wrong, missed = judge(item, screener)
        hits, found, wanted = hits + len(right), found + len(right) + len(wrong), wanted + len(right) + len(missed)
    return hits, found, wanted


def errors(items: Sequence[Labelled], screener: Any) -> tuple[list[str], list[str]]:
    """The gold parties missed and the wrong links (entry captions), one line per report."""
    missed, wrong = [], []
    by_id = {p.list_id: p.caption for p in named_parties()}
    for item in items:
        _right, bad, miss = judge(item, screener)
        missed += [f"{item.name}: {by_id[i]}" for i in sorted(miss)]
        wrong += [f"{item.name}: {_caption(screener, i)}" for i in sorted(bad)]
    return missed, wrong


def _caption(screener: Any, entity_id: str) -> str:
    record = screener.entity(entity_id)
    return f"{record.caption} ({entity_id})" if record is not None else entity_id
