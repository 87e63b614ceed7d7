"""Reconciliation of the two seed reports (and the Treasury release of the same action), built by hand.

The results are what the pipeline should give for these texts (``data/news/seeds/gold.json``), written
out here with real offsets so reconciliation is tested on its own, fast and without the language model.
The slow tests in ``test_reconcile_pipeline.py`` run the real pipeline. The builders are imported by the
story tests too.
"""

from __future__ import annotations

from kenning.news.model import ArticleResult, Claim
from kenning.news.reconcile.claims import subject_key, value_kind
from kenning.news.reconcile.report import Fact, reconcile
from newskit import Build, jy1645, seed_000, seed_001


def facts(about: str, results: list[ArticleResult]) -> list[Fact]:
    return [f for f in reconcile(results).facts if about in f.about]


def test_uk_count_conflicts_with_each_sources_words() -> None:
    a, b = seed_000(), seed_001()
    [fact] = facts("United Kingdom action of the week of 17 July 2023: what was targeted", [a, b])
    assert fact.status == "conflicting"
    assert [(s.source, s.value, s.normalized) for s in fact.statements] == [
        (a.article.id, "13 individuals", "13 person"), (b.article.id, "13 individuals and businesses",
                                                        "13 organization+person")]
    for st, result in zip(fact.statements, (a, b), strict=True):
        assert st.evidence.words_start is not None and st.evidence.words_end is not None
        assert result.article.text[st.evidence.words_start:st.evidence.words_end] == st.value
        assert st.value in st.evidence.text


def test_junta_took_power_twice_is_possibly_different_events_not_a_conflict() -> None:
    a, b = seed_000(), seed_001()
    [fact] = facts("junta: took power", [a, b])
    assert fact.status == "possibly-different"  # one report gives both dates: Mali's two coups
    assert "one report gives both dates" in (fact.note or "")
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
    assert set(keys) == {"us-2023-07-24", "gb-week-2023-07-17", "eu-2022", "us-2023-05", "us-2023-01"}
    assert len(keys["gb-week-2023-07-17"].sources) == 2 and len(keys["us-2023-05"].sources) == 1
    assert not any("-W" in str(e.to_dict()) for e in report.events)  # weeks as date ranges, never ISO weeks
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
