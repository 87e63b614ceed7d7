"""``kenning-v2``'s similarity of two name parts: kenning-v1's rules, and two more ways a part is kept.

On top of equal parts, typing errors, the phonetic key and initials (:mod:`kenning.matching.similarity`):

- **OCR**: two parts that are the same once the characters optical recognition confuses are folded
  (rn/m, cl/d, 0/o, 1/l/I, 5/s, 8/b; ``data/ocr.csv`` of :mod:`kenning.names`) score :data:`OCR` (query
  parts of three letters or more, or of two with a digit: "J0");
- **vowels dropped**: a query part written without (most of) its vowels ("mhmd", "prgzhn", "hqany":
  romanised Arabic or Persian script, or a hurried hand) and a listed part with the same consonant
  classes (:func:`kenning.names.consonant_key`: q/k/g, w/v, th/t...; ``w`` read as a consonant or a
  vowel, a joined article "al" with or without) score :data:`VOWELLESS` (three consonants or more;
  :data:`VOWELLESS_SHORT` with two, which must then start with the same letter).

Like v1, parts are compared a whole query at a time (vectorised); the function below has v1's signature
so the same memo machinery (:func:`kenning.matching.similarity.fill_memo`) fills v2's memos.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from kenning.matching.similarity import INITIAL, PHONETIC, Matrix, initials_matrix, similarity_matrix
from kenning.names import consonant_keys, is_vowelless, ocr_fold, phonetic_key, spelled_keys

__all__ = ["OCR", "VOWELLESS", "VOWELLESS_SHORT", "similarity_matrix_v2", "token_similarity_v2"]

#: Similarity of two parts that differ only by characters OCR confuses.
OCR = 0.9
#: Similarity of a part written without vowels to a part with the same consonants (3+ / 2 consonants).
VOWELLESS, VOWELLESS_SHORT = 0.8, 0.7


def _column(values: Iterable[str]) -> npt.NDArray[np.object_]:
    return np.array(list(values), dtype=object)


def similarity_matrix_v2(q_tokens: Sequence[str], q_raw: Sequence[str], c_tokens: Sequence[str],
                         c_raw: Sequence[str], person: bool = False) -> Matrix:
    """Similarity of every query part with every listed part: v1's rules, then OCR and vowel-less readings."""
    matrix = similarity_matrix(q_tokens, q_raw, c_tokens, c_raw, False)
    ocr_q, ocr_c = _column(ocr_fold(t) for t in q_raw), _column(ocr_fold(t) for t in c_raw)
    long_q = np.array([len(t) >= 3 or not t.isalpha() for t in q_raw])[:, None]
    ocr = (ocr_q[:, None] == ocr_c[None, :]) & long_q
    matrix = np.where(ocr & (matrix < OCR), OCR, matrix)
    bare = [i for i, t in enumerate(q_raw) if is_vowelless(t)]
    if bare:
        matrix = matrix.copy()
        keys = [spelled_keys(t) for t in c_raw]
        for i in bare:
            wanted = consonant_keys(q_raw[i])
            for j, pair in enumerate(keys):
                key = pair[0] if pair[0] in wanted else pair[1] if pair[1] in wanted else None
                if key is not None:
                    matrix[i, j] = max(matrix[i, j], _vowelless(q_raw[i], c_raw[j], key))
    return initials_matrix(matrix, q_tokens, c_tokens) if person else matrix


@lru_cache(maxsize=1 << 16)
def token_similarity_v2(a: str, b: str, person: bool = False) -> float:
    """Two parts (one of each side, as written), by v2's rules: the same numbers as
    :func:`similarity_matrix_v2`, computed for one pair without arrays (joined and truncated readings)."""
    if a == b:
        return 1.0
    longest = max(len(a), len(b), 1)
    if person and (len(a) == 1 or len(b) == 1):
        return (1.0 if len(a) == len(b) else INITIAL) if a[:1] == b[:1] else 0.0
    distance = OSA.distance(a, b)
    allowed = (longest >= 4) + (longest >= 8) + (longest >= 12)
    score = 1.0 - 0.6 * distance / longest if distance <= allowed else 0.0
    sounds = min(len(a), len(b)) > 2 and distance <= 0.4 * longest
    if score < PHONETIC and sounds and phonetic_key(a) == phonetic_key(b):
        score = PHONETIC
    if score < OCR and (len(a) >= 3 or not a.isalpha()) and ocr_fold(a) == ocr_fold(b):
        score = OCR
    if is_vowelless(a):
        wanted = consonant_keys(a)
        for key in spelled_keys(b):
            if key in wanted:
                score = max(score, _vowelless(a, b, key))
    return score


def _vowelless(bare: str, full: str, key: str) -> float:
    """The vowel-less reading's similarity: two consonants say less, and then must start alike."""
    if len(key) >= 3:
        return VOWELLESS
    return VOWELLESS_SHORT if bare.lstrip("aeiouy")[:1] == full.lstrip("aeiouy")[:1] else 0.0
