/*
 * vanban.restore._speed: the restorer's inner loops, compiled.
 *
 * In pure Python they cost a few hundred microseconds per new garbled token and tens per
 * syllable, which capped restoring garbled text near 3,000 syllables a second. Each function
 * here reproduces its Python reference in restore/decode.py and restore/channel.py operation
 * for operation (same additions in the same order, same tie-breaking), so the two give
 * identical output; tests/restore/test_compiled.py holds them to that. The extension is optional: without a C compiler the package falls back
 * to the Python reference, slower but the same.
 *
 *   lm_new(...)            trigram LM in back-off form -> capsule (open-addressing tables)
 *   decode_segment(lm, ...) second-order Viterbi over a segment's candidate lists, then
 *                          each position's local posteriors with the neighbours fixed
 *   speller_new(...)       syllable inventory, skeletons, unigram prior -> capsule
 *   channel_new(...)       per-letter deletion/no-insertion costs of one OCR channel -> capsule
 *   garbled(...)           candidate syllables for one garbled token, scored by the channel
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ hash tables */

/* Open addressing with linear probing; key and value side by side, so a probe touches one
 * cache line (the trigram table is a few MB: the Viterbi's time goes into these misses). */
typedef struct {
    int64_t key; /* -1 = empty; packed keys are never negative */
    double val;
} Slot;

typedef struct {
    Slot *slots;
    uint64_t mask;
} Table;

static inline uint64_t mix(int64_t k) {
    uint64_t x = (uint64_t)k * 0x9E3779B97F4A7C15ULL;
    return x ^ (x >> 31);
}

static int table_build(Table *t, const int64_t *k, const double *v, Py_ssize_t n) {
    uint64_t cap = 16;
    while (cap < (uint64_t)n + (uint64_t)n / 2 + 2) cap <<= 1; /* load factor at most 2/3 */
    t->slots = (Slot *)malloc(cap * sizeof(Slot));
    if (!t->slots) return -1;
    for (uint64_t i = 0; i < cap; i++) t->slots[i].key = -1;
    t->mask = cap - 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        uint64_t h = mix(k[i]) & t->mask;
        while (t->slots[h].key != -1 && t->slots[h].key != k[i]) h = (h + 1) & t->mask;
        t->slots[h].key = k[i];
        t->slots[h].val = v[i];
    }
    return 0;
}

static inline int table_get(const Table *t, int64_t k, double *out) {
    uint64_t h = mix(k) & t->mask;
    for (;;) {
        const Slot *sl = &t->slots[h];
        if (sl->key == k) {
            *out = sl->val;
            return 1;
        }
        if (sl->key == -1) return 0;
        h = (h + 1) & t->mask;
    }
}

static void table_free(Table *t) { free(t->slots); }

/* ------------------------------------------------------------------ language model */

#define LM_NAME "vanban.restore._speed.LM"

typedef struct {
    int64_t v;
    double *uni; /* dense, size v */
    double *bo2; /* dense, size v, 0.0 where the context was never seen */
    uint8_t *ctx1; /* dense, size v: b has a bo2 entry, the only b bigrams (b, c) can have */
    Table bi, bo3, tri;
    int nested;    /* every trigram's context is in bo3 and every bigram's in bo2 (checked) */
} LM;

static void lm_free(LM *lm) {
    if (!lm) return;
    free(lm->uni);
    free(lm->bo2);
    free(lm->ctx1);
    table_free(&lm->bi);
    table_free(&lm->bo3);
    table_free(&lm->tri);
    free(lm);
}

static void lm_capsule_free(PyObject *cap) {
    lm_free((LM *)PyCapsule_GetPointer(cap, LM_NAME));
}

/* Same arithmetic as TrigramLM.logp and decode._scorer: (bo3 + bo2) + uni on full back-off. */
/* Kneser-Ney estimates only hold n-grams whose context was seen, so with `nested` an unseen
 * context skips the higher-order look-up, a hash miss, without changing any result. */
static inline double lm_logp(const LM *lm, int64_t a, int64_t b, int64_t c) {
    const int64_t v = lm->v;
    double t, p, w3 = 0.0;
    const int ctx3 = table_get(&lm->bo3, a * v + b, &w3);
    if ((ctx3 || !lm->nested) && table_get(&lm->tri, a * v * v + b * v + c, &t)) return t;
    if ((lm->ctx1[b] || !lm->nested) && table_get(&lm->bi, b * v + c, &p)) return w3 + p;
    return w3 + lm->bo2[b] + lm->uni[c];
}

/* PyBuffer_Release on each buffer of a NULL-terminated list: the exit path of every entry point
 * that takes buffers. */
static void release_buffers(Py_buffer *b, ...) {
    va_list ap;
    va_start(ap, b);
    for (; b; b = va_arg(ap, Py_buffer *)) PyBuffer_Release(b);
    va_end(ap);
}

static int check_len(Py_buffer *b, Py_ssize_t item, Py_ssize_t n, const char *what) {
    if (b->len != item * n) {
        PyErr_Format(PyExc_ValueError, "%s: %zd bytes, expected %zd", what, b->len, item * n);
        return -1;
    }
    return 0;
}

