"""One local[2] Spark session for every Spark test (started once, stopped at the end of the session)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def spark(bundled_home_dir: Path) -> Iterator[Any]:
    """Its executors keep what they build (the news list ruler) in the bundled store's home."""
    from kenning.spark.session import spark_session

    session = spark_session("local[2]", "kenning tests", {"spark.executorEnv.KENNING_HOME": str(bundled_home_dir)})
    yield session
    session.stop()
