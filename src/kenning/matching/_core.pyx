# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""The compiled scoring core: the one-to-one pairing of two names' parts and its score, in C.

It computes exactly what the pure-Python reference computes (``features._align`` for kenning-v1,
the first pass of ``align_v2._align`` with ``_worth_more``, ``_may_read_otherwise`` and
``_score_singles`` for kenning-v2): every pairing of a query part with a listed part at least
``MIN_PAIR`` (read from the query's memo), best first (similarity, then query part, then listed part,
all descending, as Python's ``sort(reverse=True)`` of ``(s, i, j)`` tuples), taken greedily one to
one; the weighted share of the query's parts found, listed parts the query lacks costing a little.

``first_pass`` returns ``(score, state)``: state 0, the score is final; state 1, kenning-v2 must try its
other readings (the Python path takes over); state 2, the memo lacks a listed part (the Python path
fills it). ``tests/matching/test_core.py`` checks it against the Python reference on generated pairs,
``bench.screening_identical`` on every case of the screening dev set.
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.stdlib cimport qsort

cdef double JOIN = 0.95
cdef double STRONG = 0.8


cdef struct Pair:
    double s
    int i
    int j


cdef int _descending(const void* a, const void* b) noexcept nogil:
    cdef const Pair* x = <const Pair*> a
    cdef const Pair* y = <const Pair*> b
    if x.s != y.s:
        return -1 if x.s > y.s else 1
    if x.i != y.i:
        return -1 if x.i > y.i else 1
    if x.j != y.j:
        return -1 if x.j > y.j else 1
    return 0


cdef int _gather(tuple tokens, tuple raws, dict memo, bint person, Pair** out) except -2:
    """The memo's pairings of every listed part as a C array (sorted best first); -1 if a part is missing."""
    cdef Py_ssize_t n = len(tokens), j, k, count = 0
    cdef list found = []
    cdef object entry
    for j in range(n):
        entry = memo.get((tokens[j], raws[j], person))
        if entry is None:
            return -1
        found.append(entry)
        count += len(<tuple> entry)
    cdef Pair* pairs = <Pair*> PyMem_Malloc(max(count, 1) * sizeof(Pair))
    if pairs == NULL:
        raise MemoryError()
    count = 0
    for j in range(n):
        for entry in <tuple> found[j]:
            pairs[count].i = <int> (<tuple> entry)[0]
            pairs[count].s = <double> (<tuple> entry)[1]
            pairs[count].j = <int> j
            count += 1
    qsort(pairs, count, sizeof(Pair), _descending)
    out[0] = pairs
    return <int> count


cdef bint _may_read_otherwise(tuple q_raw, tuple c_raw, char* used_q, char* used_c, char* unsure_q,
                              char* unsure_c, object first_letter):
    """Some listed part left over (or unsure) starts like a query part left over (or unsure)."""
    cdef Py_ssize_t i, j
    cdef set firsts = set()
    for j in range(len(c_raw)):
        if not used_c[j] or unsure_c[j]:
            firsts.add(first_letter(c_raw[j]))
    if not firsts:
        return False
    for i in range(len(q_raw)):
        if (not used_q[i] or unsure_q[i]) and first_letter(q_raw[i]) in firsts:
            return True
    return False


def first_pass(object q, object c, dict memo, bint person, double extra_penalty, bint v2,
               object first_letter=None):
    """(score, state) of the one-to-one pairing of query name ``q`` with listed name ``c`` (see above)."""
    cdef tuple q_tokens = q.tokens, c_tokens = c.tokens, q_weak = q.weak
    cdef tuple q_weights = q.weights, c_weights = c.weights
    cdef Py_ssize_t nq = len(q_tokens), nc = len(c_tokens), k, i, j
    cdef Pair* pairs = NULL
    cdef int count = _gather(c_tokens, c.raw, memo, person, &pairs)
    if count < 0:
        return 0.0, 2
    cdef char* flags = <char*> PyMem_Malloc(2 * (nq + nc) + 1)
    if flags == NULL:
        PyMem_Free(pairs)
        raise MemoryError()
    cdef char* used_q = flags
    cdef char* used_c = flags + nq
    cdef char* unsure_q = flags + nq + nc
    cdef char* unsure_c = flags + 2 * nq + nc
    cdef double matched = 0.0, s = 0.0, left_c, total
    cdef bint strong = False, unsure = False
    cdef int taken_q = 0, taken_c = 0
    try:
        for k in range(2 * (nq + nc)):
            flags[k] = 0
        for k in range(count):
            s, i, j = pairs[k].s, pairs[k].i, pairs[k].j
            if used_q[i] or used_c[j]:
                continue
            used_q[i] = 1
            used_c[j] = 1
            taken_q += 1
            taken_c += 1
            if s < JOIN:
                unsure_q[i] = 1
                unsure_c[j] = 1
                unsure = True
            matched += s * (<double> q_weights[i] + <double> c_weights[j]) / 2
            strong = strong or (s >= STRONG and not q_weak[i] and len(<str> q_tokens[i]) > 1)
        if v2:
            if (nc > 0 if taken_q < nq else (taken_c < nc and unsure)) and _may_read_otherwise(
                    q.raw, c.raw, used_q, used_c, unsure_q, unsure_c, first_letter):
                return 0.0, 1
        if not strong:
            return 0.0, 0
        left_c = 0.0
        for j in range(nc):
            if used_c[j]:
                left_c += <double> c_weights[j]
        left_c = <double> c.total - left_c
        total = <double> q.total + extra_penalty * min(left_c, 1.0)
        if total > 0 if v2 else total != 0:
            return min(matched / total, 1.0), 0
        return 0.0, 0
    finally:
        PyMem_Free(pairs)
        PyMem_Free(flags)
