"""Titles and roles attached to people, and the country a role names.

Three places in a sentence carry a person's role, tried in this order:

* before the name (pre-modifier): "Mali's Defence Minister Sadio Camara", "Air Force chief of staff
  Alou Boi Diarra", "Russian Foreign Minister Sergei Lavrov", "the group's operations head there
  Konstantin Aleksandrovitch Pikalov" — read leftwards from the name over title-like words, stopping
  at a verb, a comma, another person or a conjunction after a comma, so each name of a coordinated
  list ("A, B and C") gets its own role; "of" is crossed only inside a title ("Secretary of State",
  "chief of staff"), so "an associate of Putin" gives Putin no role;
* after the name, between commas (appositive): "Ivan Aleksandrovich Maslov, the head of Wagner in
  Mali", "Vitalii Viktorovitch Perfilev, Wagner's chief in CAR,";
* as a predicate, the Treasury style: "Colonel Sadio Camara (Camara), a Malian national, is Mali's
  Minister of Defense".

A candidate is a role only if it holds a role head noun (``data/nlp_roles.yml``), early for phrases
after the name. A country at the front ("Mali's", "Russian", "US") becomes the mention's country and
is left out of the role; a country elsewhere in the role ("former Liberian President", "in CAR", "of
Mali"), or "a Malian national", gives the country when nothing else does. A rank or honorific alone
("Colonel") is the role only when nothing else is found.
"""

from __future__ import annotations

from kenning.news.nlp.ents import Ent, Tokens
from kenning.news.nlp.lexicon import lexicon
from kenning.news.nlp.models import Resources
from kenning.news.nlp.phrases import fold, is_name_cased

__all__ = ["attach_roles"]

_STOP_TEXT = frozenset({",", ".", ";", ":", "(", ")", '"', "“", "”", "‘", "?", "!", "—", "–", "|", "/"})
_VERB_TAGS = frozenset({"VB", "VBD", "VBZ", "VBP", "MD", "VBG"})
_NOUN_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS", "JJ", "JJR", "JJS", "HYPH", "CD", "VBN", "FW"})
_INNER = frozenset({"of", "for", "and", "&"})
_AFTER_HEAD = frozenset({"of", "for", "and", "&", "in", "to", "at", "on", "the"})
_POSSESSIVE = frozenset({"'s", "’s"})
_ARTICLES = frozenset({"the", "a", "an"})
#: Longest role read before or after a name, in tokens; the head must come within HEAD_WITHIN tokens.
MAX_ROLE = 16
HEAD_WITHIN = 8


class _Context:
    """The doc, its entities by token, and the lexicon, shared by the role readers."""

    def __init__(self, doc: Tokens, ents: list[Ent], res: Resources) -> None:
        self.doc = doc
        self.res = res
        self.lex = lexicon()
        self.at: dict[int, Ent] = {i: e for e in ents for i in range(e.start, e.end)}

    def is_person(self, i: int) -> bool:
        ent = self.at.get(i)
        return ent is not None and ent.label == "PERSON"

    def country_at(self, i: int) -> tuple[int, str] | None:
        """The end token and code of a country, capital or demonym starting at token ``i`` (an entity
        of the article, else the gazetteer: the model may have put "Malian" inside "Malian Air Force")."""
        ent = self.at.get(i)
        if ent is not None and ent.start == i and ent.label in ("GPE", "NORP") and ent.country:
            return ent.end, ent.country
        for end in range(min(len(self.doc), i + 4), i, -1):
            place = self.res.gazetteer.lookup([t.text for t in self.doc[i:end]])
            if place is not None and place.label in ("GPE", "NORP") and place.code:
                return end, place.code
        return None

    def is_head(self, i: int) -> bool:
        text = self.doc[i].text
        return self.lex.is_head(text) and not self.lex.is_rank(text)

    def has_head(self, start: int, end: int) -> bool:
        return any(self.is_head(i) for i in range(start, end))

    def is_stop(self, i: int) -> bool:
        token = self.doc[i]
        return token.text in _STOP_TEXT or "\n" in token.text or self.is_person(i)

    def skip_space(self, i: int) -> int:
        """The first token from ``i`` on that is not inline whitespace."""
        while i < len(self.doc) and self.doc[i].is_space and "\n" not in self.doc[i].text:
            i += 1
        return i


