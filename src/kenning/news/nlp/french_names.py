"""French person names the model cuts or mislabels, mended by the forms French reports write names in.

Found and measured on the dev part of the generated set of ``bench.french_linking`` (real listed names in
French forms and sentences), by class:

* **pieces**: the model cuts one name into adjacent spans ("Rotenberg" + "Roman Borisovich", "Krivoruchko"
  as a place + "Aleksei Yurievich"): adjacent spans of the model, one a PERSON, none a place the gazetteer
  knows or a name of the lists, are one PERSON;
* **a word left out**: a name-cased word right beside a PERSON that no span holds ("Vladislav
  Matousovitch Reznik", "de Bechir Saleh", "ADAM Noureddine") joins it, unless it is a role or function
  word, a place, or, before the name, the end of a role (a role head just before it: "ministre de la
  Défense Sadio Camara") or a sentence's first word the tagger does not call a proper noun;
* **the surname in capitals** (French press: "CAMARA Sadio", "KONY Salim"): a word in capitals of three
  letters or more beside one to three capitalised words, none of them a place or a role word, is a PERSON,
  whether the model called it an organisation, a place or nothing.
* **a surname after a title** ("le président Poutine", "du général Numbi"): a capitalised word right after
  a role head is a person's name, whatever the model called it (a place, an organisation, nothing) or
  the tagger (a pronoun: "Le président Poutine a réagi"), unless a place or a role word.

Spans from the lists or the gazetteer are never touched.
"""

from __future__ import annotations

from kenning.news.nlp.ents import Ent, Tokens, sort_ents
from kenning.news.nlp.french_roles import role_words
from kenning.news.nlp.models import Resources
from kenning.news.nlp.phrases import fold

__all__ = ["mend_names"]

#: Parts of speech a name word never has (at a sentence's start; inside one, only function words count).
_NOT_NAME = frozenset({"DET", "ADP", "PRON", "ADV", "CCONJ", "SCONJ", "AUX", "VERB", "PUNCT", "NUM"})
_FUNCTION = frozenset({"DET", "ADP", "PRON", "CCONJ", "SCONJ", "AUX", "PUNCT", "NUM"})
#: The longest name kept, in tokens.
_LONGEST = 5
_VOWELS = frozenset("AEIOUY")
#: How far before a word a role head makes it the end of that role ("chef d'état-major de l'Armée").
_ROLE_REACH = 4


def _caps(text: str) -> bool:
    """A surname in capitals: three letters or more, all upper case, with a vowel (not "OFAC"-like only by
    luck: acronyms the gazetteer or the lists know are spans already and never reach here)."""
    return len(text) >= 3 and text.isalpha() and text.isupper() and bool(_VOWELS & set(text))


def _name_word(toks: Tokens, i: int, res: Resources) -> bool:
    """A capitalised word that may be part of a name. Inside a sentence the tagger's word class of a
    capitalised word is unreliable ("de Bechir Saleh": "Bechir" a verb): there only function words say no."""
    tok = toks[i]
    text = tok.text
    words = role_words()
    refused = _NOT_NAME if tok.is_sent_start else _FUNCTION
    return (tok.is_alpha and text[:1].isupper() and tok.tag_ not in refused and not words.is_head(text)
            and fold(text) not in words.not_names and res.gazetteer.lookup([text]) is None)


def _next_to(toks: Tokens, i: int) -> bool:
    """Token ``i`` follows token ``i - 1`` after one space: one run of words, wherever the segmenter put a
    sentence boundary (it cuts "Vladislav Matousovitch | Reznik est accusé")."""
    before = toks[i - 1]
    return toks.text[before.idx + len(before.text):toks[i].idx] == " "


def _mine(ent: Ent) -> bool:
    """A span of the model (or of an earlier fix) with no gazetteer country: one these rules may change."""
    return ent.source in ("ner", "rule") and ent.country is None


def _join_pieces(ents: list[Ent]) -> list[Ent]:
    out: list[Ent] = []
    for ent in sort_ents(ents):
        last = out[-1] if out else None
        if (last is not None and last.end == ent.start and _mine(last) and _mine(ent)
                and "PERSON" in (last.label, ent.label) and last.length + ent.length <= _LONGEST
                and last.label in ("PERSON", "ORG", "GPE") and ent.label in ("PERSON", "ORG", "GPE")):
            last.end, last.label, last.source = ent.end, "PERSON", "rule"
            continue
        out.append(ent)
    return out


