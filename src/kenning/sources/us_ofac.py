"""OFAC's SDN and consolidated (non-SDN) lists in their legacy CSV form (datasets ``us_ofac_sdn``, ``us_ofac_cons``).

A publication is up to four headerless CSV files, with ``-0-`` for null and a final 0x1A byte:

- ``main`` (``sdn.csv`` / ``cons_prim.csv``): ``ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
  Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks``;
- ``alt``: ``ent_num, alt_num, alt_type, alt_name, alt_remarks`` (aka / fka / nka);
- ``add``: ``ent_num, add_num, address, city/state/zip, country, add_remarks``;
- ``comments``: ``ent_num, remarks``, the rest of remarks cut at the Remarks field's 1,000 characters.

The files are read whole (entries refer to each other by name), then each entry is built by
:func:`kenning.sources.ofac_build.build_entry`. Companion rows whose ent_num the main file lacks
(the companions may be newer) are counted as orphans and reported in one warning. The legacy
files carry no publication date, so ``ctx.publication_date`` is left unset.

Counters in ``ctx.stats``: ``rows``/``targets`` (entries), ``aliases`` and ``addresses`` (companion
rows used), ``orphan_alt``/``orphan_add``/``orphan_comments``, ``comments`` (remarks continued),
``remarks_truncated`` (cut remarks with no comments file), ``remark_parts``, ``remarks_parsed``,
``remarks_unparsed`` (kept in notes), ``remarks_positions`` (free text read as an office),
``remarks_rejected`` (read, but FtM refused the value: kept in notes), ``remark_aliases``,
``identifiers``, ``links``, ``links_unresolved`` and ``operators_unresolved`` (names not found in
the file: kept in notes).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kenning.model import Entity
from kenning.sources.base import ParseContext, get_source
from kenning.sources.ofac_build import NameIndex, OfacRow, build_entry
from kenning.sources.ofac_lists import load_list_facts
from kenning.sources.ofac_remarks import parse_remarks
from kenning.sources.readers import iter_csv, read_text

__all__ = ["NULL", "parse"]

#: OFAC's null value (written ``-0- `` with a trailing space).
NULL = "-0-"

_MAIN_WIDTH, _ALT_WIDTH, _ADD_WIDTH, _COMMENTS_WIDTH = 12, 5, 6, 2
_VESSEL_COLUMNS = ("call_sign", "vess_type", "tonnage", "grt", "vess_flag", "vess_owner")
_REMARKS_LIMIT = 1000


def _cell(value: str) -> str | None:
    """A cell's text, or None for OFAC's null and empty cells."""
    text = value.strip()
    return None if not text or text == NULL else text


def _rows(ctx: ParseContext, role: str, width: int) -> Iterator[tuple[int, str, list[str | None]]]:
    """``(line, ent_num, cells)`` of one file, refusing rows whose ent_num is not a number."""
    path = ctx.files[role]
    for line, row in iter_csv(path, read_text(path, expect="an OFAC CSV file"), width=width):
        ent_num = row[0].strip()
        if not (ent_num.isascii() and ent_num.isdigit()):
            raise ctx.error(f"ent_num {ent_num!r} is not a number", line=line, path=path)
        yield line, ent_num, [_cell(value) for value in row[1:]]


def _programs(value: str | None) -> list[str]:
    """``"SDGT] [SYRIA"`` → ``["SDGT", "SYRIA"]``."""
    if value is None:
        return []
    return [p.strip(" []") for p in value.split("] [") if p.strip(" []")]


def _read_main(ctx: ParseContext) -> tuple[dict[str, OfacRow], dict[str, str]]:
    """The main file's entries by ent_num, and their raw remarks (completed later by the comments)."""
    rows: dict[str, OfacRow] = {}
    remarks: dict[str, str] = {}
    for line, ent_num, cells in _rows(ctx, "main", _MAIN_WIDTH):
        if ent_num in rows:
            raise ctx.error(f"ent_num {ent_num} appears twice (first on line {rows[ent_num].line})",
                            line=line, record=ent_num)
        name = cells[0]
        if name is None:
            raise ctx.error("the entry has no name", line=line, record=ent_num)
        vessel = {key: value for key, value in zip(_VESSEL_COLUMNS, cells[4:10], strict=True)
                  if value is not None}
        rows[ent_num] = OfacRow(ent_num=ent_num, line=line, name=name, sdn_type=cells[1],
                                programs=_programs(cells[2]), title=cells[3], vessel=vessel)
        if cells[10] is not None:
            remarks[ent_num] = cells[10]
        ctx.stats["rows"] += 1
    return rows, remarks


