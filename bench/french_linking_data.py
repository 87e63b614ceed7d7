"""Listed names as French reports write them, in French sentences, each with the list entry it names.

The multilingual dev set names seven listed parties: too few to tell a class of name form the linker
misses from one report's accident. This set crosses

* **names** of real listed people: individuals of the bundled OFAC SDN file under African and Russian
  programmes (the programmes of :mod:`bench.french_events_data`), each with its list id;
* **forms** a French report gives a name (:data:`FORMS`): the surname in capitals first ("CAMARA Sadio"),
  in capitals last, the order inverted, accents added or dropped, a one-letter typo, given names joined by
  a hyphen, a title ("le colonel", "M."), French romanisation of Russian names ("Prigojine", "Poutine");
* **sentences** (:data:`TEMPLATES`): French sentences of sanctions reports that hold the name.

Split once, by hash: a name, a form and a sentence are each *test* when the first 8 hex digits of
``sha256("french_linking/<kind>/<key>")`` are even. A dev case uses a dev name, a dev form and a dev
sentence, a test case test ones only, so the test part measures names, forms and sentences never tuned
on. Everything is deterministic (one seeded generator per name).
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from bench.french_events_data import PROGRAMMES, SDN

__all__ = ["FORMS", "GLUED", "ORG_FORMS", "TEMPLATES", "Case", "cases", "french_romanisation", "glued_cases",
           "glued_org_cases", "listed_orgs", "listed_people", "org_cases", "part_of", "titled_cases",
           "titled_people"]

#: Russian-programme names are romanised the French way ("Prigozhin" → "Prigojine", "Yevgeniy" → "Evgueni"):
#: first the endings and beginnings, then, in one left-to-right pass, the letters French writes otherwise,
#: then a hard "g" kept hard before e and i.
FRENCH_ENDS = (("iy$", "i"), ("yy$", "i"), ("ey$", "ei"), ("^ye", "e"), ("in$", "ine"))
FRENCH_LETTERS = {"shch": "chtch", "zh": "j", "kh": "kh", "ch": "tch", "sh": "ch", "u": "ou", "y": "i"}
FRENCH_AFTER = (("g(?=[ei])", "gu"),)
_LETTERS = re.compile("|".join(sorted(FRENCH_LETTERS, key=len, reverse=True)))

#: French sentences of sanctions reports; ``{n}`` is the name.
TEMPLATES = {
    "sanctionne": "{n} a été sanctionné ce lundi par le Trésor américain.",
    "selon": "Selon Washington, {n} aurait facilité les activités du groupe dans le pays.",
    "imposer": "Les États-Unis ont imposé des sanctions à {n}, accusé de corruption.",
    "figure": "Parmi les personnes visées figure {n}, selon le communiqué.",
    "dement": "Déjà visé par l'Union européenne, {n} dément toute implication.",
    "declare": "« Nous n'avons rien à cacher », a déclaré {n} lors d'une conférence de presse.",
    "reproche": "L'OFAC reproche à {n} d'avoir détourné des fonds publics.",
    "liste": "Le nom de {n} apparaît sur la liste publiée jeudi par l'administration américaine.",
    "reagir": "Interrogé par la presse, {n} n'a pas souhaité réagir à ces accusations.",
    "avoirs": "Les avoirs de {n} aux États-Unis sont désormais gelés.",
    "proche": "Proche du pouvoir, {n} est accusé d'avoir financé des groupes armés.",
    "visant": "Les mesures visant {n} ont été annoncées mardi à Washington.",
}


@dataclass(frozen=True)
class Person:
    """A listed individual: list id, given names and surname as the list writes them, Russian programme."""

    list_id: str
    given: tuple[str, ...]
    surname: str
    russian: bool


@dataclass(frozen=True)
class Case:
    """One sentence naming one listed person in one form."""

    part: str
    list_id: str
    form: str
    template: str
    name: str
    text: str
    #: Other listed parties the sentence names, not counted wrong when linked.
    also: tuple[str, ...] = ()


def part_of(kind: str, key: str) -> str:
    digest = int(hashlib.sha256(f"french_linking/{kind}/{key}".encode()).hexdigest()[:8], 16)
    return "test" if digest % 2 == 0 else "dev"


@cache
def listed_people() -> tuple[Person, ...]:
    """SDN individuals of the programmes, with one surname word and one or two given names in Latin letters."""
    people = []
    with SDN.open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 4 or row[2].strip() != "individual" or not any(p in row[3] for p in PROGRAMMES):
                continue
            surname, _, given = row[1].partition(",")
            given_words = given.strip().title().split()
            if not (1 <= len(given_words) <= 2 and re.fullmatch(r"[A-Z]+", surname.strip())
                    and all(re.fullmatch(r"[A-Z][a-z]+", w) for w in given_words)):
                continue
            people.append(Person(f"us_ofac_sdn-{row[0].strip()}", tuple(given_words), surname.strip().title(),
                                 "RUSSIA" in row[3]))
    return tuple(people)


def french_romanisation(word: str) -> str:
    out = word.lower()
    for pattern, french in FRENCH_ENDS:
        out = re.sub(pattern, french, out)
    out = _LETTERS.sub(lambda m: FRENCH_LETTERS[m.group()], out)
    for pattern, french in FRENCH_AFTER:
        out = re.sub(pattern, french, out)
    return out.capitalize()


def _accent(word: str) -> str:
    """The first "e" after the first letter written "é" (French spelling of a romanised name), else as is."""
    index = word.find("e", 1)
    return word if index < 0 else word[:index] + "é" + word[index + 1:]


def _typo(word: str, rng: random.Random) -> str:
    """One letter changed the way hurried typing and hearing change it: a vowel for a near one, a doubled
    letter single, or a letter dropped from a long word."""
    swaps = {"a": "e", "e": "a", "i": "y", "o": "ou", "u": "ou", "y": "i"}
    doubled = [i for i in range(1, len(word)) if word[i] == word[i - 1]]
    if doubled:
        i = rng.choice(doubled)
        return word[:i] + word[i + 1:]
    vowels = [i for i, ch in enumerate(word) if i and ch in swaps]
    if vowels:
        i = rng.choice(vowels)
        return word[:i] + swaps[word[i]] + word[i + 1:]
    return word


#: Each form: (given names, surname) → the name as written; the generator for typos.
FORMS: dict[str, Callable[[Person, random.Random], str | None]] = {
    "plain": lambda p, _r: " ".join((*p.given, p.surname)),
    "caps_first": lambda p, _r: " ".join((p.surname.upper(), *p.given)),
    "caps_last": lambda p, _r: " ".join((*p.given, p.surname.upper())),
    "inverted": lambda p, _r: " ".join((p.surname, *p.given)),
    "accents": lambda p, _r: " ".join((*(_accent(g) for g in p.given), p.surname)),
    "typo_surname": lambda p, r: " ".join((*p.given, _typo(p.surname, r))),
    "typo_given": lambda p, r: " ".join((_typo(p.given[0], r), *p.given[1:], p.surname)),
    "hyphen": lambda p, _r: (" ".join(("-".join(p.given), p.surname)) if len(p.given) == 2 and not p.russian
                             else None),  # two given names, not a given name and a patronymic
    "colonel": lambda p, _r: "le colonel " + " ".join((*p.given, p.surname)),
    "monsieur": lambda p, _r: "M. " + " ".join((*p.given, p.surname)),
    "french_romanised": lambda p, _r: (" ".join(french_romanisation(w) for w in (*p.given, p.surname))
                                       if p.russian else None),
}


def cases(per_name: int = 1) -> list[Case]:
    """``per_name`` cases for each listed person: distinct forms and sentences of the person's part."""
    forms = {part: sorted(f for f in FORMS if part_of("form", f) == part) for part in ("dev", "test")}
    templates = {part: sorted(t for t in TEMPLATES if part_of("template", t) == part) for part in ("dev", "test")}
    out = []
    for person in listed_people():
        part = part_of("name", person.list_id)
        rng = random.Random(person.list_id)
        chosen = [f for f in rng.sample(forms[part], len(forms[part])) if FORMS[f](person, rng) is not None]
        for form in chosen[:per_name]:
            template = rng.choice(templates[part])
            name = FORMS[form](person, random.Random(f"{person.list_id}/{form}"))
            if name is None:
                continue
            text = TEMPLATES[template].format(n=name)
            out.append(Case(part, person.list_id, form, template, name, text[0].upper() + text[1:]))
    return out


