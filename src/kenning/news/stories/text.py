"""Text similarity for story grouping: content words and TF-IDF cosine on scipy sparse matrices.

A report is two bags of words: the whole text, and its lead (title and first sentences), where a news
report says which event it tells. Words are case-folded letters (numbers of two or more digits are kept:
"13 individuals" is a fact), without the stop words of ``data/stories_stopwords.txt``. Weights are
sublinear term frequency (1 + log tf) times smoothed inverse document frequency, rows L2-normalised, so
a matrix product gives every cosine at once. The document frequencies are those of the reports compared,
or, when given (:class:`Frequencies`), those of every stored report: a small set of reports then weighs
words as a large one does.

:func:`sentence_key` names a sentence by its folded words (case, digits and punctuation ignored), so one
outlet's sentence repeated in its other reports is recognised as its boilerplate.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np
import numpy.typing as npt
from scipy import sparse

from kenning.news.datafile import data_lines

__all__ = ["LEAD_SENTENCES", "Frequencies", "TfidfSpace", "lead_text", "sentence_key", "terms"]

#: Sentences after the title that make a report's lead.
LEAD_SENTENCES = 3
_WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?")
_POSSESSIVE = re.compile(r"[’']s$")
_LETTERS = re.compile(r"[^\W\d_]+")
#: Words a sentence needs to have a key (shorter ones are too common to say anything).
KEY_MIN_WORDS = 3
#: Document frequencies (term → reports holding it) and the number of reports they were counted over.
Frequencies = tuple[Mapping[str, int], int]


def sentence_key(text: str) -> str | None:
    """A short digest of a sentence's folded words; None for a sentence of fewer than three words."""
    words = _LETTERS.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < KEY_MIN_WORDS:
        return None
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()[:16]


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(data_lines("stories_stopwords.txt"))


def terms(text: str) -> Counter[str]:
    """Content words of ``text`` with their counts (possessive ``'s`` dropped, accents kept)."""
    stop = _stopwords()
    found: Counter[str] = Counter()
    for raw in _WORD.findall(unicodedata.normalize("NFKC", text).casefold()):
        word = _POSSESSIVE.sub("", raw).replace("’", "'")
        if word.isdigit():
            if len(word) >= 2:
                found[word] += 1
        elif len(word) >= 2 and word not in stop:
            found[word] += 1
    return found


def lead_text(title: str | None, sentences: Sequence[str]) -> str:
    """The title and the first :data:`LEAD_SENTENCES` sentences."""
    return " ".join([title or "", *sentences[:LEAD_SENTENCES]])


class TfidfSpace:
    """Vocabulary and inverse document frequencies of a set of reports."""

    def __init__(self, documents: Sequence[Mapping[str, int]], frequencies: Frequencies | None = None) -> None:
        self.vocabulary: dict[str, int] = {}
        counts: Counter[int] = Counter()
        for document in documents:
            for word in document:
                counts[self.vocabulary.setdefault(word, len(self.vocabulary))] += 1
        total = len(documents)
        if frequencies is not None:
            known, total = frequencies
            counts = Counter({column: max(known.get(word, 0), 1) for word, column in self.vocabulary.items()})
            total = max(total, max(counts.values(), default=1))
        self.idf = np.ones(len(self.vocabulary), dtype=np.float64)
        for column, df in counts.items():
            self.idf[column] = math.log((1 + total) / (1 + df)) + 1.0

    def matrix(self, documents: Sequence[Mapping[str, int]]) -> sparse.csr_matrix:
        """One L2-normalised TF-IDF row per document (words outside the vocabulary are ignored)."""
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for row, document in enumerate(documents):
            for word, count in document.items():
                column = self.vocabulary.get(word)
                if column is not None and count > 0:
                    rows.append(row)
                    cols.append(column)
                    values.append((1.0 + math.log(count)) * float(self.idf[column]))
        shape = (len(documents), len(self.vocabulary))
        matrix = sparse.csr_matrix((values, (rows, cols)), shape=shape, dtype=np.float64)
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)

    @staticmethod
    def cosines(left: sparse.csr_matrix, right: sparse.csr_matrix) -> npt.NDArray[np.float64]:
        """Dense matrix of cosines between the rows of two normalised matrices."""
        return np.asarray((left @ right.T).toarray(), dtype=np.float64)
