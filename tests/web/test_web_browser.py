"""The pages in a real browser: Debian's Chromium driven by Playwright against a real uvicorn server.

Screenshots are saved as artifacts in ``artifacts/screenshots/`` (search, dossier, story, batch).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from webkit import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_search_then_dossier(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/")
    page.get_by_label("Name, in any script").fill("Sadio Camara")
    page.get_by_role("button", name="Search").click()
    result = page.get_by_role("link", name="CAMARA, Sadio")
    expect(result).to_be_visible()
    first = page.locator("li.result").first
    expect(first.locator(".badge-match")).to_have_text("match")
    expect(first).to_contain_text("US OFAC SDN")
    expect(first).to_contain_text("camara (1.00), sadio (1.00)")
    screenshot(page, "search")
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CAMARA, Sadio")
    expect(page.locator("main")).to_contain_text("us_ofac_sdn-42618")
    related = page.locator("#related").locator("xpath=following-sibling::div[1]")
    expect(related.get_by_role("link", name="PRIVATE MILITARY COMPANY 'WAGNER'")).to_be_visible()
    news = page.locator(".mention-group")
    expect(news.filter(has_text="The U.S. Treasury sanctioned Defence Minister Sadio Camara")).to_have_count(1)
    expect(news.filter(has_text="They are Mali’s defence minister")).to_have_count(1)  # the other seed report
    expect(news.locator("mark", has_text="Sadio Camara").first).to_be_visible()
    screenshot(page, "dossier")


def test_seed_story_shows_the_uk_count_conflict(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/entity/us_ofac_sdn-42618")  # dossier → a seed report → its story
    page.locator(".mention-group", has_text="They are Mali’s defence minister").locator("h3 a").click()
    page.get_by_role("link", name="The story this report belongs to").click()
    expect(page.locator("section.source")).to_have_count(3)
    expect(page.locator("section.source", has_text="BBC News")).to_have_count(1)
    expect(page.locator("section.source", has_text="The Hindu")).to_have_count(1)
    conflicting = page.locator("section.fact-group", has=page.locator("#group-conflicting"))
    fact = conflicting.locator("article.fact", has_text="United Kingdom action")
    expect(fact.locator(".words", has_text="“13 individuals”")).to_have_count(1)
    expect(fact.locator(".words", has_text="“13 individuals and businesses”")).to_have_count(1)
    expect(fact.locator("mark", has_text="13 individuals and businesses")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "story", full_page=False)  # the summary first, then the conflicts
    screenshot(page, "story-full")


def test_story_page_shows_the_summary_first_and_folds_the_rest(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/stories")
    page.get_by_role("link", name="Treasury Targets Malian Officials Facilitating Wagner Group").click()
    summary = page.locator("#summary")
    expect(summary).to_be_visible()
    headline = summary.locator("li.action.headline").first
    for listed in ("CAMARA, Sadio (42618)", "DIARRA, Alou Boi (42617)", "BAGAYOKO, Adama (42616)"):
        expect(headline).to_contain_text(listed)
    expect(headline).to_contain_text("24 July 2023")
    expect(summary.locator("li.action", has_text="week of 17 July 2023")).to_have_count(1)
    # reading order on the page: summary, conflicts, complementary facts, then the folded groups
    tops = page.evaluate("""() => ['#summary', '#group-conflicting', '#group-complementary', '#group-agreed',
        '#group-single-source'].map(s => document.querySelector(s).getBoundingClientRect().top)""")
    assert tops == sorted(tops)
    expect(page.locator("#group-single-source").locator("xpath=ancestor::details")).not_to_have_attribute("open", "")
    single = page.locator("section.fact-group", has=page.locator("#group-single-source")).locator("article.fact").first
    expect(single).to_be_hidden()  # folded: one click away
    page.locator("#group-single-source").click()
    expect(single).to_be_visible()
    body = page.locator("main").inner_text()
    assert ".txt" not in body and "-W29" not in body


def test_live_search_in_cyrillic(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/")
    page.get_by_label("Name, in any script").press_sequentially("Евгений Пригожин", delay=20)
    expect(page.get_by_role("link", name="PRIGOZHIN, Yevgeniy Viktorovich")).to_be_visible()
    assert "/search?q=" in page.url  # htmx pushed the search into the address bar


def _thousand_rows(path: Path) -> Path:
    names = ["Sadio Camara", "Wagner Group", "Yevgeniy Prigozhin", "Jane Doe", "Acme Trading LLC"]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "schema", "birth_date", "country", "id_number", "ref"])
        for i in range(1000):
            writer.writerow([f"{names[i % len(names)]} {i // len(names) or ''}".strip(), "", "", "", "", f"r{i}"])
    return path


def test_batch_upload_progress_and_download(live_server: str, page: Page, tmp_path: Path) -> None:
    page.goto(f"{live_server}/screen")
    page.get_by_label("CSV file").set_input_files(str(_thousand_rows(tmp_path / "thousand.csv")))
    page.get_by_role("button", name="Screen the file").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("thousand.csv")
    expect(page.locator("#job")).to_contain_text("Done:", timeout=120_000)
    expect(page.locator("#job")).to_contain_text("1000 of 1000 rows screened")
    screenshot(page, "batch")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the results (CSV)").click()
    saved = tmp_path / "results.csv"
    info.value.save_as(saved)
    with saved.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1000
    assert [r["ref"] for r in rows[:3]] == ["r0", "r1", "r2"]
    assert rows[0]["id"] == "us_ofac_sdn-42618" and rows[0]["status"] == "match"


def test_pages_work_without_javascript(live_server: str, page_without_js: Page, tmp_path: Path) -> None:
    page = page_without_js
    page.goto(f"{live_server}/")
    page.get_by_label("Name, in any script").fill("Wagner Group")
    page.get_by_role("button", name="Search").click()
    assert "/search?q=Wagner+Group" in page.url
    page.get_by_role("link", name="PRIVATE MILITARY COMPANY 'WAGNER'").first.click()
    expect(page.locator("main")).to_contain_text("Linked to this party (18)")
    page.goto(f"{live_server}/screen")
    small = tmp_path / "small.csv"
    small.write_text("name,ref\nSadio Camara,a\nWagner Group,b\n", encoding="utf-8")
    page.get_by_label("CSV file").set_input_files(str(small))
    page.get_by_role("button", name="Screen the file").click()
    expect(page.locator("#job")).to_contain_text("Done:", timeout=60_000)  # refreshed without JavaScript
    expect(page.get_by_role("link", name="Download the results (CSV)")).to_be_visible()