def _contract(text: str) -> str:
    """French contractions of "de le" and "à le"."""
    return re.sub(r"\b([dD])e le ", r"\1u ", re.sub(r"\b([àÀ]) le ", "au ", text))


#: Glued names: the French model reads a surname and the full name after it as one name ("le copain de
#: Poutine Yevgeny Prigozhin"). ``{s}`` is another listed person's surname, ``{n}`` the case's person in full.
GLUED = {
    "allie": "l'allié de {s} {n}",
    "proche": "un proche de {s} {n}",
    "bras_droit": "le bras droit de {s} {n}",
    "copain": "le copain de {s} {n}",
    "homme": "l'homme de {s} {n}",
    "protege": "le protégé de {s} {n}",
}


def glued_cases() -> list[Case]:
    """A case per listed person: the person in full right after another listed person's surname (a person
    of the same part, chosen by a seeded generator); that other person is not counted wrong if linked."""
    forms = {part: sorted(f for f in GLUED if part_of("glued", f) == part) for part in ("dev", "test")}
    templates = {part: sorted(t for t in TEMPLATES if part_of("template", t) == part) for part in ("dev", "test")}
    people = listed_people()
    by_part = {part: [p for p in people if part_of("name", p.list_id) == part] for part in ("dev", "test")}
    out = []
    for person in people:
        part = part_of("name", person.list_id)
        rng = random.Random(f"glued/{person.list_id}")
        other = rng.choice([p for p in by_part[part] if p.surname != person.surname])
        form, template = rng.choice(forms[part]), rng.choice(templates[part])
        name = " ".join((*person.given, person.surname))
        text = _contract(TEMPLATES[template].format(n=GLUED[form].format(s=other.surname, n=name)))
        out.append(Case(part, person.list_id, form, template, name, text[0].upper() + text[1:], (other.list_id,)))
    return out


