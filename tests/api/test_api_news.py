"""POST /news (text, HTML, URL behind the address guard), GET /stories, /stories/{id}, /articles/{id},
and an entity's news, over a copy of the bundled store."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from testkit import REPO

pytestmark = pytest.mark.slow

KEY = {"X-API-Key": "news-key"}
JSON = {"Accept": "application/json"}
SEED = REPO / "data" / "news" / "seeds" / "001_3223975ce75752ba.txt"
RELEASE = REPO / "data" / "news" / "treasury_press" / "texts" / "2023-07-24_jy1645.txt"
#: US Treasury's designation of Sadio Camara (the seed event).
CAMARA = "us_ofac_sdn-42618"


def test_text_report_is_added_to_a_story(news_api: TestClient) -> None:
    response = news_api.post("/news", json={"text": RELEASE.read_text(encoding="utf-8")}, headers=KEY)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["failures"] == []
    [added] = data["articles"]
    assert added["status"] == "added" and added["story_id"] and added["links"] > 0 and added["events"] > 0
    again = news_api.post("/news", json={"text": RELEASE.read_text(encoding="utf-8")}, headers=KEY).json()
    assert again["articles"][0]["status"] == "unchanged"
    assert again["articles"][0]["article_id"] == added["article_id"]

    listed = news_api.get("/stories", headers=JSON).json()
    assert listed["total"] >= 1
    assert added["story_id"] in {s["id"] for s in listed["stories"]}
    report = news_api.get(f"/stories/{added['story_id']}").json()
    assert report["story_id"] == added["story_id"]
    assert set(report["counts"]) == {"agreed", "complementary", "conflicting", "possibly-different", "single-source"}
    stored = news_api.get(f"/articles/{added['article_id']}").json()
    assert stored["story"]["id"] == added["story_id"]
    assert "Camara" in stored["article"]["text"]


def test_entity_shows_its_news_mentions_and_events(news_api: TestClient) -> None:
    news_api.post("/news", json={"text": RELEASE.read_text(encoding="utf-8")}, headers=KEY)
    news = news_api.get(f"/entities/{CAMARA}").json()["kenning"]["news"]
    assert news, "the Treasury release names Sadio Camara"
    mention = news[0]
    assert CAMARA in mention["entity_ids"]
    assert mention["sentence"]["text"][mention["highlight"]["start"]:mention["highlight"]["end"]] == mention["text"]
    assert any(e["entity_id"] == CAMARA for m in news for e in m["events"])


def test_text_with_metadata_and_html(news_api: TestClient) -> None:
    body = {"text": SEED.read_text(encoding="utf-8").split("\n\n", 1)[-1], "title": "Mali officials sanctioned",
            "published": "2023-07-25", "outlet": "Example Wire"}
    added = news_api.post("/news", json=body, headers=KEY).json()["articles"][0]
    article = news_api.get(f"/articles/{added['article_id']}").json()["article"]
    assert article["title"] == "Mali officials sanctioned" and article["published"] == "2023-07-25"
    assert article["outlet"] == "Example Wire"
    html = ("<html><head><title>Wagner in Mali</title></head><body><article><p>The United States on Monday "
            "imposed sanctions on Ivan Maslov, the head of the Wagner Group in Mali.</p></article></body></html>")
    response = news_api.post("/news", json={"html": html}, headers=KEY)
    assert response.status_code == 200 and response.json()["articles"][0]["status"] == "added"


@pytest.mark.parametrize("url", ["http://127.0.0.1/report.html", "http://localhost:8000/", "http://10.1.2.3/x",
                                 "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[::ffff:7f00:1]/"])
def test_private_addresses_are_refused(news_api: TestClient, url: str) -> None:
    response = news_api.post("/news", json={"url": url}, headers=KEY)
    assert response.status_code == 422
    assert ": refused, " in response.json()["detail"] and "address" in response.json()["detail"]


def test_a_live_local_server_is_refused_and_never_asked(news_api: TestClient, tmp_path: Path,
                                                      page_server: tuple[str, list[str]]) -> None:
    base, asked = page_server
    (tmp_path / "report.html").write_text("<html><body><p>Ivan Maslov was sanctioned.</p></body></html>")
    response = news_api.post("/news", json={"url": f"{base}/report.html"}, headers=KEY)
    assert response.status_code == 422
    assert response.json()["detail"] == (f"{base}/report.html: refused, 127.0.0.1 is a loopback address "
                                         "(set allow_private / KENNING_ALLOW_PRIVATE_URLS to allow it)")
    assert asked == []
    assert httpx.get(f"{base}/report.html").status_code == 200 and asked == ["/report.html"]


def test_bad_news_requests(news_api: TestClient) -> None:
    assert news_api.post("/news", json={"text": "x"}).status_code == 401
    both = news_api.post("/news", json={"text": "a report", "url": "https://example.org/"}, headers=KEY)
    assert both.status_code == 422 and both.json() == {"detail": "send exactly one of 'text', 'html' or 'url'"}
    assert news_api.post("/news", json={}, headers=KEY).status_code == 422
    scheme = news_api.post("/news", json={"url": "file:///etc/passwd"}, headers=KEY)
    assert scheme.json() == {"detail": "file:///etc/passwd: only http and https URLs are fetched"}
    assert news_api.get("/stories/story-0").status_code == 404
    assert news_api.get("/articles/0000000000000000").status_code == 404


def test_stories_page_and_json_share_the_path(news_api: TestClient) -> None:
    page = news_api.get("/stories", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html")
    data = news_api.get("/stories", headers={"Accept": "application/json"})
    assert data.headers["content-type"] == "application/json" and "stories" in data.json()


def test_reports_are_extracted_in_a_child_process_made_for_the_current_lists(news_api: TestClient) -> None:
    """Extraction runs beside the server (its language pipeline never holds the server's interpreter lock)
    and in a child opened over the lists the server screens against: new lists, a new child."""
    import os

    state = news_api.app.state.kenning  # type: ignore[attr-defined]
    child = state.extraction.child_pid(state.loaded_mark)
    assert child != os.getpid()
    assert state.extraction.child_pid(state.loaded_mark) == child  # one long-lived child
    assert state.extraction.child_pid("other lists") != child
