"""One French sentence's sanctions clause, from its dependency parse: trigger, actor, targets, described group.

The rules (the vocabulary is ``data/events_fr.yml``):

* **trigger** — a sanctions verb ("sanctionner", "geler", "désigner", "inscrire"), or a support verb with a
  sanctions noun under it ("imposer des sanctions", "viser par des sanctions"), else a sanctions noun alone;
* **actor** — the verb's subject, or its "par" agent in the passive;
* **targets** — the noun phrases (their own words, without the clauses hanging on them: "accusé de
  faciliter le déploiement de Wagner") of the object (the first: a second direct object the parse gives
  a verb is the subject of a comma-spliced clause, "qui gèlent les avoirs ..., le dirigeant X, a nié")
  or passive subject, of the target prepositions
  ("contre", "à l'encontre de"), of the subject of the verb a trigger completes ("X se voient imposer des
  sanctions"), of the noun a sanctions participle qualifies ("deux cadres sanctionnés par le Trésor"); an
  argument that is a sanctions noun ("a annoncé des sanctions visant X", "une série de sanctions contre X")
  stands for its own targets; never a party named as the complement of another noun or adjective ("le chef
  du groupe Wagner", "proches d'Assimi Goïta");
* **described group** — an object whose head is a group noun or a role ("trois hauts responsables
  maliens"), with its count in digits or French number words.

Parse errors read through, by class (each measured on ``bench.french_events``): a phrase the parser hangs on
a date phrase of the verb is the verb's ("a imposé ce vendredi des sanctions à X"); a relative pronoun, or
the noun a "que" clause relativises, stands for its antecedent ("X, qui a été sanctionné", "X, que
Washington a sanctionné"); the owner of frozen assets is a target ("les avoirs de X"); an infinitive or
gerund acts through the subject of the verb it completes ("a décidé de sanctionner X"), except after a
pronominal verb ("X se voit imposer des sanctions"); a participle the tagger took for a noun still triggers
("en sanctionnant X"); a noun given as predicative complement of a sanctions verb is its object.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kenning.news.dates import FoundDate
from kenning.news.events.french_vocabulary import FrenchVocabulary
from kenning.news.events.numbers import parse_number
from kenning.news.events.parse import ParsedSentence, phrase_span
from kenning.news.model import Span
from kenning.news.nlp.french_ents import role_words

__all__ = ["actor_of", "argument_heads", "arguments", "clause_verb", "dated_tokens", "described_group",
           "holder_organisation", "is_complement", "lemma", "own_tokens", "target_tokens", "tense_of", "trigger_of",
           "verb_lemma"]

#: Dependencies that open a clause of their own below a noun phrase.
_CLAUSES = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "csubj", "parataxis"})


def lemma(token: Any) -> str:
    return str(token.lemma_).lower()


def _governs_noun(verb: Any, vocab: FrenchVocabulary, dated: frozenset[int] = frozenset()) -> bool:
    """A sanctions noun among the verb's arguments or their prepositional complements."""
    for child, _dep in arguments(verb, dated):
        if lemma(child) in vocab.nouns or any(lemma(g) in vocab.nouns for g in child.children
                                               if g.dep_ in ("nmod", "obl")):
            return True
    return False


def verb_lemma(token: Any, vocab: FrenchVocabulary) -> str | None:
    """The sanctions verb ``token`` is a form of: by its lemma when tagged a verb, else by the regular forms
    of the verb (a gerund or participle the tagger took for a noun or adjective: "en sanctionnant")."""
    if token.pos_ in ("VERB", "AUX"):
        word = lemma(token)
        return word if word in vocab.verbs else None
    if token.pos_ in ("NOUN", "ADJ", "PROPN"):
        return vocab.verb_forms.get(token.lower_)
    return None


def trigger_of(doc: Any, vocab: FrenchVocabulary, dated: frozenset[int] = frozenset()) -> Any | None:
    """The sanctions verb of the sentence (first one), else its first sanctions noun."""
    for token in doc:
        word = verb_lemma(token, vocab)
        if word is not None and (word not in vocab.support_verbs or _governs_noun(token, vocab, dated)):
            return token
    return next((t for t in doc if t.pos_ == "NOUN" and lemma(t) in vocab.nouns), None)


