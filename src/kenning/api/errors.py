"""The API's errors: a few more :class:`KenningError` subclasses, and the one place they become responses.

Every error response has yente's shape, ``{"detail": "a message for people"}``. A
:class:`KenningError` answers with its own ``http_status``; anything else is a 500 with a generic
message, and its details (the traceback) go to the server log only.
"""

from __future__ import annotations

import logging
from typing import ClassVar

from fastapi import FastAPI, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DatabaseError

from kenning.api.paths import public_text
from kenning.api.responses import json_response
from kenning.errors import InputError, KenningError
from kenning.store.integrity import is_damage, store_failure

__all__ = [
    "BadRequest",
    "Conflict",
    "Forbidden",
    "IngestFailed",
    "PayloadTooLarge",
    "RateLimited",
    "Unauthorized",
    "error_response",
    "install_error_handlers",
]

log = logging.getLogger("kenning.api")

#: What a client sees for an unexpected error; the details are in the server log.
INTERNAL_MESSAGE = "internal server error; the details are in the server log"


class BadRequest(InputError):
    """A request the API cannot run at all (yente answers these with 400)."""

    http_status = 400


class Unauthorized(KenningError):
    """A write route called without an API key."""

    http_status = 401
    headers: ClassVar[dict[str, str]] = {"WWW-Authenticate": "Bearer"}


class Forbidden(KenningError):
    """A write route called with a wrong key, or while no keys are configured."""

    http_status = 403


class Conflict(KenningError):
    """The same long operation is already running."""

    http_status = 409


class IngestFailed(KenningError):
    """A news report that could not be added; the status is that of the error that stopped it."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.http_status = status


class PayloadTooLarge(InputError):
    """A request body, or a batch, over its limit."""

    http_status = 413


class RateLimited(KenningError):
    """A client over its request rate; ``retry_after`` says in how many seconds to try again."""

    http_status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after)}


def error_response(exc: KenningError) -> Response:
    """The response for one Kenning error: its status, its message, and its headers if it has any."""
    headers: dict[str, str] = dict(getattr(exc, "headers", None) or {})
    return json_response({"detail": public_text(exc.message)}, status_code=exc.http_status, headers=headers)


async def _kenning_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, KenningError)
    return error_response(exc)


async def _invalid_request(_request: Request, exc: Exception) -> Response:
    """FastAPI's own 422 for malformed parameters and bodies, written so that any echoed input is safe."""
    assert isinstance(exc, RequestValidationError)
    return json_response({"detail": jsonable_encoder(exc.errors())}, status_code=422)


async def _store_failure(request: Request, exc: Exception) -> Response:
    """A database error met while answering: a damaged store is 503 with advice; any other store failure is
    an internal error whose details (SQL, table names) stay in the server log."""
    assert isinstance(exc, DatabaseError)
    if not is_damage(exc):
        return await _unexpected_error(request, exc)
    log.error("store failure: %s", exc)
    return error_response(store_failure(exc))


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    log.error("unexpected error on %s %s: %s: %s", request.method, request.url.path, type(exc).__name__, exc,
              exc_info=exc)
    return json_response({"detail": INTERNAL_MESSAGE}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """One handler for Kenning's errors, one for everything else (and FastAPI's 422, made echo-safe)."""
    app.add_exception_handler(KenningError, _kenning_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(DatabaseError, _store_failure)
    app.add_exception_handler(Exception, _unexpected_error)
