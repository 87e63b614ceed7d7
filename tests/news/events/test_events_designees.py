"""Designees attached to today's action wherever the release names them, by class: lists in their shapes,
counted references back and forward, titled members of written lists, property identified by a copula."""

from __future__ import annotations

import pytest

from kenning.news.events.extract import extract_events
from kenning.news.model import SanctionEvent
from newskit import build, names, sentences

TREASURY = "U.S. Department of the Treasury"
DAY = "2023-06-05"
COMPANIES = ["Joint Stock Company Plasma", "Nefaz Publicly Traded Company", "Kordex Joint Stock Company",
             "Embassy Development Limited"]
PEOPLE = ["Aleksey Nikolaevich Chumakov", "Mariya Vasilyevna Koleda", "Olga Ivanovna Kulygina"]


def press(text: str, mentions: list[tuple[str, str]]) -> list[SanctionEvent]:
    """The events of a release, its lines cut into sentences as the NLP stage cuts them."""
    result = build(text, mentions, published=DAY, outlet=TREASURY)
    result.sentences = sentences(text)
    starts = [s.start for s in result.sentences]
    for mention in result.mentions:
        mention.sentence = max(i for i, start in enumerate(starts) if start <= mention.start)
    return extract_events(result).events


def today(events: list[SanctionEvent]) -> list[str]:
    return [n for e in events if e.date == DAY and not e.background for n in names(e)]


def _items(marker: str, parties: list[str], tail: str) -> str:
    return "\n".join(f"{marker.format(n=i + 1)} {p}{tail}" for i, p in enumerate(parties))


LEADS = [
    "OFAC also designated the following entities pursuant to E.O. 14024 for being owned by Rostec:",
    "Today, OFAC additionally designated the following subsidiaries of Rostec pursuant to E.O. 14024. These include:",
    "OFAC is also adding four subsidiaries of VTB Bank to the SDN List. These subsidiaries provide services:",
]


@pytest.mark.parametrize("lead", LEADS)
@pytest.mark.parametrize(("marker", "tail"), [("{n}.", ", which produces machinery;"),
                                             ("-", ", a Russia-based entity."), ("•", "")])
def test_a_list_that_an_action_leads_into_belongs_to_it(lead: str, marker: str, tail: str) -> None:
    text = f"{lead}\n{_items(marker, COMPANIES, tail)}\nSANCTIONS IMPLICATIONS"
    mentions = [(c, "ORG") for c in COMPANIES] + [("OFAC", "ORG"), ("Rostec", "ORG"), ("VTB Bank", "ORG")]
    assert today(press(text, mentions)) == COMPANIES


@pytest.mark.parametrize("role", ["UDV board member", "Boroday's aide and UDV's representative",
                                  "UDV's so-called DNR representative"])
def test_an_items_party_is_the_head_of_its_phrase_not_its_first_name(role: str) -> None:
    lead = "OFAC designated the following individuals for being leaders of the UDV:"
    items = "\n".join(f"{i + 1}. {role} {p};" for i, p in enumerate(PEOPLE))
    mentions = [(p, "PERSON") for p in PEOPLE] + [("UDV", "ORG"), ("Boroday", "PERSON"), ("DNR", "ORG")]
    assert today(press(f"{lead}\n{items}", mentions)) == PEOPLE


def test_a_counted_action_takes_the_list_one_paragraph_of_prose_later() -> None:
    text = (f"Today OFAC is designating the remaining four entities of the network.\n"
            "This action follows efforts by the network to evade sanctions.\n"
            f"{_items('{n}.', COMPANIES, '')}")
    mentions = [(c, "ORG") for c in COMPANIES] + [("OFAC", "ORG")]
    assert today(press(text, mentions)) == COMPANIES


@pytest.mark.parametrize("lead", ["OFAC issued the following general licenses:",
                                  "The network used the following front companies:",
                                  "OFAC previously designated the following entities in 2019:"])
def test_a_list_no_action_of_today_leads_into_is_not_todays(lead: str) -> None:
    text = f"Today, OFAC designated Bank Melli.\n{lead}\n{_items('-', COMPANIES, '')}"
    mentions = [(c, "ORG") for c in COMPANIES] + [("OFAC", "ORG"), ("Bank Melli", "ORG")]
    assert today(press(text, mentions)) == ["Bank Melli"]


@pytest.mark.parametrize(("count", "split"), [("three", 3), ("four", 2), ("four", 4)])
def test_a_counted_reference_points_at_the_lists_that_add_up_to_its_count(count: str, split: int) -> None:
    parties = COMPANIES[:3] if count == "three" else COMPANIES
    first, second = parties[:split], parties[split:]
    text = f"Pavel also controls companies, {', '.join(first[:-1])} and {first[-1]}.\n"
    if second:
        text += f"SUBSIDIARIES\nHis wife owns the remaining companies, {' and '.join(second)}.\n"
    text += f"These {count} companies are being designated pursuant to E.O. 14024 for being owned by Pavel."
    mentions = [(c, "ORG") for c in parties] + [("Pavel", "PERSON")]
    assert sorted(today(press(text, mentions))) == sorted(parties)