def _add_comments(ctx: ParseContext, rows: dict[str, OfacRow], remarks: dict[str, str]) -> None:
    """Append each comments row to the remark it continues (the cut is mid-word: no separator)."""
    if "comments" not in ctx.files:
        return
    for _, ent_num, cells in _rows(ctx, "comments", _COMMENTS_WIDTH):
        if ent_num not in rows:
            ctx.stats["orphan_comments"] += 1
        elif cells[0] is not None:
            remarks[ent_num] = remarks.get(ent_num, "") + cells[0]
            ctx.stats["comments"] += 1


def _add_aliases(ctx: ParseContext, rows: dict[str, OfacRow]) -> list[str]:
    """Attach alt.csv names to their entries; returns the orphan ent_nums."""
    orphans: list[str] = []
    if "alt" not in ctx.files:
        return orphans
    alt_types = load_list_facts().alt_types
    for _, ent_num, cells in _rows(ctx, "alt", _ALT_WIDTH):
        alt_type, name, remarks = cells[1], cells[2], cells[3]
        if ent_num not in rows:
            orphans.append(ent_num)
            continue
        if name is None:
            continue
        prop = alt_types.get((alt_type or "aka").casefold())
        if prop is None:
            ctx.stats["alt_unknown_type"] += 1
            prop = "alias"
        if remarks is not None and "weak" in remarks.casefold():
            prop = "weakAlias"
        rows[ent_num].aliases.append((prop, name))
        ctx.stats["aliases"] += 1
    ctx.stats["orphan_alt"] += len(orphans)
    if ctx.stats["alt_unknown_type"]:
        ctx.warn(f"{ctx.stats['alt_unknown_type']} {ctx.files['alt'].name} rows have an alt_type other "
                 f"than {', '.join(alt_types)}; read as aliases")
    return orphans


def _add_addresses(ctx: ParseContext, rows: dict[str, OfacRow]) -> list[str]:
    """Attach add.csv addresses (full string, country) to their entries; returns the orphan ent_nums."""
    orphans: list[str] = []
    if "add" not in ctx.files:
        return orphans
    for _, ent_num, cells in _rows(ctx, "add", _ADD_WIDTH):
        if ent_num not in rows:
            orphans.append(ent_num)
            continue
        street, city, country = cells[1], cells[2], cells[3]
        full = ", ".join(part for part in (street, city, country) if part) if street or city else None
        rows[ent_num].addresses.append((full, country))
        ctx.stats["addresses"] += 1
    ctx.stats["orphan_add"] += len(orphans)
    return orphans


def _warn_orphans(ctx: ParseContext, main: Path, orphans: dict[str, list[str]]) -> None:
    """One summary line for companion rows that name entries the main file lacks."""
    parts = []
    for role, ent_nums in orphans.items():
        if ent_nums:
            distinct = sorted(set(ent_nums), key=int)
            parts.append(f"{len(ent_nums)} {ctx.files[role].name} rows ({len(distinct)} ent_nums, "
                         f"e.g. {', '.join(distinct[:3])})")
    if parts:
        ctx.warn(f"{'; '.join(parts)} name entries not in {main.name} (the companion files are "
                 "probably newer); skipped")


def _is_cut(text: str) -> bool:
    """A remark that fills the Remarks field and does not end a part: its last part is incomplete."""
    return len(text) >= _REMARKS_LIMIT and not text.rstrip().endswith((".", ";"))


def _parse_remarks(ctx: ParseContext, rows: dict[str, OfacRow], remarks: dict[str, str]) -> None:
    """Parse every remark; the incomplete last part of a cut one is set aside, unread, for the notes."""
    cut = 0
    for ent_num, text in remarks.items():
        parts = parse_remarks(text)
        if _is_cut(text) and parts:
            rows[ent_num].cut_part = parts.pop().raw
            cut += 1
        rows[ent_num].remarks = parts
    if cut:
        ctx.stats["remarks_truncated"] += cut
        ctx.warn(f"{cut} remarks are cut at {_REMARKS_LIMIT} characters with no continuation in a "
                 "comments file; the incomplete last part of each is kept in notes, unread")


def parse(ctx: ParseContext) -> Iterator[Entity]:
    """Every entity of one OFAC legacy CSV publication: per entry the party, its Sanction, records, links."""
    spec = get_source(ctx.dataset)
    rows, remarks = _read_main(ctx)
    _add_comments(ctx, rows, remarks)
    orphans = {"alt": _add_aliases(ctx, rows), "add": _add_addresses(ctx, rows)}
    _warn_orphans(ctx, ctx.main, orphans)
    _parse_remarks(ctx, rows, remarks)
    resolve = NameIndex(rows.values())
    for row in rows.values():
        yield from build_entry(ctx, spec, row, resolve)
        ctx.stats["targets"] += 1
        ctx.advance(1)
