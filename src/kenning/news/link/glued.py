"""Two listed names the NER read as one ("le copain de Poutine Yevgeny Prigozhin"), split by the lists.

A person's name of three words or more that links to no one may be two names side by side: the French
model glues a surname to the full name after it. Such a mention is split in two when the lists say both
parts are names: one part, of two words or more, links on its own (a listed person's full name), and the
other does too, or is one word that is a listed surname (a candidate at the surname floor whose listed
surname it is, in any romanisation the matcher reads). Of the splits that qualify, the one whose full name
links best is kept. Each part becomes a mention of its own (its own offsets; a role before the name goes
with the first part, one after it with the second), the short forms that pointed at the whole now point at
the part that holds them, and the parts are linked as any other name: a lone surname still needs its
confirmations. The link's evidence says the name was split (``split_from``, and in its context).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol

from kenning.matching import Result
from kenning.names import normalize
from kenning.news.link.context import Cluster
from kenning.news.link.judge import Facts, Rules, Verdict, surname_matches
from kenning.news.model import ArticleResult, Mention

__all__ = ["Linker", "split_glued"]


class Linker(Protocol):
    """What the split asks of :class:`kenning.news.link.linker.Linker`."""

    rules: Rules

    def verdicts_alone(self, cluster: Cluster) -> list[Verdict]: ...

    def screen(self, name: str, schema: str) -> list[Result]: ...

    def facts(self, entity_id: str) -> Facts: ...

#: Fewest words of a name tried as two names.
MIN_WORDS = 3


def _links_alone(linker: Linker, cluster: Cluster, part: str) -> float | None:
    """The best context score of ``part`` linked as a name of its own, or None if it links to no one."""
    verdicts = linker.verdicts_alone(replace(cluster, name=part, query=""))
    return max((v.score for v in verdicts), default=None)


def _listed_surname(linker: Linker, word: str) -> bool:
    """One word that is a listed person's surname (a candidate at the surname floor)."""
    return any(r.score >= linker.rules.surname_floor and r.schema == "Person"
               and surname_matches(word, linker.facts(r.id)) and bool(linker.facts(r.id).surnames)
               for r in linker.screen(word, "Person"))


def _best_split(linker: Linker, cluster: Cluster) -> int | None:
    """The number of words of the first part of the best split of the cluster's name, or None."""
    words = cluster.name.split()
    best: tuple[float, int] | None = None
    for k in range(1, len(words)):
        parts = (" ".join(words[:k]), " ".join(words[k:]))
        scores = [_links_alone(linker, cluster, p) if len(p.split()) > 1 else None for p in parts]
        if all(s is None for s in scores):
            continue
        if not all(s is not None or (len(p.split()) == 1 and _listed_surname(linker, p))
                   for p, s in zip(parts, scores, strict=True)):
            continue
        score = max(s for s in scores if s is not None)
        if best is None or score > best[0]:
            best = (score, k)
    return None if best is None else best[1]


def _split_mention(mention: Mention, k: int) -> tuple[Mention, Mention]:
    """The mention cut before its word ``k``: two mentions with their own offsets."""
    spans = [m.span() for m in re.finditer(r"\S+", mention.text)]
    cut_end, cut_start = spans[k - 1][1], spans[k][0]
    role_after = mention.role_span is not None and mention.role_span.start >= mention.end
    first = replace(mention, text=mention.text[:cut_end], end=mention.start + cut_end, links=[], refers_to=None)
    second = replace(mention, text=mention.text[cut_start:], start=mention.start + cut_start, links=[],
                     refers_to=None)
    if role_after:
        first = replace(first, role=None, role_span=None, country=None)
    else:
        second = replace(second, role=None, role_span=None, country=None)
    return first, second


def split_glued(linker: Linker, result: ArticleResult, clusters: list[Cluster]) -> dict[str, str]:
    """Split the glued names of the article's PERSON clusters (see the module docstring): each part's
    normalised name → the whole name it was read apart from (empty: nothing split)."""
    split: dict[str, str] = {}
    for cluster in clusters:
        if cluster.label != "PERSON" or len(cluster.name.split()) < MIN_WORDS or linker.verdicts_alone(cluster):
            continue
        k = _best_split(linker, cluster)
        if k is None:
            continue
        whole = normalize(cluster.name)
        mentions: list[Mention] = []
        parts: tuple[str, str] | None = None
        for mention in result.mentions:
            if mention.label == "PERSON" and mention.refers_to is None and normalize(mention.text) == whole:
                first, second = _split_mention(mention, k)
                parts = (first.text, second.text)
                mentions.extend((first, second))
            else:
                mentions.append(mention)
        if parts is None:
            continue
        for mention in mentions:
            if mention.label == "PERSON" and mention.refers_to is not None and normalize(mention.refers_to) == whole:
                own = set(normalize(mention.text).split())
                holder = next((p for p in parts if own <= set(normalize(p).split())), None)
                mention.refers_to = None if holder is None or normalize(holder) == normalize(mention.text) else holder
        result.mentions[:] = mentions
        split.update({normalize(p): cluster.name for p in parts})
    return split
