"""Realistic variants of listed names for the dev set: typing errors, word order, initials, other
romanisations and organisation-name changes. The rules come from ``bench/data/screening_rules.yml``
(written for the benchmark, not taken from ``kenning.names``). Every function takes a random generator
and returns ``(variant, what changed)`` or ``None`` when the name offers nothing to change.
"""

from __future__ import annotations

import random
import re

from bench.screening_common import Party
from bench.screening_names import RULES, fold

__all__ = ["display_parts", "initials", "org_variant", "reorder", "translit", "typo"]

_KEYBOARD = RULES["keyboard"]
_TRANSLIT = [(re.compile(p), r) for p, r in RULES["translit"]]
_GIVEN = {name: group for group in RULES["given_variants"] for name in group}
Variant = tuple[str, str]


def _recase(new: str, old: str) -> str:
    """``new`` in the letter case of ``old`` (UPPER, Title or lower)."""
    if old.isupper():
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def display_parts(party: Party, name: str) -> tuple[list[str], int | None]:
    """Words of a name in reading order (``SURNAME, Given`` → ``Given SURNAME``) and the position of the
    first surname word, from the party's lastName or the comma form (None if unknown)."""
    if "," in name:
        surname, _, given = name.partition(",")
        words = given.split() + surname.split()
        return words, len(given.split())
    words = name.split()
    for last in party.last_names:
        last_words = last.split()
        for i in range(len(words) - len(last_words) + 1):
            if [w.lower() for w in words[i:i + len(last_words)]] == [w.lower() for w in last_words]:
                return words, i
    return words, None


def _neighbour(letter: str, rng: random.Random) -> str:
    lower = letter.lower()
    for row in _KEYBOARD:
        at = row.find(lower)
        if at >= 0:
            options = [row[i] for i in (at - 1, at + 1) if 0 <= i < len(row)]
            return _recase(rng.choice(options), letter)
    return letter


def _one_typo(word: str, rng: random.Random) -> tuple[str, str]:
    at = rng.randrange(1, len(word))
    kind = rng.choice(("substitute", "delete", "insert", "transpose"))
    if kind == "substitute":
        other = _neighbour(word[at], rng)
        return word[:at] + other + word[at + 1:], f"{word[at]}→{other}"
    if kind == "delete":
        return word[:at] + word[at + 1:], f"dropped {word[at]}"
    if kind == "insert":
        return word[:at] + word[at - 1] + word[at:], f"doubled {word[at - 1]}"
    if at == len(word) - 1:
        at -= 1
    return word[:at] + word[at + 1] + word[at] + word[at + 2:], f"swapped {word[at]}{word[at + 1]}"


def typo(name: str, rng: random.Random) -> Variant | None:
    """One or two keyboard errors (substitution by a neighbouring key, a dropped, doubled or swapped
    letter) in words of four or more letters, never the first letter."""
    words = name.split()
    choices = [i for i, w in enumerate(words) if w.isalpha() and len(w) >= 4]
    if not choices:
        return None
    edits = 2 if len(fold(name)) >= 18 and rng.random() < 0.35 else 1
    notes = []
    for i in rng.sample(choices, min(edits, len(choices))):
        new, what = _one_typo(words[i], rng)
        notes.append(f"{words[i]}: {what}")
        words[i] = new
    out = " ".join(words)
    return (out, "; ".join(notes)) if fold(out) != fold(name) else None


def reorder(party: Party, name: str, rng: random.Random) -> Variant | None:
    """Person name parts in another order: surname first without a comma, reversed, or shuffled."""
    words, surname_at = display_parts(party, name.replace(",", " , ").replace(" , ", ", ").strip())
    words = [w.strip(",") for w in words if w.strip(",")]
    if len(words) < 2:
        return None
    if surname_at is not None and 0 < surname_at < len(words):
        options = [("surname first", words[surname_at:] + words[:surname_at]),
                   ("reversed", words[::-1])]
    else:
        options = [("reversed", words[::-1])]
    if len(words) >= 3:
        shuffled = words[:]
        rng.shuffle(shuffled)
        options.append(("shuffled", shuffled))
    label, new = rng.choice(options)
    literal = [w.strip(",") for w in name.split() if w.strip(",")]
    if new in (words, literal):
        return None
    return " ".join(new), label


