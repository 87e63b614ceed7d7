"""Story grouping on hand-built results over the real texts (see ``test_reconcile_seeds.py``), and the
signals, the model and the grouping rules on generated cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from kenning.errors import ConfigError
from kenning.news.model import ArticleResult
from kenning.news.stories.features import StoryFeatures, story_features
from kenning.news.stories.grouping import assign, group, story_id_for
from kenning.news.stories.model import load_model, story_model
from kenning.news.stories.score import StoryScorer
from kenning.news.stories.signals import date_range, dates_compatible
from kenning.news.stories.text import TfidfSpace, sentence_key, terms
from newskit import jy1502, jy1645, seed_000, seed_001


def test_terms_and_tfidf() -> None:
    assert terms("The U.K. sanctioned 13 individuals; Mali's junta, the junta.") == {
        "sanctioned": 1, "13": 1, "individuals": 1, "mali": 1, "junta": 2}
    space = TfidfSpace([{"wagner": 1, "mali": 1}, {"wagner": 1, "sudan": 1}, {"ransomware": 2}])
    matrix = space.matrix([{"wagner": 1, "mali": 1}, {"wagner": 1, "mali": 1}, {"ransomware": 1}])
    cosines = TfidfSpace.cosines(matrix, matrix)
    assert abs(cosines[0, 1] - 1.0) < 1e-9 and cosines[0, 2] == 0.0


def test_stored_frequencies_weigh_words_as_a_large_store_does() -> None:
    documents = [{"treasury": 1, "camara": 1}, {"treasury": 1, "maslov": 1}]
    alone = TfidfSpace(documents)
    stored = TfidfSpace(documents, ({"treasury": 900, "camara": 2, "maslov": 3}, 1000))
    common, rare = alone.vocabulary["treasury"], alone.vocabulary["camara"]
    assert stored.idf[rare] / stored.idf[common] > 4 > alone.idf[rare] / alone.idf[common]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Copyright 2016 The Associated Press. All rights reserved.", "COPYRIGHT 2017 the associated press: all "
     "rights reserved", True),
    ("For more information, click here.", "For more information, click here!", True),
    ("OFAC designated Maslov today.", "OFAC designated Camara today.", False),
])
def test_sentence_keys_ignore_case_digits_and_punctuation(a: str, b: str, same: bool) -> None:
    assert (sentence_key(a) == sentence_key(b)) is same
    assert sentence_key("Click here.") is None  # too short to say anything


def test_dates() -> None:
    assert date_range("2023-W29") == (dt.date(2023, 7, 17), dt.date(2023, 7, 23))
    assert date_range("2023-05") == (dt.date(2023, 5, 1), dt.date(2023, 5, 31))
    assert date_range("not a date") is None and date_range(None) is None
    assert dates_compatible("2023-07-24", "2023-07-25") is True
    assert dates_compatible("2023-07-24", "2023-05") is False
    assert dates_compatible("2023-07-24", None) is None


def test_features_keep_names_links_roles_and_round_trip() -> None:
    features = story_features(seed_001())
    assert features.day == "2023-07-25" and features.outlet == "The Hindu"
    assert {"name:sadio camara", "entity:us_ofac_sdn-42618"} <= features.entities
    assert features.people["name:sadio camara"] >= 1 and "entity:us_ofac_sdn-42618" in features.names
    headline = features.events[0]
    assert headline.country == "us" and headline.count == 3 and headline.named == 3 and not headline.open
    assert headline.roles == ("Defence Minister", "Air Force chief of staff", "Air Force deputy chief of staff")
    assert StoryFeatures.from_dict(features.to_dict()) == features
    undated = story_features(seed_000())
    assert undated.day is None and undated.events[0].open and "defence minister" in undated.events[0].text


def test_boilerplate_sentences_are_left_out_of_the_words() -> None:
    result = seed_001()
    key = sentence_key(result.sentences[-1].text)
    assert key is not None
    kept = story_features(result, None, {key})
    assert sum(kept.terms.values()) < sum(story_features(result).terms.values())


def test_roles_said_without_names_tie_the_undated_report_to_the_named_one() -> None:
    a, b, c = (story_features(r) for r in (seed_000(), seed_001(), jy1502()))
    scorer = StoryScorer([a, b, c])
    same = scorer.pair(a.id, b.id)
    assert same.event == 1.0 and same.score >= story_model().event_probability
    assert scorer.pair(b.id, c.id).score <= story_model().event_apart_probability  # two different actions


def test_the_seed_reports_and_their_release_form_one_story_the_may_release_another() -> None:
    may, wire, release, undated = jy1502(), seed_001(), jy1645(), seed_000()
    stories = group([story_features(r) for r in (may, wire, release, undated)])
    assert sorted(stories, key=len) == [[may.article.id],
                                        [release.article.id, wire.article.id, undated.article.id]]


def test_one_outlet_weeks_apart_is_rarely_one_story() -> None:
    wire = seed_001()
    late = ArticleResult(article=replace(wire.article, id="late", published="2023-09-01"), sentences=wire.sentences,
                         mentions=wire.mentions, events=[])
    early = ArticleResult(article=wire.article, sentences=wire.sentences, mentions=wire.mentions, events=[])
    scorer = StoryScorer([story_features(early), story_features(late)])
    pair = scorer.pair(wire.article.id, "late")
    assert pair.text > 0.99 and pair.score <= story_model().outlet_probability
    other = replace(story_features(late), outlet="Another outlet")
    assert StoryScorer([story_features(early), other]).pair(wire.article.id, "late").score > 0.5


def test_assignment_is_incremental_and_ids_are_stable() -> None:
    first, undated, release = story_features(seed_001()), story_features(seed_000()), story_features(jy1645())
    [started] = assign([first], {}).assignments
    assert started.new_story and started.story_id == story_id_for(first.id)
    [joined] = assign([undated], {started.story_id: [first]}).assignments
    assert not joined.new_story and joined.story_id == started.story_id and joined.evidence["with"] == first.id
    [later] = assign([release], {started.story_id: [first, undated]}).assignments
    assert later.story_id == started.story_id
    batch = assign([undated, release, first], {}).assignments
    assert {p.story_id for p in batch} == {story_id_for(release.id)}
    assert [p.article_id for p in batch] == [release.id, first.id, undated.id]


def test_a_report_that_shows_two_stories_were_one_merges_them() -> None:
    wire, release, undated = story_features(seed_001()), story_features(jy1645()), story_features(seed_000())
    apart = {story_id_for(wire.id): [wire], story_id_for(release.id): [release]}
    grouping = assign([undated], apart, replace(story_model(), threshold=0.9))
    [placed] = grouping.assignments
    assert placed.story_id == story_id_for(release.id)  # the earlier story keeps its id
    assert grouping.moves == {wire.id: story_id_for(release.id)}
    [merged] = grouping.changes
    assert (merged.kind, merged.story_id, merged.other_id) == ("merged", story_id_for(wire.id),
                                                               story_id_for(release.id))


def test_the_model_file_is_checked() -> None:
    good = {"window_days": 30, "undated_days": 30, "events": {"joins_from": 0.75, "probability": 0.9,
                                                             "apart_probability": 0.02},
            "same_outlet": {"after_days": 30, "probability": 0.01},
            "model": {"weights": {"text": 30.0}, "intercept": -5.0, "threshold": 0.3}}
    assert load_model(good, False).probability({"text": 1.0}) > 0.99
    with pytest.raises(ConfigError, match="unknown signals"):
        load_model({**good, "model": {"weights": {"colour": 1.0}, "intercept": 0, "threshold": 0.3}}, False)
    with pytest.raises(ConfigError, match="window_days must be a number"):
        load_model({**good, "window_days": "a month"}, False)
