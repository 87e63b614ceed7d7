"""Screening on Spark in local mode gives exactly the built-in batch's rows (2,000 customers, bad rows too)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from spark_sample import write_sample

from kenning.matching.batch import RESULT_COLUMNS, flat_rows, run_batch, screen_rows
from kenning.matching.batch_io import parse_rows
from kenning.matching.screener import Screener
from testkit import run_cli

pytestmark = pytest.mark.slow


def _local_rows(path: Path) -> list[tuple[Any, ...]]:
    options = {"threshold": None, "limit": 5, "algorithm": None}
    records = screen_rows(parse_rows(path), Screener.open(), 2, options)
    return [row for rec in records for row in flat_rows(rec)]


def _csv_values(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))[1:]


def _spark_csv(folder: Path) -> list[list[str]]:
    rows = []
    for part in sorted(folder.glob("part-*.csv")):
        rows.extend(_csv_values(part))
    return rows


def _same_cell(local: str, spark: str, column: str) -> bool:
    if column == "match":
        return local.lower() == spark.lower()
    if column == "score" and local:
        return float(local) == float(spark)
    return local == spark.strip('"') if spark == '""' else local == spark


def test_2000_rows_identical_to_the_built_in_batch(spark: Any, bundled_home: Path, tmp_path: Path) -> None:
    from kenning.spark.files import read_batch
    from kenning.spark.screening import screen_frame, ship_index

    source = tmp_path / "customers.csv"
    write_sample(source, 2000)
    expected = _local_rows(source)
    got = screen_frame(read_batch(spark, str(source)), ship_index(spark)).collect()
    assert [tuple(r) for r in got] == expected
    lines = {row[0] for row in expected}
    assert len(lines) == 2000
    errors = {row[0]: row[3] for row in expected if row[3]}
    assert errors[2001] == "8 columns, the header has 6"
    assert "the row has no name" in set(errors.values())
    warnings = {row[4] for row in expected if row[4]}  # an unreadable field is left out and said so (issue 9)
    assert any("Spaceship" in w for w in warnings)
    assert sum(1 for row in expected if row[5]) > 1000  # most listed names found


def test_cli_writes_the_columns_of_kenning_screen_output(spark: Any, bundled_home: Path, tmp_path: Path) -> None:
    source = tmp_path / "few.csv"
    source.write_text("name,schema,birth_date,ref\nIvan Maslov,Person,1982-07-11,a\n,Person,,b\n"
                      "Jane Nobodyson,Person,,c\nSadio Camara,,1979-03-22,d\n", encoding="utf-8")
    local = tmp_path / "local.csv"
    run_batch(source, local, workers=1)
    result = run_cli("spark", "screen", "--input", str(source), "--output", str(tmp_path / "out.csv"))
    assert result.code == 1, result.err  # one row failed, like the built-in batch
    assert "line 3: the row has no name" in result.err
    assert "4 rows: 3 screened (2 with a match), 1 failed" in result.err
    with (next((tmp_path / "out.csv").glob("part-*.csv"))).open(encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == list(RESULT_COLUMNS)
    want, got = _csv_values(local), _spark_csv(tmp_path / "out.csv")
    assert len(want) == len(got)
    for a, b in zip(want, got, strict=True):
        assert all(_same_cell(x, y, c) for x, y, c in zip(a, b, RESULT_COLUMNS, strict=True)), (a, b)
    again = run_cli("spark", "screen", "--input", str(source), "--output", str(tmp_path / "out.csv"))
    assert again.code == 2 and "already exists" in again.err


def test_bad_input_names_the_file(spark: Any, bundled_home: Path, tmp_path: Path) -> None:
    source = tmp_path / "nonames.csv"
    source.write_text("who,ref\nIvan Maslov,a\n", encoding="utf-8")
    result = run_cli("spark", "screen", "--input", str(source), "--output", str(tmp_path / "o.parquet"))
    assert result.code == 2
    assert f"{source}: the input must have a 'name' column" in result.err
    assert not (tmp_path / "o.parquet").exists()


def test_parquet_in_and_out_with_a_shared_index(spark: Any, bundled_home: Path, tmp_path: Path) -> None:
    import pandas as pd

    source = tmp_path / "in.parquet"
    pd.DataFrame({"name": ["Ivan Maslov", "Wagner Group"], "ref": ["x", "y"]}).to_parquet(source)
    result = run_cli("spark", "screen", "--input", str(source), "--output", str(tmp_path / "out.parquet"),
                     "--shared-index")
    assert result.code == 0, result.err
    rows = spark.read.parquet(str(tmp_path / "out.parquet")).orderBy("line").collect()
    assert [r["line"] for r in rows][:1] == [1]
    assert {r["ref"] for r in rows} == {"x", "y"}
    # one result per party (issue 9): the SDN entry is the party's best entry or one of its same-party entries
    assert any(r["match"] and "us_ofac_sdn-40969" in f"{r['id']} {r['same_party'] or ''}" for r in rows)


@pytest.mark.parametrize("partitions", [1, 7])
def test_rows_are_numbered_in_order_across_partitions(spark: Any, partitions: int) -> None:
    from kenning.spark.screening import number_rows

    frame = spark.range(0, 1000, numPartitions=partitions)
    rows = number_rows(frame, first=2).collect()
    assert [r["line"] - r["id"] for r in rows] == [2] * 1000
    empty = number_rows(spark.range(0, 0, numPartitions=partitions), first=1).collect()
    assert empty == []
