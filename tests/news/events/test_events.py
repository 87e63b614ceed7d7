"""Sanctions events from hand-annotated sentences (real spaCy parse, mentions placed by hand).

The mentions stand in for :mod:`kenning.news.nlp.annotation` so that these tests pin the event logic alone: which
words trigger, who acts, on whom, when, what measures, why, and how sentences of one article combine.
"""

from __future__ import annotations

from kenning.news.events.extract import extract_events
from newskit import build, events_of, names


def test_active_voice_with_roles_reason_and_an_attributed_date() -> None:
    text = ("The U.S. Treasury sanctioned Defence Minister Sadio Camara, Air Force chief of staff Alou Boi Diarra, "
            "and Air Force deputy chief of staff Adama Bagayoko for \"facilitating the deployment and expansion\" "
            "of Wagner's activities in Mali, it said in a statement Monday.")
    [event] = events_of(text, [("U.S. Treasury", "ORG"), ("Sadio Camara", "PERSON"), ("Alou Boi Diarra", "PERSON"),
                               ("Adama Bagayoko", "PERSON"), ("Wagner", "ORG"), ("Mali", "GPE")])
    assert names(event) == ["Sadio Camara", "Alou Boi Diarra", "Adama Bagayoko"]
    assert (event.authority, event.authority_country) == ("U.S. Department of the Treasury", "us")
    assert (event.date, event.date_text, event.date_approx) == ("2023-07-24", "Monday", True)
    assert event.measures == ["designation", "asset freeze"]
    assert event.reason == "facilitating the deployment and expansion of Wagner's activities in Mali"
    assert event.announced_by == "U.S. Treasury statement"
    assert not event.background
    assert event.evidence[0].text == text


def test_a_described_group_keeps_the_sources_words_and_count() -> None:
    text = ("Last week, Britain announced sanctions against 13 individuals and businesses it said had links to "
            "Wagner in Mali, CAR and Sudan, accusing them of crimes there including killings and torture.")
    [event] = events_of(text, [("Britain", "GPE"), ("Wagner", "ORG"), ("Mali", "GPE"), ("Sudan", "GPE")])
    assert event.targets == []
    assert (event.target_description, event.target_count) == ("13 individuals and businesses", 13)
    assert (event.authority_country, event.date, event.date_text) == ("gb", "2023-W29", "Last week")
    assert event.reason == "crimes there including killings and torture"
    assert event.background


def test_past_designations_told_as_background_keep_their_own_dates() -> None:
    text = ("Today, OFAC sanctioned Sadio Camara.\n"
            "On June 20, 2017, OFAC designated the Wagner Group pursuant to E.O. 13660.\n"
            "In January, Washington designated Wagner as a \"transnational criminal organisation\".")
    events = events_of(text, [("OFAC", "ORG"), ("Sadio Camara", "PERSON"), ("Wagner Group", "ORG"),
                              ("Wagner", "ORG"), ("Washington", "GPE")])
    assert [(names(e), e.date, e.background) for e in events] == [
        (["Sadio Camara"], "2023-07-25", False), (["Wagner Group"], "2017-06-20", True), (["Wagner"], "2023-01", True)]
    assert events[1].program == "E.O. 13660"
    assert events[2].measures == ["transnational criminal organization designation"]
    assert events[2].authority == "United States"


def test_the_lead_and_the_dated_report_of_one_action_merge() -> None:
    text = ("The United States has sanctioned Mali's Defence Minister and two officials it accused of "
            "facilitating the Russian mercenary group Wagner.\n"
            "The U.S. Treasury sanctioned Defence Minister Sadio Camara for his role, it said Monday.")
    [event] = events_of(text, [("United States", "GPE"), ("Mali", "GPE"), ("Wagner", "ORG"),
                               ("U.S. Treasury", "ORG"), ("Sadio Camara", "PERSON")])
    assert names(event) == ["Sadio Camara"]
    assert event.date == "2023-07-24"
    assert event.authority == "U.S. Department of the Treasury"
    assert event.target_description == "Mali's Defence Minister and two officials"
    assert event.reason == "facilitating the Russian mercenary group Wagner"
    assert len(event.evidence) == 2


def test_continuations_add_targets_and_an_anaphoric_date() -> None:
    text = ("In May, the UN accused the army of murdering 500 people.\n"
            "That same month, the United States slapped sanctions on Ivan Aleksandrovich Maslov.\n"
            "Last week, Britain announced sanctions against 13 individuals and businesses.\n"
            "They include Maslov, Vitalii Viktorovitch Perfilev, and Konstantin Aleksandrovitch Pikalov.")
    events = events_of(text, [("UN", "ORG"), ("United States", "GPE"), ("Ivan Aleksandrovich Maslov", "PERSON"),
                              ("Britain", "GPE"), ("Maslov", "PERSON"), ("Vitalii Viktorovitch Perfilev", "PERSON"),
                              ("Konstantin Aleksandrovitch Pikalov", "PERSON")],
                       refers={"Maslov": "Ivan Aleksandrovich Maslov"})
    assert [(e.authority_country, e.date, names(e)) for e in events] == [
        ("us", "2023-05", ["Ivan Aleksandrovich Maslov"]),
        ("gb", "2023-W29", ["Ivan Aleksandrovich Maslov", "Vitalii Viktorovitch Perfilev",
                            "Konstantin Aleksandrovitch Pikalov"])]
    assert events[0].date_text == "That same month"


