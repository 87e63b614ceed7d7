"""The grammar of the Remarks field of OFAC's legacy CSV files.

A remark is a list of parts separated by ``;`` and closed by ``.``, each ``[alt. ]<key> <value>``::

    DOB 22 Mar 1979; POB Kati, Koulikoro, Mali; nationality Mali; Gender Male;
    Passport DA0004031 (Mali) expires 15 Oct 2015; Linked To: PRIVATE MILITARY COMPANY 'WAGNER'.

:func:`parse_remarks` splits a remark into :class:`Remark` parts and names the :class:`Rule` each
one follows; the keys, the FtM property each feeds and how its value is read live in
``ofac_remarks.yml``. Reading values that need the listed party (its schema, the other entries of
the file) is left to :mod:`kenning.sources.ofac_build`. This module is pure: strings in, records out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from followthemoney.types import registry

from kenning.datafiles import read_mapping
from kenning.errors import ConfigError
from kenning.sources.ofac_dates import DateValue, parse_date

__all__ = [
    "SECTIONS",
    "Identifier",
    "Remark",
    "Rule",
    "classify",
    "load_rules",
    "parse_identifier",
    "parse_remarks",
    "quoted_name",
    "split_remarks",
]

_GRAMMAR = Path(__file__).with_name("ofac_remarks.yml")

#: The sections of ``ofac_remarks.yml``: where a part's value goes.
SECTIONS = ("facts", "identifiers", "sanction", "aliases", "links", "notes")

_SPLIT = re.compile(r";\s*")
_ISSUED = re.compile(r"^(?P<head>.*?)(?:,?\s+issued\s+(?P<issued>.*?))?(?:,?\s+expires\s+(?P<expires>.*?))?$",
                     re.IGNORECASE | re.DOTALL)
_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")


@dataclass(frozen=True)
class Rule:
    """How the parts starting with ``key`` are read (one entry of ``ofac_remarks.yml``)."""

    section: str
    key: str
    props: tuple[str, ...] = ()
    kind: str = "text"
    schema: str = "Identification"
    by_country: Mapping[str, str] = field(default_factory=dict)
    type_word: bool = False


@dataclass(frozen=True)
class Remark:
    """One part of a remark: the text as written, the rule it follows (None: free text) and its value."""

    raw: str
    rule: Rule | None
    value: str
    alt: bool = False


@dataclass(frozen=True)
class Identifier:
    """An identity document or registry number as a remark states it.

    ``country`` is the issuer as written (``"Mali"``), ``code`` its FtM code (``"ml"``); ``extra``
    holds parenthesised text that is neither (``"Stuttgart"``), ``exact`` is False when something
    of the source's wording is not rendered by the other fields.
    """

    type: str
    number: str
    country: str | None = None
    code: str | None = None
    issued: DateValue | None = None
    expires: DateValue | None = None
    extra: tuple[str, ...] = ()

    @property
    def exact(self) -> bool:
        dates = [d for d in (self.issued, self.expires) if d is not None]
        return not self.extra and all(d.exact and d.values for d in dates)


@dataclass(frozen=True)
class Grammar:
    """Every rule, and one regular expression that finds the key of a part."""

    rules: Mapping[str, Rule]
    pattern: re.Pattern[str]


def _as_props(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _rule(section: str, key: str, spec: Any) -> Rule:
    """One rule from its YAML entry; aliases and links map a key straight to a property or role."""
    if section in ("aliases", "links"):
        return Rule(section=section, key=key, props=_as_props(spec))
    if section == "notes":
        return Rule(section=section, key=key, props=("notes",))
    spec = spec or {}
    return Rule(section=section, key=key, props=_as_props(spec.get("prop")),
                kind=str(spec.get("kind", "text")), schema=str(spec.get("schema", "Identification")),
                by_country=dict(spec.get("by_country") or {}), type_word=bool(spec.get("type_word")))


@cache
def load_rules(path: str | None = None) -> Grammar:
    """Read the remark grammar (``ofac_remarks.yml`` unless ``path`` names another file)."""
    target = Path(path) if path else _GRAMMAR
    raw = read_mapping(target)
    rules: dict[str, Rule] = {}
    for section in SECTIONS:
        entries = raw.get(section) or {}
        items = [(k, None) for k in entries] if isinstance(entries, list) else list(entries.items())
        for key, spec in items:
            folded = str(key).casefold()
            if folded in rules:
                raise ConfigError(f"{target}: remark key {key!r} appears twice")
            rules[folded] = _rule(section, str(key), spec)
    keys = sorted((rule.key for rule in rules.values()), key=len, reverse=True)
    alternation = "|".join(re.escape(key) for key in keys)
    pattern = re.compile(rf"^(?P<alt>alt\.\s+)?(?P<key>{alternation})(?:\s*[:,.]\s*|\s+|$)(?P<value>.*)",
                         re.IGNORECASE | re.DOTALL)
    return Grammar(rules=rules, pattern=pattern)


def split_remarks(text: str) -> list[str]:
    """The parts of a remark, without the closing period of the whole remark."""
    body = text.strip()
    if body.endswith("."):
        body = body[:-1]
    return [part.strip() for part in _SPLIT.split(body) if part.strip()]


def classify(part: str, grammar: Grammar | None = None) -> Remark:
    """Name the rule one part follows; free text (no known key, or a key with nothing after it) gets None."""
    grammar = grammar or load_rules()
    match = grammar.pattern.match(part)
    if match is None:
        return Remark(raw=part, rule=None, value=part)
    rule = grammar.rules[match.group("key").casefold()]
    value = (match.group("value") or "").strip()
    if not value and rule.section != "notes":
        return Remark(raw=part, rule=None, value=part)
    return Remark(raw=part, rule=rule, value=value, alt=match.group("alt") is not None)


def parse_remarks(text: str | None) -> list[Remark]:
    """Every part of a remark, classified, in source order (an empty list for no remark)."""
    if not text:
        return []
    grammar = load_rules()
    return [classify(part, grammar) for part in split_remarks(text)]


def quoted_name(value: str) -> str:
    """The name inside OFAC's quotes: ``'BNC'`` → ``BNC`` (apostrophes inside the name are kept)."""
    name = value.strip().rstrip(".").strip()
    if len(name) >= 2 and name[0] == "'" and name[-1] == "'":
        name = name[1:-1]
    elif name.startswith("'"):
        name = name[1:]
    return name.strip()