static PyObject *py_lm_new(PyObject *self, PyObject *args) {
    long long v;
    Py_buffer uni, bo2k, bo2v, bik, biv, bo3k, bo3v, trik, triv;
    if (!PyArg_ParseTuple(args, "Ly*y*y*y*y*y*y*y*y*", &v, &uni, &bo2k, &bo2v, &bik, &biv,
                          &bo3k, &bo3v, &trik, &triv))
        return NULL;
    PyObject *res = NULL;
    LM *lm = (LM *)calloc(1, sizeof(LM));
    if (!lm) {
        PyErr_NoMemory();
        goto done;
    }
    lm->v = v;
    if (check_len(&uni, 8, v, "uni") < 0) goto done;
    Py_ssize_t n2 = bo2k.len / 8, nb = bik.len / 8, n3 = bo3k.len / 8, nt = trik.len / 8;
    if (check_len(&bo2v, 8, n2, "bo2") < 0 || check_len(&biv, 8, nb, "bi") < 0 ||
        check_len(&bo3v, 8, n3, "bo3") < 0 || check_len(&triv, 8, nt, "tri") < 0)
        goto done;
    lm->uni = (double *)malloc(v * sizeof(double));
    lm->bo2 = (double *)calloc(v, sizeof(double));
    lm->ctx1 = (uint8_t *)calloc(v, 1);
    if (!lm->uni || !lm->bo2 || !lm->ctx1) {
        PyErr_NoMemory();
        goto done;
    }
    memcpy(lm->uni, uni.buf, v * sizeof(double));
    const int64_t *k2 = (const int64_t *)bo2k.buf;
    const double *v2 = (const double *)bo2v.buf;
    for (Py_ssize_t i = 0; i < n2; i++) {
        if (k2[i] < 0 || k2[i] >= v) {
            PyErr_SetString(PyExc_ValueError, "bo2 key out of range");
            goto done;
        }
        lm->bo2[k2[i]] = v2[i];
        lm->ctx1[k2[i]] = 1;
    }
    if (table_build(&lm->bi, (const int64_t *)bik.buf, (const double *)biv.buf, nb) < 0 ||
        table_build(&lm->bo3, (const int64_t *)bo3k.buf, (const double *)bo3v.buf, n3) < 0 ||
        table_build(&lm->tri, (const int64_t *)trik.buf, (const double *)triv.buf, nt) < 0) {
        PyErr_NoMemory();
        goto done;
    }
    lm->nested = 1;
    {
        const int64_t *tk = (const int64_t *)trik.buf, *bk = (const int64_t *)bik.buf;
        double w;
        for (Py_ssize_t i = 0; i < nt && lm->nested; i++)
            lm->nested = table_get(&lm->bo3, tk[i] / v, &w);
        for (Py_ssize_t i = 0; i < nb && lm->nested; i++)
            lm->nested = bk[i] >= 0 && bk[i] / v < v && lm->ctx1[bk[i] / v];
    }
    res = PyCapsule_New(lm, LM_NAME, lm_capsule_free);
    if (res) lm = NULL;
done:
    lm_free(lm);
    release_buffers(&uni, &bo2k, &bo2v, &bik, &biv, &bo3k, &bo3v, &trik, &triv, NULL);
    return res;
}

/* A segment's candidate lists, flattened: LM ids, channel log-probs, and where each
 * position's list starts (offs, n + 1 entries). Read from the decoder's Cand tuples. */
typedef struct {
    int32_t *ids;
    double *ch;
    int32_t *offs;
    PyObject **text; /* borrowed: the Cand's text, for the posteriors handed back */
    Py_ssize_t n;
} Lattice;

static void lattice_free(Lattice *L) {
    free(L->ids);
    free(L->ch);
    free(L->offs);
    free(L->text);
}

/* cands: a list with one non-empty tuple of Cand (text, lm_id, channel, kept) per position. */
static int lattice_read(Lattice *L, PyObject *cands, int64_t v) {
    memset(L, 0, sizeof *L);
    if (!PyList_Check(cands)) {
        PyErr_SetString(PyExc_TypeError, "cands must be a list of tuples of Cand");
        return -1;
    }
    const Py_ssize_t n = PyList_GET_SIZE(cands);
    Py_ssize_t total = 0;
    for (Py_ssize_t p = 0; p < n; p++) {
        PyObject *pc = PyList_GET_ITEM(cands, p);
        if (!PyTuple_Check(pc) || PyTuple_GET_SIZE(pc) == 0) {
            PyErr_SetString(PyExc_ValueError, "a position without candidates");
            return -1;
        }
        total += PyTuple_GET_SIZE(pc);
    }
    L->n = n;
    L->ids = (int32_t *)malloc((total + 1) * sizeof(int32_t));
    L->ch = (double *)malloc((total + 1) * sizeof(double));
    L->offs = (int32_t *)malloc((n + 1) * sizeof(int32_t));
    L->text = (PyObject **)malloc((total + 1) * sizeof(PyObject *));
    if (!L->ids || !L->ch || !L->offs || !L->text) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t k = 0;
    for (Py_ssize_t p = 0; p < n; p++) {
        PyObject *pc = PyList_GET_ITEM(cands, p);
        L->offs[p] = (int32_t)k;
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(pc); j++, k++) {
            PyObject *c = PyTuple_GET_ITEM(pc, j);
            if (!PyTuple_Check(c) || PyTuple_GET_SIZE(c) < 3) {
                PyErr_SetString(PyExc_TypeError, "candidates must be Cand tuples");
                return -1;
            }
            const long id = PyLong_AsLong(PyTuple_GET_ITEM(c, 1));
            if (id == -1 && PyErr_Occurred()) return -1;
            if (id < 0 || id >= v) {
                PyErr_SetString(PyExc_ValueError, "candidate id out of the LM vocabulary");
                return -1;
            }
            const double ch = PyFloat_AsDouble(PyTuple_GET_ITEM(c, 2));
            if (ch == -1.0 && PyErr_Occurred()) return -1;
            L->ids[k] = (int32_t)id;
            L->ch[k] = ch;
            L->text[k] = PyTuple_GET_ITEM(c, 0);
        }
    }
    L->offs[n] = (int32_t)k;
    return 0;
}

/* Decoder._viterbi_py, step for step: states kept in insertion order, a state replaced only
 * by a strictly better score, pruning by a stable sort, the first best final state wins. */
