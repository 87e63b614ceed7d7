"""One item of a batch that could not be ingested, kept so the batch can go on and report it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kenning.errors import KenningError

__all__ = ["IngestFailure"]


@dataclass(frozen=True)
class IngestFailure:
    """The item (file path, URL, or feed entry), why it failed in words for users, and the error class
    (:mod:`kenning.errors`) that says how the CLI exits and the API answers."""

    item: str
    message: str
    error: type[KenningError]

    @classmethod
    def of(cls, item: str, exc: KenningError) -> IngestFailure:
        """The failure of ``item`` with the error ``exc``."""
        return cls(item, exc.message, type(exc))

    @property
    def exit_code(self) -> int:
        """The CLI exit code of the error class."""
        return self.error.exit_code

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the error class by name."""
        return {"item": self.item, "message": self.message, "error": self.error.__name__,
                "exit_code": self.exit_code}
