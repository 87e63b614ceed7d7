"""Kenning's quality and speed benchmarks: ``python -m bench.NAME`` from the checkout."""

from pathlib import Path

#: The checkout (its data/, src/ and the shared data beside it).
REPO = Path(__file__).resolve().parents[1]
