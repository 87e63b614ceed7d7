"""Country, capital, demonym and well-known-organisation gazetteer for the news NLP.

Countries come from pycountry (name, common and official names) plus ``data/gazetteer_countries.csv``
(short forms such as "US", "U.S.", "Britain", "CAR", "DRC", "Ivory Coast"; demonyms → NORP; capitals →
GPE), each with its ISO code. ``data/gazetteer_orgs.csv`` adds international bodies, UN missions, NGOs
and sanctioning authorities as ORG, with their acronyms. Phrases are tokenised with spaCy's English
tokenizer so they line up with the tokens of an annotated document.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import pycountry
import spacy
from spacy.tokenizer import Tokenizer

from kenning.errors import ConfigError
from kenning.news.datafile import data_lines
from kenning.news.nlp.phrases import PhraseTable, fold_all

__all__ = ["Gazetteer", "Place", "gazetteer", "tokenizer"]

COUNTRIES_FILE = "gazetteer_countries.csv"
ORGS_FILE = "gazetteer_orgs.csv"


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: its label (GPE, NORP or ORG), country code and kind."""

    name: str
    label: str
    code: str | None
    #: ``country``, ``capital``, ``demonym`` or ``org``.
    kind: str


@cache
def tokenizer() -> Tokenizer:
    """spaCy's English tokenizer (the rules of the model's own tokenizer, without the model)."""
    return spacy.blank("en").tokenizer


def _words(text: str) -> list[str]:
    return [t.text for t in tokenizer()(text)]


def _is_acronym(value: str) -> bool:
    return any(ch.isalpha() for ch in value) and value == value.upper()


def _rows(name: str, columns: tuple[str, ...]) -> Iterator[dict[str, str]]:
    reader = csv.DictReader(data_lines(name))
    if reader.fieldnames is None or any(col not in reader.fieldnames for col in columns):
        raise ConfigError(f"news data file {name} must have the columns {', '.join(columns)}")
    for number, row in enumerate(reader, start=2):
        if any(row.get(col) is None for col in columns):
            raise ConfigError(f"news data file {name}, row {number}: expected {len(columns)} columns")
        yield row


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


class Gazetteer:
    """Places and organisations by phrase, and countries by code."""

    def __init__(self) -> None:
        self.table: PhraseTable[Place] = PhraseTable()
        self.names: dict[str, str] = {}
        rows = list(_rows(COUNTRIES_FILE, ("code", "names", "demonyms", "capitals")))
        known = {c.alpha_2.lower() for c in pycountry.countries} | {"xk"}
        for row in rows:
            if row["code"] not in known:
                raise ConfigError(f"news data file {COUNTRIES_FILE}: unknown country code {row['code']!r}")
        self._add_countries(rows)
        for row in rows:
            for capital in _split(row["capitals"]):
                self._add(capital, Place(capital, "GPE", row["code"], "capital"))
        for row in rows:
            for demonym in _split(row["demonyms"]):
                self._add(demonym, Place(demonym, "NORP", row["code"], "demonym"))
        for row in _rows(ORGS_FILE, ("name", "acronyms", "country")):
            place = Place(row["name"], "ORG", row["country"] or None, "org")
            for value in [row["name"], *_split(row["acronyms"])]:
                self._add(value, place)

    def _add(self, value: str, place: Place) -> None:
        self.table.add(_words(value), place, exact=_is_acronym(value))

    def _add_countries(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            names = _split(row["names"])
            usual = [n for n in names if not _is_acronym(n)]
            self.names.setdefault(row["code"], usual[0] if usual else row["code"])
            for name in names:
                self._add(name, Place(name, "GPE", row["code"], "country"))
        for country in pycountry.countries:
            code = country.alpha_2.lower()
            for attr in ("common_name", "name", "official_name"):
                value = getattr(country, attr, None)
                if value and "," not in value and "(" not in value:
                    self.names.setdefault(code, value)
                    self._add(value, Place(value, "GPE", code, "country"))

    def lookup(self, words: Sequence[str]) -> Place | None:
        """The entry written exactly as these tokens (with acceptable casing), if any."""
        return self.table.get(words)

    def lookup_text(self, text: str) -> Place | None:
        """The entry for a piece of text, tokenised first."""
        return self.lookup(_words(text))

    def country_name(self, code: str) -> str:
        """The usual English name of a country code ("ml" → "Mali")."""
        return self.names.get(code, code)

    def is_place_phrase(self, words: Sequence[str]) -> bool:
        """True when the words, in any casing, are a gazetteer phrase (for filtering list names)."""
        return fold_all(words) in self.table.phrases


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    return Gazetteer()
