"""Which list a file is, and which files make up one publication.

Files are recognised by their official names (``sdn.csv``, ``SDN_ADVANCED.XML``, ``ConList.csv``,
``UK-Sanctions-List.xml``..., from the editions in ``sources.yml``) and, for XML, by their root element;
two lists sharing a root element (OFAC's SDN and consolidated lists) are told apart by text the end of
the file holds (``contains``/``lacks``). Companion files (OFAC's ``alt.csv``, ``add.csv``...) are taken
from the paths given, else from the main file's folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kenning import settings
from kenning.errors import InputError, StoreError
from kenning.sources.base import Edition, SourceSpec, get_source, load_catalogue, xml_root
from kenning.sources.readers import check_file

__all__ = ["bundled_files", "detect_dataset", "group_paths"]

#: How much of the end of a file is searched for an edition's ``contains``/``lacks`` text.
_TAIL_BYTES = 512 * 1024


def _named(spec: SourceSpec, path: Path) -> list[tuple[Edition, str]]:
    """The editions of ``spec`` with a file of this official name (or alias), with that file's role."""
    name = path.name.lower()
    return [(edition, file.role) for edition in spec.editions for file in edition.files
            if name == file.name.lower() or name in (a.lower() for a in file.aliases)]


def _role_of(spec: SourceSpec, path: Path) -> str | None:
    named = _named(spec, path)
    return named[0][1] if named else None


def _tail(path: Path) -> bytes:
    check_file(path)
    try:
        with path.open("rb") as fh:
            fh.seek(max(0, path.stat().st_size - _TAIL_BYTES))
            return fh.read()
    except OSError:
        return b""


def _fits(edition: Edition, tail: bytes) -> bool:
    if edition.contains is not None and edition.contains.encode() not in tail:
        return False
    return edition.lacks is None or edition.lacks.encode() not in tail


#: A list a file may belong to: (dataset, edition, the file's role in that edition).
_Candidate = tuple[str, Edition, str]


def _narrow(path: Path, candidates: list[_Candidate]) -> list[_Candidate]:
    """While several lists remain: keep those whose edition's root element is the file's (for a main file
    of an edition that names one), then those whose ``contains``/``lacks`` text fits the file's end."""
    if len({name for name, _, _ in candidates}) > 1:
        root = xml_root(path)
        candidates = [c for c in candidates if c[2] != "main" or c[1].root is None or c[1].root == root]
    if len({name for name, _, _ in candidates}) > 1:
        tail = _tail(path)
        candidates = [c for c in candidates if _fits(c[1], tail)]
    return candidates


def _by_root(path: Path) -> tuple[str, str]:
    """``(dataset, 'main')`` of an XML file by its root element (and its end, when a root is shared)."""
    root = xml_root(path)
    names = sorted({name for name, _, _ in _narrow(path, [
        (spec.name, edition, "main") for spec in load_catalogue().values() for edition in spec.editions
        if root is not None and edition.root == root])})
    if len(names) == 1:
        return names[0], "main"
    if names:
        raise InputError(f"{path}: a <{root}> file could be {' or '.join(names)}; pass --dataset")
    raise InputError(f"{path}: cannot tell which list this file is (not an official file name or known "
                     "XML root); pass --dataset")


def detect_dataset(path: Path) -> tuple[str, str]:
    """``(dataset, role)`` of one file, by its official name or its XML root element.

    Two lists may publish files of one name (OFAC's and the UN's ``consolidated.xml``): then the main
    file's XML root element, and if need be the end of the file, tells them apart."""
    by_name: list[_Candidate] = []
    not_read: list[str] = []
    for spec in load_catalogue().values():
        by_name += [(spec.name, edition, role) for edition, role in _named(spec, path)]
        reason = dict(spec.not_read).get(path.name.lower())
        if reason is not None:
            not_read.append(f"{path}: {spec.title}: this edition is not read: {reason}")
    if not by_name and not_read:
        raise InputError(not_read[0])
    by_name = _narrow(path, by_name)
    names = sorted({name for name, _, _ in by_name})
    if len(names) == 1:
        return names[0], next(role for name, _, role in by_name if name == names[0])
    if names:
        raise InputError(f"{path}: a file of this name could be {' or '.join(names)}; pass --dataset")
    return _by_root(path)


def _add_companions(spec: SourceSpec, files: dict[str, Path]) -> dict[str, Path]:
    folder = files["main"].parent
    present = {p.name.lower(): p for p in folder.iterdir()} if folder.is_dir() else {}
    edition = spec.edition_for(files)
    for file in edition.files[1:]:
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
    """The files of the snapshot bundled under ``data/`` for one dataset: its first edition present there."""
    if not spec.bundled_dir:
        raise StoreError(f"{spec.name}: no bundled snapshot (load it from a file or with `lists update`)")
    folder = settings.DATA_DIR / spec.bundled_dir
    for edition in spec.editions:
        main = folder / edition.main.name
        if main.exists():
            return _add_companions(spec, {"main": main})
    raise StoreError(f"{spec.name}: the bundled snapshot {folder / spec.main.name} is missing")
