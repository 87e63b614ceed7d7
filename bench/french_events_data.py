"""A French sanctions-action sentence set, generated from templates, with each sentence's expected event.

The 49-report multilingual dev set has about 24 French reports per part: too few to tell a class of
construction the French event reader misses from one report's accident. This set crosses

* **shapes** — the constructions French reports tell an action in (active, passive with "par", "imposer des
  sanctions à", "inscrit sur la liste", "le gel des avoirs de", nominal "les sanctions ... visent",
  relative clauses, appositions with roles, a described group with a number word and a list after a
  colon, infinitive and gerund complements, ...), see :data:`SHAPES`;
* **date phrases** ("ce lundi", "le 26 janvier", "hier", "le lundi 24 juillet dernier", ...) written for a
  day 0–3 days before a publication date (an action older than that is background to the events stage),
  see :data:`DATE_FORMS`;
* **authorities** as French reports name them (their expected canonical authority of
  ``events_authorities.yml``), roles and group descriptions;
* **names** of real listed people: individuals of the bundled OFAC SDN file under African and Russian
  programmes, written "Given Surname"; and of real listed organisations (one-word entity names of the same
  programmes: "Badica", "Boldrex"), named only in a target's role ("X, le chef de Badica au Mali"),
  never targets themselves.

Split once, by hash: a shape, a date phrase and a name (person or organisation) are each *test* when the
first 8 hex digits of ``sha256("french_events/<kind>/<key>")`` are even. A dev sentence uses dev shapes,
dev date phrases and dev names only, a test sentence test ones only, so the test part measures
constructions, date phrases and names the reader was not tuned on. Authorities, roles and group words are
shared (vocabulary of the data files, not constructions). Everything is deterministic (one seeded generator per shape).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from bench import REPO

__all__ = ["DATE_FORMS", "SHAPES", "Case", "cases", "part_of"]

SDN = REPO / "src" / "kenning" / "data" / "lists" / "us_ofac" / "sdn.csv"
PROGRAMMES = ("MALI-EO13882", "CAR", "DRCONGO", "SOUTH SUDAN", "SUDAN-EO14098", "LIBYA2", "LIBYA3", "SOMALIA",
              "RUSSIA-EO14024", "ETHIOPIA-EO14046", "GLOMAG")
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

#: (subject phrase, plural subject, canonical authority of events_authorities.yml)
AUTHORITIES = [
    ("le Trésor américain", False, "U.S. Department of the Treasury"),
    ("le département du Trésor des États-Unis", False, "U.S. Department of the Treasury"),
    ("le département américain du Trésor", False, "U.S. Department of the Treasury"),
    ("l'OFAC", False, "Office of Foreign Assets Control"),
    ("Washington", False, "United States"),
    ("les États-Unis", True, "United States"),
    ("l'administration Biden", False, "United States"),
    ("le département d'État", False, "U.S. Department of State"),
    ("l'Union européenne", False, "European Union"),
    ("le Royaume-Uni", False, "United Kingdom"),
    ("Londres", False, "United Kingdom"),
    ("le Conseil de sécurité de l'ONU", False, "United Nations Security Council"),
]
#: Roles before a name ("le ministre de la Défense Sadio Camara") and in apposition after one.
ROLES = ["le ministre de la Défense", "le colonel", "le général", "l'actuel ministre des Finances",
         "le chef d'état-major de l'armée de l'air", "le lieutenant-colonel", "l'homme d'affaires",
         "le directeur général de la compagnie minière", "le commandant", "l'ancien Premier ministre"]
APPOSED = ["ministre de la Défense", "chef des opérations du groupe au Mali", "homme d'affaires russe",
           "patron de l'armée de l'air", "conseiller du président", "directeur d'une société minière",
           "commandant de la garde présidentielle", "ancien gouverneur de la banque centrale"]
GROUPS = ["hauts responsables maliens", "militaires maliens", "officiers de l'armée", "personnes",
          "hommes d'affaires russes", "responsables militaires", "dirigeants soudanais"]
NUMBER_WORDS = {2: "deux", 3: "trois"}


@dataclass(frozen=True)
class Case:
    """One generated text (one or two sentences) and the event it tells."""

    shape: str
    date_form: str
    part: str
    text: str
    published: str
    authority: str
    targets: tuple[str, ...]
    date: str


def part_of(kind: str, key: str) -> str:
    digest = int(hashlib.sha256(f"french_events/{kind}/{key}".encode()).hexdigest()[:8], 16)
    return "test" if digest % 2 == 0 else "dev"


def _day(day: dt.date, year: bool = True) -> str:
    words = f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]}"
    return f"{words} {day.year}" if year else words


#: Date phrases: (name, days back allowed, phrase for the event day given the publication day).
DATE_FORMS: list[tuple[str, range, Callable[[dt.date, dt.date], str]]] = [
    ("le_jour_mois_annee", range(0, 4), lambda d, p: f"le {_day(d)}"),
    ("ce_jour_mois_annee", range(0, 3), lambda d, p: f"ce {_day(d)}"),
    ("le_jour_mois", range(0, 4), lambda d, p: f"le {_day(d, False)}"),
    ("jour_semaine", range(1, 4), lambda d, p: WEEKDAYS[d.weekday()]),
    ("ce_jour_semaine", range(0, 4), lambda d, p: f"ce {WEEKDAYS[d.weekday()]}"),
    ("semaine_jour_mois", range(0, 4), lambda d, p: f"{WEEKDAYS[d.weekday()]} {_day(d, False)}"),
    ("le_semaine_jour_mois_dernier", range(1, 4), lambda d, p: f"le {WEEKDAYS[d.weekday()]} {_day(d, False)} dernier"),
    ("semaine_dernier", range(1, 4), lambda d, p: f"{WEEKDAYS[d.weekday()]} dernier"),
    ("hier", range(1, 2), lambda d, p: "hier"),
    ("aujourd_hui", range(0, 1), lambda d, p: "aujourd'hui"),
    ("en_date_du", range(0, 4), lambda d, p: f"en date du {_day(d)}"),
    ("ce_semaine_jour_mois_annee", range(0, 4), lambda d, p: f"ce {WEEKDAYS[d.weekday()]} {_day(d)}"),
]

#: Shapes: name → template. Slots: {A} authority, {a} "a"/"ont" for it, {T} targets, {e} "a"/"ont" and
#: {s} "s"/"" for the targets' number, {D} date phrase, {G} described group, {N1} {N2} {N3} names,
#: {R1} {R2} apposed roles, {O} a listed organisation named in a role. "à le"/"de le" are contracted after filling.
SHAPES: dict[str, str] = {
    "active": "{A} {a} sanctionné {D} {T}.",
    "active_date_first": "{D}, {A} {a} sanctionné {T}.",
    "passive_agent": "{T} {e} été sanctionné{s} par {A} {D}.",
    "passive_date_first": "{D}, {T} {e} été sanctionné{s} par {A}.",
    "imposer_a": "{A} {a} imposé {D} des sanctions à {T}.",
    "imposer_contre": "{A} {a} imposé des sanctions contre {T} {D}.",
    "prendre_encontre": "{A} {a} pris {D} des sanctions à l'encontre de {T}.",
    "inscrit_passive": "{T} {e} été inscrit{s} sur la liste des sanctions par {A} {D}.",
    "inscrire_active": "{A} {a} inscrit {D} {T} sur sa liste noire.",
    "gel_nominal": "{A} {a} ordonné {D} le gel des avoirs de {T}.",
    "geler_avoirs": "{A} {a} gelé {D} les avoirs de {T}.",
    "sanctions_visent": "Les sanctions annoncées {D} par {A} visent {T}.",
    "annonce_visant": "{A} {a} annoncé {D} des sanctions visant {T}.",
    "relative_que": "{N1}, que {A} {a} sanctionné {D}, a dénoncé une décision injuste.",
    "relative_qui_passive": "{T}, qui {e} été sanctionné{s} {D} par {A}, {e} rejeté ces accusations.",
    "group_colon": "{A} {a} sanctionné {D} {G} : {N1}, {N2} et {N3}.",
    "group_il_s_agit": "{A} {a} sanctionné {D} {G}. Il s'agit de {N1}, de {N2} et de {N3}.",
    "se_voir_imposer": "{D}, {T} se {v} imposer des sanctions par {A}.",
    "annonce_avoir": "{A} {a} annoncé {D} avoir sanctionné {T}.",
    "decide_de": "{A} {a} décidé {D} de sanctionner {T}.",
    "gerondif": "{A} {a} pris des mesures {D} en sanctionnant {T}.",
    "placer_liste": "{A} {a} placé {D} {T} sur sa liste des sanctions.",
    "ajouter_liste": "{A} {a} ajouté {D} {T} à sa liste des personnes sanctionnées.",
    "vises_par": "{T} {e} été visé{s} {D} par des sanctions imposées par {A}.",
    "mesures_restrictives": "{A} {a} adopté {D} des mesures restrictives à l'encontre de {T}.",
    "designe_passive": "{T} {e} été désigné{s} {D} par {A}.",
    "apposition_roles": "{A} {a} sanctionné {D} {N1}, {R1}, et {N2}, {R2}.",
    "annonce_gel": "{A} {a} annoncé {D} le gel des avoirs de {T}.",
    "parmi_figurent": "Parmi les personnes sanctionnées {D} par {A} figurent {N1} et {N2}.",
    "sanctions_contre_sujet": "Les sanctions prises {D} par {A} contre {T} prévoient le gel de leurs avoirs.",
    # an organisation named in the target's role only, never a target: {O}
    "role_chef_de": "{A} {a} sanctionné {D} {N1}, le chef de {O} au Mali.",
    "role_chef_de_passive": "{N1}, le chef de {O} au Mali, a été sanctionné par {A} {D}.",
    "role_membre_du_groupe": "{A} {a} sanctionné {D} {N1}, membre du groupe {O}.",
    "role_groupe_avant": "{A} {a} sanctionné {D} le chef du groupe militaire privé {O} au Mali, {N1}.",
    "role_responsable_de": "{D}, {A} {a} imposé des sanctions à {N1}, responsable de la société {O}.",
    "role_directeur_de": "{N1}, directeur de {O}, a été visé {D} par des sanctions imposées par {A}.",
    # a described group after "à l'encontre de" or under "une série de sanctions", named in the next sentence
    "serie_encontre_groupe": "{A} {a} annoncé {D} une série de sanctions à l'encontre de {G}. Il s'agit de {N1}, "
                             "de {N2} et de {N3}.",
    "encontre_groupe": "{A} {a} pris {D} des sanctions à l'encontre de {G}. Il s'agit de {N1}, de {N2} et de {N3}.",
    "serie_visant_groupe": "{A} {a} annoncé {D} une série de sanctions visant {G}. Il s'agit de {N1}, de {N2} "
                           "et de {N3}.",
    "serie_contre_groupe": "{A} {a} adopté {D} une série de sanctions contre {G}. Il s'agit de {N1}, de {N2} "
                           "et de {N3}.",
}


@cache
def listed_names() -> tuple[str, ...]:
    """"Given Surname" of the SDN individuals of :data:`PROGRAMMES` with two or three Latin-letter words."""
    russian: set[str] = set()
    other: set[str] = set()
    with SDN.open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 4 or row[2].strip() != "individual" or not any(p in row[3] for p in PROGRAMMES):
                continue
            surname, _, given = row[1].partition(",")
            words = f"{given.strip()} {surname.strip()}".title().split()
            if 2 <= len(words) <= 3 and all(re.fullmatch(r"[A-Za-z][a-z]+(?:-[A-Z][a-z]+)?", w) for w in words):
                (russian if "RUSSIA" in row[3] else other).add(" ".join(words))
    # as many Russian programme names as the others (the Russia programme alone has thousands)
    keep = sorted(russian, key=lambda n: hashlib.sha256(n.encode()).hexdigest())[:len(other)]
    return tuple(sorted(other | set(keep)))


@cache
def listed_organisations() -> tuple[str, ...]:
    """One-word names of the SDN entities (not individuals) of :data:`PROGRAMMES`, title-cased."""
    out: set[str] = set()
    with SDN.open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 4 or row[2].strip() != "-0-" or not any(p in row[3] for p in PROGRAMMES):
                continue
            word = row[1].strip().title()
            if re.fullmatch(r"[A-Z][a-z]{3,}", word):
                out.add(word)
    return tuple(sorted(out))


def _contract(text: str) -> str:
    for full, short in ((" à le ", " au "), (" à les ", " aux "), (" de le ", " du "), (" de les ", " des ")):
        text = text.replace(full, short)
    return re.sub(r"\b([dD])e ([AEIOUÉ])", r"\1'\2", text)


def _targets(rng: random.Random, names: list[str]) -> tuple[str, tuple[str, ...]]:
    """The target phrase (one to three names, some with a role before or after) and the names."""
    count = rng.choice((1, 1, 2, 3))
    picked = rng.sample(names, count)
    parts = []
    for name in picked:
        style = rng.random()
        if style < 0.35:
            parts.append(f"{rng.choice(ROLES)} {name}")
        elif style < 0.5 and count == 1:
            parts.append(f"{name}, {rng.choice(APPOSED)},")
        else:
            parts.append(name)
    phrase = parts[0] if count == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]
    return phrase, tuple(picked)


def _case(shape: str, template: str, rng: random.Random, names: list[str],
          forms: list[tuple[str, range, Callable[[dt.date, dt.date], str]]], part: str,
          organisations: list[str]) -> Case:
    published = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(365 * 3))
    form, back, phrase = rng.choice(forms)
    day = published - dt.timedelta(days=rng.choice(list(back)))
    authority, plural, canonical = rng.choice(AUTHORITIES)
    target_phrase, picked = _targets(rng, names)
    named = rng.sample(names, 3)
    count = rng.choice((2, 3)) if "{N3}" not in template else 3
    slots = {"A": authority, "a": "ont" if plural else "a", "D": phrase(day, published), "T": target_phrase,
             "e": "ont" if len(picked) > 1 else "a", "s": "s" if len(picked) > 1 else "",
             "v": "voient" if len(picked) > 1 else "voit", "G": f"{NUMBER_WORDS[count]} {rng.choice(GROUPS)}",
             "N1": named[0], "N2": named[1], "N3": named[2], "R1": rng.choice(APPOSED), "R2": rng.choice(APPOSED)}
    if "{O}" in template:  # drawn last: the shapes without it keep their cases
        slots["O"] = rng.choice(organisations)
    text = _contract(" " + template.format(**slots)).strip().replace(",,", ",").replace(",.", ".")
    text = text[0].upper() + text[1:]
    uses = [n for n in ("N1", "N2", "N3") if "{" + n + "}" in template]
    targets = tuple(slots[n] for n in uses) if uses else picked
    return Case(shape, form, part, text, published.isoformat(), canonical, targets, day.isoformat())


def cases(per_shape: int = 16) -> list[Case]:
    """``per_shape`` cases of every shape, each in its shape's part with that part's date phrases and names."""
    names = {part: [n for n in listed_names() if part_of("name", n) == part] for part in ("dev", "test")}
    forms = {part: [f for f in DATE_FORMS if part_of("date", f[0]) == part] for part in ("dev", "test")}
    organisations = {part: [n for n in listed_organisations() if part_of("organisation", n) == part]
                     for part in ("dev", "test")}
    out = []
    for shape, template in SHAPES.items():
        part = part_of("shape", shape)
        rng = random.Random(f"french_events/{shape}")
        out += [_case(shape, template, rng, names[part], forms[part], part, organisations[part])
                for _ in range(per_shape)]
    return out
