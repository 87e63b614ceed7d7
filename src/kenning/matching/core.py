"""Which scoring core scores a pair of names: the compiled one (``_core``, Cython, built by ``make``) or
the pure-Python reference it must equal.

The compiled core computes the one-to-one pairing of two names' parts and its score (kenning-v1's whole
name score; kenning-v2's first pass, handing the names that need other readings back to Python). Both
give the same scores (``tests/matching/test_core.py`` on generated pairs, ``python -m
bench.screening_identical`` on every case of the screening dev set). :func:`python_reference` switches
the compiled core off for a block (the tests and benchmarks compare the two paths in one process).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from kenning.matching.similarity import Memo, Prepared

__all__ = ["COMPILED", "FirstPass", "first_pass", "python_reference"]

#: (query name, listed name, memo, person, extra part penalty, kenning-v2, first-letter function)
#: -> (score, state): state 0 the score is final, 1 kenning-v2 tries other readings, 2 the memo lacks a part.
FirstPass = Callable[[Prepared, Prepared, Memo, bool, float, bool, Callable[[str], str] | None], tuple[float, int]]

_compiled: FirstPass | None
try:
    from kenning.matching._core import first_pass as _compiled
except ImportError:  # not built (a source tree without `make`): the Python reference scores alone
    _compiled = None

#: Whether the compiled core is built and importable.
COMPILED = _compiled is not None
#: The compiled first pass in use, or None while the Python reference scores alone.
first_pass: FirstPass | None = _compiled


@contextmanager
def python_reference() -> Iterator[None]:
    """Score with the pure-Python reference path inside the block (for comparisons and tests)."""
    global first_pass
    saved, first_pass = first_pass, None
    try:
        yield
    finally:
        first_pass = saved
