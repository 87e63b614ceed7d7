"""``kenning-v2``: kenning-v1's name similarity and qualifiers, made to hold on names nobody tuned it on.

The name score (at most 0.95: a name alone never proves identity) now also pairs OCR look-alikes and
parts written without vowels, reads a part split by a stray space or run together with the next as one,
and a last part cut short as the start of a listed part. A birth date one slip away (a mistyped or
swapped digit, day and month swapped, an impossible day or month, a few days or a year off) weakens the
score a little (x0.9) instead of vetoing it; a really different date still cuts it (x0.55). A name too
weak to match alone (a person's one-word name, an alias the list flags as weak, a lone common given
name, a common full name) is cut below the threshold (x0.7) unless a birth date, a country or an
identifier supports it. A shared identifier and countries act as in v1. Match threshold: 0.70.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kenning.matching import features as f
from kenning.matching import features_v2 as f2
from kenning.matching.algorithms.base import Algorithm, Feature, NamePair, Scored, with_name_detail
from kenning.matching.align_v2 import Reading, name_bounded_v2, name_match_v2, one_to_one_match_v2
from kenning.matching.records import NAME_PROPS, EntityRecord, NameRecord, QueryRecord
from kenning.matching.similarity import Prepared, fill_memo
from kenning.matching.similarity_v2 import similarity_matrix_v2
from kenning.matching.types import FeatureScore

__all__ = ["ALGORITHM", "FEATURES", "ceiling", "explain_verdict", "prefill", "score"]

THRESHOLD = 0.70
#: Cost of listed name parts the query lacks (capped at one part's worth).
EXTRA_PART_PENALTY = 0.5
#: What a conflicting birth date, a date one slip away, or a conflicting country multiply the score by.
DOB_CONFLICT, DOB_SLIP, COUNTRY_CONFLICT = 0.55, 0.9, 0.92
#: Given names and surnames ranked at most this high in a country make a name common (names/common.py).
COMMON_GIVEN_TOP, COMMON_SURNAME_TOP = 30, 30

NAME = Feature.documented("name", 0.95, name_match_v2)
BIRTH_DATE = Feature.documented("birth_date", 0.6, f2.birth_date_v2)
COUNTRY = Feature.documented("country", 0.15, f.country)
IDENTIFIER = Feature.documented("identifier", 0.8, f.identifier)
#: A name too weak alone multiplies the score by this weight when nothing supports it.
WEAK_NAME = Feature.documented("weak_name", 0.7, f2.weak_name)
FEATURES = (NAME, BIRTH_DATE, COUNTRY, IDENTIFIER, WEAK_NAME)
PROFILE = "v2"


def _weakness(q: Prepared, n: NameRecord, schema: str) -> str | None:
    return f2.weak_name(q, n.name, n.prop, schema == "Person", COMMON_GIVEN_TOP, COMMON_SURNAME_TOP)


def _best_name(query: QueryRecord, names: Sequence[NameRecord], schema: str, supported: bool,
               reach: Callable[[float], bool] | None = None,
               ) -> tuple[float, str | None, NamePair | None, Reading | None]:
    """(name score, why it is weak or None, the best pairing, how its parts read): the best pairing of a
    query name with a listed name, a weak one counting at its penalised value when nothing supports it.

    With ``reach`` (a floor asked for), a pairing whose other readings could neither beat the best so far
    nor bring the candidate to the floor is not read otherwise (:func:`name_bounded_v2`): that changes only
    verdicts below the floor. (Without a floor the bound is not computed: it would rarely spare the
    readings it costs as much as.)"""
    best, effective, weak, pair, reading = 0.0, 0.0, None, None, None
    for q, memo in zip(query.names, query.memos_for(PROFILE), strict=True):
        for n in names:
            prop = NAME_PROPS[n.prop]
            enough = None
            if reach is not None:
                def enough(bound: float, prop: float = prop, beat: float = effective) -> bool:
                    return bound * prop > beat and reach(bound * prop)

            value, how, exact = name_bounded_v2(q, n.name, EXTRA_PART_PENALTY, memo, enough)
            value *= prop
            if not exact or value <= effective:
                continue
            reason = _weakness(q, n, schema)
            counted = value * WEAK_NAME.weight if reason and not supported else value
            if counted > effective:
                best, effective, weak, pair, reading = value, counted, reason, (q, n, memo), how
    return best, weak, pair, reading


def _detail(pair: NamePair | None, reading: Reading | None) -> str:
    """The name feature's sentence: how the parts of the best pairing lined up."""
    if pair is None:
        return "no listed name pairs with the query"
    q, n, memo = pair
    via = "" if n.prop == "name" else f" (via {n.prop})"
    if reading is None:  # scoring read the names one to one: explained the same way, without other readings
        match = one_to_one_match_v2(q, n.name, EXTRA_PART_PENALTY, memo)
    else:
        match = name_match_v2(q, n.name, EXTRA_PART_PENALTY, memo, reading)
    return match.describe(q.original, n.name.original) + via


def _name_feature(best: float, pair: NamePair | None, reading: Reading | None, explain: bool) -> FeatureScore:
    detail = _detail(pair, reading) if explain else ""
    if pair is None:
        return FeatureScore(best, NAME.weight, detail)
    return FeatureScore(best, NAME.weight, detail, query=pair[0].original, candidate=pair[1].name.original)


def explain_verdict(verdict: Scored) -> Scored:
    """An unexplained verdict explained from the pairing it was scored on (equal to scoring it again
    with ``explain=True``)."""
    reading = verdict.reading if isinstance(verdict.reading, Reading) else None
    return with_name_detail(verdict, _detail(verdict.pair, reading))


