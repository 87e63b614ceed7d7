"""HTML pages: metadata and body from real pages, charsets, fallbacks, and the quality floor."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from bench.ingest_quality import score_page, summarise

from kenning.errors import ParseError
from kenning.news.ingest.collect import ingest_file, ingest_html
from kenning.news.ingest.html import HtmlOptions, extract_html
from kenning.news.ingest.page import article_from_bytes
from testkit import SetSetting

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "news"
PAGES = FIXTURES / "html"
VENTUREBEAT = "06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85"
#: Kenning's F1 on the 10 committed benchmark pages was 0.9868 when this floor was set.
F1_FLOOR = 0.98


def _page(key: str) -> bytes:
    return gzip.decompress((PAGES / f"{key}.html.gz").read_bytes())


def test_real_page_title_date_outlet_author_body() -> None:
    article = ingest_html(_page(VENTUREBEAT), "venturebeat.html")
    assert article.title == "New York State Attorney General investigating WeWork and former CEO"
    assert (article.published, article.published_source) == ("2019-11-18", "metadata")
    assert article.outlet == "VentureBeat"
    assert article.author == "Reuters"
    assert article.language == "en"
    assert article.url == ("https://venturebeat.com/2019/11/18/"
                           "new-york-state-attorney-general-investigating-wework-and-former-ceo/")
    assert article.text.startswith("(Reuters) — The New York State Attorney General (NYAG) is investigating")
    assert "Sign up" not in article.text


def test_html_file_is_recognised_by_its_content() -> None:
    article = ingest_file(FIXTURES / "site" / "report.html")
    assert article.title == "Treasury sanctions three Malian officials over Wagner ties"
    assert article.outlet == "Sahel Monitor"
    assert article.author == "Aminata Traore"
    assert article.published == "2023-07-24"
    assert "Alou Boi Diarra" in article.text
    assert "Privacy" not in article.text and "Politics" not in article.text


def test_declared_charset_decodes_the_page() -> None:
    body = "<p>La ministre de l'Économie a gelé les avoirs de la société à Bamako. </p>" * 8
    html = f"<html><head><meta charset='iso-8859-1'><title>Gel des avoirs</title></head>" \
           f"<body><article>{body}</article></body></html>"
    article = ingest_html(html.encode("iso-8859-1"), "fr.html")
    assert "l'Économie a gelé les avoirs de la société" in article.text


def test_http_charset_wins_over_guessing() -> None:
    html = "<html><body><article><p>" + "Привет, санкции против компании. " * 20 + "</p></article></body></html>"
    article = ingest_html(html.encode("koi8-r"), "ru.html", charset="koi8-r")
    assert "санкции против компании" in article.text


def test_page_without_article_structure_falls_back() -> None:
    html = "<html><body><div>Sanctions imposed on Monday against the shipping firm.</div></body></html>"
    parts = extract_html(html, "tiny.html")
    assert parts.text == "Sanctions imposed on Monday against the shipping firm."


def test_boilerplate_lines_are_dropped() -> None:
    paragraphs = "".join(f"<p>Paragraph {i} of the report on the sanctions package and its effect.</p>"
                         for i in range(12))
    html = f"<html><body><article>{paragraphs}<p>Advertisement</p><p>Read more: other news</p>" \
           f"</article></body></html>"
    kept = extract_html(html, "ads.html").text
    raw = extract_html(html, "ads.html", options=HtmlOptions(drop_boilerplate=False)).text
    assert "Advertisement" in raw and "Advertisement" not in kept
    assert "Read more" not in kept
    assert "Paragraph 11 of the report" in kept


def test_page_without_text_is_refused() -> None:
    with pytest.raises(ParseError, match=r"blank\.html: no article text found"):
        ingest_html("<html><head><title>x</title></head><body></body></html>", "blank.html")


def test_binary_and_empty_html_are_refused() -> None:
    with pytest.raises(ParseError, match=r"img\.html: expected an HTML page but the content is a PNG image"):
        ingest_html(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "img.html")
    with pytest.raises(ParseError, match=r"none\.html: the page is empty"):
        ingest_html(b"   ", "none.html")


def test_oversized_html_string_is_refused(kenning_setting: SetSetting) -> None:
    kenning_setting("NEWS_MAX_BYTES", "1000")
    with pytest.raises(ParseError, match=r"big\.html: refused: 1\.2 KiB is more than the 1000 bytes limit"):
        ingest_html("<html><body>" + "x" * 1200 + "</body></html>", "big.html")


def test_quality_floor_on_benchmark_pages() -> None:
    truth = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    assert len(truth) == 10
    scores = [score_page(value["articleBody"], extract_html(_page(key).decode("utf-8"), key).text)
              for key, value in truth.items()]
    quality = summarise(scores)
    assert quality.f1 >= F1_FLOOR, quality


def test_scoring_counts_shingles_like_the_benchmark() -> None:
    perfect = score_page("one two three four five", "one two three four five")
    assert (perfect.tp, perfect.fp, perfect.fn) == (1.0, 0.0, 0.0)
    half = score_page("a b c d e", "a b c d x")
    # shingles (a b c d), (b c d e) against (a b c d), (b c d x): one shared, one extra, one missed
    assert (half.tp, half.fp, half.fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert summarise([half]).f1 == pytest.approx(0.5)
    missing = summarise([score_page("a b c d", None)])
    assert (missing.precision, missing.recall) == (0.0, 0.0)


def test_html_fragment_file_is_read_as_html_by_its_suffix(tmp_path: Path) -> None:
    fragment = tmp_path / "fragment.html"
    fragment.write_text("<div><p>Sanctions were imposed on the shipping firm on Monday.</p></div>")
    assert ingest_file(fragment).text == "Sanctions were imposed on the shipping firm on Monday."


def test_page_served_as_generic_xml_is_read_as_a_page() -> None:
    xhtml = (FIXTURES / "site" / "second.html").read_bytes()
    assert article_from_bytes(xhtml, "second.xml", kind="feed").outlet == "Brussels Briefing"
    with pytest.raises(ParseError, match=r"rss\.xml: this is an RSS/Atom feed, not a report"):
        article_from_bytes((FIXTURES / "site" / "rss.xml").read_bytes(), "rss.xml")
