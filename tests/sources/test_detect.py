"""Which list a file is: every official file name in sources.yml, including names two lists share."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kenning.errors import InputError
from kenning.sources.base import load_catalogue
from kenning.sources.detect import detect_dataset

#: (dataset, file name, root, contains) of every XML main file the catalogue names.
XML_MAINS = [(spec.name, edition.main.name, edition.root, edition.contains)
             for spec in load_catalogue().values() for edition in spec.editions
             if edition.root is not None and edition.lacks is None]
_LISTS_PER_NAME = Counter(name for _, name in {(d, f.lower()) for d, f, _, _ in XML_MAINS})
SHARED = {name for name, lists in _LISTS_PER_NAME.items() if lists > 1}


def test_the_catalogue_has_file_names_two_lists_share() -> None:
    assert "consolidated.xml" in SHARED  # OFAC's consolidated list and the UN's: the case this guards


@pytest.mark.parametrize(("dataset", "name", "root", "contains"), XML_MAINS,
                         ids=[f"{d}:{n}" for d, n, _, _ in XML_MAINS])
def test_each_official_xml_file_is_its_own_list(tmp_path: Path, dataset: str, name: str, root: str,
                                               contains: str | None) -> None:
    path = tmp_path / name
    path.write_text(f"<?xml version='1.0'?>\n<{root}>{contains or ''}</{root}>\n", encoding="utf-8")
    assert detect_dataset(path) == (dataset, "main")


def test_a_shared_name_with_an_unknown_root_asks_for_the_dataset(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_text("<?xml version='1.0'?>\n<SomethingElse/>\n", encoding="utf-8")
    with pytest.raises(InputError, match="pass --dataset"):
        detect_dataset(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig", "latin-1"])
def test_a_shared_name_is_told_apart_in_every_read_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "consolidated.xml"
    bom = "\ufeff" if encoding == "utf-16-le" else ""
    declared = "UTF-16" if encoding.startswith("utf-16") else encoding.upper().replace("-SIG", "")
    path.write_bytes(f"{bom}<?xml version='1.0' encoding='{declared}'?>\n<CONSOLIDATED_LIST/>\n".encode(encoding))
    assert detect_dataset(path) == ("un_sc", "main")
