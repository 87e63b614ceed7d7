"""How press releases name their designees: sections, pronouns, colon lists, numbered annexes, blocking."""

from __future__ import annotations

from kenning.news.events.extract import extract_events
from kenning.news.model import SanctionEvent
from newskit import build, names

TREASURY = "U.S. Department of the Treasury"


def press(text: str, mentions: list[tuple[str, str]], **kwargs: object) -> list[SanctionEvent]:
    result = build(text, mentions, published="2023-06-05", outlet=TREASURY, **kwargs)  # type: ignore[arg-type]
    return extract_events(result).events


def test_passive_sections_without_agent_speak_as_the_publisher_on_the_release_day() -> None:
    text = ("WASHINGTON — Today, OFAC designated two officials of the Government of Nicaragua.\n"
            "JOSE ADRIAN CHAVARRIA MONTENEGRO\n"
            "Jose Adrian Chavarria Montenegro (Chavarria) is the Vice Minister of Finance and is designated for "
            "being an official of the Government of Nicaragua.\n"
            "Lashtar is designated for being an official of the Government of Nicaragua.")
    [event] = press(text, [("OFAC", "ORG"), ("Jose Adrian Chavarria Montenegro", "PERSON"), ("Chavarria", "PERSON"),
                           ("Lashtar", "PERSON"), ("Government of Nicaragua", "ORG")],
                    refers={"Chavarria": "Jose Adrian Chavarria Montenegro", "Lashtar": "Mohamed Farrara Lashtar"})
    assert names(event) == ["Jose Adrian Chavarria Montenegro", "Mohamed Farrara Lashtar"]
    assert (event.authority, event.date, event.date_text) == ("Office of Foreign Assets Control", "2023-06-05", "Today")
    assert event.reason == "being an official of the Government of Nicaragua"
    assert (event.target_description, event.target_count) == ("two officials of the Government of Nicaragua", 2)


def test_they_and_these_individuals_point_back_to_the_parties_that_open_the_section() -> None:
    text = ("OFAC TARGETS AFFILIATES OF LOCKBIT\n"
            "Ivan Gennadievich Kondratiev, a Russian national, is a LockBit affiliate.\n"
            "Kondratiev has actively engaged in LockBit ransomware attacks.\n"
            "Artur Sungatov, a Russian national, is a LockBit affiliate.\n"
            "OFAC is designating each of these individuals pursuant to E.O. 13694 for being responsible for "
            "attacks.\n"
            "MOLDOVA\n"
            "Svetlana Andreyevna Boyko and Anna Travnikova are members of the group.\n"
            "They are all being designated pursuant to E.O. 14024 for undermining the government.")
    [event] = press(text, [("Ivan Gennadievich Kondratiev", "PERSON"), ("Kondratiev", "PERSON"),
                           ("Artur Sungatov", "PERSON"), ("LockBit", "ORG"), ("OFAC", "ORG"),
                           ("Svetlana Andreyevna Boyko", "PERSON"), ("Anna Travnikova", "PERSON")],
                    refers={"Kondratiev": "Ivan Gennadievich Kondratiev"})
    assert names(event) == ["Ivan Gennadievich Kondratiev", "Artur Sungatov", "Svetlana Andreyevna Boyko",
                            "Anna Travnikova"]
    assert event.program == "E.O. 13694; E.O. 14024"


def test_a_colon_list_in_the_sentence_and_a_numbered_annex_after_it() -> None:
    text = ("Today, OFAC is also designating four entities that are owned or controlled by Nascimento: "
            "Cochan S.A., Cochan Holdings LLC, Geni SARL, and Geni Novas Tecnologias S.A.\n"
            "The property and interests in property of the following VTB Bank subsidiaries are blocked:\n"
            "1. VTB Bank Belarus Closed Joint Stock Company is a bank located in Belarus.\n"
            "2. Banco VTB Africa SA is a bank located in Angola.\n"
            "\n"
            "SANCTIONS IMPLICATIONS")
    [event] = press(text, [("OFAC", "ORG"), ("Nascimento", "PERSON"), ("Cochan S.A.", "ORG"),
                           ("Cochan Holdings LLC", "ORG"), ("Geni SARL", "ORG"), ("Geni Novas Tecnologias S.A.", "ORG"),
                           ("VTB Bank", "ORG"), ("VTB Bank Belarus Closed Joint Stock Company", "ORG"),
                           ("Belarus", "GPE"), ("Angola", "GPE")])
    assert names(event) == ["Cochan S.A.", "Cochan Holdings LLC", "Geni SARL", "Geni Novas Tecnologias S.A.",
                            "VTB Bank Belarus Closed Joint Stock Company", "Banco VTB Africa SA"]
    assert "asset freeze" in event.measures
    assert next(t for t in event.targets if t.name == "Banco VTB Africa SA").mention is None