def clause_verb(trigger: Any, vocab: FrenchVocabulary) -> Any:
    """The verb of the trigger's clause (the trigger itself, or the verb a sanctions noun depends on)."""
    if verb_lemma(trigger, vocab) is not None:
        return trigger
    return trigger.head if trigger.head.pos_ in ("VERB", "AUX") else trigger


def tense_of(verb: Any, earlier: frozenset[str] = frozenset()) -> tuple[str, bool]:
    """(tense, background): plus-que-parfait → background; passé composé → past, background when an adverb
    of ``earlier`` ("déjà") is on the verb; present; else none."""
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    participle = verb.morph.get("VerbForm") == ["Part"]
    if participle and any("Imp" in c.morph.get("Tense") for c in auxes):
        return "pluperfect", True
    if participle and auxes:
        return "past", any(c.dep_ == "advmod" and lemma(c) in earlier for c in verb.children)
    return ("present" if "Pres" in verb.morph.get("Tense") else "none"), False


def dated_tokens(sentence: ParsedSentence, dates: Sequence[FoundDate]) -> frozenset[int]:
    """The sentence's tokens inside one of its date phrases."""
    spans = [(d.start - sentence.offset, d.end - sentence.offset) for d in dates]
    return frozenset(t.i for t in sentence.doc if any(a <= t.idx < b for a, b in spans))


def arguments(verb: Any, dated: frozenset[int] = frozenset()) -> list[tuple[Any, str]]:
    """The verb's dependents with their relation, where the parser hung a phrase on a date phrase of the
    verb instead of the verb ("a imposé ce vendredi des sanctions à X", "sanctions" under "vendredi";
    "Vendredi 14 juillet, le Royaume-Uni a sanctionné", the authority a conjunct of the date): such a
    phrase is the verb's, as its object (bare or partitive "des sanctions") or as a prepositional
    argument (with its preposition), a conjunct under a date in subject position as the subject."""
    out = []
    for child in verb.children:
        if child.i not in dated:
            out.append((child, child.dep_))
            continue
        subject = child.dep_.startswith("nsubj")
        for token in child.subtree:
            if token.i in dated or token.head.i not in dated or token.pos_ not in ("NOUN", "PROPN", "PRON"):
                continue  # a word of the date phrase the date finder left out ("dernier") is no argument
            cases = [c for c in token.children if c.dep_ == "case"]
            dep = "nsubj" if subject else ("obj" if not cases or lemma(cases[0]) == "de" else "obl:arg")
            out.append((token, dep))
    return out


def _passive(verb: Any) -> bool:
    return any(c.dep_ in ("aux:pass", "nsubj:pass", "obl:agent") for c in verb.children)


def _relative_antecedent(token: Any) -> Any:
    """The noun a relative pronoun ("qui", "que") stands for: the head of its relative clause."""
    if token.pos_ == "PRON" and "Rel" in token.morph.get("PronType") and token.head.dep_.startswith("acl"):
        return token.head.head
    return token


def _non_finite(verb: Any) -> bool:
    """An infinitive or a gerund ("décidé de sanctionner", "annoncé avoir sanctionné", "en sanctionnant")."""
    return verb.morph.get("VerbForm") == ["Inf"] or any(lemma(c) == "en" for c in verb.children
                                                          if c.dep_ in ("mark", "case"))


def actor_of(verb: Any, dated: frozenset[int] = frozenset()) -> Any | None:
    """The subject (active) or the "par" agent (passive) of the verb; a non-finite verb without either
    acts through the subject of the verb it completes ("Londres a décidé de sanctionner X")."""
    passive = _passive(verb)
    for child, dep in arguments(verb, dated):
        if (passive and dep == "obl:agent") or (not passive and dep == "nsubj"):
            return _relative_antecedent(child)
    head = verb.head
    pronominal = any(c.dep_.startswith("expl") or lemma(c) == "se" for c in head.children)
    if (_non_finite(verb) and head.i != verb.i and not pronominal  # "X se voit imposer": X undergoes it
            and verb.dep_ in ("xcomp", "ccomp", "advcl", "acl", "obl", "nmod", "obl:arg", "conj")):
        return actor_of(head, dated)
    return None


