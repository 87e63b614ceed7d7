"""Two listed names the NER read as one ("le copain de Poutine Yevgeny Prigozhin"), split by the lists.

A name of three words or more that links to no one may be two names side by side: the French model glues a
surname, or an organisation's name, to the full name after it ("le patron de Wagner Evgueni Prigojine"), and
calls the whole a person or an organisation. Such a mention is split in two when the lists say both parts are
names: one part, of two words or more, links on its own (a listed person's or organisation's full name), and
the other does too, or is one word that is a listed surname (a candidate at the surname floor whose listed
surname it is, in any romanisation the matcher reads) or a word of a listed organisation's name (a candidate
at the match threshold). Of the splits that qualify, the one whose full name links best is kept. Each part
becomes a mention of its own, a person or an organisation as the lists read it (its own offsets; a role
before the name goes with the first part, one after it with the second), the short forms that pointed at the
whole now point at the part that holds them, and the parts are linked as any other name: a lone surname
still needs its confirmations. An organisation's name is tried only in French reports: English ones hold many
long organisation names that link to no one ("Office of Foreign Assets Control"), each a dozen screens to
try; the gluing measured is the French model's. The link's evidence says the name was split
(``split_from``, and in its context).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol

from kenning.matching import Result
from kenning.names import normalize
from kenning.news.link.context import Cluster, query_for
from kenning.news.link.judge import Facts, Rules, Verdict, surname_matches
from kenning.news.model import ArticleResult, Mention

__all__ = ["Linker", "split_glued"]


class Linker(Protocol):
    """What the split asks of :class:`kenning.news.link.linker.Linker`."""

    rules: Rules
    threshold: float

    def verdicts_alone(self, cluster: Cluster) -> list[Verdict]: ...

    def screen(self, name: str, schema: str) -> list[Result]: ...

    def facts(self, entity_id: str) -> Facts: ...

    def prefetch(self, entity_ids: list[str]) -> None: ...

#: Fewest words of a name tried as two names.
MIN_WORDS = 3


def _links_alone(linker: Linker, cluster: Cluster, part: str, label: str) -> float | None:
    """The best context score of ``part`` linked as a name of its own with ``label``, or None."""
    alone = replace(cluster, label=label, name=part, query=query_for(label, part, cluster.language))
    return max((v.score for v in linker.verdicts_alone(alone)), default=None)


def _listed_surname(linker: Linker, word: str) -> bool:
    """One word that is a listed person's surname (a candidate at the surname floor)."""
    return any(r.score >= linker.rules.surname_floor and r.schema == "Person"
               and surname_matches(word, linker.facts(r.id)) and bool(linker.facts(r.id).surnames)
               for r in linker.screen(word, "Person"))


def _listed_org_word(linker: Linker, word: str) -> bool:
    """One word that is a word of a listed organisation's name (a candidate at the match threshold)."""
    key = normalize(word)
    return any(r.score >= linker.threshold and r.schema != "Person" and key in linker.facts(r.id).name_words
               for r in linker.screen(word, "Organization"))


def _read(linker: Linker, cluster: Cluster, part: str) -> tuple[str, float | None] | None:
    """How the lists read one part: (label, score of its link) for a full name that links, (label, None) for
    one word that is a listed surname or organisation word, None for anything else."""
    if not normalize(part):
        return None
    if len(part.split()) > 1:
        for label in ("PERSON", "ORG"):
            score = _links_alone(linker, cluster, part, label)
            if score is not None:
                return label, score
        return None
    if _listed_surname(linker, part):
        return "PERSON", None
    return ("ORG", None) if _listed_org_word(linker, part) else None


