"""Claims for reconciliation: the slots of each event and the facts outlets state differently."""

from __future__ import annotations

from kenning.news.events.extract import extract_events
from kenning.news.model import Claim
from newskit import build


def claims_of(text: str, mentions: list[tuple[str, str]], **kwargs: object) -> list[Claim]:
    return extract_events(build(text, mentions, **kwargs)).claims  # type: ignore[arg-type]


def facts(claims: list[Claim]) -> list[tuple[str, str, str, str | None]]:
    return [(c.subject, c.predicate, c.value, c.normalized) for c in claims if c.kind == "fact"]


def test_taking_power_in_a_relative_clause_and_in_an_adverbial_one() -> None:
    text = ("Since French troops left last August, the Malian junta, which seized power in May 2021, has turned "
            "to Wagner.\n"
            "Since seizing power in 2020, Mali's military rulers have fallen out with France.\n"
            "Since taking power in 2020, the junta in Bamako has severed defense cooperation with France.")
    found = [f for f in facts(claims_of(text, [("Wagner", "ORG"), ("France", "GPE"), ("Mali", "GPE")]))
             if f[1] == "took power"]
    assert found == [("the Malian junta", "took power", "in May 2021", "2021-05"),
                     ("Mali's military rulers", "took power", "in 2020", "2020"),
                     ("the junta in Bamako", "took power", "in 2020", "2020")]


def test_counts_and_changes_with_their_subjects() -> None:
    text = ("Wagner is thought to have some 1,000 troops in the Sahel nation.\n"
            "He says civilian deaths have tripled since Wagner forces were deployed.\n"
            "Since then, the number of civilian casualties has surged by 278 percent.\n"
            "The UK sanctioned 13 individuals, three diplomats said.")
    found = facts(claims_of(text, [("Wagner", "ORG"), ("UK", "GPE")]))
    assert ("Wagner", "have troop", "some 1,000 troops", "1000") in found
    assert ("civilian deaths", "change", "tripled", "x3") in found
    assert ("the number of civilian casualties", "change", "278 percent", "+278%") in found
    assert not any(f[2] in ("three diplomats", "13 individuals") for f in found)


def test_every_slot_of_an_event_is_a_claim_with_its_evidence() -> None:
    text = ("The U.S. Treasury sanctioned Defence Minister Sadio Camara for facilitating Wagner, it said in a "
            "statement Monday.\n"
            "Last week, Britain announced sanctions against 13 individuals and businesses.\n"
            "They are the head of Wagner in Mali and the deputy chief of staff.")
    result = extract_events(build(text, [("U.S. Treasury", "ORG"), ("Sadio Camara", "PERSON"), ("Wagner", "ORG"),
                                         ("Britain", "GPE"), ("Mali", "GPE")],
                                  links={"Sadio Camara": "42618"}))
    slots = {(c.subject, c.predicate): (c.value, c.normalized) for c in result.claims if c.kind == "sanction"}
    assert slots[("event 0", "authority")] == ("U.S. Department of the Treasury", "us")
    assert slots[("event 0", "date")] == ("Monday", "2023-07-24")
    assert slots[("event 0", "target")] == ("Sadio Camara", "us_ofac_sdn-42618")
    assert slots[("event 0", "announced_by")] == ("U.S. Treasury statement", "u.s. treasury statement")
    assert slots[("event 0", "reason")] == ("facilitating Wagner", "facilitating wagner")
    assert slots[("event 1", "target_count")] == ("13", "13")
    assert slots[("event 1", "date")] == ("Last week", "2023-W29")
    roles = sorted(c.normalized or "" for c in result.claims if c.predicate == "target_role")
    assert roles == ["deputy chief of staff", "head of wagner in mali"]
    text_of = result.article.text
    assert all(text_of[c.evidence.start:c.evidence.end] == c.evidence.text for c in result.claims)
