"""Careful readers for official list files: every problem becomes a ParseError naming file and line.

Shared by all parsers so that empty files, binary files posing as text, undecodable bytes, CSV rows
of the wrong width and hostile XML (external entities, entity expansion) are refused the same way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from kenning.errors import ParseError

__all__ = ["decode_text", "iter_csv", "parse_xml", "parse_xml_root", "read_bytes", "read_text", "sniff_kind"]

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


def read_bytes(path: Path) -> bytes:
    """The whole file; an empty or unreadable file is a ParseError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(str(path), f"cannot read the file: {exc.strerror or exc}") from exc
    if not data.strip(b" \t\r\n\x1a"):
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
        for row in reader:
            start = line
            line = reader.line_num + 1
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
    kind = sniff_kind(data)
    if kind is not None:
        raise ParseError(str(path), f"expected XML but the file is {kind}")
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        raise ParseError(str(path), "expected XML but the file does not start with '<'", line=1)
    if b"<!ENTITY" in data or b"<!entity" in data:
        line = data[: data.find(b"<!ENTITY") if b"<!ENTITY" in data else data.find(b"<!entity")].count(b"\n") + 1
        raise ParseError(str(path), "the XML declares entities; refused (external entity or "
                         "entity-expansion attack)", line=line)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, dtd_validation=False)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        where: int | None = exc.lineno or None
        raise ParseError(str(path), f"malformed XML: {exc.msg}", line=where) from exc


def parse_xml_root(path: Path, expected: str, what: str) -> tuple[etree._Element, str | None]:
    """:func:`parse_xml`, then check the root element is ``expected`` (in any namespace); returns the root
    and its namespace. Another root is a ParseError: ``not {what}: the root element is <x>, expected <y>``."""
    root = parse_xml(path)
    qname = etree.QName(root)
    if qname.localname != expected:
        raise ParseError(str(path), f"not {what}: the root element is <{qname.localname}>, expected <{expected}>",
                         line=root.sourceline)
    return root, qname.namespace
