"""The dossier's one history of a party across a list's retirement (the OFSI Consolidated List → the UK
Sanctions List): the periods of :func:`kenning.store.continuity.succession` as rows, which of the
successor's listings only repeat the designation the retired list recorded, and the switch as a dated
item of the timeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kenning.web.labels import dataset_label

__all__ = ["HistoryRow", "history_rows", "repeats_designation", "switch"]


@dataclass(frozen=True)
class HistoryRow:
    """One period of the party under one list."""

    list_label: str
    entity_id: str
    reference: str
    designated: str
    since: str
    until: str
    publication: str


def history_rows(periods: list[dict[str, Any]]) -> list[HistoryRow]:
    """The periods of a succession as rows for the page, oldest first."""
    return [HistoryRow(list_label=dataset_label(p["dataset"]), entity_id=p["id"], reference=p["reference"],
                       designated=p["designated"] or "", since=p["from"] or "", until=p["until"] or "",
                       publication=p["publication"] or "") for p in periods]


def repeats_designation(rows: list[HistoryRow], entity_id: str, listing_date: str) -> bool:
    """True for the successor's listing that carries over the designation the retired list recorded (the
    same party, the same date): the timeline shows that designation once."""
    return (len(rows) > 1 and entity_id == rows[-1].entity_id and bool(listing_date)
            and listing_date[:10] == rows[0].designated[:10])


def switch(rows: list[HistoryRow]) -> tuple[str, str] | None:
    """``(date, text)`` of the switch from the retired list to its successor, for the timeline."""
    if len(rows) < 2 or not rows[-1].since:
        return None
    old, new = rows[0], rows[-1]
    return new.since, (f"{old.list_label} retired: the party continues on the {new.list_label} as "
                       f"{new.reference} (it was {old.reference} on the {old.list_label})")
