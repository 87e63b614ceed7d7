"""Who imposes a sanction: the authority named in a phrase, by a publisher, or by a country's name.

Aliases come from ``data/events_authorities.yml``. When a phrase names several authorities ("the U.S.
Department of the Treasury's Office of Foreign Assets Control") the most specific one wins (the one
deepest below its parents: OFAC, not Treasury, not the United States). A country that the table does not
list is still an authority when a trigger's subject names it ("Canada", "New Zealand"): its ISO name
and code come from pycountry.
"""

from __future__ import annotations

import re
from functools import cache

from kenning.news.events.vocabulary import Authority, authorities

__all__ = ["country_authority", "depth", "match_authority", "publisher_authority"]


@cache
def _patterns() -> tuple[tuple[Authority, re.Pattern[str]], ...]:
    """One case-sensitive whole-word pattern per authority over all its aliases (longest first)."""
    found = []
    for authority in authorities():
        names = sorted(authority.aliases, key=len, reverse=True)
        body = "|".join(r"\s+".join(re.escape(w) for w in name.split()) for name in names)
        found.append((authority, re.compile(rf"(?<![\w.-])(?:{body})(?![\w-]|\.\w)")))
    return tuple(found)


@cache
def _by_name() -> dict[str, Authority]:
    return {a.name: a for a in authorities()}


def depth(authority: Authority) -> int:
    """How many parents stand above ``authority`` (United States 0, Treasury 1, OFAC 2)."""
    level, parent = 0, authority.parent
    while parent is not None:
        level += 1
        parent = _by_name()[parent].parent
    return level


def match_authority(text: str) -> Authority | None:
    """The most specific authority named in ``text``, or None."""
    best: tuple[int, int, int] | None = None
    found: Authority | None = None
    for authority, pattern in _patterns():
        for match in pattern.finditer(text):
            key = (depth(authority), match.end() - match.start(), -match.start())
            if best is None or key > best:
                best, found = key, authority
    return found


def publisher_authority(outlet: str | None) -> Authority | None:
    """The authority an article's publisher speaks for (a Treasury press release speaks as Treasury)."""
    if not outlet:
        return None
    wanted = outlet.strip().lower()
    for authority in authorities():
        if any(p.lower() == wanted for p in authority.publishers):
            return authority
    return None


@cache
def country_authority(name: str) -> Authority | None:
    """A country not in the table, by its name ("New Zealand" → nz), as an authority; None if not a country."""
    cleaned = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    if len(cleaned) < 4:
        return None
    try:
        import pycountry

        country = pycountry.countries.lookup(cleaned)
    except LookupError:
        return None
    label = getattr(country, "common_name", None) or country.name
    return Authority(name=str(label), country=str(country.alpha_2).lower(), parent=None, aliases=(cleaned,),
                     implies={}, publishers=())