static int run_viterbi(const LM *lm, const Lattice *L, int64_t bos, int64_t eos, double beam,
                       int max_states, int *path) {
    int rc = -1;
    int *back = NULL, *boffs = NULL, *order = NULL, *present = NULL, *nback = NULL;
    double *nsc = NULL;
    int *st_i2 = NULL, *st_i1 = NULL;
    double *st_sc = NULL;
    const Py_ssize_t n = L->n;
    if (n == 0) return 0;
    if (max_states < 1) max_states = 1;
    const int64_t v = lm->v, vv = v * v;
    /* back pointers: per position a (nprev + 1) x ncur grid of i2 */
    boffs = (int *)malloc((n + 1) * sizeof(int));
    if (!boffs) goto done;
    int maxgrid = 1;
    boffs[0] = 0;
    for (Py_ssize_t p = 0; p < n; p++) {
        int ncur = L->offs[p + 1] - L->offs[p];
        int nprev = p > 0 ? L->offs[p] - L->offs[p - 1] : 0;
        int g = (nprev + 1) * ncur;
        if (g > maxgrid) maxgrid = g;
        boffs[p + 1] = boffs[p] + g;
    }
    back = (int *)malloc(boffs[n] * sizeof(int));
    order = (int *)malloc(maxgrid * sizeof(int));
    present = (int *)calloc(maxgrid, sizeof(int));
    nsc = (double *)malloc(maxgrid * sizeof(double));
    nback = (int *)malloc(maxgrid * sizeof(int));
    const int cap_states = maxgrid > max_states ? maxgrid : max_states;
    st_i2 = (int *)malloc(cap_states * sizeof(int));
    st_i1 = (int *)malloc(cap_states * sizeof(int));
    st_sc = (double *)malloc(cap_states * sizeof(double));
    if (!back || !order || !present || !nsc || !nback || !st_i2 || !st_i1 || !st_sc) goto done;
    int ns = 1;
    st_i2[0] = -1;
    st_i1[0] = -1;
    st_sc[0] = 0.0;
    for (Py_ssize_t p = 0; p < n; p++) {
        const int o0 = L->offs[p], ncur = L->offs[p + 1] - o0;
        const int o1 = p > 0 ? L->offs[p - 1] : 0, o2 = p > 1 ? L->offs[p - 2] : 0;
        const int nprev = p > 0 ? o0 - o1 : 0;
        int *bk = back + boffs[p];
        int nk = 0;
        for (int s = 0; s < ns; s++) {
            const int i2 = st_i2[s], i1 = st_i1[s];
            const double score = st_sc[s];
            const int64_t a = i2 >= 0 ? L->ids[o2 + i2] : bos;
            const int64_t b = i1 >= 0 ? L->ids[o1 + i1] : bos;
            const int64_t tri_base = a * vv + b * v, bi_base = b * v;
            double w3 = 0.0;
            const int ctx3 = table_get(&lm->bo3, a * v + b, &w3) || !lm->nested;
            const int ctx2 = lm->ctx1[b] || !lm->nested;
            const double w2 = w3 + lm->bo2[b];
            for (int j = 0; j < ncur; j++) {
                const int64_t cid = L->ids[o0 + j];
                double lp;
                if (!(ctx3 && table_get(&lm->tri, tri_base + cid, &lp))) {
                    if (ctx2 && table_get(&lm->bi, bi_base + cid, &lp))
                        lp = w3 + lp;
                    else
                        lp = w2 + lm->uni[cid];
                }
                const double sc = score + L->ch[o0 + j] + lp;
                const int k = (i1 + 1) * ncur + j;
                if (!present[k]) {
                    present[k] = 1;
                    nsc[k] = sc;
                    nback[k] = i2;
                    order[nk++] = k;
                } else if (sc > nsc[k]) {
                    nsc[k] = sc;
                    nback[k] = i2;
                }
            }
        }
        double best = nsc[order[0]];
        for (int t = 1; t < nk; t++)
            if (nsc[order[t]] > best) best = nsc[order[t]];
        const double floor_ = best - beam;
        if (nk > max_states) {
            /* stable sort by score, best first (Python's sorted keeps insertion order on ties) */
            for (int t = 1; t < nk; t++) {
                int x = order[t], u = t;
                while (u > 0 && nsc[order[u - 1]] < nsc[x]) {
                    order[u] = order[u - 1];
                    u--;
                }
                order[u] = x;
            }
            nk = max_states;
        }
        ns = 0;
        for (int t = 0; t < nk; t++) {
            const int k = order[t];
            if (nsc[k] > floor_) {
                st_i2[ns] = k / ncur - 1;
                st_i1[ns] = k % ncur;
                st_sc[ns] = nsc[k];
                ns++;
            }
        }
        /* every touched cell keeps its back pointer; clear the presence grid for the next step */
        for (int k = 0; k < (nprev + 1) * ncur; k++) {
            bk[k] = present[k] ? nback[k] : -2;
            present[k] = 0;
        }
    }
    /* closing </s> */
    {
        const int o1 = L->offs[n - 1], o2 = n > 1 ? L->offs[n - 2] : 0;
        int bi2 = 0;
        double bestf = 0.0;
        for (int s = 0; s < ns; s++) {
            const int64_t a = st_i2[s] >= 0 ? L->ids[o2 + st_i2[s]] : bos;
            const int64_t b = st_i1[s] >= 0 ? L->ids[o1 + st_i1[s]] : bos;
            const double f = st_sc[s] + lm_logp(lm, a, b, eos);
            if (s == 0 || f > bestf) {
                bestf = f;
                bi2 = s;
            }
        }
        int k2 = st_i2[bi2], k1 = st_i1[bi2];
        for (Py_ssize_t p = n - 1; p >= 0; p--) {
            const int ncur = L->offs[p + 1] - L->offs[p];
            path[p] = k1;
            const int prev2 = back[boffs[p] + (k2 + 1) * ncur + k1];
            k1 = k2;
            k2 = prev2;
        }
    }
    rc = 0;
done:
    free(back);
    free(boffs);
    free(order);
    free(present);
    free(nsc);
    free(nback);
    free(st_i2);
    free(st_i1);
    free(st_sc);
    return rc;
}

