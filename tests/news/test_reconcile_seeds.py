"""Reconciliation of the two seed reports (and the Treasury release of the same action), built by hand.

The results are what the pipeline should give for these texts (``data/news/seeds/gold.json``), written
out here with real offsets so reconciliation is tested on its own, fast and without the language model.
The slow tests in ``test_reconcile_pipeline.py`` run the real pipeline. The builders are imported by the
story tests too.
"""

from __future__ import annotations

import re
from pathlib import Path

from kenning.news.article import Article
from kenning.news.ingest import ingest_file
from kenning.news.model import ArticleResult, Claim, EntityLink, Mention, SanctionEvent, Span, Target
from kenning.news.reconcile import Fact, reconcile
from kenning.news.reconcile_claims import subject_key, value_kind

DATA = Path(__file__).resolve().parents[2] / "data" / "news"
SEED_000 = DATA / "seeds" / "000_e3adef94a2369754.txt"
SEED_001 = DATA / "seeds" / "001_3223975ce75752ba.txt"
PRESS = DATA / "treasury_press" / "texts"
_BOUNDARY = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def sentences(text: str) -> list[Span]:
    """Lines, cut at sentence ends, as spans (good enough for these texts)."""
    spans = []
    position = 0
    for line in text.split("\n"):
        start = position
        position += len(line) + 1
        offset = 0
        for piece in _BOUNDARY.split(line):
            at = line.index(piece, offset)
            offset = at + len(piece)
            if piece.strip():
                begin = start + at + (len(piece) - len(piece.lstrip()))
                spans.append(Span(begin, begin + len(piece.strip()), piece.strip()))
    return spans


def link(entity_id: str, caption: str, schema: str = "Person") -> EntityLink:
    dataset, source_id = entity_id.rsplit("-", 1)
    return EntityLink(entity_id, dataset, source_id, 1.0, caption, schema)


