"""Coreference of names within one article: short forms point at the fullest form of the same name.

* A parenthesised short form right after a name ("Colonel Sadio Camara (Camara)", "Office of Foreign
  Assets Control (OFAC)") is a mention of that name: its words are a subset of the name's words, or
  its initials.
* A person mention whose words are all in a longer person mention ("Camara", "Ivan Maslov" and
  "Ivan Aleksandrovich Maslov") refers to the longest such mention, the nearest one before it if
  several differ, else the nearest after it.
* A capitalised word equal to the surname of a full person mention of the article, that the model
  left untagged or tagged as something else ("They include Maslov, ..."), becomes a person mention
  referring to that full name.
* A gazetteer acronym ("HRW") refers to the article's mention of the full name it stands for.
* A one-word organisation that is a longer organisation's name without its generic words and places
  ("Wagner" and "Wagner Group", "Sberbank" and "Public Joint Stock Company Sberbank of Russia") refers
  to the longer one.
"""

from __future__ import annotations

from kenning.news.nlp.ents import Ent, Tokens, sort_ents, words
from kenning.news.nlp.lexicon import lexicon
from kenning.news.nlp.models import Resources
from kenning.news.nlp.phrases import CONNECTORS, fold, fold_all, is_name_cased

__all__ = ["resolve_coreference"]

#: Longest parenthesised short form, in tokens.
_MAX_SHORT = 5


def _keys(doc: Tokens, ent: Ent) -> tuple[str, ...]:
    return tuple(k for k in fold_all(words(doc, ent.start, ent.end)) if any(ch.isalpha() for ch in k))


def _initials(keys: tuple[str, ...]) -> str:
    skip = {"of", "the", "and", "for", "in", "on", "de", "&"}
    return "".join(k[0] for k in keys if k not in skip)


def _short_form_of(doc: Tokens, full: Ent, start: int, end: int) -> bool:
    short = tuple(k for k in fold_all(words(doc, start, end)) if any(ch.isalpha() for ch in k))
    full_keys = _keys(doc, full)
    if not short or len(short) >= len(full_keys):
        return False
    if set(short) <= set(full_keys):
        return True
    joined = "".join(short).replace(".", "")
    return full.label == "ORG" and len(joined) >= 2 and joined == _initials(full_keys)


def _parentheticals(doc: Tokens, ents: list[Ent]) -> list[Ent]:
    """``ents`` with mentions for short forms in parentheses after PERSON and ORG mentions."""
    at = {i: e for e in ents for i in range(e.start, e.end)}
    added: list[Ent] = []
    replaced: set[int] = set()
    for ent in ents:
        if ent.label not in ("PERSON", "ORG") or ent.end >= len(doc) or doc[ent.end].text != "(":
            continue
        close = next((k for k in range(ent.end + 1, min(len(doc), ent.end + 2 + _MAX_SHORT))
                      if doc[k].text == ")"), None)
        if close is None or close == ent.end + 1 or not is_name_cased(words(doc, ent.end + 1, close)):
            continue
        if not _short_form_of(doc, ent, ent.end + 1, close):
            continue
        replaced.update(id(at[k]) for k in range(ent.end + 1, close) if k in at)
        added.append(Ent(ent.end + 1, close, ent.label, "rule", country=ent.country, refers_to=ent))
    return sort_ents([e for e in ents if id(e) not in replaced] + added)


def _surname_mentions(doc: Tokens, ents: list[Ent]) -> list[Ent]:
    """Untagged (or mislabelled) capitalised surnames of the article's full person names."""
    surnames: dict[str, Ent] = {}
    for ent in ents:
        if ent.label == "PERSON" and ent.length >= 2:
            surnames.setdefault(fold(doc[ent.end - 1].text), ent)
    at = {i: e for e in ents for i in range(e.start, e.end)}
    added: list[Ent] = []
    for token in doc.toks:
        full = surnames.get(fold(token.text))
        if full is None or not token.is_alpha or not token.text[0].isupper():
            continue
        tagged = at.get(token.i)
        if tagged is None:
            added.append(Ent(token.i, token.i + 1, "PERSON", "rule"))
        elif tagged.length == 1 and tagged.label != "PERSON" and tagged.source == "ner" and not tagged.country:
            tagged.label, tagged.source = "PERSON", "rule"
    return added


def _best(candidates: list[Ent], ent: Ent) -> Ent | None:
    if not candidates:
        return None
    longest = max(c.length for c in candidates)
    top = [c for c in candidates if c.length == longest]
    before = [c for c in top if c.start < ent.start]
    if before:
        return before[-1]
    return min(top, key=lambda c: c.start)


def _link_people(doc: Tokens, ents: list[Ent]) -> None:
    people = [(e, _keys(doc, e)) for e in ents if e.label == "PERSON"]
    for ent, keys in people:
        if ent.refers_to is not None or not keys:
            continue
        fuller = [o for o, okeys in people if len(okeys) > len(keys) and set(keys) <= set(okeys)
                  and okeys[-1] in keys]
        ent.refers_to = _best(fuller, ent)


def _link_orgs(doc: Tokens, ents: list[Ent], res: Resources) -> None:
    """A one-word organisation refers to the longer one whose other words are generic, connectors or a
    place ("Wagner" → "Wagner Group", "Sberbank" → "Public Joint Stock Company Sberbank of Russia")."""
    generic = lexicon().org_generic_words

    def plain(okeys: tuple[str, ...], key: str) -> bool:
        rest = [k for k in okeys if k != key and k not in generic and k not in CONNECTORS]
        return all(res.gazetteer.lookup([k.title()]) is not None for k in rest)
    orgs = [(e, _keys(doc, e)) for e in ents if e.label == "ORG"]
    for ent, keys in orgs:
        if ent.refers_to is not None or len(keys) != 1:
            continue
        fuller = [o for o, okeys in orgs if len(okeys) > 1 and keys[0] in okeys and plain(okeys, keys[0])]
        ent.refers_to = _best(fuller, ent)


def _link_canonical(doc: Tokens, ents: list[Ent]) -> None:
    """A gazetteer acronym ("HRW") refers to the article's mention of its full name, if any."""
    for ent in ents:
        if ent.refers_to is not None or ent.canonical is None:
            continue
        target = fold_all(ent.canonical.split())
        if fold_all(words(doc, ent.start, ent.end)) == target:
            continue
        fuller = [o for o in ents if o.label == ent.label and o is not ent
                  and fold_all(words(doc, o.start, o.end)) == target]
        ent.refers_to = _best(fuller, ent)


def resolve_coreference(doc: Tokens, ents: list[Ent], res: Resources) -> list[Ent]:
    """Add short-form and surname mentions and set ``refers_to`` (see the module docstring)."""
    ents = _parentheticals(doc, ents)
    ents = sort_ents(ents + _surname_mentions(doc, ents))
    _link_people(doc, ents)
    _link_orgs(doc, ents, res)
    _link_canonical(doc, ents)
    for ent in ents:
        if ent.refers_to is not None and ent.refers_to.refers_to is not None:
            ent.refers_to = ent.refers_to.refers_to
    return ents
