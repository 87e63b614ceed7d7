"""Lazy exports for package ``__init__`` modules (PEP 562).

A stage package names its contract in ``__all__`` and imports the exported names only when they are first
used, so importing one light module of a stage (a vocabulary, a record) does not load the whole stage and
its language model. Type checkers see the real imports under ``TYPE_CHECKING``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(package: str, exports: Mapping[str, Iterable[str]]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``exports`` maps each module (relative to ``package``) to
    the names read from it, on first use."""
    where = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(f"{package}.{module}"), name)

    return __getattr__
