"""Monitoring's scoring equals scoring each customer–entry pair on its own, from scratch.

Monitoring shares one name's analysis and part similarities between the customers of that name (one
vectorised prefill per customer, kenning-v2's own memos) and scores with the threshold as a floor (the
other readings of pairs that provably cannot reach it are skipped). Neither may change a match: over
generated customers (variants of listed names and names on no list, some of them twice with other birth
dates), the matches and their scores equal kenning-v2 scoring each pair with a fresh query and no floor.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kenning.matching import Screener
from kenning.matching.algorithms import get_algorithm
from kenning.matching.records import query_record
from kenning.monitor.customers import Customer
from kenning.monitor.screen import Screening
from screenkit import generated_queries

pytestmark = pytest.mark.slow


def test_monitoring_matches_equal_scoring_each_pair_alone(bundled_home: Path) -> None:
    screener = Screener.open()
    algorithm = get_algorithm("kenning-v2")
    screening = Screening(algorithm, algorithm.threshold, screener.index.rarity)
    rng = random.Random(5)
    compared = matched = 0
    for pk, query in enumerate(generated_queries(screener, 250, seed=3)):
        for born in ((), (f"19{rng.randint(40, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",)):
            customer = Customer(f"c{pk}", query.names, query.schema, born or query.birth_dates, query.countries)
            record = screening.query(customer)
            fresh = query_record(customer.query(), screener.index.rarity)
            candidates = [(screener.index.entities[p], names) for p, names in screener.candidates(fresh)]
            found = {(m.target, m.score) for m in screening.score(pk, record, candidates)}
            expected = set()
            for entity, names in candidates:
                verdict = algorithm.score(query_record(customer.query(), screener.index.rarity), entity, names, False)
                if verdict.score >= algorithm.threshold:
                    expected.add((entity.id, round(verdict.score, 6)))
            assert found == expected, customer
            compared += len(candidates)
            matched += len(found)
    assert compared > 2000 and matched > 100
