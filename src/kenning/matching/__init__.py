"""Screening: a candidate index over every listed name, versioned scoring algorithms, explanations.

    >>> from kenning.matching import Screener, Query
    >>> screener = Screener.open()
    >>> screener.screen(Query.build("Sadio Camara", schema="Person", birth_dates=["1979-03-22"]))
"""

from kenning.matching.parties import screen_parties
from kenning.matching.screener import Screener, compare_queries, schemata_compatible
from kenning.matching.types import Entry, FeatureScore, Query, Result

__all__ = ["Entry", "FeatureScore", "Query", "Result", "Screener", "compare_queries", "schemata_compatible",
           "screen_parties"]
