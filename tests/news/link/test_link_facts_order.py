"""A candidate's listed names reach the link's evidence in one order whatever the process: the evidence
of a link ("the listed name adds ...") is the same text in every run, not one of several spellings picked by
Python's per-process string hashing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

SCRIPT = """
from kenning.model import make_entity
from kenning.news.link.judge import facts_of
entity = make_entity("Organization", "x-1")
for name in ["Dael Import and Export Abdullah Moaz", "Dael Import and Export Abdullah Maath",
             "Dael Import Export Company Moaz Abdullah", "Dael Trading Import Export Maath Co",
             "Al Dael Import and Export Abdullah Mo'az", "Dael Imports Exports Abdulla Maath"]:
    entity.add("name", name)
print([sorted(s) for s in facts_of(entity, []).name_sets])
"""


def test_name_sets_come_in_one_order_under_any_string_hashing() -> None:
    seen = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True)
        seen.add(done.stdout)
    assert len(seen) == 1
    assert seen.pop().count("[") > 4  # the names were analysed into several sets