def test_a_counted_group_takes_the_numbered_list_after_a_paragraph_but_not_its_starred_items() -> None:
    text = ("Today OFAC is designating the remaining three State Duma members pursuant to E.O. 14024.\n"
            "This action follows efforts by occupying forces to call for referenda.\n"
            "1. Olga Nikolaevna Alimova\n"
            "2. Georgy Konstantinovich Arapov*3. Otary Ionovich Arshba\n"
            "OFAC has previously designated one of these State Duma members, indicated above with an asterisk.")
    today, before = press(text, [("OFAC", "ORG"), ("Olga Nikolaevna Alimova", "PERSON"),
                                 ("Georgy Konstantinovich Arapov", "PERSON"), ("Otary Ionovich Arshba", "PERSON")])
    assert names(today) == ["Olga Nikolaevna Alimova", "Otary Ionovich Arshba"]
    assert (today.target_description, today.target_count) == ("the remaining three State Duma members", 3)
    assert (before.background, before.date, before.target_description) == (
        True, None, "one of these State Duma members")


def test_redesignations_previous_designations_and_today_stay_apart() -> None:
    text = ("OFAC redesignated Sergei B. Ivanov and designated his son Sergei S. Ivanov pursuant to E.O. 14024.\n"
            "Shoigu was re-designated today after previously being designated on February 25, 2022.\n"
            "The Wagner Group also has been sanctioned by Australia, Canada, and the European Union.")
    events = press(text, [("OFAC", "ORG"), ("Sergei B. Ivanov", "PERSON"), ("Sergei S. Ivanov", "PERSON"),
                          ("Shoigu", "PERSON"), ("Wagner Group", "ORG"), ("Australia", "GPE"), ("Canada", "GPE"),
                          ("European Union", "ORG")])
    summary = [(e.authority_country, e.date, e.background, e.measures[0], names(e)) for e in events]
    assert events[2].date_text == "on February 25, 2022"
    assert summary == [
        ("us", "2023-06-05", False, "redesignation", ["Sergei B. Ivanov", "Shoigu"]),
        ("us", "2023-06-05", False, "designation", ["Sergei S. Ivanov"]),
        ("us", "2022-02-25", True, "designation", ["Shoigu"]),
        ("au", None, True, "designation", ["Wagner Group"]),
        ("ca", None, True, "designation", ["Wagner Group"]),
        ("eu", None, True, "designation", ["Wagner Group"])]


def test_a_release_that_designates_nobody_has_no_event() -> None:
    text = ("WASHINGTON — Today, President Biden signed an Executive Order terminating the national emergency.\n"
            "OFAC sanctions compliance requirements apply to the virtual currency industry.\n"
            "OFAC will generally not impose sanctions on non-U.S. persons that engage in authorized transactions.\n"
            "As a result of today's action, all property and interests in property of blocked persons are "
            "blocked and must be reported to OFAC.\n"
            "The power of OFAC sanctions derives from OFAC's ability to designate and add persons to the SDN List.")
    assert press(text, [("OFAC", "ORG"), ("Biden", "PERSON")]) == []


def test_short_forms_defined_in_parentheses_and_the_following_targets() -> None:
    text = ("Treasury is also designating the following targets to degrade Russia's war machine.\n"
            "Federal State Unitary Enterprise Scientific and Production Enterprise Gamma (Gamma) is a "
            "Russia-based technology entity.\n"
            "Gamma is being designated pursuant to E.O. 14024 for operating in the defense sector.\n"
            "Alan Valeryevich Lushnikov is the largest shareholder of Kalashnikov Concern.\n"
            "SANCTIONS IMPLICATIONS")
    full = "Federal State Unitary Enterprise Scientific and Production Enterprise Gamma"
    [event] = press(text, [(full, "ORG"), ("Gamma", "ORG"), ("Alan Valeryevich Lushnikov", "PERSON"),
                           ("Kalashnikov Concern", "ORG")], links={full: "40177"})
    assert names(event) == [full, "Alan Valeryevich Lushnikov"]
    assert [link.source_id for link in event.targets[0].links] == ["40177"]


def test_vessels_and_aircraft_identified_as_blocked_property() -> None:
    text = ("Today, OFAC designated Sterling Shipping Incorporated for operating in the marine sector.\n"
            "OFAC also identified the *NS Champion* and *HS Atlantica* as property in which Sterling Shipping "
            "Incorporated has an interest.\n"
            "OFAC identified as property in which Aviacon Zitotrans has an interest two aircraft with tail numbers "
            "RA-76842 and RA-76502.\n"
            "The Queen Luca is being identified as property in which Elvegard Shipping Ltd. has an interest.")
    [event] = press(text, [("OFAC", "ORG"), ("Sterling Shipping Incorporated", "ORG"), ("Aviacon Zitotrans", "ORG"),
                           ("Elvegard Shipping Ltd.", "ORG")])
    assert names(event) == ["Sterling Shipping Incorporated", "NS Champion", "HS Atlantica", "RA-76842", "RA-76502",
                            "Queen Luca"]
    assert sorted(event.measures) == ["asset freeze", "blocked property identification", "designation"]


def test_a_proper_name_the_nlp_stage_missed_in_target_position_is_a_target() -> None:
    text = ("Today, OFAC designated Mali's Defence Minister.\n"
            "Elvegard Shipping Ltd. is being designated for supporting ASB Group of Companies Limited.")
    [event] = press(text, [("OFAC", "ORG"), ("Mali", "GPE"), ("ASB Group of Companies Limited", "ORG")])
    assert names(event) == ["Elvegard Shipping Ltd."]
    assert event.targets[0].mention is None
