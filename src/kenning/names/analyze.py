"""The one entry point of the matcher: :func:`analyze` turns a name into a :class:`NameAnalysis`."""

from __future__ import annotations

from dataclasses import dataclass

from kenning.names.canonical import canonical_token, phonetic_key
from kenning.names.normalize import join_words, split_words
from kenning.names.orgs import looks_like_legal_form, particles, replace_legal_forms, stopwords
from kenning.names.parts import (
    NameKind,
    Parts,
    Segment,
    honorifics,
    joinable,
    ordered_parts,
    person_parts,
    schema_kind,
    segments,
    suffixes,
)
from kenning.names.scripts import dominant_script

__all__ = ["NameAnalysis", "analyze"]


@dataclass(frozen=True, slots=True)
class NameAnalysis:
    """Everything the matcher needs to know about one name, computed once.

    The token tuples ``tokens``, ``canonical``, ``phonetic`` and ``weak`` are parallel: position ``i``
    of each describes the same name part.
    """

    #: The name as given.
    original: str
    #: The FollowTheMoney schema the name was read as.
    schema: str
    #: How that schema's names are read: ``person``, ``org``, ``entity`` or ``object``.
    kind: NameKind
    #: ``normalize(original)``: every token, in the written order, nothing removed.
    normalized: str
    #: Tokens to match: titles and suffixes removed (persons), legal forms replaced by their code
    #: (organisations), "SURNAME, Given" put in natural order (persons).
    tokens: tuple[str, ...]
    #: Equivalence-class representative of each token (``"mohamed"`` -> ``"muhammad"``).
    canonical: tuple[str, ...]
    #: Phonetic key of each token (of its canonical form).
    phonetic: tuple[str, ...]
    #: Whether each token is weak: a legal form or stop word, or a particle in a person's name.
    weak: tuple[bool, ...]
    #: Index in ``tokens`` of the first surname token when a comma said so, else ``None``.
    order_hint: int | None
    #: Canonical joined forms of hyphenated words and of prefixes with the next token
    #: (``"Abd-al-Rahman"``, ``"Abdul Rahman"`` -> ``"abdulrahman"``), to compare with single tokens.
    compounds: tuple[str, ...]
    #: Titles and suffixes removed from a person's name (``"dr"``, ``"jr"``).
    removed: tuple[str, ...]
    #: Dominant script of the input (``"Latin"``, ``"Cyrillic"``, ``"Arabic"``...; ``"Common"`` if none).
    script: str
    #: Index in ``tokens`` of the part written last, when it is kept (a length limit cuts that one).
    final: int | None = None

    @property
    def is_empty(self) -> bool:
        """True when nothing of the name is left (empty, emoji-only or control-only input)."""
        return not self.tokens

    @property
    def is_weak_only(self) -> bool:
        """True when the name has tokens and all of them are weak ("CORP", "The Company", "LLC")."""
        return bool(self.weak) and all(self.weak)

    @property
    def strong_tokens(self) -> tuple[str, ...]:
        """The canonical forms of the tokens that are not weak."""
        return tuple(c for c, w in zip(self.canonical, self.weak, strict=True) if not w)


def _parts(kind: NameKind, segs: list[Segment]) -> tuple[Parts, list[bool]]:
    """Tokens by kind, and for each whether it is a legal form."""
    if kind == "person":
        parts = person_parts(segs)
        return parts, [False] * len(parts.tokens)
    parts = ordered_parts(segs, reorder=False)
    if kind == "object":
        return parts, [False] * len(parts.tokens)
    tokens, origins, legal = replace_legal_forms(parts.tokens, parts.origins)
    if kind == "entity" and not any(legal) and len(segs) == 2:
        parts = person_parts(segs)
        return parts, [False] * len(parts.tokens)
    parts.tokens, parts.origins, parts.surname = tokens, origins, [False] * len(tokens)
    parts.final = len(tokens) - 1 if tokens and parts.final is not None else None
    return parts, legal


def _weak(kind: NameKind, tokens: tuple[str, ...], legal: list[bool]) -> tuple[bool, ...]:
    """Legal forms, stop words (particles in person names), and in names of people or of any party the
    generational suffixes and honorifics wherever they stand ("Maslov III", "Jr. Sadio Camara")."""
    words = particles() if kind == "person" else stopwords()
    if kind in ("person", "entity"):
        words = words | suffixes() | honorifics()
    fuzzy = kind in ("org", "entity")
    return tuple(is_legal or tok in words or (fuzzy and looks_like_legal_form(tok))
                 for tok, is_legal in zip(tokens, legal, strict=True))


def _compounds(parts: Parts) -> tuple[str, ...]:
    """Joined forms: whole hyphenated words, and a joinable prefix with the token after it."""
    found: list[str] = []
    tokens, origins = parts.tokens, parts.origins
    start = 0
    for end in range(1, len(tokens) + 1):
        if end == len(tokens) or origins[end] != origins[start]:
            if end - start > 1:
                found.append("".join(tokens[start:end]))
            start = end
    prefixes = joinable()
    for pos in range(len(tokens) - 1):
        if tokens[pos] in prefixes and origins[pos + 1] != origins[pos]:
            found.append(tokens[pos] + tokens[pos + 1])
    return tuple(dict.fromkeys(canonical_token(c) for c in found))


def analyze(name: str, schema: str = "LegalEntity") -> NameAnalysis:
    """Analyse one name as a name of ``schema`` (a FollowTheMoney schema name).

    Persons lose titles and suffixes and have "SURNAME, Given" reordered; organisations and legal
    entities have legal forms replaced by codes and marked weak; vessels and other objects keep every
    token. Never raises on odd text: empty, emoji-only or control-only input gives an analysis whose
    :attr:`NameAnalysis.is_empty` is true. Raises :class:`~kenning.errors.InputError` for a schema
    without names (see ``data/schemas.yml``).
    """
    kind = schema_kind(schema)
    words = split_words(name)
    parts, legal = _parts(kind, segments(words))
    tokens = tuple(parts.tokens)
    canonical = tuple(tok if is_legal else canonical_token(tok) for tok, is_legal in zip(tokens, legal, strict=True))
    return NameAnalysis(
        original=name,
        schema=schema,
        kind=kind,
        normalized=join_words(words),
        tokens=tokens,
        canonical=canonical,
        phonetic=tuple(phonetic_key(tok) for tok in canonical),
        weak=_weak(kind, tokens, legal),
        order_hint=parts.order_hint(),
        compounds=_compounds(parts),
        removed=tuple(parts.removed),
        script=dominant_script(" ".join(words)),
        final=parts.final,
    )