def initials(party: Party, name: str, rng: random.Random) -> Variant | None:
    """Given names and patronymics shortened to initials ("Vitalii V. Perfilev", "V. V. Perfilev"),
    the surname written out."""
    words, surname_at = display_parts(party, name)
    words = [w.strip(",") for w in words if w.strip(",")]
    if surname_at is None or surname_at < 1 or len(words) < 2:
        return None
    given = words[:surname_at]
    if len(given) >= 2 and rng.random() < 0.6:
        new = [given[0]] + [w[0].upper() + "." for w in given[1:]]
        label = "middle names as initials"
    else:
        new = [w[0].upper() + "." for w in given]
        label = "given names as initials"
    if all(len(w) <= 2 for w in given):
        return None
    return " ".join(new + words[surname_at:]), label


def _translit_word(word: str, rng: random.Random) -> tuple[str, str] | None:
    lower = word.lower()
    if lower in _GIVEN and rng.random() < 0.5:
        options = [v for v in _GIVEN[lower] if v != lower]
        new = rng.choice(options)
        return _recase(new, word), f"{lower}→{new}"
    rules = [(p, r) for p, r in _TRANSLIT if p.search(lower)]
    rng.shuffle(rules)
    for pattern, replacement in rules:
        new = pattern.sub(replacement, lower, count=1)
        if new != lower and len(new) >= 2:
            return _recase(new, word), f"{lower}→{new}"
    return None


def translit(name: str, rng: random.Random) -> Variant | None:
    """One or two words spelled as another romanisation would (-ov/-off, ya/ia, kh/h, ou/u, y/i, zh/j,
    Mohammed/Muhammad...)."""
    words = name.split()
    order = [i for i, w in enumerate(words) if w.strip(",").isalpha() and len(w.strip(",")) >= 3]
    rng.shuffle(order)
    notes = []
    wanted = 2 if len(order) >= 2 and rng.random() < 0.4 else 1
    for i in order:
        core = words[i].strip(",")
        changed = _translit_word(core, rng)
        if changed is None:
            continue
        words[i] = words[i].replace(core, changed[0])
        notes.append(changed[1])
        if len(notes) == wanted:
            break
    out = " ".join(words)
    return (out, "; ".join(notes)) if notes and fold(out) != fold(name) else None


def _find_form(lower: str) -> tuple[list[str], str, int] | None:
    """The longest legal form (group, member, start) at the start or end of a lower-case name."""
    best = None
    for group in RULES["legal_forms"]:
        for member in group:
            for start in (0, len(lower) - len(member)):
                if start < 0 or lower[start:start + len(member)] != member:
                    continue
                before = lower[start - 1] if start > 0 else " "
                after = lower[start + len(member)] if start + len(member) < len(lower) else " "
                if not before.isalnum() and not after.isalnum() and (best is None or len(member) > len(best[1])):
                    best = (group, member, start)
    return best


def org_variant(name: str, rng: random.Random) -> Variant | None:
    """Organisation names with the legal form dropped, swapped for an equivalent, or moved to the other
    end; or a word abbreviated ("International" → "Intl"); or two words swapped."""
    lower = name.lower()
    found = _find_form(lower)
    if found is not None:
        group, member, start = found
        core = (name[:start] + name[start + len(member):]).strip(" ,.-")
        if not fold(core):
            return None
        kind = rng.choice(("drop", "swap", "move"))
        if kind == "drop":
            return (core, f"legal form {member!r} dropped") if fold(core) != fold(name) else None
        if kind == "swap":
            other = rng.choice([m for m in group if m != member])
            other = other.upper() if name.isupper() else other
            new = f"{other} {core}" if start == 0 else f"{core} {other}"
            return (new, f"legal form {member!r} → {other!r}") if fold(new) != fold(name) else None
        moved = name[start:start + len(member)]
        return (f"{core} {moved}" if start == 0 else f"{moved} {core}"), f"legal form {member!r} moved"
    words = name.split()
    for group in rng.sample(RULES["org_words"], len(RULES["org_words"])):
        for i, w in enumerate(words):
            if w.lower() in group:
                other = rng.choice([m for m in group if m != w.lower()])
                words[i] = _recase(other, w)
                return " ".join(words), f"{w} → {other}"
    strong = [i for i, w in enumerate(words) if len(w) >= 3]
    if len(strong) >= 2 and len(words) <= 4:
        i = rng.choice(strong[:-1])
        j = strong[strong.index(i) + 1]
        words[i], words[j] = words[j], words[i]
        return " ".join(words), f"swapped {words[j]} / {words[i]}"
    return None
