"""Kenning: sanctions and adverse-media intelligence.

Official sanctions lists in their original formats, one versioned entity store, explainable name
screening, and news reports turned into linked sanctions events and reconciled stories.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
