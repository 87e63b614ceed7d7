"""What goes into screening and what comes out: :class:`Query`, :class:`Result`, :class:`FeatureScore`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model
from followthemoney.types import registry

from kenning.errors import InputError
from kenning.matching.dates import read_date

__all__ = ["MAX_QUERY_CHARS", "Entry", "FeatureScore", "Query", "Result", "clean_id_number"]

#: Longest query name accepted; longer input is refused with a clear message.
MAX_QUERY_CHARS = 1000
_ID_CHARS = re.compile(r"[^0-9A-Za-z]+")


def clean_id_number(value: str) -> str:
    """Identifier numbers compared without spaces, dashes, dots or case (``"DA 000-4031"`` = ``"DA0004031"``)."""
    return _ID_CHARS.sub("", value).upper()


def _country(value: str) -> str:
    code = registry.country.clean(value)
    if code is None:
        raise InputError(f"country {value!r} is not a country name or ISO code")
    return str(code)


class _Fields:
    """Reads a query's qualifiers; in lenient mode a value that cannot be read is left out with a warning
    naming the field, the value and why, instead of failing the whole query."""

    def __init__(self, lenient: bool) -> None:
        self.lenient = lenient
        self.warnings: list[str] = []

    def read(self, field_name: str, values: Iterable[str], reader: Callable[[str], Iterable[str]]) -> list[str]:
        out: list[str] = []
        for value in values:
            if not value or not str(value).strip():
                continue
            try:
                out.extend(reader(str(value)))
            except InputError as exc:
                if not self.lenient:
                    raise
                self.warnings.append(f"{field_name} ignored: {exc.message}")
        return list(dict.fromkeys(out))

    def schema(self, schema: str | None) -> str:
        schema = (schema or "Thing").strip() or "Thing"
        if model.get(schema) is not None:
            return schema
        message = f"schema {schema!r} is not a FollowTheMoney schema (e.g. Person, Company, Vessel)"
        if not self.lenient:
            raise InputError(message)
        self.warnings.append(f"schema ignored: {message}; screened as any kind of party")
        return "Thing"


@dataclass(frozen=True)
class Query:
    """One screening question: names plus the qualifiers that confirm or refute a match."""

    names: tuple[str, ...]
    schema: str = "Thing"
    birth_dates: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()
    datasets: tuple[str, ...] = ()
    exclude_datasets: tuple[str, ...] = ()
    ref: str | None = None
    #: Input left out of the query, each naming the field and why (lenient reading only).
    warnings: tuple[str, ...] = ()

    @classmethod
    def build(cls, names: str | Iterable[str], *, schema: str | None = None,
              birth_dates: Iterable[str] = (), countries: Iterable[str] = (), id_numbers: Iterable[str] = (),
              datasets: Iterable[str] = (), exclude_datasets: Iterable[str] = (),
              ref: str | None = None, lenient: bool = False) -> Query:
        """Validate user input into a query; bad values raise InputError naming the field. Birth dates are
        read as typed (``9/8/1959``, ``9 Aug 1959``: :func:`kenning.matching.dates.read_date`). With
        ``lenient`` (batch rows), an unreadable schema, birth date or country is left out and named in
        :attr:`warnings`, and the query goes on with the rest; only a missing name fails it."""
        raw = [names] if isinstance(names, str) else list(names)
        cleaned = []
        for name in raw:
            if len(name) > MAX_QUERY_CHARS:
                raise InputError(f"name is {len(name)} characters long; at most {MAX_QUERY_CHARS} are accepted")
            if name.strip():
                cleaned.append(name.strip())
        if not cleaned:
            raise InputError("name is empty")
        fields = _Fields(lenient)
        schema = fields.schema(schema)
        dates = fields.read("birth_date", birth_dates, read_date)
        places = fields.read("country", countries, lambda c: [_country(c)])
        ids = tuple(clean_id_number(v) for v in id_numbers if clean_id_number(v))
        return cls(names=tuple(cleaned), schema=schema, birth_dates=tuple(dates), countries=tuple(places),
                   id_numbers=ids, datasets=tuple(datasets), exclude_datasets=tuple(exclude_datasets), ref=ref,
                   warnings=tuple(fields.warnings))

    def to_dict(self) -> dict[str, Any]:
        out = {"names": list(self.names), "schema": self.schema, "birth_dates": list(self.birth_dates),
               "countries": list(self.countries), "id_numbers": list(self.id_numbers),
               "datasets": list(self.datasets), "exclude_datasets": list(self.exclude_datasets),
               "ref": self.ref}
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out


@dataclass(frozen=True)
class FeatureScore:
    """One feature's verdict: its score, its weight in the algorithm, and why, in words.

    A feature that compares two strings names them: ``query`` is the query's string and ``candidate``
    the listed one it was compared with (for the name feature, the best pairing); other features leave
    them None. They are for callers (``/match`` explanations), not part of :meth:`to_dict`.
    """

    score: float
    weight: float
    detail: str
    query: str | None = None
    candidate: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), "weight": self.weight, "detail": self.detail}


@dataclass(frozen=True)
class Entry:
    """One list's entry of a party that several lists carry, as scored against the query."""

    id: str
    dataset: str
    source_id: str
    caption: str
    score: float
    match: bool
    matched_name: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "dataset": self.dataset, "source_id": self.source_id, "caption": self.caption,
                "score": round(self.score, 4), "match": self.match, "matched_name": self.matched_name}


@dataclass
class Result:
    """One candidate entity with its score, verdict and per-feature explanation.

    Screened per party (:func:`kenning.matching.parties.screen_parties`), a result is the party's best
    entry; ``entries`` then holds every list's entry of the party (this one first, best first) and
    ``links`` the recorded same-as links that join them, each with its evidence.
    """

    id: str
    dataset: str
    source_id: str
    schema: str
    caption: str
    score: float
    match: bool
    matched_name: str
    explanation: dict[str, FeatureScore] = field(default_factory=dict)
    same_as: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "dataset": self.dataset, "source_id": self.source_id, "schema": self.schema,
               "caption": self.caption, "score": round(self.score, 4), "match": self.match,
               "matched_name": self.matched_name, "same_as": self.same_as,
               "explanation": {k: v.to_dict() for k, v in self.explanation.items()}}
        if self.entries:
            out["entries"] = [e.to_dict() for e in self.entries]
            out["links"] = self.links
        return out
