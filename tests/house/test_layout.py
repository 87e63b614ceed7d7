"""The house's layout: news split into its stages, each stating and exporting its contract."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest

import kenning.news

NEWS = Path(kenning.news.__file__).parent
STAGES = ("ingest", "nlp", "link", "events", "stories", "reconcile")


def test_news_is_its_stages_plus_at_most_twelve_shared_modules() -> None:
    packages = {p.name for p in NEWS.iterdir() if (p / "__init__.py").exists()}
    assert packages == {*STAGES, "storage"}
    assert len(list(NEWS.glob("*.py"))) <= 12


@pytest.mark.parametrize("stage", [*STAGES, "storage"])
def test_each_stage_states_its_contract_and_exports_it(stage: str) -> None:
    package = importlib.import_module(f"kenning.news.{stage}")
    doc = package.__doc__ or ""
    assert "In:" in doc and "Out:" in doc, f"kenning.news.{stage} must say what comes in and what goes out"
    assert package.__all__, f"kenning.news.{stage} exports nothing"
    for name in package.__all__:
        importlib.import_module(f"kenning.news.{stage}.{name}") if (NEWS / stage / f"{name}.py").exists() else None
        exported = getattr(package, name)
        assert not isinstance(exported, ModuleType), f"{stage}.{name} is a submodule's name: rename one of them"
        home = getattr(exported, "__module__", None)
        if isinstance(home, str) and home.startswith("kenning."):
            assert home.startswith(f"kenning.news.{stage}."), f"{stage}.{name} comes from {home}"


def test_an_unknown_name_of_a_lazy_stage_is_an_attribute_error() -> None:
    from kenning.news import nlp

    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        nlp.nothing  # noqa: B018
