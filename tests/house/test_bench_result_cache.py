"""The benches' cache of pipeline results is reused only by the code that made it: a run after a change to
the pipeline (or a cache from an older bench) extracts again instead of printing the old results."""

from __future__ import annotations

import json
from pathlib import Path

from bench.stories_data import code_fingerprint, extract_cached


def test_a_cache_is_reused_only_by_the_same_code(tmp_path: Path) -> None:
    cache = tmp_path / "results.json"
    kept = {"a1": {"kept": True}}
    cache.write_text(json.dumps({"code": code_fingerprint(), "results": kept}), encoding="utf-8")
    assert extract_cached([], cache) == kept
    for stale in ({"code": "0" * 16, "results": kept}, kept):  # other code; the flat format of older benches
        cache.write_text(json.dumps(stale), encoding="utf-8")
        assert extract_cached([], cache) == {}


def test_the_fingerprint_follows_the_source() -> None:
    assert code_fingerprint() == code_fingerprint()
    assert len(code_fingerprint()) == 16
