"""The documented Python API: what ``kenning screen --json`` and ``kenning compare --json`` print.

    >>> import kenning
    >>> kenning.screen("Ivan Maslov", schema="Person", birth_dates=["1982-07-11"])["results"][0]["id"]
    'us_ofac_sdn-40969'
    >>> kenning.compare("Jon Smith", "John Smith")["match"]
    True

Both return plain dicts (JSON-ready). :func:`screen` answers one result per party (a party several
lists carry comes back once, with every list's entry and the links that join them) and opens the
configured store's screener once per process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from kenning.matching.algorithms import get_algorithm
from kenning.matching.parties import screen_parties
from kenning.matching.screener import Screener, compare_queries
from kenning.matching.types import Query

__all__ = ["compare", "compare_json", "screen", "screen_json", "shared_screener"]

_LOCK = threading.Lock()
_SCREENERS: list[Screener] = []


def shared_screener() -> Screener:
    """The process's screener over the configured store (opened on first use)."""
    with _LOCK:
        if not _SCREENERS:
            _SCREENERS.append(Screener.open())
        return _SCREENERS[0]


def _values(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def screen_json(screener: Screener, query: Query, limit: int = 5, threshold: float | None = None,
                algorithm: str | None = None) -> dict[str, Any]:
    """One query screened per party, as the CLI prints it with ``--json``."""
    algo = get_algorithm(algorithm)
    results = screen_parties(screener, query, limit=limit, threshold=threshold, algorithm=algo.name)
    return {"query": query.to_dict(), "algorithm": algo.name,
            "threshold": algo.threshold if threshold is None else threshold,
            "results": [r.to_dict() for r in results]}


def screen(name: str | Iterable[str], *, schema: str | None = None, birth_dates: str | Iterable[str] | None = None,
           countries: str | Iterable[str] | None = None, id_numbers: str | Iterable[str] | None = None,
           datasets: str | Iterable[str] | None = None, limit: int = 5, threshold: float | None = None,
           algorithm: str | None = None) -> dict[str, Any]:
    """Screen a name (or several names of one party) against every loaded list; bad input raises
    :class:`kenning.errors.InputError` naming the field. Returns ``{"query", "algorithm", "threshold",
    "results"}``: what ``kenning screen NAME --json`` prints."""
    query = Query.build(name, schema=schema, birth_dates=_values(birth_dates), countries=_values(countries),
                        id_numbers=_values(id_numbers), datasets=_values(datasets))
    return screen_json(shared_screener(), query, limit, threshold, algorithm)


def compare_json(a: Query, b: Query, algorithm: str | None = None) -> dict[str, Any]:
    """Two descriptions of a party scored against each other, as the CLI prints it with ``--json``."""
    scored, threshold = compare_queries(a, b, algorithm)
    return {"a": a.names[0], "b": b.names[0], "schema": a.schema, "algorithm": get_algorithm(algorithm).name,
            "score": round(scored.score, 4), "match": scored.score >= threshold, "threshold": threshold,
            "explanation": {k: v.to_dict() for k, v in scored.explanation.items()}}


def compare(a: str, b: str, *, schema: str = "Thing", birth_date_a: str | Iterable[str] | None = None,
            birth_date_b: str | Iterable[str] | None = None, algorithm: str | None = None) -> dict[str, Any]:
    """Score two names (optionally with birth dates) with the screening algorithm; no lists needed.
    Returns what ``kenning compare A B --json`` prints."""
    return compare_json(Query.build(a, schema=schema, birth_dates=_values(birth_date_a)),
                        Query.build(b, schema=schema, birth_dates=_values(birth_date_b)), algorithm)
