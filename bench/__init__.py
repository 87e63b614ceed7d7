"""Kenning's quality and speed benchmarks: ``python -m bench.NAME`` from the checkout."""

import subprocess
from pathlib import Path

#: The checkout (its data/, src/ and the shared data beside it).
REPO = Path(__file__).resolve().parents[1]


def baseline_tree(ref: str, folder: Path) -> Path:
    """The ``src`` of git revision ``ref`` of this checkout, extracted into ``folder`` (for the speed benches'
    same-run comparisons with older code)."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, "src"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder
