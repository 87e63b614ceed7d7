"""What an operator's store must survive: cut-off files, future dates, a bad version to roll back, a load
killed before it relinked, two loads at once, a damaged database file."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from kenning.store import Store
from kenning.store.currency import current_history, relink_pending
from testkit import KENNING, LISTS, REPO, kenning_cli_env, kenning_env, run_cli

OFAC = LISTS / "us_ofac"
BUNDLED = REPO / "data" / "lists"


def _excerpt(folder: Path, keep: int | None = None, extra: str | None = None) -> Path:
    """The OFAC excerpt's files in ``folder``; its sdn.csv cut to the first ``keep`` rows, ``extra`` added."""
    shutil.copytree(OFAC, folder)
    rows = [r for r in (folder / "sdn.csv").read_text(encoding="utf-8").splitlines() if r.strip("\x1a ")]
    rows = rows[:keep] if keep is not None else rows
    (folder / "sdn.csv").write_text("\n".join([*rows, *([extra] if extra else [])]) + "\n", encoding="utf-8")
    return folder / "sdn.csv"


def _load(*args: str) -> tuple[int, str, list[dict[str, object]]]:
    result = run_cli("lists", "load", "--skip-count-check", "--no-link", "--json", *args)
    return result.code, result.err, json.loads(result.out) if result.code == 0 else []


@pytest.mark.parametrize("keep", [1, 5, 10, 15, 19, 20])
def test_a_file_cut_at_any_row_boundary_is_refused(kenning_home: Path, tmp_path: Path, keep: int) -> None:
    assert _load(str(OFAC / "sdn.csv"))[0] == 0
    code, err, _ = _load(str(_excerpt(tmp_path / "cut", keep)))
    assert code == 2 and f"refused: {keep} listed parties" in err and "fewer than the 21 of the current" in err
    assert Store().current_versions()["us_ofac_sdn"].entity_count == 21
    code, _, loaded = _load("--allow-shrink", str(tmp_path / "cut" / "sdn.csv"))
    assert code == 0 and loaded[0]["current"] is True


@pytest.mark.slow
@pytest.mark.parametrize(("dataset", "name", "lines"), [("us_ofac_sdn", "us_ofac/sdn.csv", 13469),
                                                       ("gb_ofsi", "gb_ofsi/ConList.csv", 15484)])
def test_the_reported_cut_files_are_refused(bundled_home_dir: Path, tmp_path: Path, dataset: str, name: str,
                                            lines: int) -> None:
    source = BUNDLED / name
    shutil.copytree(source.parent, tmp_path / "cut")
    cut = tmp_path / "cut" / source.name
    with source.open(encoding="utf-8-sig", newline="") as whole:
        cut.write_text("".join(line for _, line in zip(range(lines), whole, strict=False)), encoding="utf-8")
    shutil.copytree(bundled_home_dir, tmp_path / "home")
    with kenning_env(HOME=str(tmp_path / "home")):
        before = Store().current_versions()[dataset]
        result = run_cli("lists", "load", "--no-link", "--skip-count-check", "--dataset", dataset, str(cut))
        assert result.code == 2 and "refused" in result.err and "--allow-shrink" in result.err, result.err
        assert Store().current_versions()[dataset].id == before.id


def test_a_publication_dated_in_the_future_is_refused(kenning_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "un"
    folder.mkdir()
    xml = (LISTS / "un_sc" / "consolidated.xml").read_text(encoding="utf-8")
    future = re.sub(r'dateGenerated="[^"]*"', 'dateGenerated="2099-01-01T00:00:00Z"', xml, count=1)
    (folder / "consolidated.xml").write_text(future, encoding="utf-8")
    result = run_cli("lists", "load", "--skip-count-check", "--no-link", str(folder / "consolidated.xml"))
    assert result.code == 2 and "publication date 2099-01-01" in result.err and "future" in result.err
    assert "un_sc" not in Store().current_versions()


def test_rollback_makes_the_earlier_version_current_and_is_recorded(kenning_home: Path, tmp_path: Path) -> None:
    assert _load(str(OFAC / "sdn.csv"))[0] == 0
    kim = "20157,\"KIM, Jong Un\",\"individual\",\"DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "
    code, _, loaded = _load(str(_excerpt(tmp_path / "new", extra=kim)))
    assert code == 0
    first, second = 1, int(str(loaded[0]["version"]))
    result = run_cli("lists", "rollback", "us_ofac_sdn", "--note", "a bad publication", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["version"] == first
    assert Store().current_versions()["us_ofac_sdn"].id == first
    history = current_history(Store(), "us_ofac_sdn")
    assert [(h["action"], h["version"], h["previous"], h["note"]) for h in history] == [
        ("rollback", first, second, "a bad publication"), ("load", second, first, None), ("load", first, None, None)]
    assert not relink_pending(Store())
    assert run_cli("lists", "rollback", "us_ofac_sdn", str(first)).code == 2  # already current
    assert run_cli("lists", "rollback", "un_sc").code == 3  # nothing loaded


def test_a_load_killed_before_it_relinked_is_relinked_by_the_next_command(kenning_home: Path) -> None:
    code, _, _ = _load(str(OFAC / "sdn.csv"))  # --no-link: as if killed after the version committed
    assert code == 0 and relink_pending(Store())
    again = run_cli("lists", "load", "--skip-count-check", str(OFAC / "sdn.csv"))
    assert again.code == 0 and "unchanged" in again.out and "linked:" in again.err
    assert not relink_pending(Store())


def test_two_loads_at_once_both_end_cleanly(kenning_home: Path) -> None:
    command = [str(KENNING), "lists", "load", "--skip-count-check", "--no-link", "--json", str(OFAC / "sdn.csv")]
    env = kenning_cli_env(kenning_home)
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)]
    outcomes = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err for _, err in outcomes]
    statuses = sorted(json.loads(out)[0]["status"] for out, _ in outcomes)
    assert statuses == ["loaded", "unchanged", "unchanged"]
    assert len(Store().versions("us_ofac_sdn")) == 1


def _damage(db: Path) -> None:
    """Overwrite one page in the middle of the database with garbage (what a bad disk does)."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    with db.open("r+b") as handle:
        handle.seek(page * (pages // 2))
        handle.write(b"\xde\xad\xbe\xef" * (page // 4))


def test_a_damaged_store_is_refused_with_advice(kenning_home: Path) -> None:
    assert _load(str(OFAC / "sdn.csv"))[0] == 0
    db = kenning_home / "kenning.db"
    _damage(db)
    size = db.stat().st_size
    for args in (("screen", "Sadio Camara"), ("lists", "status"),
                 ("lists", "load", "--skip-count-check", str(LISTS / "un_sc" / "consolidated.xml"))):
        result = run_cli(*args)
        assert result.code == 5, (args, result.err)
        assert "is damaged" in result.err and "restore it from a backup" in result.err
        assert "Traceback" not in result.err
    assert db.stat().st_size == size
