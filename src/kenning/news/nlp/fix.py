"""Fixing the small English model's entities with the gazetteer, the list ruler and a few rules.

Errors seen on news and Treasury releases, and the fix for each:

* spans that carry a determiner, a trailing possessive or quotes ("the Wagner Group's") → trimmed;
  spans that run into a parenthesis or join two names with a possessive ("the Treasury's Office of
  Foreign Assets Control (OFAC") → cut;
* titles and role words swallowed into a person ("Defence Minister Sadio Camara", "Colonel Sadio
  Camara") → cut off the front, so the role can be read from the text before the name;
* countries and capitals with the wrong label ("Mali" as PERSON, "CAR" and "Bamako" as ORG, "Ivory
  Coast" as LOC) → relabelled from the gazetteer, with their country code;
* listed names the model misses or mislabels ("Konstantin Aleksandrovitch Pikalov" as ORG) → tagged
  from the list ruler; well-known bodies it misses ("Human Rights Watch") → from the gazetteer;
* person names it misses ("Vitalii Viktorovitch Perfilev" after a comma) → a capitalised run that
  starts with a given name known from the lists; persons it splits ("Olga" + "Nikolayevna
  Khokhlova") → joined; spans that run onto the next line → trimmed;
* a "person" whose last word ends organisation names ("... Headquarters") → ORG;
* legal instruments, lists and programmes tagged as parties ("Executive Order 14024", "SDN List")
  → LAW (``data/nlp_not_parties.txt``);
* a one-word "person" after "the" ("the Sahel nation") → not a person;
* a one-word "person" that is a group ("Wagner forces") → ORG, decided by the words after it, by an
  organisation of the article that contains it, or by the lists' short names of organisations;
* spans that run past a dash into the sentence ("S.A. de C.V.—are based") → cut at the dash;
* a company name split before its legal form ("Barza Style & Mode Co." + "Limited", "TS Business
  Corporativo" + "S.A. de C.V.") → joined: a span made only of legal forms (the matcher's table) right
  after a name, separated by a comma at most, is that organisation's tail, never a party.
"""

from __future__ import annotations

from kenning.names import analyze, normalize
from kenning.news.datafile import data_patterns
from kenning.news.nlp.ents import Ent, Tokens, sort_ents, words
from kenning.news.nlp.lexicon import lexicon
from kenning.news.nlp.models import Resources
from kenning.news.nlp.phrases import fold, fold_all, is_name_cased

__all__ = ["fix_entities", "merge_phrases", "phrase_ents"]

