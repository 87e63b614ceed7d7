"""Country, capital, demonym and well-known-organisation gazetteer for the news NLP.

Countries come from pycountry (name, common and official names) plus ``data/gazetteer_countries.csv``
(short forms such as "US", "U.S.", "Britain", "CAR", "DRC", "Ivory Coast"; demonyms → NORP; capitals →
GPE), each with its ISO code. ``data/gazetteer_orgs.csv`` adds international bodies, UN missions, NGOs
and sanctioning authorities as ORG, with their acronyms. Phrases are tokenised with spaCy's English
tokenizer so they line up with the tokens of an annotated document.

Other languages have their own files (``gazetteer_countries_<lang>.csv``, ``gazetteer_orgs_<lang>.csv``), the
country names of pycountry's ISO 3166 translation for that language, and that language's tokenizer;
``gazetteer("fr")`` is the French one. French demonyms are written once, masculine singular, and take
the regular endings (:func:`french_forms`).
"""

from __future__ import annotations

import csv
import gettext
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import pycountry
import spacy
from spacy.tokenizer import Tokenizer

from kenning.errors import ConfigError
from kenning.news.datafile import data_lines
from kenning.news.nlp.hyphens import keep_hyphenated
from kenning.news.nlp.phrases import PhraseTable, fold_all, is_name_cased

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
def tokenizer(language: str = "en") -> Tokenizer:
    """spaCy's tokenizer of ``language`` (the rules of the model's own tokenizer, without the model), in French
    keeping hyphenated compounds whole as the French pipeline does (:mod:`.hyphens`)."""
    found = spacy.blank(language).tokenizer
    return keep_hyphenated(found) if language == "fr" else found


def _words(text: str, language: str = "en") -> list[str]:
    return [t.text for t in tokenizer(language)(text)]


def french_forms(word: str) -> list[str]:
    """A French demonym and its regular feminine and plural forms: malien → malienne, maliens, maliennes;
    américain → américaine(s); français → française(s); belge → belges."""
    feminine = word if word.endswith("e") else word + ("ne" if word.endswith(("ien", "éen")) else "e")
    plural = word if word.endswith(("s", "x")) else word + "s"
    return list(dict.fromkeys([word, feminine, plural, feminine + "s"]))


def _file(base: str, language: str) -> str:
    return f"{base}.csv" if language == "en" else f"{base}_{language}.csv"


def _translated_names(language: str) -> Iterator[tuple[str, str]]:
    """(code, name) of every country in pycountry's ISO 3166 names, in ``language`` (English: three forms)."""
    if language == "en":
        for country in pycountry.countries:
            for attr in ("common_name", "name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    yield country.alpha_2.lower(), value
        return
    try:
        names = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError as exc:
        raise ConfigError(f"pycountry has no {language!r} country names: {exc}") from exc
    for country in pycountry.countries:
        yield country.alpha_2.lower(), names.gettext(country.name)


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

    def __init__(self, language: str = "en") -> None:
        self.language = language
        self.table: PhraseTable[Place] = PhraseTable()
        self.names: dict[str, str] = {}
        countries = _file(COUNTRIES_FILE.removesuffix(".csv"), language)
        rows = list(_rows(countries, ("code", "names", "demonyms", "capitals")))
        known = {c.alpha_2.lower() for c in pycountry.countries} | {"xk"}
        for row in rows:
            if row["code"] not in known:
                raise ConfigError(f"news data file {countries}: unknown country code {row['code']!r}")
        self._add_countries(rows)
        for row in rows:
            for capital in _split(row["capitals"]):
                self._add(capital, Place(capital, "GPE", row["code"], "capital"))
        for row in rows:
            for demonym in _split(row["demonyms"]):
                for form in french_forms(demonym) if language == "fr" else [demonym]:
                    self._add(form, Place(form, "NORP", row["code"], "demonym"))
        for row in _rows(_file(ORGS_FILE.removesuffix(".csv"), language), ("name", "acronyms", "country")):
            place = Place(row["name"], "ORG", row["country"] or None, "org")
            for value in [row["name"], *_split(row["acronyms"])]:
                self._add(value, place)

    def _add(self, value: str, place: Place) -> None:
        """Add one phrase: a name matches in name casing, an acronym as written, and, outside English, a
        phrase with lower-case words (French demonyms, "Trésor américain") as written or with a capital
        first letter."""
        words = _words(value, self.language)
        if _is_acronym(value) or is_name_cased(words) or self.language == "en":
            self.table.add(words, place, exact=_is_acronym(value))
            return
        self.table.add(words, place, exact=True)
        self.table.add([words[0][:1].upper() + words[0][1:], *words[1:]], place, exact=True)

    def _add_countries(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            names = _split(row["names"])
            usual = [n for n in names if not _is_acronym(n)]
            self.names.setdefault(row["code"], usual[0] if usual else row["code"])
            for name in names:
                self._add(name, Place(name, "GPE", row["code"], "country"))
        for code, value in _translated_names(self.language):
            if "," not in value and "(" not in value:
                self.names.setdefault(code, value)
                self._add(value, Place(value, "GPE", code, "country"))

    def lookup(self, words: Sequence[str]) -> Place | None:
        """The entry written exactly as these tokens (with acceptable casing), if any."""
        return self.table.get(words)

    def lookup_text(self, text: str) -> Place | None:
        """The entry for a piece of text, tokenised first."""
        return self.lookup(_words(text, self.language))

    def country_name(self, code: str) -> str:
        """The usual name of a country code in the gazetteer's language ("ml" → "Mali")."""
        return self.names.get(code, code)

    def is_place_phrase(self, words: Sequence[str]) -> bool:
        """True when the words, in any casing, are a gazetteer phrase (for filtering list names)."""
        return fold_all(words) in self.table.phrases


@cache
def gazetteer(language: str = "en") -> Gazetteer:
    """The gazetteer of ``language``, built once per process."""
    return Gazetteer(language)
