"""The contract every list parser follows, and the catalogue of sources read from ``sources.yml``.

A source module exposes ``parse(ctx: ParseContext) -> Iterator[Entity]``. The context hands it the
files of one publication (``ctx.files[role]``), builds ids (``ctx.make``), collects what the load
should report (``ctx.stats``, ``ctx.warn``) and the publication date read from the file, and turns
problems into :class:`~kenning.errors.ParseError` naming the file and line or record.
"""

from __future__ import annotations

import importlib
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol, cast

from kenning import settings
from kenning.datafiles import read_mapping
from kenning.errors import ConfigError, InputError, ParseError
from kenning.model import Entity, make_entity, make_id

__all__ = [
    "FileSpec",
    "ParseContext",
    "Parser",
    "SourceSpec",
    "get_source",
    "load_catalogue",
]

_CATALOGUE = Path(__file__).with_name("sources.yml")


@dataclass(frozen=True)
class FileSpec:
    """One file of a publication: its role for the parser, its usual name and its download URL."""

    role: str
    name: str
    url: str
    optional: bool = False
    #: Other names the same file is published under (e.g. the XLSX twin of a CSV).
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceSpec:
    """One official list as described in ``sources.yml``."""

    name: str
    title: str
    authority: str
    country: str
    licence: str
    format: str
    module: str
    files: tuple[FileSpec, ...]
    min_entities: int
    max_entities: int
    bundled_dir: str | None = None
    bundled_published: str | None = None
    verified: bool = True
    homepage: str = ""

    @property
    def main(self) -> FileSpec:
        return self.files[0]

    def parser(self) -> Parser:
        return cast(Parser, importlib.import_module(self.module))


class Parser(Protocol):
    def parse(self, ctx: ParseContext) -> Iterator[Entity]: ...


#: Warnings kept word for word in a version's record (the rest are counted).
MAX_WARNINGS = 100


@dataclass
class ParseContext:
    """What a parser gets for one publication of one list, and what it reports back."""

    dataset: str
    files: dict[str, Path]
    publication_date: str | None = None
    stats: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    progress: Callable[[int], None] | None = None
    #: ``time.monotonic()`` past which the parse stops (``KENNING_LOAD_SECONDS`` after it started).
    deadline: float = field(default_factory=lambda: time.monotonic() + settings.LOAD_SECONDS)

    @property
    def main(self) -> Path:
        return self.files["main"]

    def make(self, schema: str, *id_parts: object) -> Entity:
        """A new entity whose id is ``{dataset}-{part}-{part}...``."""
        return make_entity(schema, make_id(self.dataset, *id_parts))

    def error(self, message: str, line: int | None = None, record: str | None = None,
              path: Path | None = None) -> ParseError:
        """A ParseError for this publication (raise it)."""
        return ParseError(str(path or self.main), message, line=line, record=record)

    def warn(self, message: str) -> None:
        """Something a user should see in the load report that does not stop the load. The first
        :data:`MAX_WARNINGS` are kept word for word; every one is counted (``stats["warnings"]``)."""
        self.stats["warnings"] += 1
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(message)

    def kept_warnings(self) -> list[str]:
        """The warnings kept, and how many more there were."""
        more = self.stats["warnings"] - len(self.warnings)
        return [*self.warnings, f"... and {more} more warnings"] if more > 0 else list(self.warnings)

    def check_declared(self, declared: int, found: int, what: str) -> None:
        """A file that says how many records it holds must hold that many: a ParseError otherwise (a file
        cut off, or records lost in reading)."""
        if declared != found:
            raise self.error(f"the file declares {declared} {what} but {found} were read; not loaded")

    def advance(self, n: int = 1) -> None:
        """``n`` more records read: move the progress bar; past the time budget, stop the load."""
        if self.progress is not None:
            self.progress(n)
        if time.monotonic() > self.deadline:
            raise self.error(f"the load took longer than {settings.LOAD_SECONDS:g} s (KENNING_LOAD_SECONDS); "
                             "refused")


def _file_specs(name: str, raw: list[dict[str, Any]]) -> tuple[FileSpec, ...]:
    specs = []
    for item in raw:
        try:
            specs.append(FileSpec(role=item["role"], name=item["name"], url=item["url"],
                                  optional=bool(item.get("optional", False)),
                                  aliases=tuple(item.get("aliases", ()))))
        except KeyError as exc:
            raise ConfigError(f"sources.yml: {name}: file entry lacks {exc}") from exc
    if not specs or specs[0].role != "main":
        raise ConfigError(f"sources.yml: {name}: the first file must have role 'main'")
    return tuple(specs)


@cache
def load_catalogue(path: str | None = None) -> dict[str, SourceSpec]:
    """Read ``sources.yml`` (or the file named by ``KENNING_SOURCES_FILE``)."""
    target = Path(path or settings.SOURCES_FILE or _CATALOGUE)
    raw = read_mapping(target)
    catalogue: dict[str, SourceSpec] = {}
    for name, item in raw.items():
        try:
            bundled = item.get("bundled") or {}
            published = bundled.get("published")
            catalogue[name] = SourceSpec(
                name=name, title=item["title"], authority=item["authority"], country=item["country"],
                licence=item["licence"], format=item["format"], module=item["module"],
                files=_file_specs(name, item["files"]),
                min_entities=int(item["expected"]["min"]), max_entities=int(item["expected"]["max"]),
                bundled_dir=bundled.get("dir"),
                bundled_published=str(published) if published else None,
                verified=bool(item.get("verified", True)), homepage=item.get("homepage", ""),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{target}: source {name!r} is incomplete: {exc}") from exc
    return catalogue


def get_source(name: str) -> SourceSpec:
    """The catalogue entry of one dataset, or a clear error listing the known ones."""
    catalogue = load_catalogue()
    if name not in catalogue:
        known = ", ".join(sorted(catalogue))
        raise InputError(f"unknown dataset {name!r}; known datasets: {known}")
    return catalogue[name]