NOT_PARTIES = "nlp_not_parties.txt"
_DETERMINERS = frozenset({"the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_EDGE_PUNCT = frozenset({'"', "“", "”", "‘", "’", "'", "(", ")", "-", "—", "–", ",", ".", ":", ";"})
_KEEP_AS_IS = frozenset({"DATE", "MONEY", "TIME", "CARDINAL", "PERCENT", "QUANTITY", "ORDINAL"})
_NAME_TAGS = frozenset({"NNP", "NNPS"})
#: Tokens that end a model entity: a name never runs on past them.
_CUTS = frozenset({"(", "—", "–"})
#: Longest person name the given-name rule builds, in tokens.
_MAX_NAME = 5


def _title_words(doc: Tokens, ent: Ent) -> set[str]:
    removed = analyze(ent.text(doc), "Person").removed
    return {w for title in removed for w in title.split()}


def _trim(doc: Tokens, ent: Ent) -> bool:
    """Trim spaces, determiners, possessives, quotes and (for persons) titles; False if nothing is left."""
    while ent.start < ent.end and doc[ent.start].is_space:
        ent.start += 1
    while ent.start < ent.end and doc[ent.end - 1].is_space:
        ent.end -= 1
    if ent.label in _KEEP_AS_IS:
        return ent.length > 0
    while ent.start < ent.end and (doc[ent.start].lower_ in _DETERMINERS or doc[ent.start].text in _EDGE_PUNCT):
        ent.start += 1
    while ent.start < ent.end and (doc[ent.end - 1].text in _POSSESSIVE or doc[ent.end - 1].text in _EDGE_PUNCT):
        ent.end -= 1
    if ent.label == "PERSON" and ent.length > 1:
        titles = _title_words(doc, ent)
        lex = lexicon()
        while ent.length > 1 and (lex.is_role_word(doc[ent.start].text)
                                  or normalize(doc[ent.start].text) in titles):
            ent.start += 1
    return ent.length > 0


def _pieces(doc: Tokens, start: int, end: int, label: str) -> list[Ent]:
    """A model entity cut at an opening parenthesis or a dash, and split at an inner possessive ("the
    Treasury's Office of Foreign Assets Control (OFAC" → "Treasury", "Office of Foreign Assets Control")."""
    end = next((k for k in range(start, end) if doc.texts[k] in _CUTS), end)
    if label in _KEEP_AS_IS:
        return [Ent(start, end, label)]
    cuts = [k for k in range(start + 1, end - 1) if doc.texts[k] in ("'s", "’s")]
    bounds = [start, *[c for cut in cuts for c in (cut, cut + 1)], end]
    return [Ent(bounds[k], bounds[k + 1], label) for k in range(0, len(bounds), 2)]


def _from_model(doc: Tokens, res: Resources) -> list[Ent]:
    ents = []
    spans = [(span.start, span.end, span.label_) for span in doc.doc.ents]
    for ent in (piece for start, end, label in spans for piece in _pieces(doc, start, end, label)):
        if not _trim(doc, ent):
            continue
        place = res.gazetteer.lookup(words(doc, ent.start, ent.end))
        if place is not None and (ent.label != "PERSON" or ent.length == 1):
            ent.label, ent.country, ent.canonical = place.label, place.code, place.name
        ents.append(ent)
    return ents


def phrase_ents(doc: Tokens, res: Resources) -> list[Ent]:
    """List-ruler and gazetteer matches, most reliable first (list names, then the gazetteer)."""
    texts = doc.texts
    keys = fold_all(texts)
    found = [Ent(m.start, m.end, m.payload, "list") for m in res.names.table.find(texts, keys)]
    for m in res.gazetteer.table.find(texts, keys):
        found.append(Ent(m.start, m.end, m.payload.label, "gazetteer", country=m.payload.code,
                         canonical=m.payload.name))
    return found


def merge_phrases(ents: list[Ent], found: list[Ent]) -> list[Ent]:
    """Add phrase matches: one that covers model entities replaces them; one inside an entity is dropped."""
    at: dict[int, Ent] = {i: e for e in ents for i in range(e.start, e.end)}
    kept = {id(e): e for e in ents}
    for ent in sorted(found, key=lambda e: -e.length):
        hits = list({id(at[i]): at[i] for i in range(ent.start, ent.end) if i in at}.values())
        if any(h.source != "ner" for h in hits):
            continue
        covers = all(ent.start <= h.start and h.end <= ent.end for h in hits)
        if covers or all(ent.length > h.length for h in hits):
            for hit in hits:
                kept.pop(id(hit), None)
                for i in range(hit.start, hit.end):
                    at.pop(i, None)
            kept[id(ent)] = ent
            at.update((i, ent) for i in range(ent.start, ent.end))
    return sort_ents(kept.values())


def _is_name_token(doc: Tokens, i: int) -> bool:
    token = doc[i]
    return (token.tag_ in _NAME_TAGS and is_name_cased([token.text]) and token.is_alpha
            and not lexicon().is_role_word(token.text))


def _given_name_people(doc: Tokens, ents: list[Ent], res: Resources) -> list[Ent]:
    """Capitalised runs that start with a listed given name become persons (2 to 5 tokens)."""
    given = res.names.given_names
    taken = {i for e in ents for i in range(e.start, e.end)}
    added: list[Ent] = []
    i = 0
    while i < len(doc):
        if i in taken or fold(doc[i].text) not in given or not _is_name_token(doc, i):
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end - i < _MAX_NAME and end not in taken and (
                _is_name_token(doc, end) or (doc[end].text.endswith(".") and len(doc[end].text) == 2)):
            end += 1
        if end - i >= 2 and _is_name_token(doc, end - 1):
            added.append(Ent(i, end, "PERSON", "rule"))
        i = end
    return added


def _org_to_person(doc: Tokens, ent: Ent, res: Resources) -> None:
    """A model ORG made only of name tokens that starts with a listed given name is a person."""
    if ent.label != "ORG" or ent.source != "ner" or ent.length < 2:
        return
    generic = lexicon().org_generic_words
    if fold(doc[ent.start].text) in res.names.given_names and all(
            _is_name_token(doc, i) and fold(doc[i].text) not in generic for i in range(ent.start, ent.end)):
        ent.label, ent.source = "PERSON", "rule"


def _group_not_person(doc: Tokens, ent: Ent, ents: list[Ent], res: Resources) -> None:
    """A one-word PERSON that is a group by the next word, by an ORG containing it, or by the lists."""
    if ent.label != "PERSON" or ent.length != 1:
        return
    key = fold(doc[ent.start].text)
    people = [e for e in ents if e.label == "PERSON" and e.length > 1 and fold(doc[e.end - 1].text) == key]
    if people:
        return
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    if ent.end < len(doc) and doc[ent.end].text in ("'s", "’s") and ent.end + 1 < len(doc):
        after = doc[ent.end + 1].lower_
    in_org = any(o.label == "ORG" and o.length > 1 and key in fold_all(words(doc, o.start, o.end)) for o in ents)
    if after in lexicon().group_nouns or in_org or key in res.names.org_cores:
        ent.label, ent.source = "ORG", "rule"


def _organisation_person(doc: Tokens, ent: Ent) -> None:
    """A PERSON whose last word ends organisation names ("... Headquarters", "... Concern") is an ORG."""
    if ent.label == "PERSON" and ent.length > 1 and fold(doc[ent.end - 1].text) in lexicon().org_heads:
        ent.label, ent.source = "ORG", "rule"


def _determined_person(doc: Tokens, ent: Ent) -> None:
    """A one-word PERSON right after "the" ("the Sahel nation") is a place or thing, not a person."""
    if ent.label == "PERSON" and ent.length == 1 and ent.start > 0 and doc[ent.start - 1].lower_ == "the":
        ent.label, ent.source = "LOC", "rule"


def _instrument(doc: Tokens, ent: Ent) -> None:
    """An ORG or PERSON that names a law, order, list or programme ("Executive Order 14024") is LAW."""
    if ent.label not in ("ORG", "PERSON"):
        return
    text = ent.text(doc)
    if any(p.fullmatch(text) for p in data_patterns(NOT_PARTIES)):
        ent.label, ent.source = "LAW", "rule"


def _join_people(doc: Tokens, ents: list[Ent], res: Resources) -> list[Ent]:
    """Join a person split in two ("Olga" + "Nikolayevna Khokhlova"), or a listed given name the model
    labelled otherwise right before a person ("Natalia" GPE + "Vladimirovna Kosykhina")."""
    joined: list[Ent] = []
    for ent in ents:
        prev = joined[-1] if joined else None
        if (prev is not None and ent.label == "PERSON" and prev.end == ent.start
                and doc[prev.start].sent_start == doc[ent.start].sent_start and prev.length + ent.length <= _MAX_NAME
                and (prev.label == "PERSON" or (prev.length == 1 and fold(doc[prev.start].text) in res.names.given_names
                                                 and _is_name_token(doc, prev.start)))):
            prev.end, prev.label, prev.country = ent.end, "PERSON", None
            continue
        joined.append(ent)
    return joined


def _join_legal_tails(doc: Tokens, ents: list[Ent]) -> list[Ent]:
    """Join a span made only of legal forms to the name right before it ("Co." + ", " + "Limited"), which is
    then an organisation whatever the model called it."""
    joined: list[Ent] = []
    for ent in ents:
        prev = joined[-1] if joined else None
        gap = doc.texts[prev.end:ent.start] if prev is not None else []
        if (prev is not None and prev.label in ("ORG", "PERSON") and ent.label in ("ORG", "PERSON", "GPE", "NORP")
                and all(t in (",", " ") for t in gap) and len(gap) <= 1
                and analyze(ent.text(doc), "Organization").is_weak_only):
            prev.end, prev.label = ent.end, "ORG"
            continue
        joined.append(ent)
    return joined


def fix_entities(doc: Tokens, res: Resources) -> list[Ent]:
    """The model's entities, fixed and completed as the module docstring explains."""
    ents = _join_legal_tails(doc, merge_phrases(_from_model(doc, res), phrase_ents(doc, res)))
    for ent in ents:
        _org_to_person(doc, ent, res)
    ents = _join_people(doc, sort_ents(ents + _given_name_people(doc, ents, res)), res)
    for ent in ents:
        _group_not_person(doc, ent, ents, res)
        _determined_person(doc, ent)
        _organisation_person(doc, ent)
        _instrument(doc, ent)
    return [e for e in ents if _valid(doc, e)]


def _valid(doc: Tokens, ent: Ent) -> bool:
    """Parties need letters and one line; a "date" that is a small bare number is a list number."""
    if ent.label in ("PERSON", "ORG"):
        return any(t.is_alpha for t in doc[ent.start:ent.end]) and "\n" not in ent.text(doc)
    if ent.label == "DATE":
        text = ent.text(doc)
        return not (text.isdigit() and int(text) < 1000)
    return True
