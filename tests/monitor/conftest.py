"""Every monitoring test ends with a verified audit log (the issue's goal: the chain verifies after every
test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kenning.monitor.storage.tables import monitor_metadata
from kenning.store import Store


@pytest.fixture(autouse=True)
def audit_verifies(kenning_home: Path) -> Iterator[None]:
    yield
    store = Store()
    from sqlalchemy import inspect

    if "monitor_audit" in inspect(store.engine).get_table_names():
        from monitorkit import assert_audit_ok

        assert monitor_metadata is not None
        assert_audit_ok(store)
    store.engine.dispose()
