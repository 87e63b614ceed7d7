"""Reading a portfolio file: the batch-screening columns plus a stable ``customer_id``; CSV or JSON lines.

A row without ``customer_id`` or without a name, or a ``customer_id`` seen earlier in the file, is refused
and reported with its line; a bad field (a malformed birth date, an unknown country, an unknown schema) is
reported with its line and field and left out, and the rest of the row is kept. Names, dates, countries and
identifiers are cleaned once here, so the stored customer is what screening reads.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from kenning.errors import KenningError
from kenning.matching.batch_io import CSV_COLUMNS, EXPECT, JSONL_SUFFIXES, listish, read_records
from kenning.matching.types import Query
from kenning.names import analyze
from kenning.sources.readers import decode_text, read_text

__all__ = ["COLUMNS", "Customer", "Parsed", "RowProblem", "parse_portfolio", "parse_portfolio_bytes"]

#: The import columns: ``customer_id`` and the batch-screening columns (``ref`` is kept as a note).
COLUMNS = ("customer_id", *CSV_COLUMNS)


@dataclass(frozen=True)
class Customer:
    """One customer as screened: names, schema and the qualifiers, cleaned."""

    customer_id: str
    names: tuple[str, ...]
    schema: str = "Thing"
    birth_dates: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()

    def data(self) -> dict[str, Any]:
        """The screened fields as JSON-ready lists (what is stored and hashed)."""
        return {"names": list(self.names), "schema": self.schema, "birth_dates": list(self.birth_dates),
                "countries": list(self.countries), "id_numbers": list(self.id_numbers)}

    @property
    def hash(self) -> str:
        """sha1 of the screened fields: equal hashes, nothing to screen again."""
        return hashlib.sha1(orjson.dumps(self.data(), option=orjson.OPT_SORT_KEYS)).hexdigest()

    def query(self) -> Query:
        return Query(names=self.names, schema=self.schema, birth_dates=self.birth_dates, countries=self.countries,
                     id_numbers=self.id_numbers, ref=self.customer_id)

    @classmethod
    def from_data(cls, customer_id: str, data: dict[str, Any]) -> Customer:
        return cls(customer_id, tuple(data["names"]), data["schema"], tuple(data["birth_dates"]),
                   tuple(data["countries"]), tuple(data["id_numbers"]))


@dataclass(frozen=True)
class RowProblem:
    """A refused row (``field`` None) or a field left out of a kept row."""

    line: int
    message: str
    field: str | None = None
    customer_id: str | None = None

    def describe(self, source: str) -> str:
        where = f"{source}, line {self.line}" + (f", field {self.field}" if self.field else "")
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Parsed:
    """The customers of a file in file order, and every problem found."""

    customers: list[Customer] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def refused(self) -> int:
        return sum(1 for p in self.problems if p.field is None)


def _check(field_name: str, values: list[str]) -> tuple[list[str], str | None]:
    """Values Query accepts for one field, and the message for the first it refuses."""
    kept, error = [], None
    for value in values:
        try:
            if field_name == "birth_date":
                Query.build("x", birth_dates=[value])
            else:
                Query.build("x", countries=[value])
        except KenningError as exc:
            error = error or exc.message
            continue
        kept.append(value)
    return kept, error


def _customer(line: int, data: dict[str, Any], problems: list[RowProblem]) -> Customer | None:
    cid = str(data.get("customer_id") or "").strip()
    names = data.get("name", data.get("names"))
    raw_names = listish(names) if isinstance(names, list) else ([str(names)] if names not in (None, "") else [])
    if not cid:
        problems.append(RowProblem(line, "the row has no customer_id"))
        return None
    schema = str(data.get("schema") or "Thing")
    try:
        Query.build("x", schema=schema)
    except KenningError as exc:
        problems.append(RowProblem(line, exc.message + "; screened as Thing", "schema", cid))
        schema = "Thing"
    try:
        query = Query.build(raw_names, schema=schema)
    except KenningError as exc:
        problems.append(RowProblem(line, exc.message, customer_id=cid))
        return None
    if not any(any(ch.isalnum() for ch in n) for n in query.names) and all(
            analyze(n, query.schema).is_empty for n in query.names):
        problems.append(RowProblem(line, "the name has no letters or digits", customer_id=cid))
        return None
    fields: dict[str, list[str]] = {}
    for name in ("birth_date", "country"):
        fields[name], error = _check(name, listish(data.get(name)))
        if error:
            problems.append(RowProblem(line, error, name, cid))
    full = Query.build(query.names, schema=query.schema, birth_dates=fields["birth_date"],
                       countries=fields["country"], id_numbers=listish(data.get("id_number")))
    return Customer(cid, full.names, full.schema, tuple(sorted(set(full.birth_dates))),
                    tuple(sorted(set(full.countries))), tuple(sorted(set(full.id_numbers))))


def _parse(text: str, name: str, jsonl: bool) -> Parsed:
    parsed = Parsed()
    seen: dict[str, int] = {}
    for line, data, error in read_records(text, name, jsonl, required=("customer_id", "name"),
                                          optional=CSV_COLUMNS[1:]):
        if data is None:
            parsed.problems.append(RowProblem(line, error or "unreadable row"))
            continue
        customer = _customer(line, data, parsed.problems)
        if customer is None:
            continue
        if customer.customer_id in seen:
            parsed.problems.append(RowProblem(line, f"customer_id {customer.customer_id!r} is already on line "
                                              f"{seen[customer.customer_id]}; this row is left out",
                                              customer_id=customer.customer_id))
            continue
        seen[customer.customer_id] = line
        parsed.customers.append(customer)
    return parsed


def parse_portfolio(path: Path) -> Parsed:
    """The customers of a file: JSON lines for ``.jsonl``/``.json``/``.ndjson``, CSV otherwise."""
    return _parse(read_text(path, expect=EXPECT), str(path), path.suffix.lower() in JSONL_SUFFIXES)


def parse_portfolio_bytes(data: bytes, name: str, jsonl: bool) -> Parsed:
    """The customers of a file sent as bytes (a request body); ``name`` names it in errors."""
    return _parse(decode_text(data, name, expect=EXPECT), name, jsonl)
