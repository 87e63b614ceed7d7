"""The analyses the customer index keeps equal analysing the names again.

A re-screen and a news report score the customers they reach with the analysis stored when the customers
were indexed (:meth:`CustomerIndex.analysis`). Over generated customers of every kind of name (people with
titles, commas and particles, organisations with legal forms, other scripts, one-word and weak-only names,
several names per customer), built into several segments and compacted, every stored analysis equals a
fresh one, a customer whose names are not stored reads as missing, and a segment written before analyses
were kept still loads (its customers' names are analysed again).
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from kenning.matching.records import query_record
from kenning.monitor.custindex import CustomerIndex, build_segment, names_key
from kenning.monitor.customers import Customer
from kenning.monitor.screen import Screening

GIVEN = ["Mohammed", "Ali", "Maria", "José", "Ivan", "Olga", "Kim", "Jean-Pierre", "Abd al-Rahman", "Sadio",
         "Хасан", "Александр", "محمد", "金", "Nguyễn", "O'Brien", "Li", "Anna-Lena", "Björn", "Ahmad"]
FAMILY = ["Hosseini", "Camara", "Lopez Garcia", "Petrov", "Maslov", "Van der Berg", "bin Laden", "Al Qaida",
          "Иванов", "Smith", "Schmidt", "Kowalski", "Hussein", "Wang", "Dupont", "Ben Ali", "Yılmaz", "Öztürk"]
ORGS = ["Trading LLC", "Holding GmbH", "Shipping Co Ltd", "Bank S.A.", "Group", "ООО Ромашка", "for Export",
        "International Limited", "& Sons", "Investments FZE"]


def _name(rng: random.Random) -> tuple[str, str]:
    kind = rng.random()
    if kind < 0.55:
        title = rng.choice(["", "", "Dr. ", "Mr ", "Sheikh "])
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        return "Person", (f"{family.upper()}, {given}" if rng.random() < 0.2 else f"{title}{given} {family}")
    if kind < 0.85:
        return "Organization", f"{rng.choice(FAMILY)} {rng.choice(ORGS)}"
    return rng.choice(["Thing", "LegalEntity"]), rng.choice([*GIVEN, "the", "of", "A"])


def _customers(rng: random.Random, count: int) -> list[Customer]:
    out = []
    for n in range(count):
        schema, first = _name(rng)
        names = (first,) if rng.random() < 0.8 else (first, _name(rng)[1])
        out.append(Customer(f"c{n}", names, schema, (), ()))
    return out


def test_stored_analyses_equal_analysing_again(kenning_home: Path) -> None:
    rng = random.Random(12)
    rarity = {"mohammed": 0.4, "muhammad": 0.4, "ali": 0.5, "camara": 1.6, "trading": 0.3}
    screening = Screening(None, 0.7, rarity)  # type: ignore[arg-type]  # scoring is not used here
    customers = _customers(rng, 900)
    index = CustomerIndex(1)
    live = {pk: 1 for pk in range(len(customers))}
    for part in range(3):  # three segments, then compacted into one
        chunk = range(part * 300, (part + 1) * 300)
        index.add(build_segment([screening.indexed(pk, 1, customers[pk]) for pk in chunk]), part + 1)
    index.add(build_segment([]), 4)
    stored = len(index.segments)
    checked = 0
    fresh = CustomerIndex(1)  # read back from the files
    for customer in customers:
        record = query_record(customer.query(), rarity)
        kept = fresh.analysis(customer.names, customer.schema)
        if not screening.customer(customer)[1]:
            assert kept is None  # never indexed: a reverse look-up cannot reach it
            continue
        assert kept == (record.analyses, record.names)
        checked += 1
    assert checked > 700 and stored == 4
    merged = CustomerIndex(1)
    merged.add(build_segment([]), 5, live)
    merged.add(build_segment([]), 6, live)
    merged.add(build_segment([]), 7, live)  # more than MAX_SEGMENTS: compacted
    assert len(merged.segments) == 1
    for customer in rng.sample(customers, 200):
        record = query_record(customer.query(), rarity)
        kept = CustomerIndex(1).analysis(customer.names, customer.schema)
        assert kept is None or kept == (record.analyses, record.names)
        assert kept is not None or not screening.customer(customer)[1]


def test_a_screening_reading_stored_analyses_scores_the_same_records(kenning_home: Path) -> None:
    rng = random.Random(3)
    customers = _customers(rng, 300)
    first = Screening(None, 0.7, {})  # type: ignore[arg-type]
    index = CustomerIndex(2)
    index.add(build_segment([first.indexed(pk, 1, c) for pk, c in enumerate(customers)]), 1)
    reader = Screening(None, 0.7, {})  # type: ignore[arg-type]
    reader.stored = CustomerIndex(2).analysis
    for customer in customers:
        got, expected = reader.query(customer), query_record(customer.query(), {})
        assert (got.analyses, got.names, got.birth_dates) == (expected.analyses, expected.names, expected.birth_dates)


def test_names_under_another_key_or_an_old_segment_are_analysed_again(kenning_home: Path) -> None:
    screening = Screening(None, 0.7, {})  # type: ignore[arg-type]
    customer = Customer("c1", ("Ivan Petrov",), "Person", (), ())
    other = Customer("c2", ("Olga Maslova",), "Person", (), ())
    made = screening.indexed(1, 1, customer)
    assert made.analysis is not None
    # A stored analysis under the other customer's key (a hash collision) is not taken for it.
    forged = type(made)(2, 1, made.names, (), (), (names_key(other.names, other.schema), made.analysis[1]))
    index = CustomerIndex(3)
    index.add(build_segment([forged]), 1)
    assert CustomerIndex(3).analysis(other.names, other.schema) is None
    # A segment written before analyses were kept (no blob files) loads; nothing is stored in it.
    folder = index.folder / index._names[0]
    for name in ("blob_keys", "blob_offsets", "blob_data"):
        (folder / f"{name}.npy").unlink()
    old = CustomerIndex(3)
    assert old.analysis(customer.names, customer.schema) is None
    assert np.asarray(old.segments[0].name_customer).tolist() == [2]
