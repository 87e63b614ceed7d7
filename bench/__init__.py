"""Kenning's quality and speed benchmarks: ``python -m bench.NAME`` from the checkout."""

import os
import subprocess
import sys
from pathlib import Path

#: The checkout (its data/, src/ and the shared data beside it).
REPO = Path(__file__).resolve().parents[1]


def baseline_tree(ref: str, folder: Path) -> Path:
    """The ``src`` of git revision ``ref`` of this checkout, extracted into ``folder`` (for the speed benches'
    same-run comparisons with older code), with its compiled scoring core built in place when it has one
    (without it the older code would run its slower pure-Python reference and flatter the newer)."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, "src"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    if (folder / "src" / "kenning" / "matching" / "_core.pyx").exists():
        build = subprocess.run(["git", "-C", str(REPO), "archive", ref, "setup.py", "pyproject.toml", "README.md"],
                               check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(folder)], input=build.stdout, check=True)
        subprocess.run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=folder, check=True,
                       capture_output=True)
    return folder


def tree_env(tree: Path) -> dict[str, str]:
    """The environment of a child process that imports Kenning from ``tree`` (and the benches from here)."""
    env = os.environ.copy()
    env["PYTHONPATH"] = os.pathsep.join([str(tree / "src"), str(REPO)])
    return env
