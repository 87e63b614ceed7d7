"""What story grouping knows about one report: its day, words, named parties and headline events.

:func:`story_features` reduces an :class:`~kenning.news.model.ArticleResult` to a small, JSON-ready
:class:`StoryFeatures` record that the store keeps next to the story membership, so assigning a new report
never has to load and parse every stored result.

* ``day`` — the publication date, else the date of a headline (not background) event when it is a day;
* ``terms``/``lead`` — content-word counts of the whole text and of the lead (:mod:`.stories_text`),
  without the sentences the outlet repeats in its other reports (``boilerplate``: copyright lines,
  subscription notices, "for more information" paragraphs), which make unrelated reports look alike;
* ``names`` — how often each person, organisation, place and nationality is named (folded names, and the
  linked list entity's cluster), compared as TF-IDF vectors; ``people`` and ``places`` — the same for
  people alone and places alone (a shared victim says more than a shared city);
* ``entities`` — keys of the people and organisations named: ``name:<folded full name>`` always, and the
  linked list entity (through ``canon``, the representative of its same-as cluster) when linked, so a
  report linked to the OFAC entry and one that only names the person still share a key;
* ``language`` — the report's language, when known (words are compared only within one language);
* ``events`` — each headline event's (:func:`headline_events`: not background, not dated a month or more
  before the report's latest action) authority country, date, named targets' keys and roles, stated target
  count, whether the report tells it in its lead, and, when it leaves targets unnamed (none named, or
  fewer than its stated count), its evidence text (where a role said without a name may be found) and the
  keys of every party the report names (where its targets may be named outside the action's sentence:
  "trois militaires maliens" in one sentence, Camara by name in the next).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from kenning.errors import InputError
from kenning.news.dates import date_interval
from kenning.news.model import ArticleResult, EntityLink, SanctionEvent, Target
from kenning.news.stories.text import LEAD_SENTENCES, lead_text, sentence_key, terms

__all__ = ["EARLIER_DAYS", "Canon", "EventKey", "StoryFeatures", "entity_keys", "fold_name", "headline_events",
           "is_named", "sentence_keys", "story_features"]

#: Maps a list entity id to the representative id of its same-as cluster.
Canon = Callable[[str], str]
#: An action dated to end more than this many days before the report's latest action is context, not news.
EARLIER_DAYS = 30
#: Mention labels whose names count as the report's parties.
PARTY_LABELS = frozenset({"PERSON", "ORG"})
#: Mention labels whose names count in the ``names`` vector (parties, places, nationalities).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def fold_name(name: str) -> str:
    """A name compared without case, accents, quotes or repeated spaces."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = "".join(c if c.isalnum() else " " for c in text)
    return " ".join(text.split())


def _same(entity_id: str) -> str:
    return entity_id


def entity_keys(name: str, links: Iterable[EntityLink], canon: Canon | None = None) -> set[str]:
    """The keys of one named party: its folded name, and its top linked entity's cluster."""
    canon = canon or _same
    keys = set()
    folded = fold_name(name)
    if folded:
        keys.add(f"name:{folded}")
    top = next(iter(links), None)
    if top is not None:
        keys.add(f"entity:{canon(top.id)}")
    return keys


@dataclass(frozen=True)
class EventKey:
    """A headline event reduced to what tells two reports of one action apart."""

    country: str | None
    date: str | None
    targets: frozenset[str]
    count: int | None
    #: Roles of the named targets.
    roles: tuple[str, ...] = ()
    #: The evidence text of an event that leaves targets unnamed (where their roles may be said).
    text: str = ""
    #: Number of named targets.
    named: int = 0
    #: Keys of every person and organisation the report names, kept for an event that leaves targets
    #: unnamed: its targets may be named elsewhere in the report, in any language.
    parties: frozenset[str] = frozenset()
    #: Whether the report tells the action in its lead (its first sentences): the action is its news.
    lead: bool = False

    @property
    def open(self) -> bool:
        """Whether some targets are unnamed: none is named, or the stated count is larger."""
        return self.named == 0 or (self.count is not None and self.count > self.named)

    @property
    def mostly_named(self) -> bool:
        """Whether the event names at least half of its targets (all of them when it states no count)."""
        return self.named > 0 and (self.count is None or 2 * self.named >= self.count)

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "date": self.date, "targets": sorted(self.targets), "count": self.count,
                "roles": list(self.roles), "text": self.text, "named": self.named, "parties": sorted(self.parties),
                "lead": self.lead}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventKey:
        return cls(data.get("country"), data.get("date"), frozenset(data.get("targets") or ()), data.get("count"),
                   tuple(data.get("roles") or ()), data.get("text") or "", int(data.get("named") or 0),
                   frozenset(data.get("parties") or ()), bool(data.get("lead")))