def _peel_country(head: str) -> tuple[str, str | None, str | None, tuple[str, ...]]:
    """Split trailing ``(...)`` groups off an identifier: (number, issuer, issuer code, other groups).

    A group written without a space before it (``1027700070518(Russia)``) is peeled only when it names a
    country: otherwise it belongs to the number (``40K(F)``).
    """
    country: str | None = None
    code: str | None = None
    extra: list[str] = []
    while (match := _TRAILING_PAREN.search(head)) is not None and match.start() > 0:
        inner = match.group(1).strip()
        found = registry.country.clean(inner) if country is None else None
        if found is not None:
            country, code = inner, str(found)
        elif not match.group(0)[:1].isspace():
            break
        else:
            extra.insert(0, inner)
        head = head[: match.start()]
    return head.strip().rstrip(",").strip(), country, code, tuple(extra)


def parse_identifier(rule: Rule, value: str) -> Identifier | None:
    """Read ``<number> [(<country>)] [issued <date>] [expires <date>]``; None when there is no number."""
    id_type = rule.key
    body = value
    if rule.type_word:
        words = body.lstrip("- ").split(None, 1)
        if len(words) < 2:
            return None
        id_type, body = f"{rule.key} - {words[0]}", words[1]
    match = _ISSUED.match(body)
    if match is None:  # pragma: no cover - the pattern matches every string
        return None
    number, country, code, extra = _peel_country(match.group("head"))
    if not number:
        return None
    issued = parse_date(match.group("issued")) if match.group("issued") else None
    expires = parse_date(match.group("expires")) if match.group("expires") else None
    return Identifier(type=id_type, number=number, country=country, code=code,
                      issued=issued, expires=expires, extra=extra)
