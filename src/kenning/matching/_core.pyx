# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""The compiled scoring core: the one-to-one pairing of two names' parts and its score, in C.

It computes exactly what the pure-Python reference computes (``features._align`` for kenning-v1,
the first pass of ``align_v2._align`` with ``_worth_more``, ``_may_read_otherwise`` and
``_score_singles`` for kenning-v2): every pairing of a query part with a listed part at least
``MIN_PAIR`` (read from the query's memo), best first (similarity, then query part, then listed part,
all descending, as Python's ``sort(reverse=True)`` of ``(s, i, j)`` tuples), taken greedily one to
one; the weighted share of the query's parts found, listed parts the query lacks costing a little.

``first_pass`` returns ``(score, state)``: state 0, the score is final; state 1, kenning-v2 must try its
other readings (the Python path takes over) and the score is the upper bound of what they can give
(``align_v2._bound``, computed the same way); state 2, the memo lacks a listed part (the Python path
fills it). ``tests/matching/test_core.py`` checks it against the Python reference on generated pairs,
``bench.screening_identical`` on every case of the screening dev set.
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.stdlib cimport qsort

cdef double JOIN = 0.95
cdef double STRONG = 0.8
cdef double LOOSE = 0.6
cdef Py_ssize_t MIN_LOOSE = 4
cdef Py_ssize_t MAX_LENGTH_GAP = 3


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
                return _bound(q, c, pairs, count, used_q, used_c, unsure_q, unsure_c), 1
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


cdef double _bound(object q, object c, Pair* pairs, int count, char* used_q, char* used_c, char* unsure_q,
                   char* unsure_c) except -1.0:
    """``align_v2._bound``: the upper bound of the score kenning-v2's other readings can give (the same
    steps in the same order, so the same number)."""
    cdef tuple qw = q.weights, cw = c.weights, q_raw = q.raw, c_raw = c.raw, q_tokens = q.tokens
    cdef tuple c_tokens = c.tokens, q_weak = q.weak
    cdef Py_ssize_t nq = len(qw), nc = len(cw), i, j, k, final = q.final, n
    cdef double heaviest = 0.0, best, mean, value, w
    cdef bint any_c = False, found
    cdef str part, other
    cdef list joined_c = []
    cdef set loose_c = set()
    if nq == 0:
        return 1.0
    for i in range(nq):
        if <double> qw[i] <= 0:
            return 1.0
    for j in range(nc):
        if not used_c[j] or unsure_c[j]:
            if not any_c or <double> cw[j] > heaviest:
                heaviest = <double> cw[j]
            any_c = True
    if not any_c:
        return 1.0
    cdef double* rho = <double*> PyMem_Malloc(nq * sizeof(double))
    cdef char* half = <char*> PyMem_Malloc(nq + 1)
    if rho == NULL or half == NULL:
        PyMem_Free(rho)
        PyMem_Free(half)
        raise MemoryError()
    try:
        for i in range(nq):
            rho[i] = 0.0
            half[i] = 0
        for k in range(count):
            i, j = pairs[k].i, pairs[k].j
            value = pairs[k].s * (<double> qw[i] + <double> cw[j]) / (2 * <double> qw[i])
            if value > rho[i]:
                rho[i] = value
        for j in range(nc):
            if not used_c[j] or unsure_c[j]:
                if j + 1 < nc and (not used_c[j + 1] or unsure_c[j + 1]):
                    joined_c.append(len(<str> c_raw[j]) + len(<str> c_raw[j + 1]))
                other = c_raw[j]
                if not used_c[j] and len(other) >= MIN_LOOSE:
                    loose_c.add((other[:1], other[len(other) - 1:]))
        for i in range(nq):
            if used_q[i] and not unsure_q[i]:
                continue
            part, best, w = q_raw[i], 0.0, <double> qw[i]
            found = False
            for n in joined_c:
                if abs(n - len(part)) <= MAX_LENGTH_GAP:
                    found = True
                    break
            if not found and i == final:
                for j in range(nc):
                    if (not used_c[j] or unsure_c[j]) and ((<str> c_raw[j]).startswith(part)
                                                          or (<str> c_tokens[j]).startswith(q_tokens[i])):
                        found = True
                        break
            if found:
                best = JOIN
            elif not used_q[i] and not q_weak[i] and len(part) >= MIN_LOOSE and (part[:1], part[len(part) - 1:]) in loose_c:
                best = LOOSE
            rho[i] = max(rho[i], best * (w + heaviest) / (2 * w))
            if i + 1 < nq and (not used_q[i + 1] or unsure_q[i + 1]):
                n = len(part) + len(<str> q_raw[i + 1])
                for j in range(nc):
                    if (not used_c[j] or unsure_c[j]) and abs(n - len(<str> c_raw[j])) <= MAX_LENGTH_GAP:
                        mean = (w + <double> qw[i + 1]) / 2
                        value = max(rho[i], rho[i + 1], JOIN * (mean + heaviest) / (2 * mean))
                        rho[i] = value
                        rho[i + 1] = value
                        half[i] = 1
                        half[i + 1] = 1
                        break
        return min(_best_share(qw, rho, half, nq), 1.0) + 1e-9
    finally:
        PyMem_Free(rho)
        PyMem_Free(half)


cdef double _best_share(tuple qw, double* rho, char* half, Py_ssize_t nq):
    """``align_v2._best_share`` (the same sums in the same order)."""
    cdef double top = 0.0, bottom = 0.0, best = 0.0, num, den, a, b, value
    cdef Py_ssize_t i, k, m = 0, x, y
    cdef list flexible = []
    for i in range(nq):  # the parts that may count half, by ratio descending, ties by position (a stable sort)
        if half[i]:
            y = m
            while y > 0 and rho[<Py_ssize_t> flexible[y - 1]] < rho[i]:
                y -= 1
            flexible.insert(y, i)
            m += 1
    for i in range(nq):
        if not half[i]:
            top = top + <double> qw[i] * rho[i]
            bottom = bottom + <double> qw[i]
    for k in range(m + 1):
        a = 0.0
        b = 0.0
        for x in range(k):
            i = flexible[x]
            a = a + <double> qw[i] * rho[i]
        for x in range(k, m):
            i = flexible[x]
            b = b + <double> qw[i] * rho[i] / 2
        num = top + a + b
        a = 0.0
        b = 0.0
        for x in range(k):
            a = a + <double> qw[flexible[x]]
        for x in range(k, m):
            b = b + <double> qw[flexible[x]] / 2
        den = bottom + a + b
        value = num / den if den > 0 else 0.0
        if value > best:
            best = value
    return best
