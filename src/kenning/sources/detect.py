"""Which list a file is, and which files make up one publication.

Files are recognised by their official names (``sdn.csv``, ``cons_prim.csv``, ``ConList.csv``...,
from ``sources.yml``) and, for XML, by their root element. Companion files (OFAC's ``alt.csv``,
``add.csv``...) are taken from the paths given, else from the main file's folder.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from kenning import settings
from kenning.errors import InputError, StoreError
from kenning.sources.base import SourceSpec, get_source, load_catalogue
from kenning.sources.readers import check_file

__all__ = ["bundled_files", "detect_dataset", "group_paths"]

#: Root elements of the XML formats, as the first element name in the file.
_XML_ROOTS = {"CONSOLIDATED_LIST": "un_sc", "export": "eu_fsf"}
_ROOT_TAG = re.compile(rb"<(?![?!])(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def _xml_root(path: Path) -> str | None:
    check_file(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError:
        return None
    match = _ROOT_TAG.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _role_of(spec: SourceSpec, path: Path) -> str | None:
    name = path.name.lower()
    for file in spec.files:
        if name == file.name.lower() or name in (a.lower() for a in file.aliases):
            return file.role
    return None


def detect_dataset(path: Path) -> tuple[str, str]:
    """``(dataset, role)`` of one file, by its official name or its XML root element."""
    for spec in load_catalogue().values():
        role = _role_of(spec, path)
        if role is not None:
            return spec.name, role
    if path.suffix.lower() == ".xml":
        root = _xml_root(path)
        if root in _XML_ROOTS:
            return _XML_ROOTS[root], "main"
    raise InputError(f"{path}: cannot tell which list this file is (not an official file name or known "
                     "XML root); pass --dataset")


def _add_companions(spec: SourceSpec, files: dict[str, Path]) -> dict[str, Path]:
    folder = files["main"].parent
    present = {p.name.lower(): p for p in folder.iterdir()} if folder.is_dir() else {}
    for file in spec.files[1:]:
        if file.role not in files and file.name.lower() in present:
            files[file.role] = present[file.name.lower()]
    return files


def group_paths(paths: Sequence[Path], dataset: str | None = None) -> dict[str, dict[str, Path]]:
    """Group the given files into publications: ``{dataset: {role: path}}``, companions completed."""
    groups: dict[str, dict[str, Path]] = {}
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file")
        if dataset is not None:
            role = _role_of(get_source(dataset), path) or "main"
            name = dataset
        else:
            name, role = detect_dataset(path)
        group = groups.setdefault(name, {})
        if role in group:
            raise InputError(f"{path}: two files given for the {role!r} file of {name}: {group[role]}")
        group[role] = path
    for name, group in groups.items():
        if "main" not in group:
            spec = get_source(name)
            raise InputError(f"{name}: the main file {spec.main.name} is missing (got: "
                             f"{', '.join(str(p) for p in group.values())})")
        _add_companions(get_source(name), group)
    return groups


def bundled_files(spec: SourceSpec) -> dict[str, Path]:
    """The files of the snapshot bundled under ``data/`` for one dataset."""
    if not spec.bundled_dir:
        raise StoreError(f"{spec.name}: no bundled snapshot (load it from a file or with `lists update`)")
    folder = settings.DATA_DIR / spec.bundled_dir
    main = folder / spec.main.name
    if not main.exists():
        raise StoreError(f"{spec.name}: the bundled snapshot {main} is missing")
    return _add_companions(spec, {"main": main})
