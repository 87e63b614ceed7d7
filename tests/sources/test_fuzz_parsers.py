"""A fuzz target per list format: mutations of real files end in a clean load or a Kenning error.

Each example takes a real file (an excerpt of each official format), mutates its bytes (flips, cuts,
insertions of hostile bytes and markup, duplicated or dropped lines) and loads it into a store that holds
the unmutated file already. Whatever comes out must be a clean load or a :class:`KenningError` naming the
file, within the caps (bytes, rows, seconds), and a refused load must leave the store as it was.

``make test`` runs a few dozen examples per format; ``make fuzz`` runs thousands (``FUZZ_EXAMPLES``).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kenning.errors import KenningError
from kenning.store import Store
from kenning.store.service import load_lists
from testkit import LISTS, kenning_env

#: Examples per format: a few dozen in ``make test``, thousands with ``make fuzz`` (FUZZ_EXAMPLES).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

#: dataset → the real file mutated (its companions are copied unchanged).
FORMATS = {"us_ofac_sdn": LISTS / "us_ofac" / "sdn.csv", "gb_ofsi": LISTS / "gb_ofsi" / "ConList.csv",
           "un_sc": LISTS / "un_sc" / "consolidated.xml", "eu_fsf": LISTS / "eu_fsf" / "eu_fsf.xml"}
HOSTILE = [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"<!ENTITY x SYSTEM 'file:///etc/passwd'>", b"<?pi x?>",
           b"<!DOCTYPE a>", b"&x;", b"]]>", b"\"", b",,,,,,,,", b"\r\n", b"\n\n\n", b"\x1a", b"-0- ", b"\xe2\x80",
           b"<INDIVIDUAL>", b"</DATAID>", "¹²³".encode(), b"=cmd|' /C calc'!A0", b"\t", b" " * 5000]

Mutation = tuple[str, float, int]


def _mutate(data: bytes, mutations: list[Mutation]) -> bytes:
    for op, where, pick in mutations:
        at = int(where * len(data))
        if op == "flip" and data:
            data = data[:at] + bytes([data[min(at, len(data) - 1)] ^ (1 << (pick % 8))]) + data[at + 1:]
        elif op == "cut":
            data = data[:at]
        elif op == "insert":
            data = data[:at] + HOSTILE[pick % len(HOSTILE)] + data[at:]
        elif op in ("duplicate", "drop"):
            lines = data.split(b"\n")
            line = min(int(where * len(lines)), len(lines) - 1)
            lines[line:line + 1] = [lines[line]] * 2 if op == "duplicate" else []
            data = b"\n".join(lines)
    return data


MUTATIONS = st.lists(st.tuples(st.sampled_from(["flip", "cut", "insert", "duplicate", "drop"]),
                               st.floats(min_value=0, max_value=1), st.integers(min_value=0, max_value=255)),
                     min_size=1, max_size=6)


@pytest.fixture(scope="module")
def loaded_homes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Per format, a store holding its unmutated file (what a refused mutation must leave as it is)."""
    homes = {}
    for dataset, source in FORMATS.items():
        home = tmp_path_factory.mktemp(dataset) / "home"
        with kenning_env(HOME=str(home)):
            load_lists(Store(), dataset, [source], check_counts=False, show_progress=False)
        homes[dataset] = home
    return homes


def _state(store: Store) -> list[tuple[str, int]]:
    return sorted((name, info.id) for name, info in store.current_versions().items())


def _load_mutated(dataset: str, home: Path, tmp_path: Path, mutations: list[Mutation]) -> None:
    source = FORMATS[dataset]
    folder = tmp_path / f"{dataset}-{time.monotonic_ns()}"
    shutil.copytree(source.parent, folder)
    target = folder / source.name
    target.write_bytes(_mutate(source.read_bytes(), mutations))
    with kenning_env(HOME=str(home), LIST_MAX_BYTES=str(8 * 1024 * 1024), LIST_MAX_ROWS="20000",
                     LOAD_SECONDS="20"):
        store = Store()
        before = _state(store)
        started = time.monotonic()
        try:
            load_lists(store, dataset, [target], check_counts=False, show_progress=False, allow_shrink=True)
        except KenningError as exc:
            assert target.name in exc.message or dataset in exc.message, exc.message
            assert _state(store) == before, "a refused load changed the store"
        assert time.monotonic() - started < 30
        store.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("dataset", list(FORMATS))
@FUZZ
@given(mutations=MUTATIONS)
def test_mutated_files_load_cleanly_or_are_refused(dataset: str, mutations: list[Mutation],
                                                   loaded_homes: dict[str, Path], tmp_path: Path) -> None:
    _load_mutated(dataset, loaded_homes[dataset], tmp_path, mutations)