/* Decoder._confidences_py: the local posterior of every candidate, neighbours fixed to the
 * path (into out, flat), and per position the local indices likeliest first (a stable sort,
 * into order). */
static int run_posteriors(const LM *lm, const Lattice *L, const int *path, int64_t bos,
                          int64_t eos, double *out, int32_t *order) {
    const Py_ssize_t n = L->n;
    int64_t *seq = (int64_t *)malloc((n + 4) * sizeof(int64_t));
    if (!seq) return -1;
    seq[0] = seq[1] = bos;
    for (Py_ssize_t i = 0; i < n; i++) seq[i + 2] = L->ids[L->offs[i] + path[i]];
    seq[n + 2] = seq[n + 3] = eos;
    for (Py_ssize_t i = 0; i < n; i++) {
        const int o0 = L->offs[i], ncur = L->offs[i + 1] - o0;
        if (ncur == 1) {
            out[o0] = 1.0;
            order[o0] = 0;
            continue;
        }
        const int64_t a = seq[i], b = seq[i + 1], n1 = seq[i + 3], n2 = seq[i + 4];
        double top = 0.0;
        for (int j = 0; j < ncur; j++) {
            const int64_t x = L->ids[o0 + j];
            double sc = L->ch[o0 + j] + lm_logp(lm, a, b, x) + lm_logp(lm, b, x, n1);
            if (i < n - 1) sc += lm_logp(lm, x, n1, n2);
            out[o0 + j] = sc;
            if (j == 0 || sc > top) top = sc;
        }
        double z = 0.0;
        for (int j = 0; j < ncur; j++) {
            out[o0 + j] = exp(out[o0 + j] - top);
            z += out[o0 + j];
        }
        for (int j = 0; j < ncur; j++) out[o0 + j] /= z;
        for (int j = 0; j < ncur; j++) {
            int u = j;
            while (u > 0 && out[o0 + order[o0 + u - 1]] < out[o0 + j]) {
                order[o0 + u] = order[o0 + u - 1];
                u--;
            }
            order[o0 + u] = j;
        }
    }
    free(seq);
    return 0;
}

/* [(chosen's probability, [(text, probability), ...top_n likeliest]) per position] */
static PyObject *posterior_list(const Lattice *L, const int *path, const double *out,
                                const int32_t *order, int top_n) {
    PyObject *res = PyList_New(L->n);
    if (!res) return NULL;
    for (Py_ssize_t i = 0; i < L->n; i++) {
        const int o0 = L->offs[i], ncur = L->offs[i + 1] - o0;
        const int k = ncur < top_n ? ncur : top_n;
        PyObject *top = PyList_New(k);
        if (!top) goto fail;
        for (int t = 0; t < k; t++) {
            const int j = order[o0 + t];
            PyObject *pair = Py_BuildValue("(Od)", L->text[o0 + j], out[o0 + j]);
            if (!pair) {
                Py_DECREF(top);
                goto fail;
            }
            PyList_SET_ITEM(top, t, pair);
        }
        PyObject *item = Py_BuildValue("(dN)", out[o0 + path[i]], top);
        if (!item) goto fail;
        PyList_SET_ITEM(res, i, item);
    }
    return res;
fail:
    Py_DECREF(res);
    return NULL;
}

/*
 * decode_segment(lm, cands, correct, bos, eos, beam, max_states, top_n) -> (path, posteriors)
 *
 * Viterbi, then the posteriors along its path. With `correct`, the path starts as every
 * position's first candidate (the text as written) and the Viterbi runs only if some other
 * candidate is the likelier one even locally: restore_text's rule for good text.
 */
static PyObject *py_decode_segment(PyObject *self, PyObject *args) {
    PyObject *cap, *cands;
    int correct, bos, eos, max_states, top_n;
    double beam;
    if (!PyArg_ParseTuple(args, "OOpiidii", &cap, &cands, &correct, &bos, &eos, &beam,
                          &max_states, &top_n))
        return NULL;
    LM *lm = (LM *)PyCapsule_GetPointer(cap, LM_NAME);
    if (!lm) return NULL;
    if (bos < 0 || eos < 0 || bos >= lm->v || eos >= lm->v) {
        PyErr_SetString(PyExc_ValueError, "bos/eos out of the LM vocabulary");
        return NULL;
    }
    PyObject *res = NULL, *plist = NULL, *posts = NULL;
    int *path = NULL;
    double *out = NULL;
    int32_t *order = NULL;
    Lattice L;
    if (lattice_read(&L, cands, lm->v) < 0) goto done;
    const Py_ssize_t n = L.n, total = L.offs[n];
    path = (int *)calloc(n + 1, sizeof(int));
    out = (double *)malloc((total + 1) * sizeof(double));
    order = (int32_t *)malloc((total + 1) * sizeof(int32_t));
    if (!path || !out || !order) {
        PyErr_NoMemory();
        goto done;
    }
    int need_viterbi = !correct;
    if (correct) {
        if (run_posteriors(lm, &L, path, bos, eos, out, order) < 0) {
            PyErr_NoMemory();
            goto done;
        }
        for (Py_ssize_t i = 0; i < n && !need_viterbi; i++) {
            const int o0 = L.offs[i];
            const int eq = PyObject_RichCompareBool(L.text[o0 + order[o0]], L.text[o0], Py_EQ);
            if (eq < 0) goto done;
            need_viterbi = !eq;
        }
    }
    if (need_viterbi) {
        if (run_viterbi(lm, &L, bos, eos, beam, max_states, path) < 0 ||
            run_posteriors(lm, &L, path, bos, eos, out, order) < 0) {
            PyErr_NoMemory();
            goto done;
        }
    }
    plist = PyList_New(n);
    if (!plist) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *x = PyLong_FromLong(path[i]);
        if (!x) goto done;
        PyList_SET_ITEM(plist, i, x);
    }
    posts = posterior_list(&L, path, out, order, top_n < 1 ? 1 : top_n);
    if (!posts) goto done;
    res = PyTuple_Pack(2, plist, posts);
