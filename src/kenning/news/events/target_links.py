"""Links for the targets of sanctions actions that are still unlinked: designees the NLP stage did not mark,
read from list lines, and mentions the linker left alone.

:mod:`kenning.news.link.linker` links mentions with their context. An enumerated list of designees ("88. Sergei
Gerasimovich Mitin") gives names without context and sometimes without a mention; a mention may carry the
wrong label ("Chau Phirun" as an organisation, "Mega Gems" as a person) or lack the context the linker
asks for. Being the target of a sanctions action is that context: such a target is linked here on its
name alone, whatever its label: in each list, the screener's best candidate when the matcher calls it a
match, it scores within :data:`TIE_MARGIN` of the best of all lists, and no other entry of the same list
does (an ambiguous name stays unlinked there); plus the entities the lists record as the same party.

Vessels and aircraft are named by one word more often than not ("the Boceanica", "the Nolan") and the
matcher's search over every kind of party ranks a ship's former name below people who share a word
("Young Yong"). A target left unlinked is therefore looked for once more among the lists' vessels and
aircraft only, and linked when one of them carries exactly that name (:data:`CRAFT_MIN_SCORE`): a single
word links in no other way.
"""

from __future__ import annotations

from kenning.matching import Query, Screener
from kenning.news.model import ArticleResult, EntityLink, Target

__all__ = ["MIN_WORDS", "SCHEMA", "TIE_MARGIN", "link_named_targets"]

#: Candidates of two different parties this close in score make the name ambiguous.
TIE_MARGIN = 0.02
#: Names of fewer words are not linked without context (a tail number is one word: see :func:`_enough`).
MIN_WORDS = 2
#: Any listed thing: list lines name persons and companies, vessels and aircraft alike.
SCHEMA = "Thing"
#: Kinds of listed things looked for when the search over every kind finds nothing.
CRAFT_SCHEMAS = ("Vessel", "Airplane")
#: The matcher's score for the same name (0.95 is its ceiling on a name alone): nothing looser links a craft.
CRAFT_MIN_SCORE = 0.94
_CONTEXT = "a designee named on a list line, matched on the name alone"
_TARGET_CONTEXT = "the target of a sanctions action in the report, matched on the name alone"


def _links(name: str, screener: Screener, context: str = _CONTEXT, schema: str = SCHEMA,
           min_score: float = 0.0) -> list[EntityLink]:
    """The best candidate of each list that scores as well as the best of all; none from a list where two
    of its entries tie (the same party listed by two authorities is not a tie, two parties in one list are).
    Only candidates of ``schema`` scoring at least ``min_score`` count."""
    results = [r for r in screener.screen(Query.build(name, schema=schema)) if r.match and r.score >= min_score]
    if not results:
        return []
    top = results[0].score
    links: dict[str, EntityLink] = {}
    for dataset in dict.fromkeys(r.dataset for r in results):
        ranked = [r for r in results if r.dataset == dataset]
        best = ranked[0]
        if top - best.score > TIE_MARGIN or any(best.score - r.score <= TIE_MARGIN for r in ranked[1:]):
            continue
        evidence = {"name": round(best.score, 4), "matched_name": best.matched_name, "context": context}
        links[best.id] = EntityLink(best.id, best.dataset, best.source_id, best.score, best.caption, best.schema,
                                    evidence)
        for other in screener.same_as(best.id):
            record = screener.entity(other)
            if record is not None and other not in links:
                links[other] = EntityLink(other, record.dataset, other.split("-", 1)[1], best.score,
                                          record.caption, record.schema, {"same_as": best.id, "context": context})
    return list(links.values())


def _enough(name: str) -> bool:
    """A name worth screening alone: several words, or one with digits (a tail or IMO number)."""
    return len(name.split()) >= MIN_WORDS or any(c.isdigit() for c in name)


def link_named_targets(result: ArticleResult, screener: Screener) -> int:
    """Link every event target that has no link yet; returns how many got links."""
    cache: dict[str, list[EntityLink]] = {}
    linked = 0
    targets: list[Target] = [t for e in result.events for t in e.targets if not t.links]
    for target in targets:
        if target.name not in cache:
            context = _CONTEXT if target.mention is None else _TARGET_CONTEXT
            cache[target.name] = (_links(target.name, screener, context) if _enough(target.name) else []) or [
                link for schema in CRAFT_SCHEMAS
                for link in _links(target.name, screener, context, schema, CRAFT_MIN_SCORE)]
        target.links = list(cache[target.name])
        linked += bool(target.links)
    return linked
