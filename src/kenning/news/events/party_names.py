"""Whether the words an event would name as a target are the name of a party, or a fragment of text.

A target is someone or something sanctioned, named by a name. Words that reach the target slot without
being one are dropped, decided by what the words are, not by a list of bad examples:

* a sanctions authority ("Office of Foreign Assets Control", "Treasury"): the actor a broken parse put
  on the wrong side of the verb;
* legal forms and stop words alone ("Limited", "LLC", "Joint-Stock Company"): the tail of a company name
  split at its comma;
* no capitalised word ("network"), or a count followed by common nouns ("one vessel", "eight aircraft"):
  a description of targets, never a name;
* one capitalised word that is an ordinary English word ("Shipping", "NETWORK", "Peace") with no list
  entry behind it, read from running text or a heading in capitals (a name the NLP stage marked as a
  person or organisation keeps its word: "Wagner", "Hamas");
* a possession ("Usmanov's superyacht"), a name of a group of people ("Sberbank Executives") or a title
  without a name ("Minister of Foreign Affairs", by the NLP stage's role lexicon): a description.

Words read as a name from running text (not a mention) end at the first lower-case word that does not
connect parts of a name ("Joint-Stock Company 810 Aircraft Repair Plant repairs helicopters", "FSB
pursuant to E.O. 13382"): :func:`trim_name`. A target that the linker tied to a list entry is a party
whatever its words.
"""

from __future__ import annotations

import re
from functools import cache

from kenning.names import analyze
from kenning.news.events.authority import match_authority
from kenning.news.events.numbers import parse_number
from kenning.news.events.parse import load_parser
from kenning.news.events.vocabulary import group_labels
from kenning.news.model import Span, Target
from kenning.news.nlp.lexicon import lexicon
from kenning.news.nlp.models import common_words
from kenning.news.nlp.phrases import CONNECTORS, fold

__all__ = ["is_party_name", "trim_name"]


@cache
def _common() -> frozenset[str]:
    """Lower-case ordinary English words (the parser model's WordNet lemma index)."""
    return common_words(load_parser())


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _described(words: list[str]) -> bool:
    """"one vessel", "eight aircraft", "several companies": a number (or none) and common nouns."""
    if parse_number(words[0]) is not None:
        return not any(_capitalised(w) for w in words[1:])
    return not any(_capitalised(w) for w in words)


def _is_authority(name: str) -> bool:
    """The whole name is one of a sanctions authority's names ("the U.S. Treasury", "OFAC")."""
    authority = match_authority(name)
    if authority is None:
        return False
    bare = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).casefold()
    return bare in {n.casefold() for n in (authority.name, *authority.aliases)}


def trim_name(span: Span) -> Span | None:
    """``span`` up to its first lower-case word that connects no parts of a name, without trailing
    commas; None when nothing is left."""
    end = len(span.text)
    for match in re.finditer(r"\S+", span.text):
        word = match.group(0)
        if word[:1].islower() and fold(word.strip(",;:")) not in CONNECTORS:
            end = match.start()
            break
    text = span.text[:end].rstrip(" ,;:")
    if not text:
        return None
    return Span(span.start, span.start + len(text), text)


def _description(words: list[str]) -> bool:
    """A possession ("Usmanov's superyacht", "Usmanov's"), a group of people named by its kind ("GPB
    Executives") or a title without a name ("Minister of Foreign Affairs")."""
    possessive = words[-1].endswith(("'s", "’s")) or (
        any(w.endswith(("'s", "’s")) for w in words[:-1]) and words[-1][:1].islower())
    group = group_labels(words[-1]) is not None and words[-1].lower().endswith("s")
    lex = lexicon()
    title = lex.is_head(words[0]) and all(lex.is_role_word(w) or fold(w) in CONNECTORS or not _capitalised(w)
                                          for w in words)
    return possessive or group or title


def is_party_name(target: Target) -> bool:
    """True when ``target`` names a party (see the module doc)."""
    if target.links:
        return True
    name = target.name.strip()
    words = name.split()
    if not words or _described(words) or _description(words):
        return False
    if _is_authority(name) or analyze(name, "Organization").is_weak_only:
        return False
    if len(words) == 1 and (target.mention is None or name.isupper()):
        word = words[0].strip(".,;:'’\"“”").lower()
        return word not in _common()
    return True
