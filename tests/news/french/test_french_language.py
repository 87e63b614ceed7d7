"""Language of a report: stated languages normalised, the offline detector on both languages."""

from __future__ import annotations

import pytest

from kenning.news.ingest.language import detect_language, language_of, normalize_language
from kenning.news.ingest.page import article_from_text

FRENCH = [
    "Washington a sanctionné trois hauts responsables maliens pour avoir aidé au déploiement de Wagner.",
    "Le Trésor américain a annoncé lundi le gel des avoirs de deux hommes d'affaires proches du pouvoir.",
    "Les autorités de la Transition ont condamné des mesures contraires au droit international.",
    "La mission des Nations unies a achevé son retrait du pays à la fin de l'année dernière.",
]
ENGLISH = [
    "The United States has placed sanctions on three top Malian officials over their links to Wagner.",
    "The Treasury said on Monday it had frozen the assets of two businessmen close to the government.",
    "The transitional authorities condemned measures they called contrary to international law.",
    "The United Nations mission completed its withdrawal from the country at the end of last year.",
]


@pytest.mark.parametrize(("stated", "code"), [
    ("fr", "fr"), ("FR", "fr"), ("fr-FR", "fr"), ("fr_CA", "fr"), ("French", "fr"), ("français", "fr"),
    ("fra", "fr"), ("en", "en"), ("en-US", "en"), ("English", "en"), ("de", "de"), ("xx", None), ("", None),
    (None, None),
])
def test_stated_languages_normalise_to_iso_639_1(stated: str | None, code: str | None) -> None:
    assert normalize_language(stated) == code


@pytest.mark.parametrize(("texts", "code"), [(FRENCH, "fr"), (ENGLISH, "en")])
def test_detector_reads_each_sentence_of_either_language(texts: list[str], code: str) -> None:
    assert [detect_language(t) for t in texts] == [code] * len(texts)


def test_a_few_words_stay_unknown() -> None:
    assert detect_language("Ok, merci") is None
    assert language_of(None, "Ok")[0] is None


def test_header_wins_and_detection_is_noted() -> None:
    stated = article_from_text("Language: en\n\n" + FRENCH[0], "a.txt")
    assert stated.language == "en" and not any("detected" in n for n in stated.notes)
    detected = article_from_text(FRENCH[1], "b.txt")
    assert detected.language == "fr" and any("language fr detected" in n for n in detected.notes)