class Build:
    """An ArticleResult written by hand over a real text."""

    def __init__(self, article: Article) -> None:
        self.result = ArticleResult(article=article, sentences=sentences(article.text))

    @property
    def text(self) -> str:
        return self.result.article.text

    def span(self, words: str, nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(words, start + 1)
        return Span(start, start + len(words), words)

    def sentence(self, words: str) -> Span:
        at = self.span(words).start
        return next(s for s in self.result.sentences if s.start <= at < s.end)

    def mention(self, words: str, label: str, nth: int = 0, role: str | None = None, refers_to: str | None = None,
                links: tuple[EntityLink, ...] = ()) -> int:
        span = self.span(words, nth)
        index = next(i for i, s in enumerate(self.result.sentences) if s.start <= span.start < s.end)
        self.result.mentions.append(Mention(words, label, span.start, span.end, index, role=role,
                                            refers_to=refers_to, links=list(links)))
        return len(self.result.mentions) - 1

    def target(self, mention: int) -> Target:
        m = self.result.mentions[mention]
        return Target(name=m.refers_to or m.text, role=m.role, links=m.links, mention=mention,
                      span=Span(m.start, m.end, m.text))

    def event(self, evidence: list[str], authority: str, country: str, date: str | None, date_text: str | None,
              measures: list[str], targets: list[int] = (), **facts: object) -> None:  # type: ignore[assignment]
        self.result.events.append(SanctionEvent(
            authority=authority, authority_country=country, date=date, date_text=date_text,
            date_approx=date_text not in (None, "Today"), measures=measures, reason=facts.pop("reason", None),
            program=facts.pop("program", None), targets=[self.target(t) for t in targets],
            evidence=[self.sentence(e) for e in evidence], **facts))  # type: ignore[arg-type]


WAGNER = link("us_ofac_sdn-22543", "WAGNER GROUP", "Organization")
CAMARA = link("us_ofac_sdn-42618", "CAMARA, Sadio")
DIARRA = link("us_ofac_sdn-42617", "DIARRA, Alou Boi")
BAGAYOKO = link("us_ofac_sdn-42616", "BAGAYOKO, Adama")
MASLOV = (link("us_ofac_sdn-40969", "MASLOV, Ivan Aleksandrovich"), link("gb_ofsi-16024", "MASLOV, Ivan"))


def seed_000() -> ArticleResult:
    """The BBC-style report: the three officials only by their roles; undated (read against 2023-07-25)."""
    b = Build(ingest_file(SEED_000))
    b.mention("Antony Blinken", "PERSON", role="Secretary of State")
    wagner = [b.mention("Wagner", "ORG", nth=n, links=(WAGNER,)) for n in range(4)]
    b.mention("European Union", "ORG")
    b.mention("Sudanese Armed Forces", "ORG")
    b.event(["The US has placed sanctions", "They are Mali’s defence minister"], "United States", "us", None, None,
            ["designation"], target_description="three top Malian officials", target_count=3,
            announced_by="US Secretary of State Antony Blinken",
            reason="co-ordinating the presence of Russian private military firm Wagner in the West African country")
    b.event(["In January, Washington designated"], "United States", "us", "2023-01", "In January",
            ["transnational criminal organization designation"], [wagner[3]], background=True)
    b.event(["In 2022, the European Union"], "European Union", "eu", "2022", "In 2022", ["travel ban", "asset freeze"],
            target_description="five members of Mali’s junta", target_count=5, announced_by="three diplomats")
    b.event(["Last week, the UK sanctioned", "The sanctions target three businesses"], "United Kingdom", "gb",
            "2023-W29", "Last week", ["designation"], target_description="13 individuals", target_count=13)
    return b.result


def seed_001() -> ArticleResult:
    """The wire report: the officials by name and role, dated 2023-07-25."""
    b = Build(ingest_file(SEED_001))
    camara = b.mention("Sadio Camara", "PERSON", role="Defence Minister", links=(CAMARA,))
    diarra = b.mention("Alou Boi Diarra", "PERSON", role="Air Force chief of staff", links=(DIARRA,))
    bagayoko = b.mention("Adama Bagayoko", "PERSON", role="Air Force deputy chief of staff", links=(BAGAYOKO,))
    b.mention("Brian E. Nelson", "PERSON", role="under secretary for terrorism and financial intelligence")
    b.mention("Human Rights Watch", "ORG")
    maslov = b.mention("Ivan Aleksandrovich Maslov", "PERSON", role="head of Wagner in Mali", links=MASLOV)
    short = b.mention("Maslov", "PERSON", nth=1, refers_to="Ivan Aleksandrovich Maslov", role="head of Wagner in Mali",
                      links=MASLOV)
    perfilev = b.mention("Vitalii Viktorovitch Perfilev", "PERSON", role="Wagner's chief in CAR")
    pikalov = b.mention("Konstantin Aleksandrovitch Pikalov", "PERSON", role="the group's operations head there")
    b.event(["The United States has sanctioned Mali's", "The U.S. Treasury sanctioned Defence"],
            "U.S. Department of the Treasury", "us", "2023-07-24", "Monday", ["designation", "asset freeze"],
            [camara, diarra, bagayoko], target_description="Mali's Defence Minister and two officials",
            target_count=3, announced_by="U.S. Treasury statement",
            reason="facilitating the deployment and expansion of Wagner's activities in Mali")
    b.event(["That same month, the United States"], "United States", "us", "2023-05", "That same month",
            ["designation"], [maslov], background=True)
    b.event(["Last week, Britain announced", "They include Maslov"], "United Kingdom", "gb", "2023-W29", "Last week",
            ["designation"], [short, perfilev, pikalov], target_description="13 individuals and businesses",
            target_count=13, reason="crimes there including killings and torture")
    return b.result


def press_release(name: str, roles: dict[str, tuple[str, EntityLink]], date: str, description: str | None,
                  count: int | None, evidence: str) -> ArticleResult:
    """A Treasury release: its designees named with roles, one headline event of OFAC on its date."""
    b = Build(ingest_file(PRESS / name))
    people = [b.mention(person, "PERSON", role=role, links=(entity,)) for person, (role, entity) in roles.items()]
    b.event([evidence], "Office of Foreign Assets Control", "us", date, "Today", ["designation", "asset freeze"],
            people, target_description=description, target_count=count)
    return b.result


def jy1645() -> ArticleResult:
    return press_release("2023-07-24_jy1645.txt", {
        "Sadio Camara": ("Minister of Defense", CAMARA), "Alou Boi Diarra": ("Chief of Staff of the Air Force", DIARRA),
        "Adama Bagayoko": ("Air Force Deputy Chief of Staff", BAGAYOKO)}, "2023-07-24",
        "three Malian transition government and military officials", 3, "WASHINGTON — Today")


def jy1502() -> ArticleResult:
    return press_release("2023-05-25_jy1502.txt", {"Ivan Aleksandrovich Maslov": ("head of the Wagner Group in Mali",
                                                                                  MASLOV[0])},
                         "2023-05-25", None, None, "WASHINGTON — Today")


def facts(about: str, results: list[ArticleResult]) -> list[Fact]:
    return [f for f in reconcile(results).facts if about in f.about]


def test_uk_count_conflicts_with_each_sources_words() -> None:
    a, b = seed_000(), seed_001()
    [fact] = facts("United Kingdom action of 2023-W29: what was targeted", [a, b])
    assert fact.status == "conflicting"
    assert [(s.source, s.value, s.normalized) for s in fact.statements] == [
        (a.article.id, "13 individuals", "13 person"), (b.article.id, "13 individuals and businesses",
                                                        "13 organization+person")]
    for st, result in zip(fact.statements, (a, b), strict=True):
        assert st.evidence.words_start is not None and st.evidence.words_end is not None
        assert result.article.text[st.evidence.words_start:st.evidence.words_end] == st.value
        assert st.value in st.evidence.text


def test_junta_took_power_conflicts_across_and_within_reports() -> None:
    a, b = seed_000(), seed_001()
    [fact] = facts("junta: took power", [a, b])
    assert fact.status == "conflicting"
    assert [(s.source, s.normalized) for s in fact.statements] == [
        (a.article.id, "2021-05"), (a.article.id, "2020"), (b.article.id, "2020")]
    assert "May 2021" in fact.statements[0].value
    assert "seized power in May 2021" in fact.statements[0].evidence.text


def test_announcers_of_one_government_are_complementary() -> None:
    [fact] = facts("who announced it", [seed_000(), seed_001()])
    assert fact.status == "complementary"
    assert [s.value for s in fact.statements] == ["US Secretary of State Antony Blinken", "U.S. Treasury statement"]
    assert "announce its sanctions together" in (fact.note or "")


def test_role_only_mentions_resolve_to_the_named_people() -> None:
    a, b = seed_000(), seed_001()
    report = reconcile([a, b])
    us = report.events[0]
    assert us.authority_country == "us" and us.date == "2023-07-24" and set(us.sources) == {a.article.id, b.article.id}
    said = {t.name: us.versions[0].targets[t.key].words for t in us.targets}
    assert said == {"Sadio Camara": "defence minister", "Alou Boi Diarra": "air force chief",
                    "Adama Bagayoko": "deputy chief of staff"}
    [targeted] = [f for f in report.facts if f.about.endswith("Adama Bagayoko targeted")]
    assert targeted.status == "agreed" and targeted.sources == [a.article.id, b.article.id]
    [role] = [f for f in report.facts if f.about == "Adama Bagayoko's role"]
    assert role.status == "complementary"
    assert [s.value for s in role.statements] == ["deputy chief of staff", "Air Force deputy chief of staff"]
    start = role.statements[0].evidence.words_start
    assert start == a.article.text.index("deputy chief of staff")


def test_single_source_claims_of_the_gold_are_listed() -> None:
    report = reconcile([seed_000(), seed_001()])
    single = " ".join(s.evidence.text for f in report.facts if f.status == "single-source" for s in f.statements)
    for words in ("civilian deaths have tripled", "some 1,000 troops", "European Union agreed to impose travel bans",
                  "Human Rights Watch accused", "murdering 500 people", "These officials have made their people"):
        assert words in single
    agreed = [f for f in report.facts if f.status == "agreed"]
    assert not any("Human Rights Watch" in s.evidence.text for f in agreed for s in f.statements)


def test_nothing_in_the_us_action_is_a_conflict_and_the_release_joins_it() -> None:
    report = reconcile([seed_000(), seed_001(), jy1645()])
    us = [f for f in report.facts if f.event == report.events[0].key]
    assert {f.field for f in us} >= {"authority", "announced_by", "date", "targets", "target", "role"}
    assert not [f for f in us if f.status == "conflicting"]
    [date] = [f for f in us if f.field == "date"]
    assert date.status == "agreed" and [s.value for s in date.statements] == ["Monday", "Today"]
    [role] = [f for f in report.facts if f.about == "Sadio Camara's role"]
    assert role.status == "agreed" and [s.value for s in role.statements] == [
        "defence minister", "Defence Minister", "Minister of Defense"]


def test_events_of_other_actions_stay_apart() -> None:
    report = reconcile([seed_000(), seed_001()])
    keys = {e.key: e for e in report.events}
    assert set(keys) == {"us-2023-07-24", "gb-2023-W29", "eu-2022", "us-2023-05", "us-2023-01"}
    assert len(keys["gb-2023-W29"].sources) == 2 and len(keys["us-2023-05"].sources) == 1
    [eu] = [f for f in report.facts if f.event == "eu-2022"]
    assert eu.status == "single-source" and "five members" in eu.statements[0].value


def test_claims_of_the_event_stage_are_compared_with_the_same_rules() -> None:
    a, b = seed_000(), seed_001()
    took = Build(a.article).span("in May 2021")
    a.claims.append(Claim("the Malian junta", "took power", "in May 2021", "2021-05", took, kind="fact"))
    troops_a = Build(a.article).span("some 1,000 troops")
    a.claims.append(Claim("Wagner", "have troop", "some 1,000 troops", "1000", troops_a, kind="fact"))
    troops_b = Build(b.article).span("500 people")
    b.claims.append(Claim("Wagner", "have troop", "500 people", "500", troops_b, kind="fact"))
    b.claims.append(Claim("event 0", "target_count", "3", "3", troops_b, kind="sanction"))
    report = reconcile([a, b])
    [junta] = [f for f in report.facts if f.about == "junta: took power"]
    assert len(junta.statements) == 3
    [troops] = [f for f in report.facts if f.about == "wagner: have troop"]
    assert troops.status == "conflicting" and [s.normalized for s in troops.statements] == ["1000", "500"]
    assert not [f for f in report.facts if f.subject == "event 0"]
    assert value_kind("some 1,000 troops", "1000") == "number" and value_kind("in 2020", "2020") == "date"
    assert subject_key("Mali’s military rulers") == "junta" and subject_key("The Wagner Group") == "wagner group"
