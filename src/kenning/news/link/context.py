"""What an article says around a party: mentions grouped by the name they refer to, with their context.

A :class:`Cluster` is every PERSON (or ORG) mention of one party in an article: the fullest name
(``refers_to`` or the text itself) is what the screener is asked about once (``query``: in a French report,
an organisation named by a French generic head is asked in the lists' order, "groupe Wagner" as "Wagner
group", see :mod:`kenning.news.nlp.french_orgs`), and the context the linker weighs comes from all of its
mentions together:

* ``role_countries`` — countries the mentions' roles or nationality name (strong evidence);
* ``sentence_countries`` — countries of GPE/NORP mentions in the same sentences (weak evidence);
* ``roles`` — the role texts, compared with listed positions;
* ``orgs`` — organisations named in the same sentences (roles included), by their cluster key, so
  the links made for them can confirm a listed relation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kenning.names import normalize
from kenning.news.model import ArticleResult, Mention
from kenning.news.nlp.french_orgs import listed_form

__all__ = ["Cluster", "build_clusters", "cluster_key", "query_for"]

_PARTY_LABELS = ("PERSON", "ORG")


def cluster_key(label: str, name: str) -> tuple[str, str]:
    """The key grouping mentions of one party: label and normalised fullest name."""
    return label, normalize(name)


@dataclass
class Cluster:
    """The mentions of one party in one article and what they say around it."""

    label: str
    name: str
    mentions: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    role_countries: set[str] = field(default_factory=set)
    sentence_countries: set[str] = field(default_factory=set)
    sentences: set[int] = field(default_factory=set)
    orgs: dict[tuple[str, str], str] = field(default_factory=dict)
    #: The name asked of the screener: ``name``, or its form in the lists' language and order.
    query: str = ""
    #: The name the NER gave when this one was read apart from it (:mod:`kenning.news.link.glued`).
    split_from: str | None = None
    #: The article's language (ISO 639-1), which says how an organisation's name is asked.
    language: str | None = None

    def __post_init__(self) -> None:
        self.query = self.query or self.name

    @property
    def key(self) -> tuple[str, str]:
        return cluster_key(self.label, self.name)

    @property
    def schema(self) -> str:
        """The FollowTheMoney schema asked of the screener."""
        return "Person" if self.label == "PERSON" else "Organization"

    @property
    def single_word(self) -> bool:
        """True for a one-word name with no fuller form in the article ("Putin", "Nelson")."""
        return len(self.query.split()) == 1

    def describe_context(self) -> str:
        """The context in words, for the evidence of a link."""
        parts = []
        if self.query != self.name:
            parts.append(f"named {self.name!r}, asked as {self.query!r}")
        if self.split_from:
            parts.append(f"read apart from {self.split_from!r}")
        if self.roles:
            parts.append("role " + ", ".join(repr(r) for r in sorted(set(self.roles))))
        if self.role_countries:
            parts.append("country " + ", ".join(sorted(self.role_countries)))
        if self.sentence_countries:
            parts.append("places nearby " + ", ".join(sorted(self.sentence_countries)))
        if self.orgs:
            parts.append("organisations nearby " + ", ".join(sorted(set(self.orgs.values()))))
        return "; ".join(parts)


def _name_of(mention: Mention) -> str:
    return mention.refers_to or mention.text


def query_for(label: str, name: str, language: str | None) -> str:
    """The name to screen: an organisation named by a French generic head in the lists' order."""
    if label == "ORG" and language == "fr":
        return listed_form(name) or name
    return name


def build_clusters(result: ArticleResult) -> list[Cluster]:
    """The PERSON and ORG clusters of an annotated article, ORG clusters first."""
    clusters: dict[tuple[str, str], Cluster] = {}
    mentions = result.mentions
    for index, mention in enumerate(mentions):
        if mention.label not in _PARTY_LABELS or not normalize(_name_of(mention)):
            continue
        key = cluster_key(mention.label, _name_of(mention))
        language = result.article.language
        cluster = clusters.setdefault(key, Cluster(mention.label, _name_of(mention), language=language,
                                                   query=query_for(mention.label, _name_of(mention), language)))
        cluster.mentions.append(index)
        cluster.sentences.add(mention.sentence)
        if mention.role:
            cluster.roles.append(mention.role)
        if mention.country:  # of a role, a nationality, or a gazetteer organisation ("Department of State")
            cluster.role_countries.add(mention.country)
    for cluster in clusters.values():
        own = set(cluster.mentions)
        for index, other in enumerate(mentions):
            if other.sentence not in cluster.sentences or index in own:
                continue
            if other.label in ("GPE", "NORP") and other.country:
                cluster.sentence_countries.add(other.country)
            if other.label == "ORG" and normalize(_name_of(other)):
                cluster.orgs[cluster_key("ORG", _name_of(other))] = _name_of(other)
    return sorted(clusters.values(), key=lambda c: (c.label != "ORG", min(c.mentions)))
