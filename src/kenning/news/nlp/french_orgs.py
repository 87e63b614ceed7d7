"""French organisations named by a generic head and a name ("le groupe Wagner", "la banque Mehr").

French writes the generic word first and in lower case, so the French model either leaves it out of the span
("Wagner" alone, which the linker must then confirm like any one common word) or misses the name altogether
("la banque Mehr": no span; "la banque Karafarin": a person). The heads and the English words the lists write
for them are data (``data/nlp_org_heads_fr.yml``), by class:

* **a head, at most two adjectives, then a name-cased run** ("le groupe armé Abu Sayyaf", "la société
  militaire privée Wagner") → one ORG from the head to the end of the run, whatever the model called the
  run (a person, a place, an organisation or nothing); the run stops where a span of the model or the lists
  starts inside it ("le groupe Wagner Evgueni Prigojine");
* **the name in the lists' order** (:func:`listed_form`): the linker screens "Wagner Group" for "groupe
  Wagner" (the head's English word after the name; the matcher does not weigh the order).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from kenning.news.datafile import data_mapping
from kenning.news.nlp.ents import Ent, Tokens, sort_ents
from kenning.news.nlp.phrases import fold

__all__ = ["HEADS_FILE", "OrgHeads", "listed_form", "mark_org_heads", "org_heads"]

HEADS_FILE = "nlp_org_heads_fr.yml"
#: Adjectives allowed between a head and the name, and the longest name run, in tokens (a hyphen is one).
_ADJECTIVES = 2
_LONGEST = 6


class OrgHeads:
    """The heads of ``data/nlp_org_heads_fr.yml`` as folded token tuples, longest first."""

    def __init__(self) -> None:
        heads = data_mapping(HEADS_FILE)["heads"]
        self.english = {tuple(fold(w) for w in str(h).split()): str(e) for h, e in heads.items()}
        self.longest = max(len(h) for h in self.english)
        #: The one-word heads as written (lower case, accents kept): the nouns an organisation is named by.
        self.nouns = frozenset(str(h).lower() for h in heads if len(str(h).split()) == 1)

    def at(self, words: list[str]) -> tuple[int, str] | None:
        """(words taken, English word) of the longest head the words start with; plurals too ("groupes")."""
        for size in range(min(self.longest, len(words)), 0, -1):
            key = tuple(fold(w) for w in words[:size])
            for form in (key, (*key[:-1], key[-1].removesuffix("s").removesuffix("x"))):
                if form in self.english:
                    return size, self.english[form]
        return None


@cache
def org_heads() -> OrgHeads:
    return OrgHeads()


def listed_form(name: str) -> str | None:
    """The organisation name ``name`` ("groupe paramilitaire Wagner") as the lists write it ("Wagner
    group"): the words after the head and its lower-case adjectives, then the head's English word; None
    when ``name`` starts with no head or holds nothing after it."""
    words = name.split()
    found = org_heads().at(words)
    if found is None:
        return None
    rest = words[found[0]:]
    while rest and rest[0][:1].islower():
        rest = rest[1:]
    return " ".join((*rest, found[1])) if rest else None


def _name_word(text: str) -> bool:
    return text[:1].isupper() and any(ch.isalpha() for ch in text)


def _in_run(toks: Tokens, i: int, first: bool, persons: set[int]) -> bool:
    """Token ``i`` continues the name run: a name-cased word after one space (wherever the segmenter put a
    sentence boundary: it cuts "Le groupe paramilitaire | Wagner"), or a hyphen or word glued to the one
    before ("Al-Qatirji"); not the start of a person's full name after the run's first word ("le groupe
    Wagner Evgueni Prigojine")."""
    before = toks[i - 1]
    gap = toks.text[before.idx + len(before.text):toks[i].idx]
    text = toks.texts[i]
    if gap == "" and not first:
        return text == "-" or _name_word(text) or before.text == "-"
    return gap == " " and _name_word(text) and (first or i not in persons)


def _adjective(doc: Doc, i: int) -> bool:
    """A lower-case adjective or past participle ("armé") between a head and the name."""
    token = doc[i]
    participle = token.pos_ == "VERB" and "Part" in token.morph.get("VerbForm", [])
    return token.text.islower() and (token.pos_ == "ADJ" or participle)


def mark_org_heads(doc: Doc, toks: Tokens, ents: list[Ent]) -> list[Ent]:
    """The entities with each "head + name" of the module docstring made one ORG (its head included)."""
    heads = org_heads()
    persons = {e.start for e in ents if e.label == "PERSON" and e.length > 1}
    out = list(ents)
    i = 0
    while i < len(toks):
        found = heads.at(toks.texts[i:i + heads.longest]) if doc[i].text[:1].islower() else None
        if found is None:
            i += 1
            continue
        j = i + found[0]
        while j < len(toks) and j - i - found[0] < _ADJECTIVES and _adjective(doc, j):
            j += 1
        end = j
        while end < len(toks) and end - j < _LONGEST and _in_run(toks, end, end == j, persons):
            end += 1
        if end == j or any(e.source == "gazetteer" and e.start <= j and e.end >= end for e in out):
            i += 1  # nothing named, or a name the gazetteer knows ("l'organisation Human Rights Watch")
            continue
        for e in out:
            if e.overlaps(i, end) and e.end > end:
                e.start = end  # the rest of a longer span stays itself
        out = [e for e in out if not e.overlaps(i, end)] + [Ent(i, end, "ORG", "rule")]
        i = end
    return sort_ents(out)
