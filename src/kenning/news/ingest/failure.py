"""One item of a batch that could not be ingested, kept so the batch can go on and report it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kenning.errors import KenningError

__all__ = ["IngestFailure"]


@dataclass(frozen=True)
class IngestFailure:
    """The item (file path, URL, or feed entry) and why it failed, in words for users."""

    item: str
    message: str
    #: The KenningError class name, e.g. ``FetchError``.
    error: str
    exit_code: int

    @classmethod
    def of(cls, item: str, exc: KenningError) -> IngestFailure:
        """The failure of ``item`` with the error ``exc``."""
        return cls(item, exc.message, type(exc).__name__, exc.exit_code)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"item": self.item, "message": self.message, "error": self.error,
                "exit_code": self.exit_code}