def own_tokens(head: Any) -> set[int]:
    """A noun phrase's words: ``head`` and its dependents, without the clauses hanging on them."""
    out = {head.i}
    for child in head.children:
        if child.dep_ not in _CLAUSES:
            out |= own_tokens(child)
    return out


def _noun_arguments(noun: Any, vocab: FrenchVocabulary) -> list[Any]:
    """Who a sanctions noun is against: its complement with a target preposition ("sanctions contre X",
    "à l'encontre de X") and the object of a targeting participle ("sanctions visant X")."""
    out = []
    for child in noun.children:
        cases = {lemma(c) for c in child.children if c.dep_ in ("case", "fixed")}
        if child.dep_ == "nmod" and cases & vocab.target_prepositions and lemma(child) not in vocab.nouns:
            out.append(child)
        if child.dep_ == "nmod" and lemma(child) in vocab.asset_nouns:
            out.append(child)  # "le gel des avoirs de X": the owner of the assets
        if child.dep_ == "acl" and lemma(child) in vocab.verbs:
            out += [g for g in child.children if g.dep_ in ("obj", "obl:arg")]
    return out


def _sanctions_noun(token: Any, vocab: FrenchVocabulary) -> Any | None:
    """``token`` when it is a sanctions noun, or its sanctions-noun complement ("une série de sanctions")."""
    if lemma(token) in vocab.nouns:
        return token
    return next((c for c in token.children if c.dep_ == "nmod" and lemma(c) in vocab.nouns), None)


def argument_heads(verb: Any, trigger: Any, vocab: FrenchVocabulary, dated: frozenset[int] = frozenset()) -> list[Any]:
    """The heads of the noun phrases that may hold the targets (see the module docstring)."""
    heads = []
    objects = 0
    for child, relation in arguments(verb, dated):
        cases = {lemma(c) for c in child.children if c.dep_ == "case"}
        # "a désigné le ministre X" parsed as a predicative complement: the object
        dep = "obj" if relation == "xcomp" and child.pos_ in ("NOUN", "PROPN") and not cases else relation
        prepositional = dep.startswith("obl") and dep != "obl:agent"
        if dep == "obj":
            objects += 1
            if objects > 1:  # a verb has one direct object: a second one is a comma-spliced clause's subject
                continue
        partitive = prepositional and cases <= {"de"} and lemma(child) in vocab.nouns  # "des sanctions" as obl
        if dep in ("obj", "nsubj:pass", "iobj") or partitive or (prepositional and cases & vocab.target_prepositions):
            heads.append(_relative_antecedent(child))
        elif dep in ("advcl", "acl") and lemma(child) in vocab.verbs and child.morph.get("VerbForm") == ["Part"]:
            heads += [g for g in child.children if g.dep_ in ("obj", "obl:arg")]  # "des sanctions visant X"
    relative = verb.dep_ in ("acl", "acl:relcl") and any(c.lower_ in ("que", "qu'", "qu’") for c in verb.children)
    if not heads and relative and verb is trigger:
        heads.append(verb.head)  # "X, que Washington a sanctionné lundi": the relativised object
    if verb.dep_ == "xcomp":
        heads += [c for c in verb.head.children if c.dep_ == "nsubj"]
    participle = not any(c.dep_.startswith("aux") for c in verb.children)
    if verb.dep_ == "acl" and participle and verb.head.pos_ in ("NOUN", "PROPN") and verb is trigger:
        heads.append(verb.head)  # "deux cadres de l'armée sanctionnés par le Trésor"
    if verb_lemma(trigger, vocab) is None:
        heads.append(trigger)
    out = []
    for head in heads:
        noun = _sanctions_noun(head, vocab)
        if noun is None:
            out.append(head)
            continue
        # "une série de sanctions ... à l'encontre de X": the parse may hang the target on the series noun
        out += _noun_arguments(noun, vocab) + (_noun_arguments(head, vocab) if noun is not head else [])
    return out