def test_a_count_that_the_lists_do_not_add_up_to_takes_none_of_them() -> None:
    text = (f"Pavel also controls two companies, {COMPANIES[0]} and {COMPANIES[1]}.\n"
            "These five companies are being designated pursuant to E.O. 14024.")
    found = today(press(text, [(c, "ORG") for c in COMPANIES[:2]] + [("Pavel", "PERSON")]))
    assert not set(COMPANIES[:2]) <= set(found)


def test_the_following_counted_group_points_forward_across_section_headings() -> None:
    text = ("Today, OFAC designated three officials of the Government of Nicaragua.\n"
            "The following three individuals serve the regime. They are designated for being officials.\n"
            "STATE ACTS OF VIOLENCE\n"
            "Since 2018 the regime has cracked down on protests led by Rosario Murillo.\n"
            f"{PEOPLE[0]} is a brigadier general.\n"
            "DISINFORMATION\n"
            f"{PEOPLE[1]} is the director general of TELCOR. Rosario Murillo praised her.\n"
            f"{PEOPLE[2]} is a retired major general.\n"
            "SANCTIONS IMPLICATIONS")
    mentions = [(p, "PERSON") for p in PEOPLE] + [("OFAC", "ORG"), ("Rosario Murillo", "PERSON"), ("TELCOR", "ORG")]
    assert sorted(today(press(text, mentions))) == sorted(PEOPLE)


def test_these_following_individuals_take_the_parties_introduced_in_the_next_paragraph() -> None:
    text = ("Today, OFAC is designating the remaining members of the Security Council. Each of these following "
            "individuals is being designated pursuant to E.O. 14024.\n"
            f"{PEOPLE[0]} (Chumakov) is a member of the council. Chumakov has also been sanctioned by Canada. "
            f"{PEOPLE[1]} (Koleda) is a member and a governor. {PEOPLE[2]} (Kulygina) is a member.\n"
            "SANCTIONS IMPLICATIONS")
    mentions = [(p, "PERSON") for p in PEOPLE] + [("OFAC", "ORG"), ("Canada", "GPE")]
    assert today(press(text, mentions)) == PEOPLE


@pytest.mark.parametrize("title", ["InfoRos Executive Editor", "InfoRos web master", "related financial companies"])
def test_a_title_between_members_keeps_the_written_list_together(title: str) -> None:
    text = (f"OFAC is designating InfoRos General Directors {PEOPLE[0]} and {PEOPLE[1]}, {title} {PEOPLE[2]}, "
            "and InfoRos employee Valeriy Ivanovich Pogrebenkov, for acting for or on behalf of InfoRos.")
    everyone = [*PEOPLE, "Valeriy Ivanovich Pogrebenkov"]
    mentions = [(p, "PERSON") for p in everyone] + [("OFAC", "ORG"), ("InfoRos", "ORG")]
    assert sorted(today(press(text, mentions))) == sorted(everyone)


def test_what_a_member_heads_is_not_a_member() -> None:
    text = f"OFAC designated {PEOPLE[0]}, the head of Rostec, for operating in the defense sector."
    assert today(press(text, [(PEOPLE[0], "PERSON"), ("Rostec", "ORG"), ("OFAC", "ORG")])) == [PEOPLE[0]]


@pytest.mark.parametrize(("subject", "crafts"), [
    ("The Zephyr I and the Boceanica are", ["Zephyr I", "Boceanica"]),
    ("The Rain Drop is", ["Rain Drop"]),
    ("The Bueno, Bluefins, and B Luminosa are", ["Bueno", "Bluefins", "B Luminosa"]),
])
def test_property_identified_with_a_copula(subject: str, crafts: list[str]) -> None:
    text = f"{subject} property in which Viktor Artemov has an interest."
    assert today(press(text, [("Viktor Artemov", "PERSON")])) == crafts


def test_vessels_named_before_their_imo_number() -> None:
    text = ("OFAC is also identifying five vessels owned by Alfa-Lizing OOO as blocked property: products tanker "
            "Lady Leila (IMO 9683740), chemical/oil tanker Lady Rania (IMO 9784893), and general cargo vessel "
            "Sv Konstantin (IMO 9203710).")
    found = today(press(text, [("Alfa-Lizing OOO", "ORG"), ("OFAC", "ORG")]))
    assert found == ["Lady Leila", "Lady Rania", "Sv Konstantin"]
