"""Display words for codes (short list names, search schemas, fact statuses), read from ``labels.yml``."""

from __future__ import annotations

from pathlib import Path

from kenning.datafiles import read_mapping

__all__ = ["LABELS", "dataset_label"]


def _load() -> dict[str, dict[str, str]]:
    data = read_mapping(Path(__file__).parent / "labels.yml")
    return {str(k): {str(a): str(b) for a, b in v.items()} for k, v in data.items()}


LABELS = _load()


def dataset_label(dataset: str) -> str:
    """``us_ofac_sdn`` → ``US OFAC SDN``; unknown datasets keep their code."""
    return LABELS["datasets"].get(dataset, dataset)