def _left_ok(ctx: _Context, i: int, floor: int) -> bool:
    """Whether token ``i`` may belong to a title read leftwards (``floor`` = sentence start)."""
    doc, token = ctx.doc, ctx.doc[i]
    lower = token.lower_
    if lower in {"and", "&"}:
        return i - 1 >= floor and is_name_cased([doc[i - 1].text]) and is_name_cased([doc[i + 1].text])
    if lower in ("of", "for"):
        return i - 1 >= floor and (is_name_cased([doc[i - 1].text]) or ctx.is_head(i - 1))
    if token.text in _POSSESSIVE:
        return True
    if token.tag_ == "IN":  # "Under Secretary", not "under former President" nor "Under President Trump"
        return i + 1 < len(doc) and (lower, doc[i + 1].lower_) in ctx.lex.title_pairs
    if ctx.lex.is_role_word(token.text):
        return True
    if token.tag_ in _VERB_TAGS or token.tag_ in ("IN", "CC", "DT", "PRP", "PRP$", "WDT", "WP", "RB", "TO"):
        return False
    return token.tag_ in _NOUN_TAGS or is_name_cased([token.text])


def _walk_left(ctx: _Context, ent: Ent) -> int:
    """Start token of the title-like words right before the person (``ent.start`` if none)."""
    doc, floor = ctx.doc, ctx.doc[ent.start].sent_start
    i = ent.start - 1
    while i >= floor and doc[i].is_space and "\n" not in doc[i].text:
        i -= 1
    if i >= floor and doc[i].lower_ in ctx.lex.tails:
        i -= 1
    if i < floor or doc[i].lower_ in _INNER or doc[i].text in _POSSESSIVE or doc[i].lower_ in _ARTICLES:
        return ent.start
    start = ent.start
    while i >= floor and ent.start - i <= MAX_ROLE and not ctx.is_stop(i):
        if doc[i].is_space:
            i -= 1
            continue
        if doc[i].lower_ == "the":
            if i - 1 >= floor and doc[i - 1].lower_ in ("of", "for"):
                i -= 1
                continue
            return i
        if not _left_ok(ctx, i, floor):
            break
        start = i
        i -= 1
    return start


def _trim_front(ctx: _Context, start: int, end: int) -> int:
    """Drop leading connectors and spaces, and a leading article unless a possessor comes before the
    head ("the group's operations head" keeps it, "a member of Venezuela's assembly" does not)."""
    doc = ctx.doc
    while start < end and (doc[start].lower_ in _INNER or doc[start].is_space):
        start += 1
    if start < end and doc[start].lower_ in _ARTICLES:
        head = next((k for k in range(start + 1, end) if ctx.is_head(k)), end)
        if not any(doc[k].text in _POSSESSIVE for k in range(start + 1, head)):  # keep "the group's head"
            start += 1
    return start


def _country(ctx: _Context, start: int, end: int) -> tuple[int, str | None]:
    """The role's country, and where the role starts once a leading country is cut off.

    "Mali's Defence Minister" and "Russian Foreign Minister" lose their country; a country further
    in ("former Liberian President", "head of Wagner in Mali") stays in the role.
    """
    doc = ctx.doc
    first = start + 1 if start < end and doc[start].lower_ in _ARTICLES else start
    found = ctx.country_at(first)
    if found is not None and not (found[0] < end and doc[found[0]].text.startswith("-")):
        after, code = found
        if after < end and doc[after].text in _POSSESSIVE:
            after += 1
        if ctx.has_head(after, end):
            return after, code
    for i in range(start, end):
        found = ctx.country_at(i)
        if found is not None:
            return start, found[1]
    return start, None


def _alnum_start(text: str) -> bool:
    """True when a token starts with a letter or digit (a role never starts with "-based")."""
    return text[:1].isalnum()


def _finish(ctx: _Context, ent: Ent, start: int, end: int) -> bool:
    """Attach tokens ``start``..``end`` as the role if they hold a head; set the country."""
    start = _trim_front(ctx, start, end)
    if start < end and not _alnum_start(ctx.doc[start].text):
        return False
    while end > start and (ctx.doc[end - 1].text in _POSSESSIVE or ctx.doc[end - 1].lower_ in _AFTER_HEAD
                           or ctx.doc[end - 1].is_space or not any(ch.isalnum() for ch in ctx.doc[end - 1].text)):
        end -= 1
    if end <= start or not ctx.has_head(start, end):
        return False
    start, code = _country(ctx, start, end)
    ent.set_role(start, end)
    ent.country = ent.country or code
    return True


def _after_head_ok(lower: str, head_seen: bool) -> bool:
    """A title preposition or conjunction, once the head is read ("head of", "for ... and ...")."""
    return head_seen and lower in _AFTER_HEAD


def _before_head_ok(ctx: _Context, k: int, head_seen: bool) -> bool:
    """A modifier or name word (a participle or preposition only before the head: "under secretary")."""
    token = ctx.doc[k]
    if token.tag_ in _VERB_TAGS or token.lower_ == "or" or token.lower_ in _AFTER_HEAD:
        return False
    if token.tag_ in ("VBN", "IN") and head_seen:
        return False
    return token.tag_ in _NOUN_TAGS or is_name_cased([token.text]) or ctx.lex.is_role_word(token.text)


