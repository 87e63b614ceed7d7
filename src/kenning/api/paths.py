"""Responses never show where files lie on the server.

A report added from a file has its path as ``source``; a list download has its path under
``KENNING_HOME``; an error may name either. Before such data leaves the API, :func:`public` turns the
path values of ``source``, ``item``, ``path`` and ``files`` fields into ``file:NAME`` and removes the server's own
folders (``KENNING_HOME``, the bundled data, the temporary folder, the working folder) from any other
text, such as an error message.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import PurePosixPath
from typing import Any, TypeVar, cast

from kenning import settings

__all__ = ["public", "public_text"]

_PATH_KEYS = frozenset({"source", "item", "path", "files"})
T = TypeVar("T")


def _roots() -> list[str]:
    roots = {str(settings.HOME), str(settings.DATA_DIR), tempfile.gettempdir(), os.getcwd()}
    return sorted((r.rstrip("/") + "/" for r in roots if r and r != "/"), key=len, reverse=True)


def public_text(text: str) -> str:
    """``text`` without the server's folders in it (``/srv/kenning/home/x.txt`` → ``x.txt``)."""
    for root in _roots():
        text = text.replace(root, "")
    return text


def _public_path(value: str) -> str:
    if value.startswith("/") and not value.startswith("//"):
        return f"file:{PurePosixPath(value).name}"
    return public_text(value)


def public(data: T) -> T:
    """``data`` (JSON-like) with every server path made public as the module docstring says."""
    return cast(T, _public(data, None))


def _public(data: Any, key: str | None) -> Any:
    if isinstance(data, dict):
        return {k: _public(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_public(v, key) for v in data]
    if isinstance(data, str):
        return _public_path(data) if key in _PATH_KEYS else public_text(data)
    return data
