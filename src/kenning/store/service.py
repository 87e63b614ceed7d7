"""List services the CLI, the API and the benchmarks call: load, status, diff, entity view, export."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kenning.errors import InputError, NotFoundError
from kenning.model import country_name
from kenning.progress import progress_bar
from kenning.sources.base import get_source, load_catalogue
from kenning.sources.detect import bundled_files, group_paths
from kenning.store.diff import diff_entities
from kenning.store.freshness import freshness
from kenning.store.loader import LoadResult, Publication, load_publication, parse_publication, sha256_files
from kenning.store.schema import versions
from kenning.store.store import Store

__all__ = ["diff_sources", "load_lists", "status"]


def _existing(store: Store, dataset: str, files: dict[str, Path]) -> LoadResult | None:
    digest, _ = sha256_files(files)
    with store.connect() as conn:
        found = conn.execute(select(versions.c.id).where(
            versions.c.dataset == dataset, versions.c.sha256 == digest)).scalar()
    if found is None:
        return None
    info = store.version(int(found))
    assert info is not None
    current = store.current_versions().get(dataset)
    return LoadResult("unchanged", info, current is not None and current.id == info.id, 0.0)


def load_files(store: Store, dataset: str, files: dict[str, Path], *, published: str | None = None,
               check_counts: bool = True, show_progress: bool = True,
               guard: Callable[[Publication], None] | None = None) -> LoadResult:
    """Load one publication unless the same files are already stored; ``guard`` may refuse the parsed
    publication (by raising) before anything is written."""
    existing = _existing(store, dataset, files)
    if existing is not None:
        return existing
    with progress_bar(f"parsing {dataset}", enabled=show_progress) as advance:
        pub = parse_publication(dataset, files, published=published, check_counts=check_counts,
                                progress=advance)
    if guard is not None:
        guard(pub)
    with progress_bar(f"storing {dataset}", enabled=False):
        return load_publication(store, pub)


def load_lists(store: Store, dataset: str | None = None, paths: Sequence[Path] = (), *,
               check_counts: bool = True, show_progress: bool = True) -> list[LoadResult]:
    """Load the given files, or the bundled snapshot of one dataset or of every bundled dataset."""
    results = []
    if paths:
        for name, files in group_paths(paths, dataset).items():
            results.append(load_files(store, name, files, check_counts=check_counts,
                                      show_progress=show_progress))
        return results
    names = [dataset] if dataset else [n for n, s in load_catalogue().items() if s.bundled_dir]
    for name in names:
        spec = get_source(name)
        results.append(load_files(store, name, bundled_files(spec), published=spec.bundled_published,
                                  check_counts=check_counts, show_progress=show_progress))
    return results


def status(store: Store, today: date | None = None) -> dict[str, Any]:
    """Per dataset: listed parties by schema, current version, publication date, when loaded, and its
    freshness (age, overdue or retired: :mod:`kenning.store.freshness`)."""
    out: dict[str, Any] = {}
    catalogue = load_catalogue()
    all_versions = store.versions()
    for name, info in store.current_versions().items():
        targets = {k: v for k, v in info.schema_counts.items()
                   if k in ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")}
        spec = catalogue.get(name)
        out[name] = {
            "title": spec.title if spec else name,
            "entities": info.entity_count,
            "by_schema": targets,
            "records": {k: v for k, v in info.schema_counts.items() if k not in targets},
            "version": info.id,
            "versions_stored": sum(1 for v in all_versions if v.dataset == name),
            "publication_date": info.publication_date,
            "loaded_at": info.loaded_at.isoformat(),
            "sha256": info.sha256,
            "files": info.files,
            "stats": info.stats,
            "warnings": info.warnings,
            "verified_on_real_file": spec.verified if spec else True,
            "freshness": freshness(name, spec, info.publication_date, today).to_dict(),
        }
    return out


def _as_version(store: Store, ref: str) -> int | None:
    if ref.isdigit() and not Path(ref).exists():
        if store.version(int(ref)) is None:
            raise NotFoundError(f"no stored version {ref} (see `kenning lists status`)")
        return int(ref)
    return None


def diff_sources(store: Store, old: str, new: str, dataset: str | None = None,
                 show_progress: bool = True) -> dict[str, Any]:
    """Diff two files of one list, or two stored versions (given by their version numbers)."""
    old_v, new_v = _as_version(store, old), _as_version(store, new)
    if old_v is not None and new_v is not None:
        a, b = store.version(old_v), store.version(new_v)
        assert a is not None and b is not None
        if a.dataset != b.dataset:
            raise InputError(f"versions {old_v} ({a.dataset}) and {new_v} ({b.dataset}) are different lists")
        result = diff_entities(store.iter_entities(version_id=old_v), store.iter_entities(version_id=new_v))
        return {"dataset": a.dataset, "old": a.to_dict(), "new": b.to_dict(), **result.to_dict()}
    if old_v is not None or new_v is not None:
        raise InputError("compare two files or two stored version numbers, not one of each")
    groups = [group_paths([Path(p)], dataset) for p in (old, new)]
    names = [next(iter(g)) for g in groups]
    if names[0] != names[1]:
        raise InputError(f"{old} is {names[0]} but {new} is {names[1]}: not the same list")
    pubs = []
    for group in groups:
        name, files = next(iter(group.items()))
        with progress_bar(f"parsing {files['main']}", enabled=show_progress) as advance:
            pubs.append(parse_publication(name, files, check_counts=False, progress=advance))
    result = diff_entities(pubs[0].entities, pubs[1].entities)
    sides = [{"files": p.file_info, "publication_date": p.publication_date, "entity_count": len(p.targets)}
             for p in pubs]
    return {"dataset": names[0], "old": sides[0], "new": sides[1], **result.to_dict()}


def readable(properties: dict[str, list[str]]) -> dict[str, list[str]]:
    """Country codes spelled out for people (``ml`` → ``Mali``)."""
    out: dict[str, list[str]] = {}
    for prop in ("nationality", "citizenship", "country", "birthCountry", "flag", "jurisdiction"):
        if prop in properties:
            out[prop] = [country_name(c) for c in properties[prop]]
    return out