#: Organisations as French reports name them: a French generic head before the name ("le groupe Wagner",
#: "la banque Saderat"). Each form: the English generic word of the listed name, and the French heads.
ORG_FORMS = {
    "groupe": ("GROUP", "le groupe"),
    "groupe_arme": ("GROUP", "le groupe armé"),
    "societe": ("COMPANY", "la société"),
    "compagnie": ("COMPANY", "la compagnie"),
    "banque": ("BANK", "la banque"),
    "fondation": ("FOUNDATION", "la fondation"),
    "societe_militaire": ("PRIVATE MILITARY COMPANY", "la société militaire privée"),
    "agence": ("AGENCY", "l'agence"),
}
_ORG_NAME = re.compile(r"[A-Z][A-Z-]+[A-Z]")


@cache
def listed_orgs() -> tuple[tuple[str, str, str], ...]:
    """(list id, core, English generic word) of the SDN organisations named "<CORE> <GENERIC>" or "<GENERIC>
    <CORE>" with a core of one or two words in Latin letters, none of them a generic word; names listed
    once only (an entry listed twice under one name would make either link right)."""
    generic = {w for english, _head in ORG_FORMS.values() for w in english.split()}
    found: dict[str, list[tuple[str, str, str]]] = {}
    with SDN.open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 4 or row[2].strip() in ("individual", "vessel", "aircraft"):
                continue
            name = row[1].strip().rstrip(".")
            for english in sorted({e for e, _h in ORG_FORMS.values()}, key=len, reverse=True):
                core = (name.removesuffix(" " + english) if name.endswith(" " + english)
                        else name.removeprefix(english + " ") if name.startswith(english + " ") else None)
                if core is None:
                    continue
                words = core.split()
                if 1 <= len(words) <= 2 and all(_ORG_NAME.fullmatch(w) and w not in generic for w in words):
                    found.setdefault(name, []).append((f"us_ofac_sdn-{row[0].strip()}", core.title(), english))
                break
    return tuple(rows[0] for rows in found.values() if len(rows) == 1)


def org_cases() -> list[Case]:
    """A case per listed organisation of :func:`listed_orgs`: its core after a French head of its generic word
    (a form of the organisation's part whose English word is the listed one), in a sentence of its part."""
    templates = {part: sorted(t for t in TEMPLATES if part_of("template", t) == part) for part in ("dev", "test")}
    out = []
    for list_id, core, english in listed_orgs():
        part = part_of("name", list_id)
        forms = sorted(f for f, (e, _h) in ORG_FORMS.items() if e == english and part_of("org", f) == part)
        if not forms:
            continue
        rng = random.Random(f"org/{list_id}")
        form, template = rng.choice(forms), rng.choice(templates[part])
        name = f"{ORG_FORMS[form][1]} {core}"
        text = _contract(TEMPLATES[template].format(n=name))
        out.append(Case(part, list_id, form, template, name, text[0].upper() + text[1:]))
    return out


