"""Kenning installed as a wheel, outside the checkout, finds its bundled data and runs the demo.

The wheel is built from the checkout and installed into a fresh virtual environment; the project's
dependencies come from this test's own environment (a path file), so nothing is downloaded. The demo
then runs in an empty folder with an empty ``KENNING_HOME``: every list, data file, template and model
it reads must come from the installed package.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from testkit import REPO

pytestmark = pytest.mark.slow


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False)


def _site_packages(venv: Path) -> Path:
    found = list((venv / "lib").glob("python3*/site-packages"))
    assert len(found) == 1, found
    return found[0]


def test_a_wheel_installed_outside_the_checkout_runs_the_demo(tmp_path: Path) -> None:
    wheels, venv, work, home = (tmp_path / name for name in ("wheels", "venv", "work", "home"))
    work.mkdir()
    # Nothing of the checkout on the path: pip would take it for an installed Kenning.
    env = {k: v for k, v in os.environ.items() if not k.startswith("KENNING_") and k != "PYTHONPATH"}
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels),
                  str(REPO)], cwd=work, env=env)
    assert built.returncode == 0, built.stderr
    [wheel] = wheels.glob("kenning-*.whl")
    assert _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=work, env=env).returncode == 0
    # The dependencies of this environment, read after the new environment's own packages.
    (_site_packages(venv) / "kenning-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = _run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--no-deps",
                      "--no-index", "-q", str(wheel)], cwd=work, env=env)
    assert installed.returncode == 0, installed.stderr

    env["KENNING_HOME"] = str(home)
    where = _run([str(venv / "bin" / "python"), "-c", "import kenning, kenning.settings as s; "
                  "print(kenning.__file__); print(s.DATA_DIR)"], cwd=work, env=env)
    assert where.returncode == 0, where.stderr
    package, data = where.stdout.split()
    assert Path(package).is_relative_to(venv) and Path(data).is_relative_to(venv), where.stdout

    demo = _run([str(venv / "bin" / "kenning"), "demo"], cwd=work, env=env)
    assert demo.returncode == 0, demo.stderr[-3000:]
    assert "Treasury Targets Malian Officials Facilitating Wagner Group" in demo.stdout
    assert "news: 42 added" in demo.stderr
    assert not list(work.iterdir()), "the demo wrote into the working folder"
