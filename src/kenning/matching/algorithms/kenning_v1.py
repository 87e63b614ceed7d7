"""``kenning-v1``: name similarity, then qualifiers that confirm or refute it.

The best pairing of a query name with a listed name gives the name score (at most 0.95: a name alone
never proves identity); a birth date on the same day moves the score most of the way to 1, the same
year part of the way, and a conflicting birth date cuts it roughly in half (below the threshold); a
shared identifier number moves it nearly to 1; countries nudge it. Match threshold: 0.70.
"""

from __future__ import annotations

from collections.abc import Sequence

from kenning.matching import features as f
from kenning.matching.algorithms.base import Algorithm, Feature, NamePair, Scored, with_name_detail
from kenning.matching.records import NAME_PROPS, EntityRecord, NameRecord, QueryRecord
from kenning.matching.types import FeatureScore

__all__ = ["ALGORITHM", "FEATURES", "explain_verdict", "prefill", "score"]

THRESHOLD = 0.70
#: Cost of listed name parts the query lacks (capped at one part's worth).
EXTRA_PART_PENALTY = 0.5
#: What a conflicting birth date or country multiplies the score by (their counter-evidence).
DOB_CONFLICT, COUNTRY_CONFLICT = 0.55, 0.92

#: The name score times this weight is where the score starts (a name alone never proves identity).
NAME = Feature.documented("name", 0.95, f.name_match)
#: A supporting birth date moves the score this share (times its score) of the way to 1.
BIRTH_DATE = Feature.documented("birth_date", 0.6, f.birth_date)
#: A shared country moves the score this share of the way to 1.
COUNTRY = Feature.documented("country", 0.15, f.country)
#: A shared identifier number moves the score this share of the way to 1.
IDENTIFIER = Feature.documented("identifier", 0.8, f.identifier)
#: Every feature kenning-v1 scores, in the order its explanations list them.
FEATURES = (NAME, BIRTH_DATE, COUNTRY, IDENTIFIER)


def _best_name(query: QueryRecord, names: Sequence[NameRecord]) -> tuple[float, NamePair | None]:
    """The best pairing of a query name with a listed name: its score and the names paired."""
    best, pair = 0.0, None
    memos = query.memos_for("v1")
    for q, memo in zip(query.names, memos, strict=True):
        for n in names:
            value = f.name_score(q, n.name, EXTRA_PART_PENALTY, memo) * NAME_PROPS[n.prop]
            if value > best:
                best, pair = value, (q, n, memo)
    return best, pair


def _detail(pair: NamePair | None) -> str:
    """The name feature's sentence: how the parts of the best pairing lined up."""
    if pair is None:
        return "no listed name pairs with the query"
    q, n, memo = pair
    via = "" if n.prop == "name" else f" (via {n.prop})"
    return f.name_match(q, n.name, EXTRA_PART_PENALTY, memo).describe(q.original, n.name.original) + via


def _name_feature(best: float, pair: NamePair | None, explain: bool) -> FeatureScore:
    """The name feature: the best pairing's score, the two strings compared and (``explain``) why."""
    detail = _detail(pair) if explain else ""
    if pair is None:
        return FeatureScore(best, NAME.weight, detail)
    return FeatureScore(best, NAME.weight, detail, query=pair[0].original, candidate=pair[1].name.original)


def explain_verdict(verdict: Scored) -> Scored:
    """An unexplained verdict explained from the pairing it was scored on (equal to scoring it again
    with ``explain=True``)."""
    return with_name_detail(verdict, _detail(verdict.pair))


def score(query: QueryRecord, candidate: EntityRecord, names: Sequence[NameRecord] | None = None,
          explain: bool = True, floor: float | None = None) -> Scored:
    """Score one candidate; ``names`` limits the listed names compared (default: all of them). ``floor`` is
    not used: kenning-v1 reads every pair one way, there is nothing costly to skip below it."""
    best, pair = _best_name(query, names or candidate.names)
    name = _name_feature(best, pair, explain)
    value = name.score * NAME.weight
    explanation = {NAME.name: name}
    dob = f.birth_date(query.birth_dates, candidate.birth_dates)
    if dob is not None:
        effect = ""
        if dob.score > 0:
            value += (1 - value) * BIRTH_DATE.weight * dob.score
            effect = " (supports the match)"
        elif dob.score < 0:
            value *= DOB_CONFLICT
            effect = f" (strong counter-evidence: score x{DOB_CONFLICT})"
        explanation[BIRTH_DATE.name] = FeatureScore(dob.score, BIRTH_DATE.weight if dob.score >= 0 else DOB_CONFLICT,
                                                    dob.detail + effect)
    place = f.country(query.countries, candidate.countries)
    if place is not None:
        support = place.score > 0
        value = value + (1 - value) * COUNTRY.weight if support else value * COUNTRY_CONFLICT
        explanation[COUNTRY.name] = FeatureScore(place.score, COUNTRY.weight if support else COUNTRY_CONFLICT,
                                                 place.detail)
    ident = f.identifier(query.id_numbers, candidate.id_numbers)
    if ident is not None and name.score > 0:
        value = 1 - (1 - value) * (1 - IDENTIFIER.weight)
        explanation[IDENTIFIER.name] = FeatureScore(ident.score, IDENTIFIER.weight, ident.detail)
    return Scored(min(max(value, 0.0), 1.0), explanation, name.detail, pair, None, explain)


def prefill(query: QueryRecord, names: Sequence[f.Prepared]) -> None:
    """The part similarities of every query name with every listed name about to be scored, in one pass."""
    for prepared, memo in zip(query.names, query.memos_for("v1"), strict=True):
        f.fill_memo(prepared, names, memo)


ALGORITHM = Algorithm(
    name="kenning-v1",
    threshold=THRESHOLD,
    description=" ".join((__doc__ or "").split()),
    features=FEATURES,
    score=score,
    prefill=prefill,
    explain=explain_verdict,
)
