"""``kenning news add|extract``, ``stories`` and ``story`` end to end, with the real pipeline.

Every bad item gets its own message on stderr, the good ones go in, and the exit code is the number of
items that failed (at most 100). The store has no lists here, so mentions are not linked (a warning says
so); linking is covered by the slow tests on the bundled lists.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from testkit import run_cli, serve_directory

SEED = Path(__file__).resolve().parents[2] / "data" / "news" / "seeds" / "001_3223975ce75752ba.txt"
#: The keys of ``kenning news extract`` output the contract requires (ArticleResult.to_dict()).
ARTICLE_KEYS = {"id", "title", "published", "url", "outlet"}
MENTION_KEYS = {"text", "label", "start", "end", "role", "links"}
EVENT_KEYS = {"type", "authority", "authority_country", "date", "date_text", "measures", "reason", "program",
              "targets", "evidence"}


def _bad_files(folder: Path) -> list[Path]:
    folder.mkdir()
    files = {"binary.png": b"\x89PNG\r\n\x1a\n" + os.urandom(2000), "empty.txt": b"",
             "undecodable.txt": b"Sanctions news \xff\xfe\x80 more" * 20}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with (folder / "big.html").open("wb") as big:
        big.write(b"<html><body><p>" + b"word " * (10 * 1024 * 1024) + b"</p></body></html>")
    (folder / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>no link</title></item><item><title>bad</title><link>not a url</link></item>"
        "</channel></rss>", encoding="utf-8")
    return sorted(folder.iterdir())


def test_add_goes_on_past_every_bad_item_and_counts_them(kenning_home: Path, tmp_path: Path) -> None:
    bad = _bad_files(tmp_path / "bad")
    with serve_directory(SEED.parent) as base:
        private = f"{base}/{SEED.name}"
        result = run_cli("news", "add", "--json", str(SEED), *map(str, bad), private)
    data = json.loads(result.out)
    assert [(a["status"], a["item"]) for a in data["articles"]] == [("added", str(SEED))]
    assert data["articles"][0]["events"] >= 1 and data["articles"][0]["story_id"].startswith("story-")
    failed = [f["item"] for f in data["failures"]]
    assert len(failed) == result.code == 7
    for path in bad:
        if path.name != "feed.xml":
            assert str(path) in failed
    assert private in failed and sum("feed.xml entry" in f for f in failed) == 2
    errors = [line for line in result.err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 7
    assert any("loopback" in line and private in line for line in errors)
    assert any("big.html" in line and "limit" in line for line in errors)
    assert "warning: mentions are not linked" in result.err


def test_a_feed_with_broken_entries_adds_the_good_ones(kenning_home: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "report.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    with serve_directory(site) as base:
        (site / "feed.xml").write_text(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            f"<item><title>good</title><link>{base}/report.txt</link></item>"
            f"<item><title>gone</title><link>{base}/missing.html</link></item>"
            "<item><title>no link</title></item></channel></rss>", encoding="utf-8")
        result = run_cli("news", "add", "--allow-private", "--json", "--feed", f"{base}/feed.xml")
    data = json.loads(result.out)
    assert result.code == 2 and len(data["failures"]) == 2
    assert [a["status"] for a in data["articles"]] == ["added"]
    assert any("missing.html" in f["item"] for f in data["failures"])


def test_the_exit_code_is_capped(kenning_home: Path, tmp_path: Path) -> None:
    empties = []
    for i in range(101):
        path = tmp_path / f"empty{i:03}.txt"
        path.write_bytes(b"")
        empties.append(str(path))
    result = run_cli("news", "add", *empties)
    assert result.code == 100 and result.err.count("the file is empty") == 101


def test_extract_prints_the_contract_and_stores_nothing(kenning_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    result = run_cli("news", "extract", "--jsonl", str(folder))
    assert result.code == 1 and "empty.txt: the file is empty" in result.err
    [line] = result.out.splitlines()
    data = json.loads(line)
    assert set(data["article"]) >= ARTICLE_KEYS and data["article"]["published"] == "2023-07-25"
    assert data["mentions"] and all(set(m) >= MENTION_KEYS for m in data["mentions"])
    camara = next(m for m in data["mentions"] if m["text"] == "Sadio Camara")
    assert camara["label"] == "PERSON" and camara["links"] == [] and camara["role"] == "Defence Minister"
    assert data["events"] and all(set(e) >= EVENT_KEYS for e in data["events"])
    assert all({"name", "role", "links"} <= set(t) for e in data["events"] for t in e["targets"])
    assert json.loads(run_cli("stories", "--json").out) == []
    body = run_cli("news", "add", "--json", str(folder / "report.txt"))
    article_id = json.loads(body.out)["articles"][0]["article_id"]
    assert article_id == data["article"]["id"]
    as_json = run_cli("news", "extract", "--json", str(folder / "report.txt"))
    assert as_json.code == 0 and json.loads(as_json.out)[0]["article"] == data["article"]
    assert json.loads(run_cli("stories", "--json").out)[0]["articles"][0]["id"] == article_id


def test_stories_and_story(kenning_home: Path) -> None:
    added = json.loads(run_cli("news", "add", "--json", str(SEED)).out)["articles"][0]
    [story] = json.loads(run_cli("stories", "--json").out)
    assert story["id"] == added["story_id"] and story["size"] == 1 and story["last_date"] == "2023-07-25"
    report = json.loads(run_cli("story", story["id"], "--json").out)
    assert report["story_id"] == story["id"] and [a["id"] for a in report["articles"]] == [added["article_id"]]
    assert report["counts"]["single-source"] >= 1 and report["counts"]["conflicting"] == 0
    readable = run_cli("story", story["id"])
    assert readable.code == 0 and "The Hindu [en] — 25 July 2023" in readable.out
    assert "Who was sanctioned, by whom and when" in readable.out and "--full` shows them" in readable.out
    full = run_cli("story", story["id"], "--full")
    assert "Said by one report only" in full.out and len(full.out) > len(readable.out)
    missing = run_cli("story", "story-nothing")
    assert missing.code == 3 and "no story 'story-nothing'" in missing.err
    table = run_cli("stories")
    assert story["id"] in table.out
