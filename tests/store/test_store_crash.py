"""A load killed in the middle of its transaction leaves the previous version intact and usable."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import text

from kenning.store import Store
from kenning.store.service import load_lists

OFAC = Path(__file__).parents[1] / "fixtures" / "lists" / "us_ofac"

_KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from kenning.store import loader, Store
    from kenning.store.service import load_lists

    def die(*_args, **_kwargs):
        # Entities and refs of the new version are inserted but not committed: kill -9 now.
        os.kill(os.getpid(), signal.SIGKILL)

    loader._becomes_current = die
    load_lists(Store(), "us_ofac_sdn", [Path(sys.argv[1])], check_counts=False, show_progress=False)
""")


def test_killed_load_leaves_previous_version(kenning_home: Path, tmp_path: Path) -> None:
    store = Store()
    load_lists(store, "us_ofac_sdn", [OFAC / "sdn.csv"], check_counts=False, show_progress=False)
    with store.connect() as conn:
        rows_before = conn.execute(text("SELECT count(*) FROM entities")).scalar()
    store.engine.dispose()
    changed = tmp_path / "new" / "sdn.csv"
    changed.parent.mkdir()
    changed.write_bytes((OFAC / "sdn.csv").read_bytes().replace(b"CAMARA, Sadio", b"CAMARA, Sadio X"))
    env = {**os.environ, "KENNING_HOME": str(kenning_home)}
    proc = subprocess.run([sys.executable, "-c", _KILLER, str(changed)], env=env, capture_output=True,
                          timeout=120, check=False)
    assert proc.returncode == -9, proc.stderr.decode()
    reopened = Store()
    assert len(reopened.versions()) == 1
    entity = reopened.get_entity("us_ofac_sdn-42618")
    assert entity is not None and entity.get("name") == ["CAMARA, Sadio"]
    with reopened.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("SELECT count(*) FROM entities")).scalar() == rows_before