def test_noun_triggers_with_a_light_verb_and_an_announcer() -> None:
    text = ("In 2022, the European Union agreed to impose travel bans and asset freezes on five members of "
            "Mali's junta after the military rulers went back on an agreement to organise elections, three "
            "diplomats said.\n"
            "The US has placed sanctions on three top Malian officials.\n"
            "They are Mali's defence minister, air force chief and the deputy chief of staff, says US Secretary "
            "of State Antony Blinken.")
    eu, us = events_of(text, [("European Union", "ORG"), ("Mali", "GPE"), ("US", "GPE"), ("Antony Blinken", "PERSON")])
    assert (eu.authority_country, eu.date, eu.background) == ("eu", "2022", True)
    assert sorted(eu.measures) == ["asset freeze", "travel ban"]
    assert (eu.target_description, eu.target_count) == ("five members of Mali's junta", 5)
    assert eu.reason == "the military rulers went back on an agreement to organise elections"
    assert eu.announced_by == "three diplomats"
    assert (us.target_description, us.target_count, us.date) == ("three top Malian officials", 3, None)
    assert us.announced_by == "US Secretary of State Antony Blinken"


def test_without_an_article_date_relative_dates_stay_unknown_unless_anchored() -> None:
    text = "Last week, the UK sanctioned 13 individuals.\nIn 2022, the EU sanctioned five officials."
    mentions = [("UK", "GPE"), ("EU", "ORG")]
    undated = events_of(text, mentions, published=None)
    assert [(e.date, e.date_text) for e in undated] == [(None, "Last week"), ("2022", "In 2022")]
    result = extract_events(build(text, mentions, published=None), anchor="2023-07-25")
    assert [e.date for e in result.events] == ["2023-W29", "2022"]


def test_threats_conditions_negations_and_abilities_are_not_events() -> None:
    text = ("Ukraine called for sanctions on Russia.\n"
            "Washington threatened to sanction Sadio Camara.\n"
            "The EU will impose sanctions on Ivan Maslov if talks fail.\n"
            "OFAC has not designated Adama Bagayoko.\n"
            "The power of OFAC sanctions derives from OFAC's ability to designate and add persons to the SDN List.")
    assert events_of(text, [("Ukraine", "GPE"), ("Russia", "GPE"), ("Washington", "GPE"),
                            ("Sadio Camara", "PERSON"), ("EU", "ORG"), ("Ivan Maslov", "PERSON"),
                            ("OFAC", "ORG"), ("Adama Bagayoko", "PERSON")]) == []


def test_adjectives_and_context_inside_targets_are_not_targets() -> None:
    text = ("OFAC sanctioned Ivan Maslov, the head of Wagner in Mali, and two officials who work with "
            "U.S.-designated Yevgeny Prigozhin.")
    [event] = events_of(text, [("OFAC", "ORG"), ("Ivan Maslov", "PERSON"), ("Wagner", "ORG"), ("Mali", "GPE"),
                               ("Yevgeny Prigozhin", "PERSON")])
    assert names(event) == ["Ivan Maslov"]


def test_delisting_is_its_own_event() -> None:
    text = "Today, OFAC removed Acme Trading LLC from the SDN List and designated Beta Shipping Ltd."
    events = events_of(text, [("OFAC", "ORG"), ("Acme Trading LLC", "ORG"), ("Beta Shipping Ltd", "ORG")])
    assert sorted((e.measures[0], names(e)) for e in events) == [
        ("delisting", ["Acme Trading LLC"]), ("designation", ["Beta Shipping Ltd"])]


def test_links_of_the_full_name_reach_a_surname_target() -> None:
    text = "Ivan Aleksandrovich Maslov leads the group.\nToday, OFAC designated Maslov."
    [event] = events_of(text, [("Ivan Aleksandrovich Maslov", "PERSON"), ("OFAC", "ORG"), ("Maslov", "PERSON")],
                        refers={"Maslov": "Ivan Aleksandrovich Maslov"},
                        links={"Ivan Aleksandrovich Maslov": "40969"})
    [target] = event.targets
    assert (target.name, [link.source_id for link in target.links]) == ("Ivan Aleksandrovich Maslov", ["40969"])
    assert target.span is not None and target.span.text == "Maslov"
