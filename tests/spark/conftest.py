"""One local[2] Spark session for every Spark test (started once, stopped at the end of the session)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    from kenning.spark.session import spark_session

    session = spark_session("local[2]", "kenning tests")
    yield session
    session.stop()
