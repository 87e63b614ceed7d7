"""Kenning: sanctions and adverse-media intelligence.

Official sanctions lists in their original formats, one versioned entity store, explainable name
screening, and news reports turned into linked sanctions events and reconciled stories.
"""

from __future__ import annotations

import os

# Kenning's numeric work (spaCy's small matrices, the matcher's arrays) runs one process per core; a BLAS
# thread pool on top only fights over the same two cores (measured: spaCy NER half as fast). Set before
# numpy is imported; an explicit setting by the user wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

__version__ = "0.1.0"

__all__ = ["__version__"]
