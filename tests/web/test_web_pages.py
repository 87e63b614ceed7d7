"""Every page renders from the bundled store, with plain GET links and forms (no JavaScript needed)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow


def test_home_is_a_plain_get_form(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<form class="search" role="search" method="get" action="/search"' in page.text
    assert 'name="q"' in page.text and 'name="schema"' in page.text
    assert "<tr><td>US OFAC SDN</td>" in page.text and "<td>14,965</td><td>2024-05-03</td>" in page.text


def test_search_shows_score_badge_list_and_why(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Sadio Camara", "schema": "Person"})
    assert page.status_code == 200
    assert 'href="/entity/us_ofac_sdn-42618"' in page.text
    assert "CAMARA, Sadio" in page.text
    assert "US OFAC SDN" in page.text
    assert '<span class="badge badge-match">match</span>' in page.text
    assert "camara (1.00), sadio (1.00)" in page.text


def test_search_in_cyrillic(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Евгений Пригожин"})
    assert page.status_code == 200
    assert "PRIGOZHIN, Yevgeniy Viktorovich" in page.text


def test_search_fragment_for_htmx(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Sadio Camara"}, headers={"HX-Request": "true"})
    assert page.status_code == 200
    assert "<html" not in page.text and "CAMARA, Sadio" in page.text


def test_search_refuses_a_name_too_long(client: TestClient) -> None:
    page = client.get("/search", params={"q": "x" * 1001})
    assert page.status_code == 422
    assert "at most 1000 are accepted" in page.text


def test_unknown_entity_is_a_404_page(client: TestClient) -> None:
    page = client.get("/entity/us_ofac_sdn-999999999")
    assert page.status_code == 404
    assert "<h1>Not found</h1>" in page.text
    assert "no entity &#39;us_ofac_sdn-999999999&#39;" in page.text


def test_birth_date_and_country_confirm_a_match(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Sadio Camara", "birth_date": "1979-03-22", "country": "Mali"})
    assert page.status_code == 200
    assert "the same day (supports the match)" in page.text
    assert '<details class="qualifiers" open>' in page.text


def test_bad_birth_date_is_explained(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Sadio Camara", "birth_date": "the 22nd"})
    assert page.status_code == 422
    assert "birth date &#39;the 22nd&#39; is not a date" in page.text


def test_a_birth_date_typed_another_way_is_read(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Sadio Camara", "birth_date": "22/03/1979"})
    assert page.status_code == 200 and "the same day" in page.text


def test_a_party_on_several_lists_is_one_result_with_its_entries(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Ivan Maslov", "schema": "Person", "birth_date": "1982-07-11"})
    assert page.status_code == 200
    assert page.text.count('class="result is-match"') == 1
    assert "also on" in page.text and "Why these are one party" in page.text


def test_search_in_arabic(client: TestClient) -> None:
    page = client.get("/search", params={"q": "أيمن الظواهري"})
    assert page.status_code == 200
    assert "AIMAN MUHAMMED RABI AL-ZAWAHIRI" in page.text
    assert '<span class="badge badge-match">match</span>' in page.text


def test_dossier_puts_the_lists_side_by_side(client: TestClient) -> None:
    page = client.get("/entity/us_ofac_sdn-21171")  # Prigozhin: OFAC SDN and UK OFSI
    assert page.status_code == 200
    text = page.text
    names = text[text.index('id="names"'):text.index('id="sanctions"')]
    assert names.count('<section class="panel"') == 2
    assert "Евгений Викторович ПРИГОЖИН" in names  # the UK list's Cyrillic alias next to OFAC's names
    sanctions = text[text.index('id="sanctions"'):text.index('id="same-as"')]
    assert "<td>2020-10-15</td>" in sanctions and "LIB0071" in sanctions  # UK listing date and reference
    same_as = text[text.index('id="same-as"'):text.index('id="related"')]
    assert 'href="/entity/gb_ofsi-13968"' in same_as
    assert "the same day (supports the match)" in same_as  # the link's evidence
    timeline = text[text.index('id="timeline"'):text.index('id="news"')]
    assert "15 October 2020" in timeline and "Designated by HM Treasury" in timeline  # dates in words


def test_wagner_dossier_lists_the_sdn_entries_linked_to_it(client: TestClient) -> None:
    text = client.get("/entity/us_ofac_sdn-22543").text
    related = text[text.index('id="related"'):text.index('id="timeline"')]
    assert "Linked to this party (18)" in related
    for entry in ("us_ofac_sdn-42618", "us_ofac_sdn-42617", "us_ofac_sdn-42616", "us_ofac_sdn-22544"):
        assert f'href="/entity/{entry}"' in related
