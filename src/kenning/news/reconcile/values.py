"""How two sources' values of one fact relate: ``agreed``, ``complementary`` or ``conflicting``, and why.

Each ``relate_*`` function compares two values of one kind and returns a :data:`Relation` (status, note);
:func:`overall` folds the pairwise relations of all statements into the fact's status (the worst pair wins:
conflicting over complementary over agreed) with the note of the pair that decided it.

* dates — same value: agreed; one inside the other ("July 2023" / "2023-07-24") or within a couple of days
  for dates read from relative words: complementary; else conflicting ("May 2021" / "2020");
* bodies — same authority: agreed; one part of the other (OFAC in the Treasury): complementary; bodies of
  one government that announce together (``reconcile_announcers.yml``): complementary; else conflicting;
* announcers — the bodies their words name (``events_authorities.yml``), then as bodies;
* what was targeted — count and kinds of party (``reconcile_parties.yml``): different counts, or one count
  with different kinds ("13 individuals" / "13 individuals and businesses"): conflicting;
* measures — same set: agreed; otherwise complementary (measures add up);
* numbers — equal: agreed; both numeric and different: conflicting; a vague one ("dozens"): complementary;
* changes — a percentage ("+278%") and a factor ("x3", from "tripled") are one kind of quantity, compared
  as factors (+278% = x3.78): equal, or two percentages within :data:`CHANGE_ROUNDING` of each other:
  agreed; a factor word ("tripled") is read as rounded to the nearest whole factor, so a percentage whose
  factor lies within half a unit of it is complementary ("consistent, approximately"), one further off is
  conflicting — with a note when the factor word matches the percentage misread as a share of the start
  ("up 278%" told as "tripled": x2.78 rounds to x3, x3.78 does not); changes in opposite directions conflict;
* free text (reasons) — same content words or one inside the other: agreed/complementary, never a conflict.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from kenning.news.dates import date_interval, date_within
from kenning.news.events.authority import match_authority
from kenning.news.reconcile.vocabulary import joint_government, party_kinds
from kenning.news.reconcile.wording import lineage
from kenning.news.stories.text import terms

__all__ = ["CHANGE_ROUNDING", "Relation", "change_factor", "describe_parties", "number_value", "overall",
           "relate_announcers", "relate_authorities", "relate_changes", "relate_dates", "relate_measures",
           "relate_numbers", "relate_parties", "relate_text"]

Relation = tuple[str, str]
T = TypeVar("T")
_RANK = {"agreed": 0, "complementary": 1, "conflicting": 2}
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
_CHANGE = re.compile(r"^(?:x(?P<factor>\d+(?:\.\d+)?)|(?P<percent>[+-]\d+(?:\.\d+)?)%)$")
#: Relative difference of two percentages of change read as the same figure rounded (+278% / +280%).
CHANGE_ROUNDING = 0.02


def overall(values: Sequence[T], relate: Callable[[T, T], Relation]) -> Relation:
    """The status of a fact from all pairs of its values, with the note of the deciding pair."""
    worst: Relation = ("agreed", "every source says the same")
    for i, left in enumerate(values):
        for right in values[i + 1:]:
            relation = relate(left, right)
            if _RANK[relation[0]] > _RANK[worst[0]]:
                worst = relation
    return worst


def relate_dates(left: str, right: str, slack_days: int = 0) -> Relation:
    """Two date values (ISO day, week, month or year)."""
    if left == right:
        return "agreed", "same date"
    if date_within(left, right) or date_within(right, left):
        return "complementary", "one date is more precise than the other"
    (a0, a1), (b0, b1) = date_interval(left), date_interval(right)
    slack = dt.timedelta(days=slack_days)
    if a0 - slack <= b1 and b0 - slack <= a1:
        return "complementary", f"dates within {slack_days} days of each other"
    return "conflicting", "the dates cannot be the same"


def relate_authorities(left: str, right: str) -> Relation:
    """Two authority names of ``events_authorities.yml`` (or other words, compared as words)."""
    if left == right:
        return "agreed", "same body"
    if left in lineage(right) or right in lineage(left):
        return "complementary", "one body is part of the other"
    government = joint_government(left)
    if government is not None and government == joint_government(right):
        return "complementary", f"bodies of the {government} government that announce its sanctions together"
    return "conflicting", "different bodies"


def relate_announcers(left: str, right: str) -> Relation:
    """Who announced an action, in two sources' words."""
    a, b = match_authority(left), match_authority(right)
    if a is None or b is None:
        if _content(left) == _content(right):
            return "agreed", "same words"
        return "complementary", "the announcers cannot be compared"
    if a.name == b.name:
        return "agreed", f"both name the {a.name}"
    status, note = relate_authorities(a.name, b.name)
    return status, f"{a.name} / {b.name}: {note}"


