"""JSON responses that never fail on what clients sent: lone surrogates and huge integers are escaped.

Requests are decoded by Python's ``json``, which accepts ``"\\ud812"`` (half of a UTF-16 pair) and
integers of any size; echoing such a value back must not turn a bad request into a server error. orjson
serialises the usual case fast; anything it refuses is written by ``json`` with ASCII escapes instead.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from fastapi import Response

__all__ = ["json_bytes", "json_response"]


def json_bytes(data: Any) -> bytes:
    """``data`` as JSON bytes (orjson; plain ``json`` with ASCII escapes for what orjson refuses)."""
    try:
        return orjson.dumps(data)
    except TypeError:
        return json.dumps(data, ensure_ascii=True, default=str).encode("ascii")


def json_response(data: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response of already shaped data (no second validation pass)."""
    return Response(json_bytes(data), status_code=status_code, media_type="application/json", headers=headers)