done:
    Py_XDECREF(plist);
    Py_XDECREF(posts);
    free(path);
    free(out);
    free(order);
    lattice_free(&L);
    return res;
}

/* ------------------------------------------------------------------ speller */

#define SPELLER_NAME "vanban.restore._speed.Speller"
#define CHANNEL_NAME "vanban.restore._speed.Channel"

typedef struct {
    Py_ssize_t nsyl, nsk;
    uint8_t *syl; /* letter codes (1..A-1) of each syllable, concatenated */
    int32_t *syl_offs;
    double *prior;   /* unigram log-probability per syllable */
    int32_t *skel;   /* skeleton index per syllable */
    uint8_t *sk;     /* skeleton letter codes, concatenated */
    int32_t *sk_offs;
    int32_t *top;    /* per skeleton: its commonest syllables (by_skel[k][:12]) */
    int32_t *top_offs;
    /* Model.deletes: every string one or two deletions make of a skeleton -> the skeletons
     * (indices), and a hash table over those strings (open addressing, -1 empty) */
    uint8_t *dk;
    int32_t *dk_offs;
    int32_t *dv;
    int32_t *dv_offs;
    Py_ssize_t ndel;
    int32_t *ht;
    uint32_t htmask;
    int32_t *checked; /* per skeleton: the near_skeletons call that last measured it */
    int32_t gen;      /* that call's number */
    /* scratch, sized once */
    int *sk_dist;    /* -1 = not near */
    int *near;       /* the skeletons of the current query with sk_dist >= 0 */
    int nnear;       /* 0 between calls, with every sk_dist back at -1 */
    int *stamp;      /* per syllable: in the pool of the current query */
    int *pool;
    double *key;
} Speller;

static void speller_free(Speller *s) {
    if (!s) return;
    free(s->syl);
    free(s->syl_offs);
    free(s->prior);
    free(s->skel);
    free(s->sk);
    free(s->sk_offs);
    free(s->top);
    free(s->top_offs);
    free(s->dk);
    free(s->dk_offs);
    free(s->dv);
    free(s->dv_offs);
    free(s->ht);
    free(s->checked);
    free(s->sk_dist);
    free(s->near);
    free(s->stamp);
    free(s->pool);
    free(s->key);
    free(s);
}

static inline uint32_t key_hash(const uint8_t *x, int n) {
    uint32_t h = 2166136261u ^ (uint32_t)n;
    for (int i = 0; i < n; i++) h = (h ^ x[i]) * 16777619u;
    return h;
}

static void speller_capsule_free(PyObject *cap) {
    speller_free((Speller *)PyCapsule_GetPointer(cap, SPELLER_NAME));
}

static void *copy_buf(Py_buffer *b) {
    void *p = malloc(b->len ? b->len : 1);
    if (p) memcpy(p, b->buf, b->len);
    return p;
}

static PyObject *py_speller_new(PyObject *self, PyObject *args) {
    Py_buffer syl, syl_offs, prior, skel, sk, sk_offs, top, top_offs, dk, dk_offs, dv, dv_offs;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*y*y*y*y*y*y*y*", &syl, &syl_offs, &prior, &skel, &sk,
                          &sk_offs, &top, &top_offs, &dk, &dk_offs, &dv, &dv_offs))
        return NULL;
    PyObject *res = NULL;
    Speller *s = (Speller *)calloc(1, sizeof(Speller));
    if (!s) {
        PyErr_NoMemory();
        goto done;
    }
    s->nsyl = syl_offs.len / 4 - 1;
    s->nsk = sk_offs.len / 4 - 1;
    if (s->nsyl < 0 || s->nsk < 0 || check_len(&prior, 8, s->nsyl, "prior") < 0 ||
        check_len(&skel, 4, s->nsyl, "skel") < 0 || check_len(&top_offs, 4, s->nsk + 1, "top") < 0)
        goto done;
    s->syl = (uint8_t *)copy_buf(&syl);
    s->syl_offs = (int32_t *)copy_buf(&syl_offs);
    s->prior = (double *)copy_buf(&prior);
    s->skel = (int32_t *)copy_buf(&skel);
    s->sk = (uint8_t *)copy_buf(&sk);
    s->sk_offs = (int32_t *)copy_buf(&sk_offs);
    s->top = (int32_t *)copy_buf(&top);
    s->top_offs = (int32_t *)copy_buf(&top_offs);
    s->sk_dist = (int *)malloc((s->nsk + 1) * sizeof(int));
    s->near = (int *)malloc((s->nsk + 1) * sizeof(int));
    s->stamp = (int *)calloc(s->nsyl + 1, sizeof(int));
    s->pool = (int *)malloc((s->nsyl + 1) * sizeof(int));
    s->key = (double *)malloc((s->nsyl + 1) * sizeof(double));
    if (!s->syl || !s->syl_offs || !s->prior || !s->skel || !s->sk || !s->sk_offs || !s->top ||
        !s->top_offs || !s->sk_dist || !s->near || !s->stamp || !s->pool || !s->key) {
        PyErr_NoMemory();
        goto done;
    }
    if (s->syl_offs[s->nsyl] != syl.len || s->sk_offs[s->nsk] != sk.len ||
        s->top_offs[s->nsk] * 4 != top.len) {
        PyErr_SetString(PyExc_ValueError, "speller offsets do not match their data");
        goto done;
    }
    for (Py_ssize_t i = 0; i < s->nsyl; i++)
        if (s->skel[i] < 0 || s->skel[i] >= s->nsk) {
            PyErr_SetString(PyExc_ValueError, "skeleton index out of range");
            goto done;
        }
    for (Py_ssize_t k = 0; k < s->nsk; k++) s->sk_dist[k] = -1;
    for (Py_ssize_t i = 0; i < top.len / 4; i++)
        if (s->top[i] < 0 || s->top[i] >= s->nsyl) {
            PyErr_SetString(PyExc_ValueError, "syllable index out of range");
            goto done;
        }
    s->ndel = dk_offs.len / 4 - 1;
    if (s->ndel < 0 || check_len(&dv_offs, 4, s->ndel + 1, "deletes") < 0) goto done;
    s->dk = (uint8_t *)copy_buf(&dk);
    s->dk_offs = (int32_t *)copy_buf(&dk_offs);
    s->dv = (int32_t *)copy_buf(&dv);
    s->dv_offs = (int32_t *)copy_buf(&dv_offs);
    uint32_t size = 16;
    while (size < 2 * (uint32_t)s->ndel + 2) size *= 2;
    s->htmask = size - 1;
    s->ht = (int32_t *)malloc(size * sizeof(int32_t));
    s->checked = (int32_t *)calloc(s->nsk + 1, sizeof(int32_t));
    if (!s->dk || !s->dk_offs || !s->dv || !s->dv_offs || !s->ht || !s->checked) {
        PyErr_NoMemory();
        goto done;
    }
    if (s->dk_offs[s->ndel] != dk.len || s->dv_offs[s->ndel] * 4 != dv.len) {
        PyErr_SetString(PyExc_ValueError, "deletes offsets do not match their data");
        goto done;
    }
    for (Py_ssize_t i = 0; i < dv.len / 4; i++)
        if (s->dv[i] < 0 || s->dv[i] >= s->nsk) {
            PyErr_SetString(PyExc_ValueError, "skeleton index out of range");
            goto done;
        }
    for (uint32_t h = 0; h < size; h++) s->ht[h] = -1;
    for (Py_ssize_t e = 0; e < s->ndel; e++) {
        const int off = s->dk_offs[e], n = s->dk_offs[e + 1] - off;
        uint32_t h = key_hash(s->dk + off, n) & s->htmask;
        while (s->ht[h] >= 0) h = (h + 1) & s->htmask;
        s->ht[h] = (int32_t)e;
    }
    res = PyCapsule_New(s, SPELLER_NAME, speller_capsule_free);
    if (res) s = NULL;
