"""Plain-text reports: decoding, and the optional ``Key: value`` header block at the top.

A header is recognised only when the very first line is ``Known-Key: value`` (keys in
``data/ingest_headers.yml``); it ends at the first blank line and the body is what follows. Text
without such a first line is all body.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from kenning.errors import ParseError
from kenning.news.datafile import data_mapping
from kenning.sources.readers import sniff_kind

__all__ = ["TextParts", "clean_body", "decode_text", "split_header"]

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z -]{0,30}):[ \t]*(.*)$")


@dataclass(frozen=True)
class TextParts:
    """A plain-text report split into its header fields (by Article field name) and body."""

    fields: dict[str, str] = field(default_factory=dict)
    body: str = ""


def decode_text(data: bytes, source: str) -> str:
    """Decode a plain-text report: UTF-8 (BOM allowed) or UTF-16 with a BOM.

    Binary content, an empty file and undecodable bytes are ParseErrors naming ``source``, and
    for undecodable bytes also the line and byte offset of the first bad byte.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError(source, f"undecodable UTF-16 at byte offset {exc.start}") from exc
    kind = sniff_kind(data)
    if kind is not None:
        raise ParseError(source, f"expected a news report (text or HTML) but the file is {kind}")
    if not data.strip():
        raise ParseError(source, "the file is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(source, f"undecodable byte 0x{data[exc.start]:02x} at byte offset {exc.start} "
                         "(plain text must be UTF-8)", line=line) from exc


def clean_body(text: str) -> str:
    """Unify line endings to ``\\n`` and strip outer whitespace; nothing inside the text changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def split_header(text: str) -> TextParts:
    """Split ``text`` into header fields and body; see the module docstring for the rules."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    keys = {str(k).lower(): str(v) for k, v in data_mapping("ingest_headers.yml").items()}
    lines = text.split("\n")
    first = _HEADER_LINE.match(lines[0])
    if first is None or first.group(1).strip().lower() not in keys:
        return TextParts({}, clean_body(text))
    fields: dict[str, str] = {}
    end = len(lines)
    for number, line in enumerate(lines):
        if not line.strip():
            end = number
            break
        match = _HEADER_LINE.match(line)
        name = keys.get(match.group(1).strip().lower()) if match else None
        if match is None or name is None:
            # An unknown line inside the header block: the header stopped before it.
            end = number
            break
        value = match.group(2).strip()
        if name != "ignore" and value and name not in fields:
            fields[name] = value
    return TextParts(fields, clean_body("\n".join(lines[end:])))