def _qualifiers(query: QueryRecord, candidate: EntityRecord) -> dict[str, FeatureScore]:
    out: dict[str, FeatureScore] = {}
    dob = f2.birth_date_v2(query.birth_dates, candidate.birth_dates)
    if dob is not None:
        if dob.score > 0:
            out[BIRTH_DATE.name] = FeatureScore(dob.score, BIRTH_DATE.weight, dob.detail + " (supports the match)")
        elif dob.score > -1:
            out[BIRTH_DATE.name] = FeatureScore(dob.score, DOB_SLIP, dob.detail + f" (weakens it: score x{DOB_SLIP})")
        else:
            out[BIRTH_DATE.name] = FeatureScore(dob.score, DOB_CONFLICT,
                                                dob.detail + f" (strong counter-evidence: score x{DOB_CONFLICT})")
    place = f.country(query.countries, candidate.countries)
    if place is not None:
        weight = COUNTRY.weight if place.score > 0 else COUNTRY_CONFLICT
        out[COUNTRY.name] = FeatureScore(place.score, weight, place.detail)
    ident = f.identifier(query.id_numbers, candidate.id_numbers)
    if ident is not None:
        out[IDENTIFIER.name] = FeatureScore(ident.score, IDENTIFIER.weight, ident.detail)
    return out


def _apply(value: float, qualifiers: dict[str, FeatureScore]) -> float:
    dob = qualifiers.get(BIRTH_DATE.name)
    if dob is not None:
        value = value + (1 - value) * BIRTH_DATE.weight * dob.score if dob.score > 0 else value * dob.weight
    place = qualifiers.get(COUNTRY.name)
    if place is not None:
        value = value + (1 - value) * COUNTRY.weight if place.score > 0 else value * COUNTRY_CONFLICT
    if IDENTIFIER.name in qualifiers:
        value = 1 - (1 - value) * (1 - IDENTIFIER.weight)
    return value


def score(query: QueryRecord, candidate: EntityRecord, names: Sequence[NameRecord] | None = None,
          explain: bool = True, floor: float | None = None) -> Scored:
    """Score one candidate; ``names`` limits the listed names compared (default: all of them). With a
    ``floor`` (monitoring's threshold), a verdict below it may be lower than the exact score (names whose
    other readings provably cannot lift the candidate to the floor are not read otherwise); every verdict
    at or above it is exact and the same."""
    qualifiers = _qualifiers(query, candidate)
    supported = any(q.score > 0 for q in qualifiers.values())
    reach = None
    if floor is not None:
        def reach(value: float) -> bool:
            return _apply(value * NAME.weight, qualifiers) >= floor
    best, weak, pair, reading = _best_name(query, names or candidate.names, candidate.schema, supported, reach)
    name = _name_feature(best, pair, reading, explain)
    if best <= 0:
        qualifiers.pop(IDENTIFIER.name, None)
    value = _apply(best * NAME.weight, qualifiers)
    explanation = {NAME.name: name, **qualifiers}
    if weak is not None:
        if supported:
            explanation[WEAK_NAME.name] = FeatureScore(0.0, 1.0, f"{weak}; a qualifier supports it")
        else:
            value *= WEAK_NAME.weight
            explanation[WEAK_NAME.name] = FeatureScore(
                -1.0, WEAK_NAME.weight, f"{weak}; no birth date, country or identifier supports it "
                f"(score x{WEAK_NAME.weight})")
    return Scored(min(max(value, 0.0), 1.0), explanation, name.detail, pair, reading, explain)


def _never(_bound: float) -> bool:
    return False


#: The most the qualifiers lift a name score when no identifier is shared: the same birth date and country.
_BEST_SUPPORT = {BIRTH_DATE.name: FeatureScore(1.0, BIRTH_DATE.weight, ""),
                 COUNTRY.name: FeatureScore(1.0, COUNTRY.weight, "")}


def ceiling(query: QueryRecord, candidate: EntityRecord, names: Sequence[NameRecord] | None, floor: float,
            ) -> float:
    """An upper bound of :func:`score` (the memos filled): the best name pairing counted at the bound of its
    other readings where it has them (:func:`name_bounded_v2`), no weak-name cut, and the qualifiers applied
    (the score grows with the name score and with each qualifier's support) — the best support any
    qualifier could give when that is already below ``floor``, else the candidate's own."""
    top = 0.0
    for q, memo in zip(query.names, query.memos_for(PROFILE), strict=True):
        for n in names or candidate.names:
            value = name_bounded_v2(q, n.name, EXTRA_PART_PENALTY, memo, _never)[0] * NAME_PROPS[n.prop]
            top = value if value > top else top
    if not query.id_numbers & candidate.id_numbers:
        loose = min(max(_apply(top * NAME.weight, _BEST_SUPPORT), 0.0), 1.0)
        if loose < floor:
            return loose
    return min(max(_apply(top * NAME.weight, _qualifiers(query, candidate)), 0.0), 1.0)


def prefill(query: QueryRecord, names: Sequence[Prepared]) -> None:
    """The part similarities of every query name with every listed name about to be scored, in one pass."""
    for prepared, memo in zip(query.names, query.memos_for(PROFILE), strict=True):
        fill_memo(prepared, names, memo, similarity_matrix_v2)


ALGORITHM = Algorithm(
    name="kenning-v2",
    threshold=THRESHOLD,
    description=" ".join((__doc__ or "").split()),
    features=FEATURES,
    score=score,
    prefill=prefill,
    explain=explain_verdict,
    ceiling=ceiling,
)
