"""Careful readers for official list files: every problem becomes a ParseError naming file and line.

Shared by all parsers so that empty files, binary files posing as text, undecodable bytes, CSV rows
of the wrong width and hostile XML (external entities, entity expansion) are refused the same way.
"""

from __future__ import annotations

import csv
import io
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from kenning import settings
from kenning.errors import ParseError

__all__ = ["check_encoding", "check_file", "decode_text", "iter_csv", "parse_xml", "parse_xml_root", "read_bytes",
           "read_text", "sniff_kind"]

_MAGIC = {
    b"PK\x03\x04": "a ZIP archive (XLSX, DOCX or ZIP)",
    b"\x1f\x8b": "a gzip file",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\xd0\xcf\x11\xe0": "an old Office (OLE) file",
}


def sniff_kind(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, or None when it may be text."""
    for magic, label in _MAGIC.items():
        if data.startswith(magic):
            return label
    if b"\x00" in data[:4096]:
        return "a binary file"
    return None


def check_file(path: Path) -> int:
    """The size of ``path`` when it is a regular file within ``KENNING_LIST_MAX_BYTES``; a ParseError for a
    missing file, a directory, a FIFO or device (reading one would block or never end) or a larger file."""
    try:
        info = path.stat()
    except OSError as exc:
        raise ParseError(str(path), f"cannot read the file: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise ParseError(str(path), "not a regular file (a directory, pipe or device); refused")
    if info.st_size > settings.LIST_MAX_BYTES:
        raise ParseError(str(path), f"{info.st_size} bytes, more than the {settings.LIST_MAX_BYTES} a list file "
                         "may have (KENNING_LIST_MAX_BYTES); refused")
    return int(info.st_size)


def read_bytes(path: Path, allow_empty: bool = False) -> bytes:
    """The whole file (a regular file within the size cap); an unreadable file, or an empty one unless
    ``allow_empty``, is a ParseError."""
    check_file(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(settings.LIST_MAX_BYTES + 1)
    except OSError as exc:
        raise ParseError(str(path), f"cannot read the file: {exc.strerror or exc}") from exc
    if len(data) > settings.LIST_MAX_BYTES:
        raise ParseError(str(path), f"more than the {settings.LIST_MAX_BYTES} bytes a list file may have "
                         "(KENNING_LIST_MAX_BYTES); refused")
    if not allow_empty and not data.strip(b" \t\r\n\x1a"):
        raise ParseError(str(path), "the file is empty")
    return data


def read_text(path: Path, expect: str = "text") -> str:
    """Decode a text file as UTF-8 (BOM allowed); name the line of the first undecodable byte.

    OFAC's legacy files end with a DOS end-of-file byte (0x1A), which is dropped here.
    """
    return decode_text(read_bytes(path), str(path), expect)


def decode_text(data: bytes, name: str, expect: str = "text") -> str:
    """:func:`read_text` for bytes already read (an upload, a request body); ``name`` names them in errors."""
    kind = sniff_kind(data)
    if kind is not None:
        raise ParseError(name, f"expected {expect} but the file is {kind}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(name, f"undecodable byte 0x{data[exc.start]:02x} (the file must be UTF-8)",
                         line=line) from exc
    nul = text.find("\x00")
    if nul >= 0:
        raise ParseError(name, "a NUL character in the text; refused", line=text.count("\n", 0, nul) + 1)
    return text.rstrip("\x1a")


def iter_csv(path: Path, text: str, width: int | None = None,
             min_width: int | None = None) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line_number, row)`` for each non-empty CSV row, checking its number of columns.

    ``width`` demands an exact number of columns; ``min_width`` a lower bound. Line numbers are the
    physical line where the row starts, as an editor shows them.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    try:
        for count, row in enumerate(reader, start=1):
            start = line
            line = reader.line_num + 1
            if count > settings.LIST_MAX_ROWS:
                raise ParseError(str(path), f"more than {settings.LIST_MAX_ROWS} rows (KENNING_LIST_MAX_ROWS); "
                                 "refused", line=start)
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if width is not None and len(row) != width:
                raise ParseError(str(path), f"expected {width} columns, found {len(row)}", line=start)
            if min_width is not None and len(row) < min_width:
                raise ParseError(str(path), f"expected at least {min_width} columns, found {len(row)}",
                                 line=start)
            yield start, row
    except csv.Error as exc:
        raise ParseError(str(path), f"malformed CSV: {exc}", line=reader.line_num) from exc


def parse_xml(path: Path) -> etree._Element:
    """Parse an XML file with entity resolution, DTD loading and network access off.

    A document that declares entities is refused outright (external entities, billion laughs);
    a truncated or malformed document is reported with the line lxml stopped at.
    """
    data = read_bytes(path)
    kind = sniff_kind(data) if not data.startswith((b"\xff\xfe", b"\xfe\xff")) else None
    if kind is not None:
        raise ParseError(str(path), f"expected XML but the file is {kind}")
    check_encoding(path, data)
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith((b"<", b"\xff\xfe<", b"\xfe\xff\x00<")):
        raise ParseError(str(path), "expected XML but the file does not start with '<'", line=1)
    if b"<!ENTITY" in data or b"<!entity" in data:
        line = data[: data.find(b"<!ENTITY") if b"<!ENTITY" in data else data.find(b"<!entity")].count(b"\n") + 1
        raise ParseError(str(path), "the XML declares entities; refused (external entity or "
                         "entity-expansion attack)", line=line)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, dtd_validation=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        where: int | None = exc.lineno or None
        raise ParseError(str(path), f"malformed XML: {exc.msg}", line=where) from exc
    if root.getroottree().docinfo.doctype:
        raise ParseError(str(path), "the XML has a DOCTYPE; official list files have none; refused", line=1)
    for instruction in root.iter(etree.PI):
        raise ParseError(str(path), f"a processing instruction <?{instruction.target}?> inside the data (it would "
                         "cut the value it stands in); refused", line=instruction.sourceline)
    return root


#: Declared encodings read (the official XML formats are UTF-8; UTF-16 and Latin-1 are plain readings of
#: the same characters). Anything else (UTF-7, EBCDIC…) could hide markup from the checks above: refused.
_ENCODINGS = frozenset({"utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "iso-8859-1", "latin-1", "latin1",
                        "us-ascii", "ascii"})
_DECLARED = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def check_encoding(path: Path, data: bytes) -> None:
    """Refuse an XML file whose declaration names an encoding other than UTF-8, UTF-16 or Latin-1."""
    declared = _DECLARED.match(data[:1024])
    if declared and declared.group(1).decode("ascii").lower() not in _ENCODINGS:
        raise ParseError(str(path), f"the XML declares the encoding {declared.group(1).decode('ascii')!r}; only "
                         "UTF-8, UTF-16 and Latin-1 are read", line=1)


def parse_xml_root(path: Path, expected: str, what: str) -> tuple[etree._Element, str | None]:
    """:func:`parse_xml`, then check the root element is ``expected`` (in any namespace); returns the root
    and its namespace. Another root is a ParseError: ``not {what}: the root element is <x>, expected <y>``."""
    root = parse_xml(path)
    qname = etree.QName(root)
    if qname.localname != expected:
        raise ParseError(str(path), f"not {what}: the root element is <{qname.localname}>, expected <{expected}>",
                         line=root.sourceline)
    return root, qname.namespace