def _best_split(linker: Linker, cluster: Cluster) -> tuple[int, str, str] | None:
    """(words of the first part, label of each part) of the best split of the cluster's name, or None."""
    words = cluster.name.split()
    best: tuple[float, int, str, str] | None = None
    for k in range(1, len(words)):
        first = _read(linker, cluster, " ".join(words[:k]))
        second = _read(linker, cluster, " ".join(words[k:])) if first is not None else None
        if first is None or second is None or (first[1] is None and second[1] is None):
            continue
        score = max(s for s in (first[1], second[1]) if s is not None)
        if best is None or score > best[0]:
            best = (score, k, first[0], second[0])
    return None if best is None else best[1:]


def _split_mention(mention: Mention, k: int, labels: tuple[str, str]) -> tuple[Mention, Mention]:
    """The mention cut before its word ``k``: two mentions with their own offsets and labels."""
    spans = [m.span() for m in re.finditer(r"\S+", mention.text)]
    cut_end, cut_start = spans[k - 1][1], spans[k][0]
    role_after = mention.role_span is not None and mention.role_span.start >= mention.end
    first = replace(mention, text=mention.text[:cut_end], end=mention.start + cut_end, links=[], refers_to=None,
                    label=labels[0])
    second = replace(mention, text=mention.text[cut_start:], start=mention.start + cut_start, links=[],
                     refers_to=None, label=labels[1])
    if role_after:
        first = replace(first, role=None, role_span=None, country=None)
    else:
        second = replace(second, role=None, role_span=None, country=None)
    return first, second


def _prefetch_parts(linker: Linker, clusters: list[Cluster]) -> None:
    """Screen every part of the clusters' names as the split asks them, and read the facts of all their
    candidates in one go (one store read for the article's splits, as the linker reads once per article)."""
    lowest = min(linker.rules.surname_floor, linker.threshold - linker.rules.near_miss)
    wanted: list[str] = []
    for cluster in clusters:
        words = cluster.name.split()
        for part in {" ".join(words[:k]) for k in range(1, len(words))} | {" ".join(words[k:])
                                                                         for k in range(1, len(words))}:
            for label, schema in (("PERSON", "Person"), ("ORG", "Organization")):
                query = query_for(label, part, cluster.language)
                if not normalize(query):
                    continue  # a part of punctuation only ("IST - Washington")
                wanted.extend(r.id for r in linker.screen(query, schema) if r.score >= lowest)
    if wanted:
        linker.prefetch(wanted)


def split_glued(linker: Linker, result: ArticleResult, clusters: list[Cluster]) -> dict[tuple[str, str], str]:
    """Split the glued names of the article's clusters (see the module docstring): each part's label and
    normalised name → the whole name it was read apart from (empty: nothing split)."""
    split: dict[tuple[str, str], str] = {}
    todo = [c for c in clusters if len(c.name.split()) >= MIN_WORDS and (c.label == "PERSON" or c.language == "fr")
            and not linker.verdicts_alone(c)]
    _prefetch_parts(linker, todo)
    for cluster in todo:
        found = _best_split(linker, cluster)
        if found is None:
            continue
        k, labels = found[0], found[1:]
        whole = normalize(cluster.name)
        mentions: list[Mention] = []
        parts: tuple[Mention, Mention] | None = None
        for mention in result.mentions:
            if mention.label == cluster.label and mention.refers_to is None and normalize(mention.text) == whole:
                first, second = _split_mention(mention, k, labels)
                parts = (first, second)
                mentions.extend(parts)
            else:
                mentions.append(mention)
        if parts is None:
            continue
        for mention in mentions:
            if mention.label == cluster.label and mention.refers_to and normalize(mention.refers_to) == whole:
                own = set(normalize(mention.text).split())
                holder = next((p for p in parts if own <= set(normalize(p.text).split())), None)
                mention.refers_to = None if holder is None or normalize(holder.text) == normalize(mention.text) \
                    else holder.text
                mention.label = holder.label if holder is not None else mention.label
        result.mentions[:] = mentions
        split.update({(p.label, normalize(p.text)): cluster.name for p in parts})
    return split
