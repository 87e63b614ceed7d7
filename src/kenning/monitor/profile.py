"""The matcher a monitoring state is computed with, pinned: algorithm, threshold, name tables, part rarity.

The part rarity (how informative each name part is, from how many listed names carry it) changes a little
with every list version; the profile keeps the one of the lists when it was made, so a pair scores the same
in every run and an incremental run equals a full re-screen. A new profile — made when the algorithm or
the name tables change, or on request (``kenning monitor run --new-profile``) — means a full re-screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kenning.errors import StoreError
from kenning.matching.algorithms import get_algorithm
from kenning.matching.build import matcher_digest, open_index
from kenning.monitor.parts import RULE_VERSION
from kenning.monitor.screen import Screening
from kenning.monitor.storage import audit
from kenning.monitor.storage.locking import write_tx
from kenning.monitor.storage.reads import profile_row
from kenning.monitor.storage.state import insert_profile, latest_profile
from kenning.store import Store

__all__ = ["Profile", "current_profile", "profile_by_id"]


@dataclass(frozen=True)
class Profile:
    id: int
    algorithm: str
    threshold: float
    matcher: str
    rarity: dict[str, float]

    def screening(self) -> Screening:
        return Screening(get_algorithm(self.algorithm), self.threshold, self.rarity)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "algorithm": self.algorithm, "threshold": self.threshold, "matcher": self.matcher,
                "rarity_parts": len(self.rarity)}


def _of(row: Any) -> Profile:
    return Profile(int(row.id), row.algorithm, float(row.threshold), row.matcher, dict(row.rarity))


def profile_by_id(store: Store, profile_id: int) -> Profile:
    row = profile_row(store, profile_id)
    if row is None:
        raise StoreError(f"monitoring profile {profile_id} is missing from the store")
    return _of(row)


def current_profile(store: Store, renew: bool = False, actor: str = "kenning") -> tuple[Profile, bool]:
    """The profile to screen with, and whether it is new (made now: the default algorithm or the name tables
    changed, or ``renew``). Needs loaded lists to make one."""
    row = latest_profile(store)
    algorithm = get_algorithm(None)
    digest = f"{matcher_digest()}-r{RULE_VERSION}"
    if row is not None and not renew and row.algorithm == algorithm.name and row.matcher == digest:
        return _of(row), False
    if not store.current_versions():
        raise StoreError("no lists are loaded: run `kenning lists load` first")
    index, _same_as = open_index(store, show_progress=False)
    with write_tx(store) as conn:
        profile_id = insert_profile(conn, algorithm.name, algorithm.threshold, digest, dict(index.rarity))
        audit.append(conn, actor, "profile.create", f"profile:{profile_id}",
                     before={"profile": None if row is None else int(row.id)},
                     after={"algorithm": algorithm.name, "threshold": algorithm.threshold, "matcher": digest,
                            "rarity_parts": len(index.rarity)})
    audit.write_head(store)
    row = latest_profile(store)
    assert row is not None
    return _of(row), True
