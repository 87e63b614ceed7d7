"""What goes into screening and what comes out: :class:`Query`, :class:`Result`, :class:`FeatureScore`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model
from followthemoney.types import registry

from kenning.errors import InputError

__all__ = ["MAX_QUERY_CHARS", "FeatureScore", "Query", "Result", "clean_id_number"]

#: Longest query name accepted; longer input is refused with a clear message.
MAX_QUERY_CHARS = 1000
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID_CHARS = re.compile(r"[^0-9A-Za-z]+")


def clean_id_number(value: str) -> str:
    """Identifier numbers compared without spaces, dashes, dots or case (``"DA 000-4031"`` = ``"DA0004031"``)."""
    return _ID_CHARS.sub("", value).upper()


def _country(value: str) -> str:
    code = registry.country.clean(value)
    if code is None:
        raise InputError(f"country {value!r} is not a country name or ISO code")
    return str(code)


def _date(value: str) -> str:
    value = value.strip()
    if not _DATE.match(value):
        raise InputError(f"birth date {value!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
    return value


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

    @classmethod
    def build(cls, names: str | Iterable[str], *, schema: str | None = None,
              birth_dates: Iterable[str] = (), countries: Iterable[str] = (), id_numbers: Iterable[str] = (),
              datasets: Iterable[str] = (), exclude_datasets: Iterable[str] = (),
              ref: str | None = None) -> Query:
        """Validate user input into a query; bad values raise InputError naming the field."""
        raw = [names] if isinstance(names, str) else list(names)
        cleaned = []
        for name in raw:
            if len(name) > MAX_QUERY_CHARS:
                raise InputError(f"name is {len(name)} characters long; at most {MAX_QUERY_CHARS} are accepted")
            if name.strip():
                cleaned.append(name.strip())
        if not cleaned:
            raise InputError("name is empty")
        schema = schema or "Thing"
        if model.get(schema) is None:
            raise InputError(f"schema {schema!r} is not a FollowTheMoney schema (e.g. Person, Company, Vessel)")
        ids = tuple(clean_id_number(v) for v in id_numbers if clean_id_number(v))
        return cls(names=tuple(cleaned), schema=schema, birth_dates=tuple(_date(d) for d in birth_dates if d),
                   countries=tuple(_country(c) for c in countries if c), id_numbers=ids,
                   datasets=tuple(datasets), exclude_datasets=tuple(exclude_datasets), ref=ref)

    def to_dict(self) -> dict[str, Any]:
        return {"names": list(self.names), "schema": self.schema, "birth_dates": list(self.birth_dates),
                "countries": list(self.countries), "id_numbers": list(self.id_numbers),
                "datasets": list(self.datasets), "exclude_datasets": list(self.exclude_datasets),
                "ref": self.ref}


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


@dataclass
class Result:
    """One candidate entity with its score, verdict and per-feature explanation."""

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

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "dataset": self.dataset, "source_id": self.source_id, "schema": self.schema,
                "caption": self.caption, "score": round(self.score, 4), "match": self.match,
                "matched_name": self.matched_name, "same_as": self.same_as,
                "explanation": {k: v.to_dict() for k, v in self.explanation.items()}}