def _phrase_end(ctx: _Context, start: int) -> int:
    """End of a role noun phrase read rightwards from ``start``; ``start`` if it is none.

    Before the head: articles, possessors, adjectives, nouns, names; the head within HEAD_WITHIN
    tokens; after it: nouns, names and the prepositions of a title ("of", "for", "in", "to").
    """
    doc, k = ctx.doc, start
    head_seen = False
    sent_end = doc[start].sent_end if start < len(doc) else start
    while k < sent_end and k - start < MAX_ROLE and not ctx.is_stop(k):
        token = doc[k]
        if token.is_space or token.text in _POSSESSIVE or token.lower_ in _ARTICLES:
            k += 1
            continue
        if ctx.is_head(k):
            head_seen = True
        elif not (_after_head_ok(token.lower_, head_seen) or _before_head_ok(ctx, k, head_seen)):
            break
        if not head_seen and k - start >= HEAD_WITHIN:
            return start
        k += 1
    return k if head_seen else start


def _nationality(ctx: _Context, start: int) -> tuple[int, str] | None:
    """"a Malian national" → its end and "ml"."""
    doc = ctx.doc
    first = start + 1 if start < len(doc) and doc[start].lower_ in _ARTICLES else start
    found = ctx.country_at(first)
    if found is not None and found[0] < len(doc) and fold(doc[found[0]].text) in ctx.lex.nationality_nouns:
        return found[0] + 1, found[1]
    return None


def _copula_end(ctx: _Context, i: int) -> int | None:
    doc = ctx.doc
    for copula in ctx.lex.copulas:
        if i + len(copula) <= len(doc) and tuple(t.lower_ for t in doc[i:i + len(copula)]) == copula:
            return i + len(copula) - (1 if copula[-1] == "the" else 0)
    return None


def _after_parenthesis(ctx: _Context, i: int) -> int:
    """Skip a short parenthesis right after a name ("(Camara)")."""
    doc = ctx.doc
    if i < len(doc) and doc[i].text == "(":
        for k in range(i + 1, min(len(doc), i + 8)):
            if doc[k].text == ")":
                return k + 1
    return i


def _after(ctx: _Context, ent: Ent) -> bool:
    """Appositive roles, "a Malian national", then a predicate role after a copula."""
    doc = ctx.doc
    i = ctx.skip_space(_after_parenthesis(ctx, ctx.skip_space(ent.end)))
    for _ in range(3):
        i = ctx.skip_space(i)
        if i < len(doc) and doc[i].text == ",":
            begin = ctx.skip_space(i + 1)
            nationality = _nationality(ctx, begin)
            if nationality is not None:
                ent.country = ent.country or nationality[1]
                i = ctx.skip_space(nationality[0])
                i = i + 1 if i < len(doc) and doc[i].text == "," else i
                continue
            end = _phrase_end(ctx, begin)
            return end > begin and _finish(ctx, ent, begin, end)
        copula = _copula_end(ctx, i)
        if copula is None:
            return False
        begin = ctx.skip_space(copula)
        return _finish(ctx, ent, begin, _phrase_end(ctx, begin))
    return False


def _attach(ctx: _Context, ent: Ent) -> None:
    start = _walk_left(ctx, ent)
    rank: tuple[int, int] | None = None
    if start < ent.start:
        if all(ctx.lex.is_rank(ctx.doc[k].text) or ctx.doc[k].is_space for k in range(start, ent.start)):
            rank = (start, ent.start)
        elif _finish(ctx, ent, start, ent.start):
            return
    if not _after(ctx, ent) and rank is not None:
        ent.set_role(*rank)


def _drop_role_orgs(doc: Tokens, ents: list[Ent]) -> list[Ent]:
    """ORG mentions inside a role made only of role words ("Defence", "Air Force") are not parties."""
    lex = lexicon()
    spans = [(e.role_start, e.role_end) for e in ents if e.role_start is not None and e.role_end is not None]

    def inside_role(e: Ent) -> bool:
        return any(s <= e.start and e.end <= t for s, t in spans) and all(
            lex.is_role_word(doc[k].text) for k in range(e.start, e.end))
    return [e for e in ents if not (e.label == "ORG" and inside_role(e))]


def attach_roles(doc: Tokens, ents: list[Ent], res: Resources) -> list[Ent]:
    """Attach roles and countries to the PERSON entities; returns the entities without role-word ORGs."""
    ctx = _Context(doc, ents, res)
    for ent in ents:
        if ent.label == "PERSON":
            _attach(ctx, ent)
    return _drop_role_orgs(doc, ents)