done:
    speller_free(s);
    release_buffers(&syl, &syl_offs, &prior, &skel, &sk, &sk_offs, &top, &top_offs, &dk, &dk_offs,
                    &dv, &dv_offs, NULL);
    return res;
}

typedef struct {
    int a;           /* letters + 1: code 0 is the start of the word (insertions before it) */
    double *del;     /* log P(letter read as nothing) */
    double *noins;   /* log P(no insertion after letter) */
    double *tok_total; /* whole-token observations per syllable */
    Py_ssize_t ntot;   /* entries of tok_total: garbled() needs one per syllable */
} Chan;

static void chan_free(Chan *c) {
    if (!c) return;
    free(c->del);
    free(c->noins);
    free(c->tok_total);
    free(c);
}

static void chan_capsule_free(PyObject *cap) {
    chan_free((Chan *)PyCapsule_GetPointer(cap, CHANNEL_NAME));
}

static PyObject *py_channel_new(PyObject *self, PyObject *args) {
    Py_buffer del, noins, tot;
    if (!PyArg_ParseTuple(args, "y*y*y*", &del, &noins, &tot)) return NULL;
    PyObject *res = NULL;
    Chan *c = (Chan *)calloc(1, sizeof(Chan));
    if (!c) {
        PyErr_NoMemory();
        goto done;
    }
    c->a = (int)(del.len / 8);
    if (c->a < 2 || c->a > 255 || check_len(&noins, 8, c->a, "noins") < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "alphabet size out of range");
        goto done;
    }
    c->del = (double *)copy_buf(&del);
    c->noins = (double *)copy_buf(&noins);
    c->tok_total = (double *)copy_buf(&tot);
    c->ntot = tot.len / 8;
    if (!c->del || !c->noins || !c->tok_total) {
        PyErr_NoMemory();
        goto done;
    }
    res = PyCapsule_New(c, CHANNEL_NAME, chan_capsule_free);
    if (res) c = NULL;
done:
    chan_free(c);
    release_buffers(&del, &noins, &tot, NULL);
    return res;
}

/* Levenshtein distance of two code strings, or maxd + 1 once it must exceed maxd. */
static int bounded_lev(const uint8_t *x, int lx, const uint8_t *y, int ly, int maxd) {
    int d = lx > ly ? lx - ly : ly - lx;
    if (d > maxd || lx > 15 || ly > 15) return maxd + 1;
    int r0[16], r1[16];
    int *prev = r0, *row = r1;
    for (int j = 0; j <= ly; j++) prev[j] = j;
    for (int i = 1; i <= lx; i++) {
        row[0] = i;
        int lo = row[0];
        for (int j = 1; j <= ly; j++) {
            int c = prev[j - 1] + (x[i - 1] != y[j - 1]);
            if (prev[j] + 1 < c) c = prev[j] + 1;
            if (row[j - 1] + 1 < c) c = row[j - 1] + 1;
            row[j] = c;
            if (c < lo) lo = c;
        }
        if (lo > maxd) return maxd + 1;
        int *t = prev;
        prev = row;
        row = t;
    }
    return prev[ly] > maxd ? maxd + 1 : prev[ly];
}

/* Best-alignment log P(o | s) under the character model: Channel.edit_logp, same order of
 * additions. colsub/colins hold, per observed character j, the substitution and insertion
 * log-probabilities against every letter code (code 0 of colins: insertion at word start). */
