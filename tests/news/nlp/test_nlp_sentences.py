"""Sentences, tokens and company names around abbreviations, dashes and legal forms, on the real model."""

from __future__ import annotations

import pytest

from kenning.news.ingest.collect import ingest_text
from kenning.news.model import ArticleResult
from kenning.news.nlp.annotation import annotate, resources


def _annotate(text: str) -> ArticleResult:
    return annotate(ingest_text(text), resources(use_store=False))


@pytest.mark.parametrize("name", ["Zhejiang Wonder Imp. and Exp. Co., Ltd.", "Hebei Atun Trading Co. Ltd.",
                                  "Torgan Co., Limited", "Sky Shipping Corp. Inc."])
def test_an_abbreviation_inside_a_company_name_ends_no_sentence(name: str) -> None:
    result = _annotate(f"Access Technology Trading L.L.C. and {name} are being designated today. Both are based "
                       "in Dubai. Mr. Smith said so.")
    assert [s.text.split()[0] for s in result.sentences] == ["Access", "Both", "Mr."]


@pytest.mark.parametrize("dash", ["—", "–"])
def test_a_dash_between_words_separates_them(dash: str) -> None:
    result = _annotate(f"Five of the companies{dash}Servicios Administrativos Fordtwoo, S.A. de C.V. and Recservi, "
                       f"S.A. de C.V.{dash}are based in Puerto Vallarta.")
    parties = [m.text for m in result.mentions if m.label in ("ORG", "PERSON")]
    assert all(dash not in p and not p.endswith("are") for p in parties)
    assert "Recservi, S.A. de C.V." in parties and "S.A. de C.V." not in parties


@pytest.mark.parametrize("name", ["Barza Style & Mode Co., Limited", "Hong Kong Aeonian Complex Co., Limited"])
def test_a_legal_form_after_a_comma_stays_with_its_company(name: str) -> None:
    result = _annotate(f"{name} is being designated pursuant to E.O. 13846.")
    orgs = [m.text for m in result.mentions if m.label in ("ORG", "PERSON")]
    assert "Limited" not in orgs
