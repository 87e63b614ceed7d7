"""JSON columns are read with orjson and fall back to the standard library: the same values either way,
over generated values of every kind a column holds (and what only ``json.dumps`` writes: NaN, huge ints)."""

from __future__ import annotations

import json
import math
import random
from typing import Any

from kenning.store.store import _json_loads


def _value(rng: random.Random, depth: int = 0) -> Any:
    kinds = ["str", "int", "float", "bool", "none", "bigint", "nan"] + (["list", "dict"] if depth < 3 else [])
    kind = rng.choice(kinds)
    if kind == "str":
        return "".join(rng.choice("aZé Ñ漢\u0627\"\\\n\t𝔸") for _ in range(rng.randint(0, 8)))
    if kind == "int":
        return rng.randint(-2**63, 2**63 - 1)
    if kind == "bigint":
        return rng.choice([1, -1]) * rng.randint(2**64, 2**80)
    if kind == "float":
        return rng.uniform(-1e6, 1e6)
    if kind == "nan":
        return rng.choice([math.nan, math.inf, -math.inf])
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "none":
        return None
    if kind == "list":
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {f"k{rng.randint(0, 9)}": _value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def test_json_columns_read_the_same_values_as_the_standard_library() -> None:
    rng = random.Random(20261204)
    for _ in range(3000):
        text = json.dumps(_value(rng))
        assert _same(_json_loads(text), json.loads(text)), text


def test_a_number_stored_bare_reads_back_as_the_number(tmp_path: Any) -> None:
    """SQLite returns a JSON value stored as a bare number as a number; its dialect then expects the
    deserializer's TypeError (as ``json.loads`` raises) and keeps the number."""
    from sqlalchemy import JSON, Column, Integer, MetaData, Table, insert, select, text

    from kenning.store.store import _make_engine

    engine = _make_engine(f"sqlite:///{tmp_path / 'j.db'}")
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("value", JSON))
    table.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO t (id, value) VALUES (1, 42), (2, 2.5)"))
        conn.execute(insert(table).values(id=3, value={"a": [1, "b"]}))
        values = [row.value for row in conn.execute(select(table).order_by(table.c.id))]
    assert values == [42, 2.5, {"a": [1, "b"]}]
