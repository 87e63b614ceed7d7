"""Average-link grouping and stable story ids, on generated cases."""

from __future__ import annotations

import random

import numpy as np
import pytest

from kenning.news.stories.cluster import average_link, settle, story_id_for


def _blocks(sizes: list[int], seed: int, inside: float = 0.8, outside: float = 0.1) -> np.ndarray:
    """Probabilities of reports in groups of ``sizes``: high inside a group, low across, with noise."""
    rng = random.Random(seed)
    labels = [g for g, size in enumerate(sizes) for _ in range(size)]
    count = len(labels)
    scores = np.zeros((count, count))
    for i in range(count):
        for j in range(i + 1, count):
            base = inside if labels[i] == labels[j] else outside
            scores[i, j] = scores[j, i] = min(1.0, max(0.0, base + rng.uniform(-0.15, 0.15)))
    return scores


@pytest.mark.parametrize("seed", range(20))
def test_average_link_recovers_groups(seed: int) -> None:
    rng = random.Random(seed)
    sizes = [rng.randint(1, 6) for _ in range(rng.randint(2, 8))]
    groups = average_link(_blocks(sizes, seed), 0.45)
    expected, start = [], 0
    for size in sizes:
        expected.append(list(range(start, start + size)))
        start += size
    assert groups == expected


def test_a_chain_of_look_alikes_is_not_one_story() -> None:
    # a~b and b~c are strong, a~c is not: single link would join all three, average link does not
    scores = np.array([[0.0, 0.9, 0.0], [0.9, 0.0, 0.9], [0.0, 0.9, 0.0]])
    assert average_link(scores, 0.5) == [[0, 1], [2]]
    assert average_link(np.zeros((0, 0)), 0.5) == []


def _order(*ids: str) -> dict[str, int]:
    return {a: i for i, a in enumerate(ids)}


def test_settle_keeps_ids_and_names_new_stories_after_their_first_report() -> None:
    stored = {"a": "story-a", "b": "story-a"}
    where, changes = settle([["a", "b", "n"], ["m"]], stored, _order("a", "b", "m", "n"))
    assert where == {"a": "story-a", "b": "story-a", "n": "story-a", "m": story_id_for("m")}
    assert changes == []


@pytest.mark.parametrize("seed", range(10))
def test_settle_merges_two_stories_a_report_bridges(seed: int) -> None:
    rng = random.Random(seed)
    left = [f"l{i}" for i in range(rng.randint(1, 4))]
    right = [f"r{i}" for i in range(rng.randint(1, 4))]
    stored = {**{a: "story-left" for a in left}, **{a: "story-right" for a in right}}
    where, changes = settle([[*left, "bridge", *right]], stored, _order(*left, *right, "bridge"))
    keeper, gone = ("story-right", "story-left") if len(right) > len(left) else ("story-left", "story-right")
    assert set(where.values()) == {keeper}
    [change] = changes
    assert (change.kind, change.story_id, change.other_id) == ("merged", gone, keeper)
    assert sorted(change.articles) == sorted(left if gone == "story-left" else right)


def test_settle_splits_a_story_that_was_two() -> None:
    stored = {"a": "story-a", "b": "story-a", "c": "story-a"}
    where, changes = settle([["a", "b"], ["c", "n"]], stored, _order("a", "b", "c", "n"))
    assert where["a"] == where["b"] == "story-a"
    assert where["c"] == where["n"] == story_id_for("c")
    [change] = changes
    assert (change.kind, change.story_id, change.other_id, change.articles) == ("split", "story-a", "story-c", ["c"])


def test_a_new_id_never_reuses_a_stored_one() -> None:
    stored = {"a": "story-c", "c": "story-x"}
    where, _changes = settle([["a"], ["c"], ["d"]], stored, _order("c", "a", "d"))
    assert len(set(where.values())) == 3 and where["a"] == "story-c" and where["c"] == "story-x"
