"""French entities: the French model's spans cleaned, retyped from the gazetteer and the lists, with roles.

Errors of the French model on sanctions news, and the fix for each class (words in ``data/nlp_roles_fr.yml``):

* a role swallowed into a name ("ministre de la Défense Sadio Camara" as one ORG) → the role head and its
  domain (common nouns and adjectives, even capitalised: "Défense") are cut off the front and become the
  person's role; what remains is a PERSON;
* function words or lower-case words at the front ("Pour Washington", "éventuels avoirs") → cut off by
  their part of speech (determiner, preposition, pronoun, adverb) or case; a span left with no
  capitalised word is dropped;
* places, demonyms and authorities mislabelled ("Trésor américain" as LOC, "Washington" as PER, "Russe"
  as LOC) → retyped from the French gazetteer, with their country code;
* listed names → tagged from the list ruler (shared with English), so their span is the listed one;
* a one-word "person" that is one of the lists' one-word organisation names ("Wagner") → ORG;
* a one-word span that the model's own tagger calls a common noun ("Autorités", "Défense") → dropped;
* MISC spans are kept only when the gazetteer knows them;
* person names cut into pieces, missing a word, or written with the surname in capitals → mended
  (:mod:`.french_names`);
* an organisation named by a French generic head and a name ("le groupe Wagner", "la banque Mehr") → one
  ORG, head included (:mod:`.french_orgs`).

Roles are read beside a PERSON: before it, a run of role words ending right at the name ("l'actuel
ministre de la Défense", "le colonel"), or after it, behind a comma, a phrase starting with a role head
("Alou Boï Diarra, patron de l'armée de l'air"). A name right after a preposition is the complement of the
role, not its holder ("relais d'Evguéni Prigojine"). A demonym or country inside the role gives the country.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kenning.news.nlp.ents import Ent, Tokens, sort_ents
from kenning.news.nlp.fix import merge_phrases, phrase_ents
from kenning.news.nlp.french_names import mend_names
from kenning.news.nlp.french_orgs import mark_org_heads
from kenning.news.nlp.french_roles import role_words
from kenning.news.nlp.models import Resources
from kenning.news.nlp.phrases import fold, is_name_cased

__all__ = ["french_entities", "role_words"]

_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "MISC"}
#: Parts of speech a name never starts with.
_NOT_NAME_POS = frozenset({"DET", "ADP", "PRON", "ADV", "CCONJ", "SCONJ", "AUX", "VERB", "PUNCT", "NUM"})
#: Longest role phrase read before or after a name, in tokens.
_MAX_ROLE = 10


def _model_ents(doc: Doc, toks: Tokens, res: Resources) -> list[Ent]:
    ents = []
    for span in doc.ents:
        ent = Ent(span.start, span.end, _LABELS.get(span.label_, span.label_))
        if _clean(doc, toks, ent):
            place = res.gazetteer.lookup(toks.texts[ent.start:ent.end])
            if place is not None:
                ent.label, ent.country, ent.canonical, ent.source = place.label, place.code, place.name, "gazetteer"
            if ent.label != "MISC":
                ents.append(ent)
    return ents


def _clean(doc: Doc, toks: Tokens, ent: Ent) -> bool:
    """Cut role words and function words off the front and punctuation off both ends; False: no name left."""
    words = role_words()
    cut_role = False
    while ent.start < ent.end:
        token = doc[ent.start]
        if words.is_head(token.text) or (cut_role and (fold(token.text) in words.inside
                                                         or token.pos_ in ("NOUN", "ADJ"))):
            cut_role = True
        elif not (token.pos_ in _NOT_NAME_POS or fold(token.text) in words.not_names
                  or not is_name_cased([token.text]) or not token.text.strip()):
            break
        ent.start += 1
    while ent.end > ent.start and (doc[ent.end - 1].pos_ == "PUNCT" or not doc[ent.end - 1].text.strip()):
        ent.end -= 1
    if ent.end <= ent.start or not is_name_cased(toks.texts[ent.start:ent.end]):
        return False
    if ent.length == 1 and doc[ent.start].pos_ == "NOUN":
        return False  # a capitalised common noun ("les Autorités de la Transition", "la Défense")
    if cut_role and ent.label in ("ORG", "MISC", "GPE"):
        ent.label, ent.source = "PERSON", "rule"
    return True


def _retype(toks: Tokens, ents: list[Ent], res: Resources) -> None:
    for ent in ents:
        if ent.label == "PERSON" and ent.length == 1 and fold(toks[ent.start].text) in res.names.org_cores:
            ent.label, ent.source = "ORG", "rule"


def _role_before(doc: Doc, ent: Ent) -> tuple[int, int] | None:
    words = role_words()
    start, head = ent.start, False
    for i in range(ent.start - 1, max(ent.start - _MAX_ROLE, doc[ent.start].sent.start) - 1, -1):
        token = doc[i]
        if token.pos_ in {"PUNCT", "VERB"} or (head and not words.is_head(token.text)):
            break  # a French role starts with its head ("le sous-chef d'état-major": not "lundi le ...")
        head = head or words.is_head(token.text)
        if not (words.is_head(token.text) or fold(token.text) in words.inside or token.pos_ in ("NOUN", "ADJ")
                or is_name_cased([token.text])):
            break
        start = i
    while start < ent.start and fold(doc[start].text) in words.inside:
        start += 1
    if doc[ent.start - 1].pos_ == "ADP":
        return None  # "relais d'Evguéni Prigojine": the name is the role's complement, not its holder
    return (start, ent.start) if head and start < ent.start else None


def _role_after(doc: Doc, ent: Ent) -> tuple[int, int] | None:
    words = role_words()
    i = ent.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    while i < len(doc) and doc[i].pos_ == "DET":
        i += 1
    if i >= len(doc) or not words.is_head(doc[i].text):
        return None
    end = i + 1
    while end < min(len(doc), i + _MAX_ROLE) and doc[end].pos_ not in ("PUNCT", "VERB", "AUX", "CCONJ") \
            and not doc[end].is_sent_start:
        end += 1
    return i, end


def _attach_roles(doc: Doc, toks: Tokens, ents: list[Ent], res: Resources) -> None:
    taken = {i for e in ents if e.label == "PERSON" for i in range(e.start, e.end)}
    for ent in ents:
        if ent.label != "PERSON":
            continue
        found = _role_before(doc, ent) or _role_after(doc, ent)
        if found is None or any(i in taken for i in range(*found)):
            continue
        ent.set_role(*found)
        for piece in res.gazetteer.table.find(toks.texts[found[0]:found[1]]):
            if piece.payload.code:
                ent.country = piece.payload.code
                break


def french_entities(doc: Doc, toks: Tokens, res: Resources) -> list[Ent]:
    """The entities of a French document: model spans cleaned, phrases of the lists and gazetteer, roles."""
    ents = mend_names(toks, merge_phrases(_model_ents(doc, toks, res), phrase_ents(toks, res)), res)
    ents = mark_org_heads(doc, toks, ents)
    _retype(toks, ents, res)
    _attach_roles(doc, toks, ents, res)
    return sort_ents(ents)
