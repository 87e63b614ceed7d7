"""The one error root. Each class carries its CLI exit code and HTTP status, mapped in one place."""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "ExtractError",
    "FetchError",
    "InputError",
    "KenningError",
    "NotFoundError",
    "ParseError",
    "StoreError",
    "TransientFetchError",
]


class KenningError(Exception):
    """Root of every error Kenning raises on purpose. The message is written for users."""

    exit_code: int = 1
    http_status: int = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(KenningError):
    """Bad input from a user: an argument, a query, a request body."""

    exit_code = 2
    http_status = 422


class ParseError(InputError):
    """A list or news file that cannot be read. Names the file and, where known, the line or record."""

    def __init__(self, path: str, message: str, line: int | None = None, record: str | None = None) -> None:
        where = path
        if line is not None:
            where += f", line {line}"
        if record is not None:
            where += f", record {record}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.record = record


class NotFoundError(KenningError):
    """An entity, story or version that does not exist."""

    exit_code = 3
    http_status = 404


class FetchError(KenningError):
    """A remote file or page that could not be fetched (refused address, timeout, size, type)."""

    exit_code = 4
    http_status = 502


class TransientFetchError(FetchError):
    """A fetch that failed in a way that may pass if tried again: a timeout, a dropped connection, HTTP 429
    or 5xx. ``lists update`` retries these, with backoff; ``retry_after`` is the wait the server asked for."""

    def __init__(self, message: str, retry_after: float = 0.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class StoreError(KenningError):
    """The store is missing, empty where it must not be, or in an unexpected state."""

    exit_code = 5
    http_status = 503


class ExtractError(KenningError):
    """A news report the extraction pipeline failed on (an extractor's bug on an odd report); the rest of
    its batch goes on. Its message names the exception; the API logs it and answers a generic 500."""

    exit_code = 1
    http_status = 500


class ConfigError(KenningError):
    """A setting or data file of Kenning itself is wrong."""

    exit_code = 6
    http_status = 500
