"""Plain-text reports: header block, body, dates, the Article record, and refused files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kenning.errors import InputError, KenningError, ParseError
from kenning.news.article import Article
from kenning.news.ingest.collect import ingest_file, ingest_many, ingest_text
from testkit import SetSetting

REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO / "data" / "news" / "seeds"
TREASURY = REPO / "data" / "news" / "treasury_press" / "texts" / "2021-09-17_jy0361.txt"
SITE = REPO / "tests" / "fixtures" / "news" / "site"


def test_text_without_header_is_all_body() -> None:
    article = ingest_text("Title of nothing\nThe minister was sanctioned.\n", "memo.txt")
    assert article.text == "Title of nothing\nThe minister was sanctioned."
    assert article.title is None
    assert article.source == "memo.txt"


def test_header_fields_and_body() -> None:
    raw = "Title: Freeze\nDate: 2023-07-24\nURL: https://news.example.com/a/1\nPublisher: Example News\n" \
          "License: CC0\n\nBody line one.\nBody line two.\n"
    article = ingest_text(raw, "freeze.txt")
    assert article.title == "Freeze"
    assert article.text == "Body line one.\nBody line two."
    assert (article.published, article.published_source, article.published_text) == \
        ("2023-07-24", "header", "2023-07-24")
    assert article.url == "https://news.example.com/a/1"
    assert article.outlet == "Example News"


def test_outlet_falls_back_to_the_known_outlet_then_the_registered_domain() -> None:
    article = ingest_text("URL: https://www.bbc.co.uk/news/world-1\n\nA report.", "r.txt")
    assert article.outlet == "BBC News"
    article = ingest_text("URL: https://news.smalltown-gazette.co.uk/news/world-1\n\nA report.", "r.txt")
    assert article.outlet == "smalltown-gazette.co.uk"


def test_unreadable_header_date_is_noted_and_text_date_used() -> None:
    article = ingest_text("Date: sometime\n\nWASHINGTON, July 24, 2023 — Treasury acted.", "r.txt")
    assert (article.published, article.published_source, article.published_text) == \
        ("2023-07-24", "text", "July 24, 2023")
    assert any("'sometime'" in note for note in article.notes)


def test_seed_001_date_comes_from_its_first_line() -> None:
    article = ingest_file(SEEDS / "001_3223975ce75752ba.txt")
    assert article.published == "2023-07-25"
    assert article.published_source == "text"
    assert article.published_text == "2023-07-25"
    assert article.text.startswith("date 2023-07-25 July 25, 2023 11:25 pm")


def test_seed_000_has_no_date_and_says_why() -> None:
    article = ingest_file(SEEDS / "000_e3adef94a2369754.txt")
    assert article.published is None
    assert article.published_source is None
    assert article.notes == ("publication date unknown: no usable date in a header, the page metadata "
                             "or the first words of the text", "language en detected from the text")
    assert article.language == "en"
    assert article.text.startswith("The US has placed sanctions on three top Malian officials")


def test_treasury_text_uses_the_header() -> None:
    article = ingest_file(TREASURY)
    assert article.published == "2021-09-17"
    assert article.published_source == "header"
    assert article.outlet == "U.S. Department of the Treasury"
    assert article.url == "https://home.treasury.gov/news/press-releases/jy0361"
    assert article.title is not None and article.title.startswith("United States Issues New Executive Order")
    assert article.text.startswith("U.S. Commits to Free Flow of Humanitarian Assistance")
    assert "License:" not in article.text


def test_id_is_stable_and_ignores_layout() -> None:
    a = ingest_text("The minister  was sanctioned.\r\n", "a.txt")
    b = ingest_text("the minister was\nsanctioned", "b.txt")
    assert a.id == b.id == a.content_hash[:16]
    assert len(a.id) == 16 and len(a.fingerprint) == 16


def test_json_round_trip() -> None:
    article = ingest_file(TREASURY)
    again = Article.from_dict(json.loads(json.dumps(article.to_dict())))
    assert again == article


def test_from_dict_refuses_unknown_fields() -> None:
    data = ingest_text("Some report.", "a.txt").to_dict() | {"colour": "red"}
    with pytest.raises(InputError, match="colour"):
        Article.from_dict(data)


def test_article_refuses_a_date_without_source() -> None:
    with pytest.raises(InputError, match="needs its source"):
        Article.create("A report.", "a.txt", published="2023-07-24")


def test_binary_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"listing\.pdf: .*a PDF document"):
        ingest_file(SITE / "listing.pdf")
    zipped = tmp_path / "archive.txt"
    zipped.write_bytes(b"PK\x03\x04" + b"\x00" * 30)
    with pytest.raises(ParseError, match="ZIP archive"):
        ingest_file(zipped)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n")
    with pytest.raises(ParseError, match=r"empty\.txt: the file is empty"):
        ingest_file(empty)


def test_undecodable_text_names_line_and_offset(tmp_path: Path) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_bytes(b"First line.\nSecond line with caf\xe9.\n")
    with pytest.raises(ParseError) as info:
        ingest_file(bad)
    assert info.value.line == 2
    assert "byte 0xe9 at byte offset 32" in str(info.value)
    assert str(bad) in str(info.value)


def test_header_only_file_has_no_body(tmp_path: Path) -> None:
    bare = tmp_path / "bare.txt"
    bare.write_text("Title: Nothing follows\nDate: 2023-07-24\n")
    with pytest.raises(ParseError, match="no body text"):
        ingest_file(bare)


def test_oversized_file_is_refused_before_reading(tmp_path: Path, kenning_setting: SetSetting) -> None:
    page = tmp_path / "huge.html"
    with page.open("wb") as handle:
        handle.write(b"<html><body><p>")
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ParseError, match=r"huge\.html: refused: 50\.0 MiB is more than the 10\.0 MiB limit"):
        ingest_file(page)
    kenning_setting("NEWS_MAX_BYTES", "100")
    with pytest.raises(ParseError, match="more than the 100 bytes limit"):
        ingest_file(TREASURY)


def test_ingest_many_goes_on_after_failures(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    items = [SEEDS / "000_e3adef94a2369754.txt", empty, SITE / "listing.pdf", tmp_path / "absent.txt",
             TREASURY]
    articles, failures = ingest_many(items)
    assert [a.source for a in articles] == [str(items[0]), str(TREASURY)]
    assert [f.item for f in failures] == [str(empty), str(items[2]), str(items[3])]
    assert all(f.error is ParseError and f.exit_code == 2 for f in failures)
    assert "No such file" in failures[2].message
    assert isinstance(ParseError("x", "y"), KenningError)
