"""The contract every list parser follows, and the catalogue of sources read from ``sources.yml``.

A source module exposes ``parse(ctx: ParseContext) -> Iterator[Entity]``. The context hands it the
files of one publication (``ctx.files[role]``), builds ids (``ctx.make``), collects what the load
should report (``ctx.stats``, ``ctx.warn``) and the publication date read from the file, and turns
problems into :class:`~kenning.errors.ParseError` naming the file and line or record.
"""

from __future__ import annotations

import importlib
import re
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
    "Edition",
    "FileSpec",
    "ParseContext",
    "Parser",
    "SourceSpec",
    "get_source",
    "load_catalogue",
    "xml_root",
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
class Edition:
    """One official format a list is published in: its parser module and its files (``main`` first)."""

    format: str
    module: str
    files: tuple[FileSpec, ...]
    #: The root element of an XML edition, so a file can be recognised whatever its name.
    root: str | None = None
    #: Text the end of the file must contain (``contains``) or must not (``lacks``) to be this list, when
    #: two lists share a root element (OFAC's SDN and consolidated advanced XML).
    contains: str | None = None
    lacks: str | None = None

    @property
    def main(self) -> FileSpec:
        return self.files[0]

    def parser(self) -> Parser:
        return cast(Parser, importlib.import_module(self.module))

    def names(self) -> set[str]:
        """Every file name (and alias) of this edition, lower case."""
        return {n.lower() for f in self.files for n in (f.name, *f.aliases)}


@dataclass(frozen=True)
class SourceSpec:
    """One official list as described in ``sources.yml``.

    ``editions`` are the formats the list is published in, preferred first: ``lists update`` downloads
    the first one it can, the bundled snapshot is the first one present under ``data/``, and a file a user
    gives is read by the edition its name or root element names.
    """

    name: str
    title: str
    authority: str
    country: str
    licence: str
    editions: tuple[Edition, ...]
    min_entities: int
    max_entities: int
    bundled_dir: str | None = None
    bundled_published: str | None = None
    verified: bool = True
    homepage: str = ""
    #: The longest normal gap between two publications, in days: an older current version is overdue.
    interval_days: int | None = None
    #: The day the list stopped being published (ISO), and the list that replaced it.
    retired: str | None = None
    successor: str | None = None
    #: A new publication with fewer listed parties than this share of the current version's is refused
    #: by ``lists update`` (a truncated or partial file), as is one where a kind of party (Person,
    #: Organization, Vessel...) with at least 50 listed falls below half.
    max_drop: float = 0.25
    #: Files of editions of the list Kenning does not read, by lower-case name, with the reason.
    not_read: tuple[tuple[str, str], ...] = ()

    @property
    def format(self) -> str:
        return self.editions[0].format

    @property
    def module(self) -> str:
        return self.editions[0].module

    @property
    def files(self) -> tuple[FileSpec, ...]:
        return self.editions[0].files

    @property
    def main(self) -> FileSpec:
        return self.files[0]

    def parser(self) -> Parser:
        return self.editions[0].parser()

    def edition_for(self, files: dict[str, Path]) -> Edition:
        """The edition a publication's files are: by the main file's name, else its XML root element."""
        main = files["main"]
        for edition in self.editions:
            if main.name.lower() in edition.names():
                return edition
        root = xml_root(main)
        for edition in self.editions:
            if edition.root is not None and edition.root == root:
                return edition
        plain = [e for e in self.editions if e.root is None]
        if root is None and plain:
            return plain[0]
        raise InputError(f"{main}: not a known edition of {self.name} (root element {root!r}; expected "
                         + ", ".join(e.root or e.main.name for e in self.editions) + ")")


_ROOT_TAG = re.compile(rb"<(?![?!])(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def xml_root(path: Path) -> str | None:
    """The first element name of an XML file (its root), or None when the file is not XML."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError:
        return None
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return None
    match = _ROOT_TAG.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


class Parser(Protocol):
    def parse(self, ctx: ParseContext) -> Iterator[Entity]: ...


@dataclass
class ParseContext:
    """What a parser gets for one publication of one list, and what it reports back."""

    dataset: str
    files: dict[str, Path]
    publication_date: str | None = None
    #: The number of listed parties the file says it holds (OFAC's Record_Count), when it says so.
    declared_count: int | None = None
    stats: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    progress: Callable[[int], None] | None = None

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
        """Something a user should see in the load report that does not stop the load."""
        self.warnings.append(message)

    def advance(self, n: int = 1) -> None:
        if self.progress is not None:
            self.progress(n)


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


def _editions(name: str, item: dict[str, Any]) -> tuple[Edition, ...]:
    """The ``editions`` list of an entry, or its top-level ``format``/``module``/``files`` as the one edition."""
    raw = item.get("editions") or [item]
    return tuple(Edition(format=e["format"], module=e["module"], files=_file_specs(name, e["files"]),
                         root=e.get("root"), contains=e.get("contains"), lacks=e.get("lacks"))
                 for e in raw)


def _iso(value: Any) -> str | None:
    return str(value) if value else None


def _source(name: str, item: dict[str, Any]) -> SourceSpec:
    bundled = item.get("bundled") or {}
    expected = item["expected"]
    return SourceSpec(
        name=name, title=item["title"], authority=item["authority"], country=item["country"],
        licence=item["licence"], editions=_editions(name, item),
        min_entities=int(expected["min"]), max_entities=int(expected["max"]),
        bundled_dir=bundled.get("dir"), bundled_published=_iso(bundled.get("published")),
        verified=bool(item.get("verified", True)), homepage=item.get("homepage", ""),
        interval_days=int(item["interval_days"]) if item.get("interval_days") else None,
        retired=_iso(item.get("retired")), successor=item.get("successor"),
        max_drop=float(expected.get("max_drop", 0.25)),
        not_read=tuple((str(k).lower(), str(v)) for k, v in (item.get("not_read") or {}).items()),
    )


@cache
def load_catalogue(path: str | None = None) -> dict[str, SourceSpec]:
    """Read ``sources.yml`` (or the file named by ``KENNING_SOURCES_FILE``)."""
    target = Path(path or settings.SOURCES_FILE or _CATALOGUE)
    raw = read_mapping(target)
    catalogue: dict[str, SourceSpec] = {}
    for name, item in raw.items():
        try:
            catalogue[name] = _source(name, item)
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
