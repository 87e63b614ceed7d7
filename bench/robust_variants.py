"""Perturbations of listed names for the robustness dev set: what evasion, hurried typing, scanning and
old systems do to a name. Rules from ``bench/data/robust_rules.yml`` (written for the benchmark, not read
from :mod:`kenning.names`). Every function takes a name and a random generator and returns
``(variant, what changed)`` or ``None`` when the name offers nothing to change.

Groups (as the issue's held-out perturbations): **benign** (the name as listed, reordered, with initials,
a typing error, two letters swapped, another romanisation, a part dropped, an alias, a generational suffix
or honorific, other letter case), **adversarial** (homoglyphs, invisible characters, vowels dropped, a stray
space inside a part, a missing space or hyphen) and **degraded** (OCR confusions, a truncated last part, a
name cut at a field length, two typing errors, punctuation lost).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bench import screening_variants as sv
from bench.screening_common import Party
from bench.screening_names import fold, strong_tokens

__all__ = ["ADVERSARIAL", "BENIGN", "DEGRADED", "ORG_KINDS", "PERSON_KINDS", "RULES", "make"]

Variant = tuple[str, str] | None


@cache
def rules() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "data" / "robust_rules.yml").read_text(
        encoding="utf-8"))
    return loaded


RULES = rules()
_WORD = re.compile(r"[^\W\d_]{2,}")


def _words(name: str, minimum: int) -> list[re.Match[str]]:
    return [m for m in _WORD.finditer(name) if len(m.group()) >= minimum]


def _replace(name: str, match: re.Match[str], new: str) -> str:
    return name[:match.start()] + new + name[match.end():]


def homoglyph(name: str, rng: random.Random) -> Variant:
    """One or two parts with most of their letters swapped for Cyrillic or Greek look-alikes."""
    table = RULES["homoglyphs"]
    words = [m for m in _words(name, 3) if sum(ch in table for ch in m.group()) >= 2]
    if not words:
        return None
    out = name
    chosen = sorted(rng.sample(words, min(len(words), rng.choice((1, 2)))), key=lambda m: -m.start())
    for match in chosen:
        letters = [rng.choice(table[ch]) if ch in table and rng.random() < 0.8 else ch for ch in match.group()]
        out = _replace(out, match, "".join(letters))
    return (out, f"{len(chosen)} part(s) in look-alike letters") if out != name else None


def invisible(name: str, rng: random.Random) -> Variant:
    """One to three invisible characters (zero-width space, soft hyphen, bidi marks...) inside parts."""
    words = _words(name, 3)
    if not words:
        return None
    out, count = name, rng.randint(1, 3)
    for _ in range(count):
        word = rng.choice(_words(out, 3) or words)
        at = rng.randrange(word.start() + 1, word.end())
        out = out[:at] + rng.choice(RULES["invisible"]) + out[at:]
    return out, f"{count} invisible character(s) inside parts"


def vowel_drop(name: str, rng: random.Random) -> Variant:
    """The vowels after the first letter dropped from one or two parts of five letters or more."""
    words = [m for m in _words(name, 5) if sum(ch in RULES["vowels"] for ch in m.group()[1:]) >= 2]
    if not words:
        return None
    out = name
    for match in sorted(rng.sample(words, min(len(words), rng.choice((1, 2)))), key=lambda m: -m.start()):
        word = match.group()
        out = _replace(out, match, word[0] + "".join(ch for ch in word[1:] if ch not in RULES["vowels"]))
    return out, "vowels dropped"


def split_part(name: str, rng: random.Random) -> Variant:
    """A stray space inside a part of six letters or more ("Sad io", "Vik torovich")."""
    words = _words(name, 6)
    if not words:
        return None
    match = rng.choice(words)
    at = rng.randrange(2, len(match.group()) - 2)
    word = match.group()
    return _replace(name, match, word[:at] + " " + word[at:]), f"space inside {word}"


def join_parts(name: str, rng: random.Random) -> Variant:
    """Two neighbouring parts written as one (a missing space or hyphen: "AWMOHAMED")."""
    gaps = [m for m in re.finditer(r"(?<=[^\W\d_])[ \-](?=[^\W\d_])", name)]
    if not gaps:
        return None
    gap = rng.choice(gaps)
    return name[:gap.start()] + name[gap.end():], f"joined at {gap.start()}"


def ocr(name: str, rng: random.Random) -> Variant:
    """One or two characters misread as a scanner reads them (m/rn, d/cl, S/5, O/0, I/l, B/8...)."""
    options = [(i, seen, read) for seen, read in RULES["ocr"] for i in range(1, len(name))
               if name.startswith(seen, i) or (i == 0 and name.startswith(seen))]
    options += [(0, seen, read) for seen, read in RULES["ocr"] if name.startswith(seen)]
    if not options:
        return None
    out, notes = name, []
    for at, seen, read in sorted(rng.sample(options, min(len(options), rng.choice((1, 2)))), key=lambda o: -o[0]):
        if out[at:at + len(seen)] == seen:
            out = out[:at] + read + out[at + len(seen):]
            notes.append(f"{seen}→{read}")
    return (out, "OCR " + ", ".join(notes)) if out != name else None


def truncate_last(name: str, rng: random.Random) -> Variant:
    """The part written last cut to its first three to five letters ("PRIGOZHIN, Yevg")."""
    words = _words(name, 6)
    if not words or words[-1].end() < len(name.rstrip(" .")) - 1:
        return None
    last = words[-1]
    keep = rng.randint(3, min(5, len(last.group()) - 2))
    return name[:last.start() + keep], f"last part cut to {keep} letters"


def field_cut(name: str, rng: random.Random) -> Variant:
    """The whole name cut at a field length, inside a part of which three letters or more stay."""
    for length in rng.sample(RULES["field_lengths"], len(RULES["field_lengths"])):
        if len(name) <= length:
            continue
        cut = name[:length]
        tail = re.search(r"[^\W\d_]+$", cut)
        if tail and len(tail.group()) >= 3 and name[length].isalpha():
            return cut, f"cut at {length} characters"
    return None


def transpose(name: str, rng: random.Random) -> Variant:
    """Two neighbouring letters of a part swapped (not the first letter)."""
    words = _words(name, 4)
    if not words:
        return None
    match = rng.choice(words)
    word = match.group()
    at = rng.randrange(1, len(word) - 1)
    if word[at] == word[at + 1]:
        return None
    return _replace(name, match, word[:at] + word[at + 1] + word[at] + word[at + 2:]), f"swapped in {word}"


def drop_part(party: Party, name: str, rng: random.Random) -> Variant:
    """A middle part of a name of three strong parts or more left out."""
    words, surname_at = sv.display_parts(party, name)
    words = [w.strip(",") for w in words if w.strip(",")]
    if len([w for w in words if len(fold(w)) > 1]) < 3 or surname_at is None or surname_at < 2:
        return None
    drop = rng.randrange(1, surname_at)
    return " ".join(words[:drop] + words[drop + 1:]), f"dropped {words[drop]}"


def suffix(name: str, rng: random.Random) -> Variant:
    """A generational suffix after the name ("Sadio Camara Jr.", "MASLOV, Ivan, III")."""
    mark = rng.choice(RULES["suffixes"])
    return (f"{name}, {mark}" if "," in name and rng.random() < 0.4 else f"{name} {mark}"), f"suffix {mark}"


def honorific(name: str, rng: random.Random) -> Variant:
    """An honorific or title before the name ("Dr. Sadio Camara")."""
    mark = rng.choice(RULES["honorifics"])
    return f"{mark} {name}", f"honorific {mark}"


def recase(name: str, rng: random.Random) -> Variant:
    """Other letter case, and the comma of "SURNAME, Given" lost or kept."""
    out = name.upper() if rng.random() < 0.4 else name.lower() if rng.random() < 0.5 else name.title()
    if "," in out and rng.random() < 0.5:
        out = out.replace(",", "")
    return (out, "case and punctuation") if out != name else None


def typo2(name: str, rng: random.Random) -> Variant:
    """Two typing errors in one name."""
    first = sv.typo(name, rng)
    second = sv.typo(first[0], rng) if first else None
    return (second[0], f"{first[1]}; {second[1]}") if first and second else None


Maker = Callable[[Party, str, random.Random], Variant]


def _plain(fn: Callable[[str, random.Random], Variant]) -> Maker:
    return lambda _party, name, rng: fn(name, rng)


BENIGN: dict[str, Maker] = {
    "exact": lambda _p, name, _r: (name, "as listed"),
    "reorder": sv.reorder, "initials": sv.initials, "typo": _plain(sv.typo), "transpose": _plain(transpose),
    "translit": _plain(sv.translit), "drop_part": drop_part, "suffix": _plain(suffix),
    "honorific": _plain(honorific), "recase": _plain(recase), "org_variant": _plain(sv.org_variant),
}
ADVERSARIAL: dict[str, Maker] = {
    "homoglyph": _plain(homoglyph), "invisible": _plain(invisible), "vowel_drop": _plain(vowel_drop),
    "split_part": _plain(split_part), "join_parts": _plain(join_parts),
}
DEGRADED: dict[str, Maker] = {
    "ocr": _plain(ocr), "truncate_last": _plain(truncate_last), "field_cut": _plain(field_cut),
    "typo2": _plain(typo2),
}
GROUPS = {"benign": BENIGN, "adversarial": ADVERSARIAL, "degraded": DEGRADED}
PERSON_ONLY = frozenset({"reorder", "initials", "drop_part", "suffix", "honorific"})
ORG_ONLY = frozenset({"org_variant"})
PERSON_KINDS = [k for g in GROUPS.values() for k in g if k not in ORG_ONLY]
ORG_KINDS = [k for g in GROUPS.values() for k in g if k not in PERSON_ONLY and k != "translit"]


def make(kind: str, party: Party, name: str, rng: random.Random) -> tuple[str, str, str] | None:
    """(group, variant, note) of perturbation ``kind`` applied to ``name``, or None."""
    for group, makers in GROUPS.items():
        if kind in makers:
            made = makers[kind](party, name, rng)
            if made is None or not strong_tokens(made[0]):
                return None
            return group, made[0], made[1]
    raise KeyError(kind)