def _through_locution(head: Any, vocab: FrenchVocabulary) -> list[Any]:
    """The "de" complement of the noun of a prepositional locution ("à l'encontre de trois responsables":
    "responsables", not "encontre"), so a described group there is seen as one; else ``head``."""
    if lemma(head) not in vocab.target_prepositions or head.pos_ != "NOUN":
        return [head]
    inner = [c for c in head.children if c.dep_ == "nmod" and any(lemma(g) == "de" for g in c.children
                                                                    if g.dep_ == "case")]
    return inner or [head]


def target_tokens(verb: Any, trigger: Any, vocab: FrenchVocabulary, dated: frozenset[int] = frozenset()) -> set[int]:
    """Tokens of the noun phrases that hold the targets (see the module docstring)."""
    out: set[int] = set()
    for head in argument_heads(verb, trigger, vocab, dated):
        out |= own_tokens(head)
    return out


def is_complement(root: Any, nouns: frozenset[str], owners: frozenset[str] = frozenset()) -> bool:
    """A name introduced by a preposition under another noun or an adjective ("du groupe Wagner",
    "proches d'Assimi Goïta"): it qualifies something else, it is not a target itself. The owner of
    frozen assets is the exception (``owners``: "les avoirs de X")."""
    head = root.head
    has_case = any(c.dep_ == "case" for c in root.children)
    return (has_case and root.dep_ in ("nmod", "obl", "obl:arg") and head.i != root.i
            and head.pos_ in ("NOUN", "ADJ", "PROPN") and lemma(head) not in nouns | owners)


def holder_organisation(root: Any, vocab: FrenchVocabulary) -> bool:
    """A name that names an organisation by one of its nouns ("le groupe Wagner", "la société X") where
    that noun is introduced by a preposition under a role or a group noun ("le chef du groupe Wagner",
    "membre du groupe X", "responsable de la société X"): the organisation qualifies the role's holder, it
    is not a target. The parse gives the name no preposition of its own, so :func:`is_complement` misses
    it. With an adjective between the noun and the name, the name is the holder's ("le directeur de la
    compagnie minière X": X is the director) unless the role names its holder in apposition ("le chef du
    groupe militaire privé Wagner, Ivan Maslov")."""
    token = root
    for _ in range(3):
        if any(c.dep_ == "case" for c in token.children) or token.head.i == token.i:
            return False
        if token.dep_ not in ("flat:name", "flat", "nmod", "appos", "compound", "amod"):
            return False
        token = token.head
        if lemma(token) in vocab.organisation_nouns:
            holder = token.head
            held = lemma(holder) in vocab.group_nouns or role_words().is_head(holder.text)
            adjective = any(t.pos_ == "ADJ" for t in root.doc[token.i + 1:root.i])
            apposed = any(c.dep_ == "appos" and c.i > root.i for c in holder.children)
            return (any(c.dep_ == "case" for c in token.children) and token.dep_ in ("nmod", "obl")
                    and holder.i != token.i and held and (apposed or not adjective))
    return False


def _count(token: Any) -> int | None:
    """The count a group noun's number gives ("trois hauts responsables", "trois (03) hauts gradés")."""
    for child in token.children:
        if child.dep_ == "nummod":
            value = parse_number(child.text, "fr")
            return int(value) if value is not None and value == int(value) else None
    return None


def _is_group(token: Any, vocab: FrenchVocabulary) -> bool:
    word = lemma(token)
    return word in vocab.group_nouns or word.rstrip("s") in vocab.group_nouns or role_words().is_head(token.text)


def described_group(sentence: ParsedSentence, verb: Any, trigger: Any, vocab: FrenchVocabulary,
                    dated: frozenset[int] = frozenset()) -> tuple[Span | None, int | None]:
    """The argument that describes the targets without naming them (a group noun or a role), and its count."""
    heads = argument_heads(verb, trigger, vocab, dated)
    for child in (g for head in heads for g in _through_locution(head, vocab)):
        if child.pos_ == "NOUN" and _is_group(child, vocab) and child.i not in sentence.mention_at:
            words = [child, *(c for c in child.children if c.dep_ in ("nummod", "amod", "det"))]
            words += [g for c in child.children if c.dep_ == "amod" for g in c.children if g.dep_ == "advmod"]
            return phrase_span(sentence, words), _count(child)
    return None, None
