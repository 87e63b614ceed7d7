"""The language of a report: the one its header or page states, else the one an offline detector reads.

A stated language ("fr", "fr-FR", "French", "français", "fra") is normalised to its ISO 639-1 code through
pycountry's ISO 639 tables (public reference data); a statement that names no language is ignored. Without
one, ``lingua-language-detector`` (offline, its models inside the PyPI wheel) picks among the languages
of ``data/ingest_languages.yml`` (its low-accuracy mode: trigram models, loaded in under a second where
the full models take 17 s, and enough for a report's first 2,000 characters); it answers only when one
language is clearly ahead (the minimum relative distance of that file), and only on a text of some
letters, so a short or mixed text stays unknown rather than guessed. It reads the lower-case words only:
names are the same in every language and, in a sentence dense with them ("Colonel Sadio Camara (Camara),
a Malian national, is Mali's Minister of Defense"), they made it say French at 0.92.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pycountry

from kenning.news.datafile import data_mapping

__all__ = ["detect_language", "language_of", "normalize_language"]

LANGUAGES_FILE = "ingest_languages.yml"
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


def normalize_language(stated: str | None) -> str | None:
    """ISO 639-1 code of a stated language ("fr-FR" → "fr", "French" → "fr"), None when it names none."""
    if not stated or not stated.strip():
        return None
    word = stated.strip().replace("_", "-").split("-")[0].strip().lower()
    names = {str(k).lower(): str(v) for k, v in dict(_config().get("names") or {}).items()}
    if word in names:
        return names[word]
    found: Any = pycountry.languages.get(alpha_2=word) if len(word) == 2 else None
    if found is None:
        try:
            found = pycountry.languages.lookup(word)
        except LookupError:
            return None
    code = getattr(found, "alpha_2", None)
    return str(code) if code else None


@cache
def _config() -> dict[str, Any]:
    return dict(data_mapping(LANGUAGES_FILE))


@cache
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    config = _config()
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, str(c).upper())) for c in config["detect"]]
    return (LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode()
            .with_minimum_relative_distance(float(config["minimum_relative_distance"])).build())


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language ``text`` is written in, None when the detector is not sure."""
    sample = " ".join(w for w in _WORDS.findall(text[: int(_config()["sample_chars"])]) if w[0].islower())
    if sum(c.isalpha() for c in sample) < int(_config()["min_letters"]):
        return None
    found: Any = _detector().detect_language_of(sample)
    return str(found.iso_code_639_1.name).lower() if found is not None else None


def language_of(stated: str | None, text: str) -> tuple[str | None, str | None]:
    """The report's language and how it was found: ``stated`` (normalised) wins, else the detector;
    the second value is a note when the language was detected or a statement was not understood."""
    code = normalize_language(stated)
    if code is not None:
        return code, None
    found = detect_language(text)
    prefix = f"the stated language {stated!r} names no language; " if stated and stated.strip() else ""
    if found is None:
        return None, f"{prefix}language unknown: the detector was not sure"
    return found, f"{prefix}language {found} detected from the text"