static double edit_logp(const Chan *c, const uint8_t *s, int ls, int m, const double *colsub,
                        const double *colins) {
    double r0[64], r1[64];
    double *prev = r0, *cur = r1;
    const int a = c->a;
    prev[0] = 0.0;
    for (int j = 1; j <= m; j++) prev[j] = prev[j - 1] + colins[(j - 1) * a + 0];
    int ctx = 0;
    for (int i = 0; i < ls; i++) {
        const int sc = s[i];
        const double stop = c->noins[ctx];
        const double dl = c->del[sc] + stop;
        cur[0] = prev[0] + dl;
        for (int j = 1; j <= m; j++) {
            double best = prev[j - 1] + stop + colsub[(j - 1) * a + sc];
            const double d = prev[j] + dl;
            if (d > best) best = d;
            const double ins = cur[j - 1] + colins[(j - 1) * a + sc];
            if (ins > best) best = ins;
            cur[j] = best;
        }
        double *t = prev;
        prev = cur;
        cur = t;
        ctx = sc;
    }
    return prev[m] + c->noins[ctx];
}

/* Skeleton k at distance d <= maxd from the query: record it (the nearer distance wins). */
static inline void note_near(Speller *sp, int k, int d) {
    if (sp->sk_dist[k] < 0) {
        sp->near[sp->nnear++] = k;
        sp->sk_dist[k] = d;
    } else if (d < sp->sk_dist[k]) {
        sp->sk_dist[k] = d;
    }
}

/* The skeletons that the deletion string x (length n) of the query comes from, checked by the
 * bounded distance. */
static void near_by_key(Speller *sp, const uint8_t *q, int lq, const uint8_t *x, int n, int maxd) {
    uint32_t h = key_hash(x, n) & sp->htmask;
    for (;; h = (h + 1) & sp->htmask) {
        const int e = sp->ht[h];
        if (e < 0) return;
        const int off = sp->dk_offs[e];
        if (sp->dk_offs[e + 1] - off != n || (n && memcmp(sp->dk + off, x, n))) continue;
        for (int t = sp->dv_offs[e]; t < sp->dv_offs[e + 1]; t++) {
            const int k = sp->dv[t];
            if (sp->checked[k] == sp->gen) continue; /* reached by another deletion already */
            sp->checked[k] = sp->gen;
            const int o = sp->sk_offs[k], lk = sp->sk_offs[k + 1] - o;
            const int d = bounded_lev(q, lq, sp->sk + o, lk, maxd);
            if (d <= maxd) note_near(sp, k, d);
        }
        return;
    }
}

/* Every skeleton within edit distance maxd of q (2; 1 for 1-2 letters; at most cap), as the
 * symmetric-delete search of Decoder._garbled_py finds them: a skeleton within distance d
 * shares a string with q once each drops at most d letters (Model.deletes holds the
 * skeletons' side, to depth 2). Over 15 letters, none: bounded_lev's limit. */
static void near_skeletons(Speller *sp, const uint8_t *q, int lq, int cap) {
    int maxd = lq <= 2 ? 1 : 2;
    if (maxd > cap) maxd = cap;
    if (lq > 15) return;
    if (++sp->gen == INT32_MAX) { /* wrap: forget every stamp */
        for (Py_ssize_t k = 0; k < sp->nsk; k++) sp->checked[k] = 0;
        sp->gen = 1;
    }
    uint8_t x[16];
    near_by_key(sp, q, lq, q, lq, maxd);
    for (int i = 0; i < lq; i++) {
        int n = 0;
        for (int u = 0; u < lq; u++)
            if (u != i) x[n++] = q[u];
        near_by_key(sp, q, lq, x, n, maxd);
        if (maxd < 2) continue;
        for (int j = i + 1; j < lq; j++) {
            int n2 = 0;
            for (int u = 0; u < lq; u++)
                if (u != i && u != j) x[n2++] = q[u];
            near_by_key(sp, q, lq, x, n2, maxd);
        }
    }
}

/* Pre-rank order: higher key first, then lower syllable index. */
static inline int ranks_before(const double *key, int i, int j) {
    return key[i] > key[j] || (key[i] == key[j] && i < j);
}

/* The best `k` of pool[0..n) in pre-rank order, moved to its front; returns how many.
 * A bounded insertion: pools run to hundreds of syllables, of which k (45) are kept. */
static int select_best(int *pool, int n, int k, const double *key) {
    int kept = 0;
    for (int t = 0; t < n; t++) {
        const int x = pool[t];
        if (kept == k && !ranks_before(key, x, pool[kept - 1])) continue;
        int u = kept < k ? kept++ : kept - 1;
        while (u > 0 && ranks_before(key, x, pool[u - 1])) {
            pool[u] = pool[u - 1];
            u--;
        }
        pool[u] = x;
    }
    return kept;
}

typedef struct {
    int id;
    int rank;
    double ch, key;
} Scored;

/* Pre-rank bonus of a syllable the OCR data saw produce the observed token (Python:
 * decode.SEEN_BONUS): larger than any prior and distance penalty, so these few stay. */
#define SEEN_BONUS 1000.0

static int by_final(const void *x, const void *y) {
    const Scored *a = (const Scored *)x, *b = (const Scored *)y;
    if (a->key > b->key) return -1;
    if (a->key < b->key) return 1;
    return (a->rank > b->rank) - (a->rank < b->rank);
}

/*
 * garbled(speller, channel, q, q2, extra, colsub, colins, counts_ids, counts_vals,
 *         prerank, max_cands, weight, beta, exact) -> [(syllable index, weighted log-prob)]
 *
 * Decoder._garbled_py in C: skeletons within edit distance 2 (1 for 1-2 letters) of q and q2,
 * a pool of their commonest syllables plus `extra`, a unigram pre-rank with a skeleton
 * distance penalty that `extra` always passes (ties: lower index first), then the channel, smoothed towards whole-token
 * counts, and the final order by channel + half the prior (ties: pre-rank order).
 */