#: A bare surname after a French title ("le président Poutine"): the title French gives the first words of the
#: SDN title field (the listed position), longest first. Only people with such a position are generated.
TITLES = {
    "Major General": "le général", "Brigadier General": "le général", "General": "le général",
    "Lieutenant Colonel": "le lieutenant-colonel", "Colonel": "le colonel", "Minister": "le ministre",
    "Director": "le directeur", "Head": "le chef", "Chief": "le chef", "Commander": "le commandant",
    "Chairman": "le président", "President": "le président", "Governor": "le gouverneur", "Judge": "le juge",
    "Prosecutor": "le procureur", "Secretary": "le secrétaire",
}


@cache
def titled_people(shared: bool = False) -> tuple[tuple[str, str, str], ...]:
    """(list id, surname, French title) of the SDN individuals of any programme, with one surname word in
    Latin letters, whose listed position starts with a title of :data:`TITLES`; a surname and title that two
    listed people share are left out (the title then singles out no one), or with ``shared`` the only ones."""
    found = []
    with SDN.open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 5 or row[2].strip() != "individual":
                continue
            surname, position = row[1].partition(",")[0].strip(), row[4].split(";")[0].strip()
            english = next((t for t in sorted(TITLES, key=len, reverse=True) if position.startswith(t + " ")
                            or position == t), None)
            if english is not None and re.fullmatch(r"[A-Z]{3,}", surname):
                found.append((f"us_ofac_sdn-{row[0].strip()}", surname.title(), TITLES[english]))
    keys = [(s, t) for _i, s, t in found]
    return tuple(f for f in found if (keys.count((f[1], f[2])) > 1) == shared)


def titled_cases() -> list[Case]:
    """A case per person of :func:`titled_people` whose title is of their part: "le président Poutine" in
    a sentence of that part."""
    templates = {part: sorted(t for t in TEMPLATES if part_of("template", t) == part) for part in ("dev", "test")}
    out = []
    for list_id, surname, title in titled_people():
        part = part_of("name", list_id)
        if part_of("title", title) != part:
            continue
        template = random.Random(f"titled/{list_id}").choice(templates[part])
        name = f"{title} {surname}"
        text = _contract(TEMPLATES[template].format(n=name))
        out.append(Case(part, list_id, title.split()[-1], template, name, text[0].upper() + text[1:]))
    return out


#: An organisation's one-word name glued to a person's full name ("le patron de Wagner Evgueni Prigojine").
#: ``{o}`` is a listed organisation's one-word name, ``{n}`` the case's person in full.
GLUED_ORGS = {
    "chef": "le chef de {o} {n}",
    "patron": "le patron de {o} {n}",
    "fondateur": "le fondateur de {o} {n}",
    "dirigeant": "le dirigeant de {o} {n}",
    "numero_deux": "le numéro deux de {o} {n}",
    "emissaire": "l'émissaire de {o} {n}",
}


def glued_org_cases() -> list[Case]:
    """A case per listed person: the person in full right after the one-word name of a listed organisation
    of :func:`listed_orgs` (chosen by a seeded generator among those of the person's part); the
    organisation is not counted wrong if linked."""
    forms = {part: sorted(f for f in GLUED_ORGS if part_of("glued_org", f) == part) for part in ("dev", "test")}
    templates = {part: sorted(t for t in TEMPLATES if part_of("template", t) == part) for part in ("dev", "test")}
    orgs = {part: [(i, c) for i, c, _e in listed_orgs() if " " not in c and part_of("name", i) == part]
            for part in ("dev", "test")}
    out = []
    for person in listed_people():
        part = part_of("name", person.list_id)
        rng = random.Random(f"glued_org/{person.list_id}")
        org_id, core = rng.choice(orgs[part])
        form, template = rng.choice(forms[part]), rng.choice(templates[part])
        name = " ".join((*person.given, person.surname))
        text = _contract(TEMPLATES[template].format(n=GLUED_ORGS[form].format(o=core, n=name)))
        out.append(Case(part, person.list_id, form, template, name, text[0].upper() + text[1:], (org_id,)))
    return out