def describe_parties(description: str | None, count: int | None) -> tuple[int | None, frozenset[str]]:
    """The count and kinds of party a description of targets states ("13 individuals and businesses")."""
    kinds: set[str] = set()
    rest = description or ""
    for pattern, kind in party_kinds():
        if pattern.search(rest):
            kinds.add(kind)
            rest = pattern.sub(" ", rest)
    return count, frozenset(kinds)


def relate_parties(left: tuple[int | None, frozenset[str]], right: tuple[int | None, frozenset[str]]) -> Relation:
    """Two statements of what an action targeted, as (count, kinds)."""
    (ca, ka), (cb, kb) = left, right
    if ca is not None and cb is not None and ca != cb:
        return "conflicting", f"different numbers ({ca} / {cb})"
    if ka and kb and ka != kb:
        if ca is not None and cb is not None:
            return "conflicting", (f"the same number of parties, of different kinds ({', '.join(sorted(ka))} / "
                                   f"{', '.join(sorted(kb))})")
        return "complementary", "different kinds of party named, without a count that excludes either"
    if (ca, ka) == (cb, kb):
        return "agreed", "same number and kinds of party"
    return "complementary", "one says more about the targets than the other"


def relate_measures(left: frozenset[str], right: frozenset[str]) -> Relation:
    """Two sets of measures."""
    if left == right:
        return "agreed", "same measures"
    if left < right or right < left:
        return "complementary", "one names more measures"
    return "complementary", "different measures named (measures add up)"


def number_value(words: str) -> float | None:
    """The number ``words`` state ("1,000" → 1000.0); None for vague words ("dozens")."""
    cleaned = words.strip().lower()
    scale = 1.0
    for word, factor in (("thousand", 1000.0), ("hundred", 100.0)):
        if cleaned.endswith(word):
            cleaned, scale = cleaned[: -len(word)].strip(), factor
    if not _NUMBER.match(cleaned):
        return None
    return float(cleaned.replace(",", "")) * scale


def relate_numbers(left: str, right: str) -> Relation:
    """Two numbers in words."""
    a, b = number_value(left), number_value(right)
    if a is not None and b is not None:
        return ("agreed", "same number") if a == b else ("conflicting", f"different numbers ({left} / {right})")
    if left.strip().lower() == right.strip().lower():
        return "agreed", "same words"
    return "complementary", "one number is vague"


def _content(text: str) -> frozenset[str]:
    return frozenset(terms(text))


def relate_text(left: str, right: str) -> Relation:
    """Two free-text values (reasons): never a conflict, since words alone cannot show one."""
    a, b = _content(left), _content(right)
    if a == b:
        return "agreed", "same words"
    if a and b and (a < b or b < a):
        return "complementary", "one says more than the other"
    union = a | b
    if union and len(a & b) / len(union) >= 0.6:
        return "agreed", "nearly the same words"
    return "complementary", "worded differently"


def change_factor(normalized: str) -> tuple[float, bool] | None:
    """A normalised change as a factor, and whether it was a percentage ("+278%" → (3.78, True),
    "x3" → (3.0, False), "-30%" → (0.7, True)); None for anything else."""
    match = _CHANGE.match(normalized.strip())
    if match is None:
        return None
    if match.group("factor") is not None:
        return float(match.group("factor")), False
    return 1 + float(match.group("percent")) / 100, True


def _percent_words(factor: float) -> str:
    return f"{(factor - 1) * 100:+g}%"


def relate_changes(left: str, right: str) -> Relation:
    """Two normalised changes of one quantity (see the module docstring)."""
    a, b = change_factor(left), change_factor(right)
    if a is None or b is None:
        return relate_numbers(left, right)
    (fa, pa), (fb, pb) = a, b
    if (fa - 1) * (fb - 1) < 0:
        return "conflicting", "one says it rose, the other that it fell"
    if fa == fb or (pa and pb and abs(fa - fb) / max(abs(fa - 1), abs(fb - 1), 1e-9) <= CHANGE_ROUNDING):
        return "agreed", "the same change"
    if pa == pb:
        return "conflicting", f"different changes (x{fa:g} / x{fb:g})"
    exact, word = (fa, fb) if pa else (fb, fa)
    if abs(exact - word) <= 0.5:
        return "complementary", (f"consistent, approximately: {_percent_words(exact)} is x{exact:.3g}, "
                                 f"which x{word:g} rounds")
    note = f"{_percent_words(exact)} is x{exact:.3g}, not x{word:g}"
    if abs((exact - 1) - word) <= 0.5:
        note += f" (x{word:g} matches {_percent_words(exact)[1:]} read as a share of the start, x{exact - 1:.3g})"
    return "conflicting", note
