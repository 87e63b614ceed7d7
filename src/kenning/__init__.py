"""Kenning: sanctions and adverse-media intelligence.

Official sanctions lists in their original formats, one versioned entity store, explainable name
screening, and news reports turned into linked sanctions events and reconciled stories.

    >>> import kenning
    >>> kenning.screen("Ivan Maslov", schema="Person")        # what `kenning screen --json` prints
    >>> kenning.compare("Jon Smith", "John Smith")            # what `kenning compare --json` prints

``screen`` and ``compare`` are loaded on first use (PEP 562), so ``import kenning.settings`` and other
light modules do not pull in the matcher.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from kenning.lazy import lazy_exports

# Kenning's numeric work (spaCy's small matrices, the matcher's arrays) runs one process per core; a BLAS
# thread pool on top only fights over the same two cores (measured: spaCy NER half as fast). Set before
# numpy is imported; an explicit setting by the user wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

if TYPE_CHECKING:
    from kenning.matching.api import compare, screen

__version__ = "0.1.0"

__all__ = ["__version__", "compare", "screen"]

__getattr__ = lazy_exports(__name__, {"matching.api": ["compare", "screen"]})
