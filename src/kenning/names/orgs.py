"""Organisation names: legal forms and weak tokens.

Legal forms come from ``data/legal_forms.yml`` (code -> spellings in any script). In organisation
and legal-entity names each legal form, single- or multi-word, is replaced by its code and marked
*weak*: it says what kind of body is named, not which one. Stop words (``data/stopwords.txt``) are
weak in every name that is not a person's; person names have their own particles
(``data/particles.txt``: bin, ibn, al, de, van...). A name made only of weak tokens ("CORP",
"The Company", "LLC") is flagged by :attr:`kenning.names.NameAnalysis.is_weak_only`, so the matcher
can refuse to match it against everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from kenning.errors import ConfigError
from kenning.names._data import read_lines, read_yaml
from kenning.names._phrases import PhraseIndex
from kenning.names.normalize import normalize

__all__ = ["legal_form_codes", "legal_forms", "looks_like_legal_form", "particles", "replace_legal_forms",
           "stopwords"]


@lru_cache(maxsize=1)
def legal_forms() -> PhraseIndex[str]:
    """Every spelling of ``legal_forms.yml``, normalised, mapped to its code (``"ooo"`` -> ``"llc"``)."""
    data = read_yaml("legal_forms.yml")
    pairs: list[tuple[str, str]] = []
    for code, spellings in data.items():
        if not isinstance(spellings, list) or not str(code).replace("_", "").isalnum():
            raise ConfigError(f"legal_forms.yml: {code!r} must be a code with a list of spellings")
        pairs.extend((str(spelling), str(code)) for spelling in spellings)
    return PhraseIndex("legal_forms.yml", pairs)


@lru_cache(maxsize=1)
def legal_form_codes() -> frozenset[str]:
    """The codes legal forms are replaced by (``llc``, ``jsc``, ``ltd``...)."""
    return frozenset(legal_forms().values())


@lru_cache(maxsize=1)
def _long_legal_words() -> tuple[str, ...]:
    """Single-word legal forms long enough that a one-letter slip still says what they are."""
    data = read_yaml("legal_forms.yml")
    words = {normalize(str(s)) for spellings in data.values() for s in spellings}
    return tuple(sorted(w for w in words if " " not in w and len(w) >= 6))


@lru_cache(maxsize=50_000)
def looks_like_legal_form(token: str) -> bool:
    """A misspelt legal form ("COMMPANY", "LIMTED", "CORPORATOIN"): one edit (a swap counts as one)
    from a single-word legal form of six letters or more."""
    if len(token) < 5:
        return False
    return process.extractOne(token, _long_legal_words(), scorer=OSA.distance, score_cutoff=1) is not None


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Weak words of organisation, legal-entity and object names (``the``, ``of``, ``al``...)."""
    return frozenset(read_lines("stopwords.txt"))


@lru_cache(maxsize=1)
def particles() -> frozenset[str]:
    """Weak words of person names (``bin``, ``ibn``, ``al``, ``de``, ``van``...)."""
    return frozenset(read_lines("particles.txt"))


def _inside_initials(initials: list[bool], start: int, length: int) -> bool:
    """Whether a legal form spelt in initials ("S.A.") is part of a longer run of initials ("Y.A.S.")."""
    if not all(initials[start : start + length]):
        return False
    return (start > 0 and initials[start - 1]) or initials[start + length]


def replace_legal_forms(tokens: Sequence[str], origins: Sequence[int]) -> tuple[list[str], list[int], list[bool]]:
    """Replace each legal form in ``tokens`` by its code, longest spelling first.

    ``origins`` gives each token's word number; a replaced phrase takes its first word's number.
    Returns the new tokens, their origins, and for each whether it is a legal form:
    ``["limited", "liability", "company", "x"]`` -> ``(["llc", "x"], [0, 3], [True, False])``.
    """
    index = legal_forms()
    initials = [len(tok) == 1 for tok in tokens] + [False]
    out: list[str] = []
    out_origins: list[int] = []
    legal: list[bool] = []
    pos = 0
    while pos < len(tokens):
        hit = index.match(tokens, pos) if tokens[pos] in index else None
        if hit is not None and _inside_initials(initials, pos, hit[0]):
            hit = None
        length, token = (1, tokens[pos]) if hit is None else hit
        out.append(token)
        out_origins.append(origins[pos])
        legal.append(hit is not None)
        pos += length
    return out, out_origins, legal
