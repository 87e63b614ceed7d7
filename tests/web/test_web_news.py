"""The news pages over the bundled store with the bundled reports added through the news service:
stories, one story's facts by status with each source's words, articles, the dossier's news, escaping."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow


def _story_ids(client: TestClient) -> list[str]:
    page = client.get("/stories")
    assert page.status_code == 200
    return re.findall(r'href="/story/([^"]+)"', page.text)


def _seed_story(client: TestClient) -> str:
    """The story the two seed reports are in."""
    for story_id in _story_ids(client):
        page = client.get(f"/story/{story_id}").text
        if "The Hindu" in page and "BBC News" in page:
            return story_id
    raise AssertionError("no story holds both seed reports")


def test_stories_page_lists_every_story(news_client: TestClient) -> None:
    page = news_client.get("/stories")
    assert "<h1>Stories</h1>" in page.text
    assert "Treasury Targets Malian Officials Facilitating Wagner Group" in page.text
    assert len(_story_ids(news_client)) >= 2


def test_seed_story_shows_the_uk_count_conflict_with_each_source_words(news_client: TestClient) -> None:
    page = news_client.get(f"/story/{_seed_story(news_client)}")
    assert page.status_code == 200
    text = page.text
    conflicting = text[text.index('id="group-conflicting"'):]
    conflicting = conflicting[: conflicting.find("</section>")]
    assert "“13 individuals”" in conflicting
    assert "“13 individuals and businesses”" in conflicting
    assert "<mark>" in conflicting  # the words are highlighted in the sentence they come from


def test_story_sources_side_by_side_and_fact_groups(news_client: TestClient) -> None:
    page = news_client.get(f"/story/{_seed_story(news_client)}").text
    assert page.count('<section class="panel source">') >= 2
    for status in ("agreed", "single-source"):
        assert f'id="group-{status}"' in page
    assert 'href="/entity/us_ofac_sdn-42618"' in page  # event targets link to their dossiers


def test_story_page_reads_summary_first_then_conflicts_then_the_rest_folded(news_client: TestClient) -> None:
    page = news_client.get(f"/story/{_seed_story(news_client)}").text
    order = [page.index(marker) for marker in ('id="summary"', 'id="group-conflicting"', 'id="group-complementary"',
                                               'id="group-agreed"', 'id="group-single-source"')]
    assert order == sorted(order)
    summary = page[page.index('id="summary"'):page.index('id="group-conflicting"')]
    for listed in ("CAMARA, Sadio (42618)", "DIARRA, Alou Boi (42617)", "BAGAYOKO, Adama (42616)"):
        assert listed in summary
    assert "OFAC → US Treasury → United States" in summary and "week of 17 July 2023" in summary
    for folded in ("agreed", "single-source"):
        group = page[page.index(f'id="group-{folded}"') - 200:page.index(f'id="group-{folded}"')]
        assert "<details><summary>" in group
    assert ".txt" not in page and "-W29" not in page  # no file name as an outlet, no ISO week


def test_dossier_lists_news_mentions_highlighted_and_dated(news_client: TestClient) -> None:
    page = news_client.get("/entity/us_ofac_sdn-42618").text
    news = page[page.index('id="news"'):]
    assert "Colonel <mark>Sadio Camara</mark> (<mark>Camara</mark>), a Malian national" in news
    assert "The U.S. Treasury sanctioned Defence Minister <mark>Sadio Camara</mark>" in news  # seed 001
    assert "They are Mali’s <mark>defence minister</mark>, air force chief" in news  # seed 000, by role only
    timeline = page[page.index('id="timeline"'):page.index('id="news"')]
    assert "24 July 2023" in timeline and "designation, asset freeze" in timeline
    assert "-W2" not in timeline and "-W3" not in timeline  # dates in words, never ISO weeks
    assert "Reported by U.S. Department of the Treasury: Treasury Targets Malian Officials" in timeline
    # the legacy CSV has no listing date: the SDN first-seen history gives it, and says so
    sanctions = page[page.index('id="sanctions"'):page.index('id="timeline"')]
    assert "not published" not in sanctions and "2023-07-24" in sanctions
    assert "first seen in the published SDN list on 2023-07-24" in sanctions


def test_article_page_marks_linked_mentions(news_client: TestClient) -> None:
    story = news_client.get(f"/story/{_seed_story(news_client)}").text
    article_id = re.search(r'href="/article/([^"]+)">Treasury Targets', story)
    assert article_id is not None
    page = news_client.get(f"/article/{article_id.group(1)}")
    assert page.status_code == 200
    assert '<a class="mention" href="/entity/us_ofac_sdn-42618"><mark>Sadio Camara</mark></a>' in page.text
    assert "The story this report belongs to" in page.text


def test_unknown_story_and_article_are_404_pages(news_client: TestClient) -> None:
    for url in ("/story/story-nope", "/article/nope"):
        page = news_client.get(url)
        assert page.status_code == 404 and "<h1>Not found</h1>" in page.text


def test_markup_in_a_stored_report_is_shown_as_text(news_client: TestClient) -> None:
    pages = [news_client.get("/stories").text]
    story_ids = [s for s in _story_ids(news_client) if "alert" in news_client.get(f"/story/{s}").text]
    assert story_ids, "the hostile report's story is listed"
    story = news_client.get(f"/story/{story_ids[0]}").text
    pages.append(story)
    article_id = re.search(r'href="/article/([^"]+)">&lt;script&gt;', story)
    assert article_id is not None
    article = news_client.get(f"/article/{article_id.group(1)}").text
    pages.append(article)
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Prigozhin &lt;b&gt;bold&lt;/b&gt; claims" in article
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in article
    assert "&lt;iframe src=&#34;javascript:alert(1)&#34;&gt;&lt;/iframe&gt;" in article
    pages.append(news_client.get("/entity/us_ofac_sdn-21171").text)  # Prigozhin's dossier quotes the report
    for html in pages:
        assert "<script>alert" not in html and "<iframe" not in html and "<img src=x" not in html
        assert "<b>bold</b>" not in html
        assert html.count("<script") == 1  # only the page's own htmx