static PyObject *py_garbled(PyObject *self, PyObject *args) {
    PyObject *scap, *ccap;
    Py_buffer q, q2, extra, colsub, colins, cids, cvals;
    int prerank, max_cands, exact;
    double weight, beta;
    if (!PyArg_ParseTuple(args, "OOy*y*y*y*y*y*y*iiddp", &scap, &ccap, &q, &q2, &extra, &colsub,
                          &colins, &cids, &cvals, &prerank, &max_cands, &weight, &beta, &exact))
        return NULL;
    PyObject *res = NULL;
    Scored *sc = NULL;
    Speller *sp = (Speller *)PyCapsule_GetPointer(scap, SPELLER_NAME);
    Chan *ch = sp ? (Chan *)PyCapsule_GetPointer(ccap, CHANNEL_NAME) : NULL;
    if (!sp || !ch) goto done;
    const int m = (int)(colsub.len / 8 / ch->a);
    if (colsub.len != (Py_ssize_t)m * ch->a * 8 || colins.len != colsub.len || m > 60 ||
        cvals.len != cids.len * 2 || ch->ntot < sp->nsyl) {
        PyErr_SetString(PyExc_ValueError, "garbled: malformed arguments");
        goto done;
    }
    /* Only skeletons within dmin + 1 feed the pool, and one at distance 2 is penalised like
     * one not found at all: when a query is itself a skeleton (dmin 0), distance 1 is all
     * that matters, and that search is far cheaper. Otherwise search again to distance 2. */
    int dmin = 99;
    /* `exact`: some query is a skeleton (the caller's hash look-up). Without one the
     * distance-1 search cannot find dmin 0 and would only be done again at distance 2:
     * start there (same result, one scan less). */
    for (int cap = exact ? 1 : 2; cap <= 2 && dmin > 0; cap++) {
        for (int t = 0; t < sp->nnear; t++) sp->sk_dist[sp->near[t]] = -1;
        sp->nnear = 0;
        if (q.len) near_skeletons(sp, (const uint8_t *)q.buf, (int)q.len, cap);
        if (q2.len) near_skeletons(sp, (const uint8_t *)q2.buf, (int)q2.len, cap);
        for (int t = 0; t < sp->nnear; t++)
            if (sp->sk_dist[sp->near[t]] < dmin) dmin = sp->sk_dist[sp->near[t]];
    }
    /* pool: stamp each syllable once (stamp array is left zeroed on return) */
    int np = 0;
    const int32_t *ex = (const int32_t *)extra.buf;
    for (Py_ssize_t t = 0; t < extra.len / 4; t++) {
        const int i = ex[t];
        if (i < 0 || i >= sp->nsyl) continue;
        if (!sp->stamp[i]) {
            sp->stamp[i] = 2; /* seen making this very token: never cut by the pre-rank */
            sp->pool[np++] = i;
        }
    }
    for (int u = 0; u < sp->nnear; u++) {
        const int k = sp->near[u];
        if (sp->sk_dist[k] > dmin + 1) continue;
        for (int t = sp->top_offs[k]; t < sp->top_offs[k + 1]; t++) {
            const int i = sp->top[t];
            if (!sp->stamp[i]) {
                sp->stamp[i] = 1;
                sp->pool[np++] = i;
            }
        }
    }
    for (int t = 0; t < np; t++) {
        const int i = sp->pool[t];
        const int d = sp->sk_dist[sp->skel[i]];
        sp->key[i] = sp->prior[i] - 4.0 * (d >= 0 ? d : 2) + (sp->stamp[i] == 2 ? SEEN_BONUS : 0.0);
        sp->stamp[i] = 0;
    }
    for (int t = 0; t < sp->nnear; t++) sp->sk_dist[sp->near[t]] = -1; /* all -1 between calls */
    np = select_best(sp->pool, np, prerank < 1 ? 1 : prerank, sp->key);
    sc = (Scored *)malloc((np ? np : 1) * sizeof(Scored));
    if (!sc) {
        PyErr_NoMemory();
        goto done;
    }
    const int32_t *ci = (const int32_t *)cids.buf;
    const double *cv = (const double *)cvals.buf;
    const Py_ssize_t ncounts = cids.len / 4;
    for (int t = 0; t < np; t++) {
        const int i = sp->pool[t];
        const int off = sp->syl_offs[i], ls = sp->syl_offs[i + 1] - off;
        const double e = exp(edit_logp(ch, sp->syl + off, ls, m, (const double *)colsub.buf,
                                       (const double *)colins.buf));
        const double n = ch->tok_total[i];
        double c = 0.0;
        if (n != 0.0)
            for (Py_ssize_t u = 0; u < ncounts; u++)
                if (ci[u] == i) {
                    c = cv[u];
                    break;
                }
        double p = (c + beta * e) / (n + beta);
        if (p < 1e-30) p = 1e-30;
        sc[t].id = i;
        sc[t].rank = t;
        sc[t].ch = weight * log(p);
        sc[t].key = sc[t].ch + 0.5 * sp->prior[i];
    }
    qsort(sc, np, sizeof(Scored), by_final);
    if (np > max_cands) np = max_cands;
    res = PyList_New(np);
    if (!res) goto done;
    for (int t = 0; t < np; t++) {
        PyObject *item = Py_BuildValue("(id)", sc[t].id, sc[t].ch);
        if (!item) {
            Py_CLEAR(res);
            goto done;
        }
        PyList_SET_ITEM(res, t, item);
    }
done:
    free(sc);
    release_buffers(&q, &q2, &extra, &colsub, &colins, &cids, &cvals, NULL);
    return res;
}

/* ------------------------------------------------------------------ module */

static PyMethodDef methods[] = {
    {"lm_new", py_lm_new, METH_VARARGS, "Trigram LM tables -> capsule."},
    {"decode_segment", py_decode_segment, METH_VARARGS, "Path and posteriors of a segment."},
    {"speller_new", py_speller_new, METH_VARARGS, "Syllable inventory -> capsule."},
    {"channel_new", py_channel_new, METH_VARARGS, "Channel letter costs -> capsule."},
    {"garbled", py_garbled, METH_VARARGS, "Scored candidates of one garbled token."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speed", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__speed(void) {
    PyObject *mod = PyModule_Create(&module);
    if (mod && PyModule_AddIntConstant(mod, "ABI", 4) < 0) Py_CLEAR(mod);
    return mod;
}