def _grow(toks: Tokens, ent: Ent, taken: set[int], res: Resources) -> None:
    """Add the free name words beside a PERSON span."""
    while (ent.end < len(toks) and ent.end not in taken and ent.length < _LONGEST and _next_to(toks, ent.end)
           and _name_word(toks, ent.end, res)):
        taken.add(ent.end)
        ent.end += 1
    while (ent.start > 0 and ent.start - 1 not in taken and ent.length < _LONGEST and _next_to(toks, ent.start)
           and _name_word(toks, ent.start - 1, res) and _may_lead(toks, ent.start - 1)):
        ent.start -= 1
        taken.add(ent.start)


def _may_lead(toks: Tokens, i: int) -> bool:
    """Word ``i``, before a name, may join it: not the end of a role cut off the name (a role head among the
    four words before it: "ministre de la Défense Sadio Camara"), nor a sentence's first word unless a
    proper noun or in capitals."""
    tok = toks[i]
    if _caps(tok.text):
        return True
    words = role_words()
    if fold(tok.text) in words.inside or any(words.is_head(t.text) for t in toks[max(0, i - _ROLE_REACH):i]):
        return False
    return not tok.is_sent_start or tok.tag_ == "PROPN"


def _capitals_first(toks: Tokens, ents: list[Ent], taken: set[int], res: Resources) -> list[Ent]:
    """Spans and free words in the form "SURNAME Given (Given)" or "Given SURNAME" made PERSONs."""
    for ent in ents:
        texts = toks.texts[ent.start:ent.end]
        if not (_mine(ent) and ent.label in ("ORG", "GPE") and sum(map(_caps, texts)) == 1
                and all(_name_word(toks, i, res) for i in range(ent.start, ent.end))):
            continue
        after = ent.end
        if ((2 <= ent.length <= 4 and _caps(texts[0]) != _caps(texts[-1]))
                or (ent.length == 1 and after < len(toks) and after not in taken and _next_to(toks, after)
                    and not _caps(toks[after].text) and _name_word(toks, after, res))):
            ent.label, ent.source = "PERSON", "rule"  # "SOBOLEV Nikita" ("SOBOLEV" alone an ORG)
    found = []
    for i in range(len(toks)):
        if i in taken or not _caps(toks[i].text) or not _name_word(toks, i, res):
            continue
        end = i + 1
        while (end < len(toks) and end not in taken and end - i <= 3 and _next_to(toks, end)
               and not _caps(toks[end].text) and _name_word(toks, end, res)):
            end += 1
        if end > i + 1:
            found.append(Ent(i, end, "PERSON", "rule"))
            taken.update(range(i, end))
    return ents + found


def _after_title(toks: Tokens, ents: list[Ent], taken: set[int], res: Resources) -> list[Ent]:
    """Capitalised words right after a role head made PERSONs (a one-word span of the model retyped)."""
    words = role_words()
    found = []
    starts = {e.start: e for e in ents}
    for i in range(1, len(toks)):
        tok = toks[i]
        if not (words.is_head(toks[i - 1].text) and _next_to(toks, i) and tok.is_alpha and tok.text[:1].isupper()
                and not words.is_head(tok.text) and fold(tok.text) not in words.not_names
                and res.gazetteer.lookup([tok.text]) is None):
            continue
        ent = starts.get(i)
        if ent is not None and _mine(ent) and ent.label in ("GPE", "ORG") and ent.length == 1:
            ent.label, ent.source = "PERSON", "rule"  # "du général Numbi": not a place
        elif i not in taken:
            found.append(Ent(i, i + 1, "PERSON", "rule"))
            taken.add(i)
    return ents + found


def mend_names(toks: Tokens, ents: list[Ent], res: Resources) -> list[Ent]:
    """The entities with the person names of the module docstring's classes mended."""
    ents = _join_pieces(ents)
    taken = {i for e in ents for i in range(e.start, e.end)}
    ents = _capitals_first(toks, ents, taken, res)
    ents = _after_title(toks, ents, taken, res)
    for ent in ents:
        if ent.label == "PERSON" and _mine(ent):
            _grow(toks, ent, taken, res)
    return _join_pieces(ents)  # a grown name may now touch the rest of itself