@dataclass(frozen=True)
class StoryFeatures:
    """One report as story grouping sees it (see the module docstring)."""

    id: str
    title: str | None
    day: str | None
    terms: dict[str, int]
    lead: dict[str, int]
    entities: frozenset[str]
    events: tuple[EventKey, ...] = field(default=())
    names: dict[str, int] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)
    outlet: str | None = None
    #: The sentence embedding of the report's opening, when embeddings are on (:mod:`.embed`).
    embedding: tuple[float, ...] | None = None
    #: The report's language (ISO 639-1), when known: words of two languages are not compared.
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "day": self.day, "terms": self.terms, "lead": self.lead,
                "entities": sorted(self.entities), "events": [e.to_dict() for e in self.events],
                "names": self.names, "people": self.people, "places": self.places, "outlet": self.outlet,
                "embedding": None if self.embedding is None else [round(v, 5) for v in self.embedding],
                "language": self.language}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryFeatures:
        vector = data.get("embedding")
        return cls(id=data["id"], title=data.get("title"), day=data.get("day"), terms=dict(data["terms"]),
                   lead=dict(data["lead"]), entities=frozenset(data.get("entities") or ()),
                   events=tuple(EventKey.from_dict(e) for e in data.get("events") or ()),
                   names=dict(data.get("names") or {}), people=dict(data.get("people") or {}),
                   places=dict(data.get("places") or {}), outlet=data.get("outlet"),
                   embedding=None if vector is None else tuple(float(v) for v in vector),
                   language=data.get("language"))


def _day(result: ArticleResult) -> str | None:
    if result.article.published:
        return result.article.published
    for event in headline_events(result):
        if event.date and len(event.date) == 10:
            return event.date
    return None


def is_named(result: ArticleResult, target: Target) -> bool:
    """Whether a target is a named party (linked, or a person/organisation mention), not a description."""
    if target.links:
        return True
    if target.mention is not None and 0 <= target.mention < len(result.mentions):
        return result.mentions[target.mention].label in PARTY_LABELS
    return False


def _interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    try:
        return date_interval(value) if value else None
    except InputError:
        return None


def headline_events(result: ArticleResult) -> list[SanctionEvent]:
    """The report's events that are not background: neither told as earlier by the report, nor dated to end
    more than :data:`EARLIER_DAYS` before the start of its latest dated event (a report leads with its
    latest action; "in January, the US designated Wagner" in a July report is context)."""
    found = [e for e in result.events if not e.background]
    spans = {id(e): _interval(e.date) for e in found}
    starts = [span[0] for span in spans.values() if span is not None]
    if not starts:
        return found
    latest = max(starts)
    return [e for e in found if (span := spans[id(e)]) is None
            or (latest - span[1]).days <= EARLIER_DAYS]


def _lead_end(result: ArticleResult) -> int:
    """Where the report's lead (its first :data:`~.text.LEAD_SENTENCES` sentences) ends in its text."""
    lead = result.sentences[:LEAD_SENTENCES]
    return lead[-1].end if lead else len(result.article.text)


def _events(result: ArticleResult, canon: Canon | None, parties: frozenset[str]) -> tuple[EventKey, ...]:
    keys = []
    lead_end = _lead_end(result)
    for event in headline_events(result):
        targets: set[str] = set()
        roles = []
        named = 0
        for target in event.targets:
            if is_named(result, target):
                named += 1
                targets |= entity_keys(target.name, target.links, canon)
                if target.role:
                    roles.append(target.role)
        key = EventKey(event.authority_country, event.date, frozenset(targets), event.target_count, tuple(roles),
                       named=named, lead=any(span.start < lead_end for span in event.evidence))
        if key.open:
            key = replace(key, text=" ".join(s.text for s in event.evidence), parties=parties)
        keys.append(key)
    return tuple(keys)


def sentence_keys(result: ArticleResult) -> dict[int, str]:
    """Sentence index → its key (:func:`~.text.sentence_key`), for the sentences long enough to have one."""
    keys = {}
    for index, sentence in enumerate(result.sentences):
        key = sentence_key(sentence.text)
        if key is not None:
            keys[index] = key
    return keys


def _names(result: ArticleResult, canon: Canon | None, labels: Collection[str]) -> dict[str, int]:
    names: Counter[str] = Counter()
    for mention in result.mentions:
        if mention.label in labels:
            names.update(entity_keys(mention.refers_to or mention.text, mention.links, canon))
    return dict(names)


def story_features(result: ArticleResult, canon: Canon | None = None,
                   boilerplate: Collection[str] = ()) -> StoryFeatures:
    """The :class:`StoryFeatures` of one report; ``canon`` maps entity ids to their same-as cluster, and
    ``boilerplate`` holds the keys of the sentences its outlet repeats (left out of the words)."""
    entities: set[str] = set()
    for mention in result.mentions:
        if mention.label in PARTY_LABELS:
            entities |= entity_keys(mention.refers_to or mention.text, mention.links, canon)
    article = result.article
    keys = sentence_keys(result)
    kept = [s.text for i, s in enumerate(result.sentences) if keys.get(i) not in boilerplate]
    text = " ".join(kept) if boilerplate and kept else article.text
    lead = lead_text(article.title, kept if boilerplate else [s.text for s in result.sentences])
    parties = frozenset(entities)
    return StoryFeatures(id=article.id, title=article.title, day=_day(result), terms=dict(terms(text)),
                         lead=dict(terms(lead)), entities=parties, events=_events(result, canon, parties),
                         names=_names(result, canon, NAME_LABELS), people=_names(result, canon, {"PERSON"}),
                         places=_names(result, canon, {"GPE"}), outlet=article.outlet, language=article.language)
