"""One party across a list's retirement: the OFSI Consolidated List (``gb_ofsi``) and the UK Sanctions List
(``gb_fcdo``) that replaced it on 28 January 2026.

A retired list names its ``successor`` in ``sources.yml``. A party of the successor whose Sanction's
``recordId`` is a source id of the retired list is the same party — the UK Sanctions List gives each
designation the OFSI Group ID the same party had (``MAL0011`` ↔ OFSI group ``16024``). These links are
official identifiers, not matches: :func:`link_successions` stores them as same-as links of their own
method (the screening linker leaves those pairs alone), and :func:`succession` tells a party's one history
across the switch: under the retired list until it was retired, under its successor after.
"""

from __future__ import annotations

from typing import Any

from kenning.sources.base import SourceSpec, load_catalogue
from kenning.store.sameas import replace_same_as, same_as_rows
from kenning.store.store import Store

__all__ = ["METHOD", "find_successions", "link_successions", "succession"]

#: The method of the same-as links between a retired list's party and its successor's.
METHOD = "successor-record-id"


def _retired(store: Store) -> list[SourceSpec]:
    current = store.current_versions()
    return [spec for spec in load_catalogue().values()
            if spec.successor and spec.name in current and spec.successor in current]


def find_successions(store: Store) -> list[tuple[str, str, float, dict[str, Any]]]:
    """``(successor party, retired list's party, score, evidence)`` for every party carried over."""
    links = []
    for spec in _retired(store):
        sanctions = [e for e in store.iter_entities(dataset=spec.successor) if e.schema.name == "Sanction"]
        wanted = {f"{spec.name}-{r}": s for s in sanctions for r in s.get("recordId")}
        found = store.get_entities(list(wanted))
        for old_id in found:
            sanction = wanted[old_id]
            for new_id in sanction.get("entity"):
                reference = ", ".join(sanction.get("authorityId")) or new_id
                detail = (f"{spec.successor} {reference} gives the record id {old_id.split('-', 1)[1]} of "
                          f"{spec.name}, the list it replaced on {spec.retired}: the same party")
                links.append((new_id, old_id, 1.0, {"successor_record": {"score": 1.0, "weight": 1.0,
                                                                         "detail": detail}}))
    return links


def link_successions(store: Store) -> dict[str, frozenset[str]]:
    """Store the succession links (replacing this method's old ones); returns, for each linked party, the
    lists it is now linked to this way (so the screening linker leaves those pairs alone)."""
    links = find_successions(store)
    replace_same_as(store, links, METHOD)
    settled: dict[str, set[str]] = {}
    for new_id, old_id, _, _ in links:
        settled.setdefault(new_id, set()).add(old_id.split("-", 1)[0])
        settled.setdefault(old_id, set()).add(new_id.split("-", 1)[0])
    return {k: frozenset(v) for k, v in settled.items()}


def _period(store: Store, entity_id: str, retired: bool) -> dict[str, Any]:
    """One list's record of the party: the retired list's by its own id (the OFSI group), the successor's by
    the reference it gives (MAL0011)."""
    dataset, source_id = entity_id.split("-", 1)
    sanctions = [r for r in store.records_for(entity_id) if r.schema.name == "Sanction"]
    listed = sorted(d for s in sanctions for d in s.get("listingDate"))
    version = store.current_versions().get(dataset)
    spec = load_catalogue().get(dataset)
    references = [r for s in sanctions for r in s.get("authorityId")]
    return {"dataset": dataset, "id": entity_id, "list": spec.title if spec else dataset,
            "reference": source_id if retired or not references else ", ".join(references),
            "designated": listed[0] if listed else None,
            "publication": version.publication_date if version else None}


def succession(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """The party's history across a list's retirement, oldest first: each period's list, id, reference,
    designation date, from and until (None: still listed). Empty when the party has no such link."""
    with store.connect() as conn:
        rows = [r for r in same_as_rows(conn, entity_id) if r.method == METHOD]
    if not rows:
        return []
    pair = {rows[0].left_id, rows[0].right_id}
    catalogue = load_catalogue()
    old = next((i for i in pair if (s := catalogue.get(i.split("-", 1)[0])) and s.successor), None)
    if old is None:
        return []
    new = next(iter(pair - {old}))
    retired = catalogue[old.split("-", 1)[0]].retired
    before, after = _period(store, old, retired=True), _period(store, new, retired=False)
    before |= {"from": before["designated"], "until": retired}
    after |= {"from": retired, "until": None}
    return [before, after]
