"""Classes of French name forms and context the linker reads, each over many cases.

The surname check reads another language's romanisation as the matcher does (every Russian surname of
the bundled SDN programmes written the French way, "Prigojine" for PRIGOZHIN), without taking one
surname for another; a full name written the French way word for word is the listed name (and two listed
people sharing a given name are not); a party the lists relate to another linked party of the article is
confirmed by it.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from bench.french_linking_data import french_romanisation, listed_people

from kenning.matching import Screener
from kenning.names import analyze
from kenning.news.article import Article
from kenning.news.link.judge import Facts, listed_word, spelled_alike, surname_matches
from kenning.news.link.linker import link
from kenning.news.model import Mention
from kenning.news.nlp.french import annotate_french, french_resources

_NONE: frozenset[str] = frozenset()


def _facts(surname: str) -> Facts:
    return Facts(_NONE, (), _NONE, _NONE, _NONE, surnames=frozenset({surname.lower()}))


def test_french_romanisations_of_russian_surnames_are_the_listed_surname() -> None:
    people = [p for p in listed_people() if p.russian and french_romanisation(p.surname) != p.surname]
    assert len(people) > 800
    missed = [(p.surname, french_romanisation(p.surname)) for p in people
              if not surname_matches(french_romanisation(p.surname), _facts(p.surname))]
    assert len(missed) <= 0.02 * len(people), missed[:20]


def test_another_listed_surname_with_the_same_initial_is_not_the_surname() -> None:
    surnames = sorted({p.surname for p in listed_people()})
    rng = random.Random(7)
    pairs = [(a, b) for a, b in (rng.sample(surnames, 2) for _ in range(20_000)) if a[0] == b[0]]
    assert len(pairs) > 1000
    taken = [(a, b) for a, b in pairs if surname_matches(a, _facts(b))]
    assert len(taken) <= 0.01 * len(pairs), taken


def test_a_bare_surname_in_french_romanisation_is_a_word_of_the_listed_name() -> None:
    """A one-word name must be a word of a listed name: "Poutine" is PUTIN's, as the matcher reads it; another
    listed surname with the same initial is not."""
    people = [p for p in listed_people() if p.russian and french_romanisation(p.surname) != p.surname]
    missed = [p.surname for p in people if not listed_word(french_romanisation(p.surname), _facts(p.surname))]
    assert len(missed) <= 0.02 * len(people), missed[:20]
    surnames = sorted({p.surname for p in listed_people()})
    rng = random.Random(11)
    pairs = [(a, b) for a, b in (rng.sample(surnames, 2) for _ in range(20_000)) if a[0] == b[0]]
    taken = [(a, b) for a, b in pairs if listed_word(a, _facts(b))]
    assert len(taken) <= 0.01 * len(pairs), taken


def _mentions(text: str) -> list[Mention]:
    article = Article.create(text, "t.txt", language="fr")
    return link(annotate_french(article, french_resources()), Screener.open()).mentions


def _ids(mentions: list[Mention], word: str) -> set[str]:
    return {k.id for m in mentions if word in m.text for k in m.links}


@pytest.mark.slow
@pytest.mark.parametrize(("officer", "listed"), [("Sadio Camara", "us_ofac_sdn-42618"),
                                                 ("Alou Boi Diarra", "us_ofac_sdn-42617"),
                                                 ("Adama Bagayoko", "us_ofac_sdn-42616"),
                                                 ("Ivan Maslov", "us_ofac_sdn-40969")])
def test_a_related_party_in_the_article_confirms_a_bare_group_name(bundled_home: Path, officer: str,
                                                                     listed: str) -> None:
    """OFAC lists these four as linked to WAGNER: named with them, a bare "Wagner" in Mali is that group;
    named alone in a sentence about Mali, it is not confirmed (the lists place Wagner in Russia)."""
    text = f"{officer} a facilité le déploiement de Wagner au Mali, selon Washington."
    mentions = _mentions(text)
    assert listed in _ids(mentions, officer.rsplit(maxsplit=1)[-1])
    assert "us_ofac_sdn-22543" in _ids(mentions, "Wagner")
    alone = _mentions("Le déploiement de Wagner au Mali inquiète les voisins, selon Washington.")
    assert "us_ofac_sdn-22543" not in _ids(alone, "Wagner")


def _listed(*names: str) -> Facts:
    sets = tuple(frozenset(analyze(n, "Person").strong_tokens) for n in names)
    return Facts(_NONE, (), _NONE, _NONE, _NONE, name_sets=sets)


def test_a_full_name_in_french_romanisation_is_spelled_alike_and_another_name_is_not() -> None:
    """A listed name written the French way word for word is the listed name (a mild context against it
    then does not refuse it); two listed people sharing a given name are not."""
    people = [p for p in listed_people() if p.russian][::3]
    assert len(people) > 300
    listed = {p.list_id: " ".join((p.given[0], p.surname)) for p in people}
    missed = [listed[p.list_id] for p in people
              if not spelled_alike(" ".join(french_romanisation(w) for w in (p.given[0], p.surname)), "Person",
                                   _listed(listed[p.list_id]))]
    assert len(missed) <= 0.05 * len(people), missed[:20]
    by_given: dict[str, list[str]] = {}
    for p in people:
        by_given.setdefault(p.given[0], []).append(listed[p.list_id])
    pairs = [(a, b) for names in by_given.values() for a, b in itertools.pairwise(names)]
    assert len(pairs) > 100
    taken = [(a, b) for a, b in pairs if spelled_alike(a, "Person", _listed(b))]
    assert len(taken) <= 0.01 * len(pairs), taken
