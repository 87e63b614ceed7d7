"""Outlets by domain: every report carries an outlet name when its URL or publisher domain is known."""

from __future__ import annotations

import pytest

from kenning.news.ingest.collect import ingest_text
from kenning.news.ingest.outlets import known_outlet, outlet_name


@pytest.mark.parametrize(("value", "name"), [
    ("https://www.bbc.co.uk/news/world-africa-66295974", "BBC News"),
    ("https://edition.cnn.com/2023/07/24/africa/x", "CNN"),
    ("http://africa.chinadaily.com.cn/world/2017-09/15/content.htm", "China Daily"),
    ("nytimes.com", "The New York Times"),
    ("WWW.THEHINDU.COM", "The Hindu"),
    ("https://home.treasury.gov/news/press-releases/jy1645", "U.S. Department of the Treasury"),
])
def test_known_domains_and_their_subdomains(value: str, name: str) -> None:
    found = known_outlet(value)
    assert found is not None and found.name == name


@pytest.mark.parametrize("value", ["https://abc7chicago.com/news/x", "not a domain", "", "https://localhost/x"])
def test_unknown_domains_are_left_to_the_caller(value: str) -> None:
    assert known_outlet(value) is None


def test_a_publisher_given_as_a_domain_is_shown_by_name_and_a_name_stays() -> None:
    assert outlet_name("washingtonpost.com") == "The Washington Post"
    assert outlet_name("Reuters") == "Reuters"
    assert outlet_name(None, "https://www.reuters.com/world/x") == "Reuters"
    assert outlet_name(None, None) is None


def test_ingest_names_the_outlet_from_the_header_or_the_url() -> None:
    article = ingest_text("Publisher: npr.org\n\nA report about something.", "r.txt")
    assert article.outlet == "NPR"
    article = ingest_text("URL: https://www.aljazeera.com/news/x\n\nA report.", "r.txt")
    assert article.outlet == "Al Jazeera"
    article = ingest_text("URL: https://example.org/news/x\n\nA report.", "r.txt")
    assert article.outlet == "example.org"
