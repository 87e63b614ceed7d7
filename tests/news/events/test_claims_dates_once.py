"""The events stage finds an English report's dates once and its fact claims reuse them: the claims are
those of finding the dates again, on real releases and reports of every kind the repository holds."""

from __future__ import annotations

from typing import Any

import pytest

from kenning.news.events import extract as extract_module
from kenning.news.events.claims import article_claims
from kenning.news.events.extract import extract_events
from kenning.news.ingest.collect import ingest_file
from kenning.news.nlp.annotation import annotate_many
from kenning.news.nlp.models import resources
from testkit import REPO

pytestmark = pytest.mark.slow

NEWS = REPO / "data" / "news"


def test_claims_from_the_events_dates_equal_claims_from_dates_found_again(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[int] = []

    def both(*args: Any, **kwargs: Any) -> Any:
        given = article_claims(*args, **kwargs)
        dates = args[4] if len(args) > 4 else kwargs.get("dates")
        assert dates is not None  # English reports pass their dates on
        again = article_claims(*args[:4])
        assert [c.to_dict() for c in given] == [c.to_dict() for c in again]
        compared.append(len(given))
        return given

    monkeypatch.setattr(extract_module, "article_claims", both)
    files = sorted((NEWS / "treasury_press" / "texts").glob("*.txt"))[::3] + sorted((NEWS / "seeds").glob("*.txt"))
    for result in annotate_many([ingest_file(f) for f in files], resources(use_store=False)):
        extract_events(result)
    assert len(compared) == len(files)
    assert sum(compared) > 10 * len(files)  # the reports do carry claims to compare
