"""Which targets an action is credited with (``credited``), over many generated releases: a party the report
says was sanctioned before, named outside the sentence of today's action, is not today's designee; a party
named in that sentence, or listed later with no earlier action told, is."""

from __future__ import annotations

import random
import re

from kenning.news.article import Article
from kenning.news.reconcile.summary import credited
from newskit import Build, link

PEOPLE = ["Ivan Petrov", "Sadio Keita", "Omar Haddad", "Li Wei", "Maria Santos", "Yusuf Demir", "Anna Novak",
          "Karim Toure", "Pavel Orlov", "Aisha Bello"]
GROUPS = ["the Orion Group", "Delta Mining", "the Vostok Company", "Sahel Logistics", "Northwind Shipping"]


def _nth(text: str, words: str, line: str) -> int:
    """Which occurrence of ``words`` in ``text`` stands in ``line``."""
    at = text.index(line) + line.index(words)
    return sum(1 for m in re.finditer(re.escape(words), text) if m.start() < at)


def _release(rng: random.Random, told_before: bool, in_sentence: bool) -> tuple[Build, str, str]:
    """A release: today's designee, and a group linked to them that the extractor attached to today's
    action, named in today's sentence or only in a later one, with or without a sentence telling that the
    group was sanctioned before."""
    person, group = rng.choice(PEOPLE), rng.choice(GROUPS)
    year = rng.randint(2014, 2022)
    today = (f"Today, OFAC sanctioned {person} and {group}." if in_sentence
             else f"Today, OFAC sanctioned {person}, a senior official.")
    later = f"{person} has led the operations of {group} for years."
    before = f"On June {rng.randint(1, 28)}, {year}, OFAC designated {group} pursuant to E.O. 13660."
    lines = [today, later]
    if told_before:
        lines.insert(rng.randint(1, 2), before)
    text = "\n\n".join(lines)
    b = Build(Article.create(text, "test", published="2023-05-25", published_source="header",
                             outlet="U.S. Department of the Treasury"))
    org = (link("us_ofac_sdn-2", group.upper(), "Organization"),)
    p = b.mention(person, "PERSON", links=(link("us_ofac_sdn-1", person.upper()),))
    g = b.mention(group, "ORG", nth=_nth(text, group, today if in_sentence else later), links=org)
    b.event([today], "Office of Foreign Assets Control", "us", "2023-05-25", "Today", ["designation"], [p, g])
    if told_before:
        earlier = b.mention(group, "ORG", nth=_nth(text, group, before), links=org)
        b.event([before], "Office of Foreign Assets Control", "us", f"{year}-06-01", str(year), ["designation"],
                [earlier], background=True)
    return b, person, group


def test_a_party_told_as_sanctioned_before_and_named_elsewhere_is_not_todays() -> None:
    rng = random.Random(7)
    for _ in range(100):
        told_before, in_sentence = rng.random() < 0.5, rng.random() < 0.5
        build, person, group = _release(rng, told_before, in_sentence)
        today = build.result.events[0]
        names = [t.name for t in credited(build.result, today)]
        assert person in names
        assert (group in names) == (in_sentence or not told_before), (build.text, names)
        for event in build.result.events[1:]:
            assert credited(build.result, event) == event.targets  # an earlier action keeps its own targets
