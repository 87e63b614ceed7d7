"""How fresh a loaded list is: its publication date, its age, and whether it is overdue or retired.

A list is *overdue* when its current version is older than the longest normal gap between two of its
publications (``interval_days`` in ``sources.yml``): a newer publication surely exists. A *retired* list
(``retired``) is published no more; its successor is named. A partial publication date (``2025-12``) is
aged from the last day it can mean, so the age is never overstated. ``lists status``, the API and the web
home page all show :meth:`Freshness.line`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from kenning.sources.base import SourceSpec, load_catalogue

__all__ = ["Freshness", "freshness", "latest_day"]


def latest_day(value: str | None) -> date | None:
    """The last day an ISO date or prefix can mean: ``2025-12`` → 2025-12-31, ``2025`` → 2025-12-31."""
    parts = (value or "").strip()[:10].split("-")
    try:
        numbers = [int(p) for p in parts if p]
    except ValueError:
        return None
    if not numbers or not 1000 <= numbers[0] <= 2999:
        return None
    year, month = numbers[0], numbers[1] if len(numbers) > 1 else 12
    try:
        day = numbers[2] if len(numbers) > 2 else calendar.monthrange(year, month)[1]
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class Freshness:
    """The freshness of one list's current version."""

    dataset: str
    published: str | None
    age_days: int | None
    interval_days: int | None
    overdue: bool
    retired: str | None
    successor: str | None
    #: The successor's name for people (``UK Sanctions List (FCDO)``).
    successor_title: str | None = None

    @property
    def state(self) -> str:
        """``retired``, ``overdue``, ``current`` or ``undated``."""
        if self.retired:
            return "retired"
        if self.age_days is None:
            return "undated"
        return "overdue" if self.overdue else "current"

    def line(self) -> str:
        """One sentence for people: ``published 2024-05-03, 944 days old; overdue ...``."""
        if self.published is None or self.age_days is None:
            head = "publication date unknown"
        else:
            head = f"published {self.published}, {self.age_days} day{'s' if self.age_days != 1 else ''} old"
        if self.retired:
            named = f"the {self.successor_title} ({self.successor})" if self.successor_title else self.successor
            successor = f", replaced by {named}" if self.successor else ""
            return f"{head}; retired on {self.retired}{successor}: it will not be updated"
        if self.overdue:
            return (f"{head}; overdue: this list is published at least every {self.interval_days} days "
                    "(run `kenning lists update`)")
        if self.interval_days and self.age_days is not None:
            return f"{head}; current (published at least every {self.interval_days} days)"
        return head

    def to_dict(self) -> dict[str, Any]:
        return {"published": self.published, "age_days": self.age_days, "interval_days": self.interval_days,
                "overdue": self.overdue, "retired": self.retired, "successor": self.successor,
                "state": self.state, "line": self.line()}


def freshness(dataset: str, spec: SourceSpec | None, published: str | None, today: date | None = None) -> Freshness:
    """The freshness of ``dataset`` whose current version was published on ``published``."""
    today = today or datetime.now(UTC).date()
    day = latest_day(published)
    age = max(0, (today - day).days) if day is not None else None
    interval = spec.interval_days if spec is not None else None
    retired = spec.retired if spec is not None else None
    overdue = bool(not retired and interval and age is not None and age > interval)
    successor = spec.successor if spec is not None else None
    title = load_catalogue().get(successor or "")
    return Freshness(dataset=dataset, published=published, age_days=age, interval_days=interval, overdue=overdue,
                     retired=retired, successor=successor,
                     successor_title=title.title.split(", ")[0] if title is not None else None)
