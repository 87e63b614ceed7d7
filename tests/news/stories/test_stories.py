"""Story grouping on hand-built results over the real texts (see ``test_reconcile_seeds.py``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from kenning.news.model import ArticleResult
from kenning.news.stories.features import StoryFeatures, story_features
from kenning.news.stories.grouping import (
    THRESHOLD,
    StoryScorer,
    assign,
    date_range,
    dates_compatible,
    group,
    story_id_for,
)
from kenning.news.stories.text import TfidfSpace, terms
from newskit import jy1502, jy1645, seed_000, seed_001


def test_terms_and_tfidf() -> None:
    assert terms("The U.K. sanctioned 13 individuals; Mali's junta, the junta.") == {
        "sanctioned": 1, "13": 1, "individuals": 1, "mali": 1, "junta": 2}
    space = TfidfSpace([{"wagner": 1, "mali": 1}, {"wagner": 1, "sudan": 1}, {"ransomware": 2}])
    matrix = space.matrix([{"wagner": 1, "mali": 1}, {"wagner": 1, "mali": 1}, {"ransomware": 1}])
    cosines = TfidfSpace.cosines(matrix, matrix)
    assert abs(cosines[0, 1] - 1.0) < 1e-9 and cosines[0, 2] == 0.0


def test_dates() -> None:
    assert date_range("2023-W29") == (dt.date(2023, 7, 17), dt.date(2023, 7, 23))
    assert date_range("2023-05") == (dt.date(2023, 5, 1), dt.date(2023, 5, 31))
    assert date_range("not a date") is None and date_range(None) is None
    assert dates_compatible("2023-07-24", "2023-07-25") is True
    assert dates_compatible("2023-07-24", "2023-05") is False
    assert dates_compatible("2023-07-24", None) is None


def test_features_keep_names_links_roles_and_round_trip() -> None:
    features = story_features(seed_001())
    assert features.day == "2023-07-25"
    assert {"name:sadio camara", "entity:us_ofac_sdn-42618"} <= features.entities
    headline = features.events[0]
    assert headline.country == "us" and headline.count == 3 and headline.named == 3 and not headline.open
    assert headline.roles == ("Defence Minister", "Air Force chief of staff", "Air Force deputy chief of staff")
    assert StoryFeatures.from_dict(features.to_dict()) == features
    undated = story_features(seed_000())
    assert undated.day is None and undated.events[0].open and "defence minister" in undated.events[0].text


def test_roles_said_without_names_tie_the_undated_report_to_the_named_one() -> None:
    a, b, c = (story_features(r) for r in (seed_000(), seed_001(), jy1502()))
    scorer = StoryScorer([a, b, c])
    same = scorer.pair(a.id, b.id)
    other = scorer.pair(a.id, c.id)
    assert same.event == 1.0 and same.score >= THRESHOLD
    assert other.event == 0.5 and other.score < THRESHOLD


def test_the_seed_reports_and_their_release_form_one_story_the_may_release_another() -> None:
    may, wire, release, undated = jy1502(), seed_001(), jy1645(), seed_000()
    stories = group([story_features(r) for r in (may, wire, release, undated)])
    assert sorted(stories, key=len) == [[may.article.id],
                                        [release.article.id, wire.article.id, undated.article.id]]


def test_reports_weeks_apart_are_never_one_story() -> None:
    late = seed_001()
    late = ArticleResult(article=replace(late.article, published="2023-09-01"), sentences=late.sentences,
                         mentions=late.mentions, events=late.events)
    scorer = StoryScorer([story_features(late), story_features(jy1645())])
    pair = scorer.pair(late.article.id, jy1645().article.id)
    assert pair.score == 0.0 and pair.gate == "39 days apart" and pair.text > 0.2


def test_assignment_is_incremental_and_ids_are_stable() -> None:
    first, undated, release = story_features(seed_001()), story_features(seed_000()), story_features(jy1645())
    [started] = assign([first], {})
    assert started.new_story and started.story_id == story_id_for(first.id)
    [joined] = assign([undated], {started.story_id: [first]})
    assert not joined.new_story and joined.story_id == started.story_id and joined.evidence["with"] == first.id
    [later] = assign([release], {started.story_id: [first, undated]})
    assert later.story_id == started.story_id
    batch = assign([undated, release, first], {})
    assert {p.story_id for p in batch} == {story_id_for(release.id)}
    assert [p.article_id for p in batch] == [release.id, first.id, undated.id]
