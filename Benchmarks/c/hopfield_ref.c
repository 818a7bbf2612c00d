/*
 * Plain C reference for `hopfield bench`: the same inner loops, sizes, seeds and generator as the Swift
 * engine, compiled with `cc -O3 -march=native`. It shows how close to the hardware the Swift code runs.
 *
 * Workloads (ids match `hopfield bench --json`):
 *   store-dense      Hebbian v_ij = p - 2 popcount(x_i XOR x_j) over bit-packed pattern rows
 *   store-low-rank   Xi as an N x p matrix of doubles (L = R = Xi)
 *   recall-*         T = 0, random order, from a pattern with round(0.2 N) units flipped, to a fixed point;
 *                    timed from loading the cue (all fields computed) to the sweep that changes nothing
 *   gibbs-dense-matrix   heat bath at T, each update computes its field as a row dot product, O(N)
 *   gibbs-dense      heat bath with incrementally kept fields: a flip costs O(N), a non-flip O(1)
 *   gibbs-low-rank   heat bath with overlaps y = Xi^T s: a field and a flip cost O(p)
 *   recall-low-rank-sign   the Swift engine's ±1 fast path in C: each unit caches its field with the flip
 *                    count, up to max(1, p/160) flips are replayed by XOR and popcount of bit-packed rows, and a
 *                    fresh field is the masked 16-bit sum of y over the row's set bits (2 sum - total)
 *   fullscreen-*     200 x 100 units, 20 patterns, low rank
 *
 * The generator is xoshiro256** seeded by SplitMix64, the permutation a Fisher-Yates shuffle with
 * Lemire's unbiased bounded integers, exactly as in the Swift engine, so both programs draw the same patterns
 * and (integer Hebbian fields being exact) run the same trajectories: sweeps and flip counts must agree.
 *
 * Output: one JSON document like `hopfield bench --json` (machine, config, results).
 * Usage: hopfield_ref [--quick] [--repetitions R]
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---------- generator ---------- */

typedef struct { uint64_t s[4]; } rng_t;

static uint64_t splitmix(uint64_t *state) {
    *state += 0x9E3779B97F4A7C15ull;
    uint64_t z = *state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static rng_t rng_seed(uint64_t seed) {
    rng_t r;
    uint64_t sm = seed;
    for (int k = 0; k < 4; k++) r.s[k] = splitmix(&sm);
    return r;
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t rng_next(rng_t *r) {
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static inline double rng_unit(rng_t *r) { return (double)(rng_next(r) >> 11) * 0x1.0p-53; }

static inline uint64_t rng_below(rng_t *r, uint64_t b) {
    __uint128_t m = (__uint128_t)rng_next(r) * b;
    if ((uint64_t)m < b) {
        uint64_t threshold = (0 - b) % b;
        while ((uint64_t)m < threshold) m = (__uint128_t)rng_next(r) * b;
    }
    return (uint64_t)(m >> 64);
}

static void shuffle(rng_t *r, int *order, int n) {
    for (int i = n - 1; i > 0; i--) {
        int j = (int)rng_below(r, (uint64_t)i + 1);
        int t = order[i]; order[i] = order[j]; order[j] = t;
    }
}

static inline double logistic(double x) {
    if (x >= 0) return 1 / (1 + exp(-x));
    double e = exp(x);
    return e / (1 + e);
}

/* ---------- timing and reporting ---------- */

static double clock_seconds(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Wall time, and the CPU time of this thread (steadier on a shared machine). Each timed region is
   `double t0 = now(), c0 = cpu_now(); ...; TIMED(secs, cpus, r);`. */
static double now(void) { return clock_seconds(CLOCK_MONOTONIC); }
static double cpu_now(void) { return clock_seconds(CLOCK_THREAD_CPUTIME_ID); }
#define TIMED(secs, cpus, r) do { secs[r] = now() - t0; cpus[r] = cpu_now() - c0; } while (0)

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(const double *xs, int n) {
    double s[64];
    memcpy(s, xs, n * sizeof(double));
    qsort(s, n, sizeof(double), cmp_double);
    return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static int first_result = 1;

static void report(const char *id, const double *secs, const double *cpus, int reps, double updates, const char *notes) {
    double m = median(secs, reps), mc = median(cpus, reps);
    double lo = secs[0], hi = secs[0];
    for (int k = 1; k < reps; k++) { if (secs[k] < lo) lo = secs[k]; if (secs[k] > hi) hi = secs[k]; }
    printf("%s  {\"id\": \"%s\", \"medianSeconds\": %.9g, \"seconds\": [", first_result ? "\n" : ",\n", id, m);
    for (int k = 0; k < reps; k++) printf("%s%.9g", k ? ", " : "", secs[k]);
    printf("], \"medianCPUSeconds\": %.9g, \"cpuSeconds\": [", mc);
    for (int k = 0; k < reps; k++) printf("%s%.9g", k ? ", " : "", cpus[k]);
    printf("], \"updatesPerSecond\": ");
    if (updates > 0) printf("%.9g", updates / m); else printf("null");
    printf(", \"updatesPerCPUSecond\": ");
    if (updates > 0 && mc > 0) printf("%.9g", updates / mc); else printf("null");
    printf(", \"spread\": %.4f, \"notes\": {%s}}", m > 0 ? (hi - lo) / m : 0, notes);
    first_result = 0;
    fflush(stdout);
}

static long peak_rss_bytes(long *current) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long hwm = -1;
    *current = -1;
    if (!f) return -1;
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "VmHWM:", 6)) hwm = atol(line + 6) * 1024;
        if (!strncmp(line, "VmRSS:", 6)) *current = atol(line + 6) * 1024;
    }
    fclose(f);
    return hwm;
}

/* ---------- networks ---------- */

/* Patterns as in BenchmarkSuite.randomPatterns: pattern-major, +1 when the top bit of next() is set. */
static int8_t *random_patterns(int n, int p, uint64_t seed) {
    int8_t *x = malloc((size_t)n * p);
    rng_t r = rng_seed(seed);
    for (int mu = 0; mu < p; mu++)
        for (int i = 0; i < n; i++) x[(size_t)mu * n + i] = (rng_next(&r) >> 63) == 1 ? 1 : -1;
    return x;
}

/* Dense Hebbian couplings (unscaled integers as doubles) by XOR and popcount over bit-packed rows. */
static double *hebb_dense(const int8_t *pats, int n, int p) {
    int words = (p + 63) / 64;
    if (words < 1) words = 1;
    uint64_t *bits = calloc((size_t)n * words, sizeof(uint64_t));
    for (int mu = 0; mu < p; mu++)
        for (int i = 0; i < n; i++)
            if (pats[(size_t)mu * n + i] > 0) bits[(size_t)i * words + (mu >> 6)] |= 1ull << (mu & 63);
    double *w = malloc((size_t)n * n * sizeof(double));
    for (int i = 0; i < n; i++) {
        const uint64_t *bi = bits + (size_t)i * words;
        w[(size_t)i * n + i] = 0;
        for (int j = i + 1; j < n; j++) {
            const uint64_t *bj = bits + (size_t)j * words;
            int differ = 0;
            for (int k = 0; k < words; k++) differ += __builtin_popcountll(bi[k] ^ bj[k]);
            double v = (double)(p - 2 * differ);
            w[(size_t)i * n + j] = v;
            w[(size_t)j * n + i] = v;
        }
    }
    free(bits);
    return w;
}

/* Xi as N x p doubles, row-major (unit-major): the low-rank factor. */
static double *hebb_low_rank(const int8_t *pats, int n, int p) {
    double *xi = malloc((size_t)n * p * sizeof(double));
    for (int mu = 0; mu < p; mu++)
        for (int i = 0; i < n; i++) xi[(size_t)i * p + mu] = pats[(size_t)mu * n + i];
    return xi;
}

/* A dot product with four independent accumulators so the compiler may vectorise it without
   reassociating one sum (exact anyway for the integer-valued vectors used here). */
static inline double dot(const double *restrict a, const double *restrict b, int n) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int j = 0;
    for (; j + 4 <= n; j += 4) {
        s0 += a[j] * b[j]; s1 += a[j + 1] * b[j + 1];
        s2 += a[j + 2] * b[j + 2]; s3 += a[j + 3] * b[j + 3];
    }
    for (; j < n; j++) s0 += a[j] * b[j];
    return (s0 + s1) + (s2 + s3);
}

typedef enum { DENSE_MATRIX, DENSE, LOW_RANK } kind_t;

typedef struct {
    kind_t kind;
    int n, p;
    double scale;
    const double *w;   /* dense: n x n */
    const double *xi;  /* low rank: n x p */
    double *s;         /* state */
    double *f;         /* dense: fields v s */
    double *y;         /* low rank: xi^T s */
} net_t;

static void load_state(net_t *net, const double *values) {
    int n = net->n, p = net->p;
    memcpy(net->s, values, n * sizeof(double));
    if (net->kind == DENSE) {
        for (int i = 0; i < n; i++) net->f[i] = dot(net->w + (size_t)i * n, net->s, n);
    } else if (net->kind == LOW_RANK) {
        memset(net->y, 0, p * sizeof(double));
        for (int j = 0; j < n; j++) {
            double sj = net->s[j];
            const double *row = net->xi + (size_t)j * p;
            for (int m = 0; m < p; m++) net->y[m] += row[m] * sj;
        }
    }
}

/* Unscaled field of unit i. Low rank: L_i . y minus the diagonal term d_i s_i with d_i = p for ±1 patterns. */
static inline double raw_field(const net_t *net, int i) {
    switch (net->kind) {
    case DENSE_MATRIX: return dot(net->w + (size_t)i * net->n, net->s, net->n);
    case DENSE: return net->f[i];
    default: return dot(net->xi + (size_t)i * net->p, net->y, net->p) - net->p * net->s[i];
    }
}

static inline void set_unit(net_t *net, int k, double value) {
    double delta = value - net->s[k];
    net->s[k] = value;
    if (net->kind == DENSE) {
        const double *restrict row = net->w + (size_t)k * net->n;
        double *restrict f = net->f;
        for (int j = 0; j < net->n; j++) f[j] += row[j] * delta;
    } else if (net->kind == LOW_RANK) {
        const double *restrict row = net->xi + (size_t)k * net->p;
        double *restrict y = net->y;
        for (int m = 0; m < net->p; m++) y[m] += row[m] * delta;
    }
}

/* One random-order sweep (the order array persists and is reshuffled, as in Simulation). */
static int sweep(net_t *net, rng_t *r, int *order, double t) {
    int n = net->n, changed = 0;
    shuffle(r, order, n);
    for (int k = 0; k < n; k++) {
        int i = order[k];
        double raw = raw_field(net, i);
        double old = net->s[i], nv = old;
        if (t <= 0) {
            if (raw > 0) nv = 1; else if (raw < 0) nv = -1;
        } else {
            double pup = logistic(2 * net->scale * raw / t);
            nv = rng_unit(r) < pup ? 1 : -1;
        }
        if (nv != old) { set_unit(net, i, nv); changed++; }
    }
    return changed;
}

static net_t make_net(kind_t kind, int n, int p, const double *w, const double *xi) {
    net_t net = {kind, n, p, 1.0 / n, w, xi, calloc(n, sizeof(double)), NULL, NULL};
    if (kind == DENSE) net.f = calloc(n, sizeof(double));
    if (kind == LOW_RANK) net.y = calloc(p, sizeof(double));
    return net;
}

static void free_net(net_t *net) { free(net->s); free(net->f); free(net->y); }

static const char *kind_name(kind_t k) { return k == DENSE_MATRIX ? "dense-matrix" : k == DENSE ? "dense" : "low-rank"; }

/* ---------- workloads ---------- */

typedef struct { int reps, n, p; double noise, t; int sweeps, rows, cols, gp, gsweeps; uint64_t seed; } config_t;

/* The recall cue: pattern 0 with the first round(noise N) units of a seeded shuffle flipped (`order` is scratch). */
static void make_cue(const config_t *c, const int8_t *pats, int8_t *cue, int *order) {
    int n = c->n;
    for (int i = 0; i < n; i++) { cue[i] = pats[i]; order[i] = i; }
    rng_t cr = rng_seed(c->seed + 1);
    shuffle(&cr, order, n);
    int flips = (int)lround(c->noise * n);
    for (int k = 0; k < flips; k++) cue[order[k]] = -cue[order[k]];
}

/* ---------- the ±1 fast path (SignMaskStorage.swift and SignKernels.swift in the engine) ---------- */

typedef struct { long stamp; double value; } cached_t;

static int16_t sign_masks[256][8]; /* lane j: all ones when bit j of the byte is set */

/* Σ of y over the set bits of a row of `bytes` bytes (y zero-padded to 8 * bytes) in 8 16-bit lanes (a GCC/Clang
   vector type, as the engine's SIMD8<Int16>), widened every `block` bytes (block * max lane |y| sum <= 32767). */
typedef int16_t v8i16 __attribute__((vector_size(16)));

static inline int selected_sum(const uint8_t *restrict row, int bytes, const int16_t *restrict y, int block) {
    int s = 0;
    for (int b0 = 0; b0 < bytes; b0 += block) {
        v8i16 acc = {0};
        int end = b0 + block < bytes ? b0 + block : bytes;
        for (int b = b0; b < end; b++) {
            v8i16 mask, yy;
            memcpy(&mask, sign_masks[row[b]], sizeof mask);
            memcpy(&yy, y + 8 * b, sizeof yy);
            acc += yy & mask;
        }
        for (int j = 0; j < 8; j++) s += acc[j];
    }
    return s;
}

/* max over the 8 lanes of the sums of |y| (the engine's bound that allows a single block). */
static int lane_bound(const int16_t *y, int bytes) {
    int32_t sums[8] = {0};
    for (int b = 0; b < bytes; b++)
        for (int j = 0; j < 8; j++) sums[j] += abs(y[8 * b + j]);
    int m = 0;
    for (int j = 0; j < 8; j++) m = sums[j] > m ? sums[j] : m;
    return m;
}

static void bench_recall_sign(const config_t *c, const int8_t *pats) {
    int n = c->n, p = c->p, words = (p + 63) / 64, bytes = (p + 7) / 8;
    int limit = p / 160 < 1 ? 1 : (p / 160 > 16 ? 16 : p / 160);
    for (int b = 0; b < 256; b++)
        for (int j = 0; j < 8; j++) sign_masks[b][j] = (b >> j) & 1 ? -1 : 0;
    int small_block = 32767 / n < 1 ? 1 : 32767 / n;
    /* Storage, outside the timed region as in the engine: sign bits and the Int16 rows used to load y. */
    uint64_t *bits = calloc((size_t)n * words, sizeof(uint64_t));
    int16_t *rows = malloc((size_t)n * p * sizeof(int16_t));
    for (int mu = 0; mu < p; mu++)
        for (int i = 0; i < n; i++) {
            int up = pats[(size_t)mu * n + i] > 0;
            rows[(size_t)i * p + mu] = up ? 1 : -1;
            if (up) bits[(size_t)i * words + mu / 64] |= (uint64_t)1 << (mu % 64);
        }
    int8_t *cue8 = malloc(n);
    int16_t *cue = malloc(n * sizeof(int16_t));
    int *order = malloc(n * sizeof(int));
    make_cue(c, pats, cue8, order);
    for (int i = 0; i < n; i++) cue[i] = cue8[i];
    free(cue8);
    int16_t *s = malloc(n * sizeof(int16_t));
    int16_t *y = malloc(8 * bytes * sizeof(int16_t));
    cached_t *cache = malloc(n * sizeof(cached_t));
    int ring_unit[16], ring_delta[16];
    double secs[64], cpus[64];
    int sweeps = 0, changed = 0;
    for (int r = 0; r < c->reps; r++) {
        rng_t rng = rng_seed(c->seed + 2);
        for (int i = 0; i < n; i++) order[i] = i;
        double t0 = now(), c0 = cpu_now();
        memcpy(s, cue, n * sizeof(int16_t));
        memset(y, 0, 8 * bytes * sizeof(int16_t));
        for (int j = 0; j < n; j++) {
            const int16_t *row = rows + (size_t)j * p;
            int16_t sj = s[j];
            for (int m = 0; m < p; m++) y[m] += row[m] * sj;
        }
        int total = 0;
        for (int m = 0; m < p; m++) total += y[m];
        long stamp = 17;
        int bound = lane_bound(y, bytes), slack = 0;
        for (int i = 0; i < n; i++) cache[i].stamp = 0;
        sweeps = 0;
        while (sweeps < 1000) {
            shuffle(&rng, order, n);
            int ch = 0;
            for (int q = 0; q < n; q++) {
                int k = order[q];
                long age = stamp - cache[k].stamp;
                double h = cache[k].value;
                if (age != 0) {
                    if (age <= limit) {
                        long change = 0;
                        for (long t = cache[k].stamp; t != stamp; t++) {
                            int f = ring_unit[t & 15];
                            if (f == k) continue;
                            int differ = 0;
                            for (int w = 0; w < words; w++)
                                differ += __builtin_popcountll(bits[(size_t)k * words + w] ^ bits[(size_t)f * words + w]);
                            change += (long)ring_delta[t & 15] * (p - 2 * differ);
                        }
                        h += (double)change;
                    } else {
                        if (bound + slack > 32767 && slack > 0) { bound = lane_bound(y, bytes); slack = 0; }
                        int block = bound + slack <= 32767 ? bytes : small_block;
                        int sel = selected_sum((const uint8_t *)(bits + (size_t)k * words), bytes, y, block);
                        h = (double)(2 * sel - total) - (double)p * s[k];
                    }
                    cache[k].stamp = stamp;
                    cache[k].value = h;
                }
                int old = s[k], nv = h > 0 ? 1 : (h < 0 ? -1 : old);
                if (nv == old) continue;
                int delta = nv - old;
                s[k] = (int16_t)nv;
                ring_unit[stamp & 15] = k;
                ring_delta[stamp & 15] = delta;
                stamp++;
                slack += bytes * 2;
                const uint8_t *row = (const uint8_t *)(bits + (size_t)k * words);
                for (int b = 0; b < bytes; b++) {
                    const int16_t *mask = sign_masks[row[b]];
                    for (int j = 0; j < 8 && 8 * b + j < p; j++) {
                        int d = (mask[j] & (2 * delta)) - delta;
                        y[8 * b + j] += (int16_t)d;
                        total += d;
                    }
                }
                ch++;
            }
            sweeps++;
            if (ch == 0) break;
        }
        TIMED(secs, cpus, r);
        changed = 0;
        for (int i = 0; i < n; i++) changed += s[i] != cue[i];
    }
    char notes[128];
    snprintf(notes, sizeof notes, "\"sweeps\": \"%d\", \"unitsChanged\": \"%d\"", sweeps, changed);
    report("recall-low-rank-sign", secs, cpus, c->reps, (double)sweeps * n, notes);
    free(bits); free(rows); free(cue); free(order); free(s); free(y); free(cache);
}


static void bench_store(const config_t *c, const int8_t *pats) {
    double secs[64], cpus[64];
    for (int r = 0; r < c->reps; r++) {
        double t0 = now(), c0 = cpu_now();
        double *w = hebb_dense(pats, c->n, c->p);
        TIMED(secs, cpus, r);
        free(w);
    }
    report("store-dense", secs, cpus, c->reps, 0, "");
    for (int r = 0; r < c->reps; r++) {
        double t0 = now(), c0 = cpu_now();
        double *xi = hebb_low_rank(pats, c->n, c->p);
        TIMED(secs, cpus, r);
        free(xi);
    }
    report("store-low-rank", secs, cpus, c->reps, 0, "");
}

static void bench_recall(const config_t *c, const int8_t *pats, kind_t kind, const double *w, const double *xi) {
    int n = c->n;
    int8_t *cue8 = malloc(n);
    double *cue = malloc(n * sizeof(double));
    int *order = malloc(n * sizeof(int));
    make_cue(c, pats, cue8, order);
    for (int i = 0; i < n; i++) cue[i] = cue8[i];
    free(cue8);
    double secs[64], cpus[64];
    long updates = 0;
    int sweeps = 0, changed = 0;
    for (int r = 0; r < c->reps; r++) {
        net_t net = make_net(kind, n, c->p, w, xi);
        rng_t rng = rng_seed(c->seed + 2);
        for (int i = 0; i < n; i++) order[i] = i;
        double t0 = now(), c0 = cpu_now();
        load_state(&net, cue);
        sweeps = 0;
        while (sweeps < 1000) {
            int ch = sweep(&net, &rng, order, 0);
            sweeps++;
            if (ch == 0) break;
        }
        TIMED(secs, cpus, r);
        updates = (long)sweeps * n;
        changed = 0;
        for (int i = 0; i < n; i++) changed += net.s[i] != cue[i];
        free_net(&net);
    }
    char id[64], notes[128];
    snprintf(id, sizeof id, "recall-%s", kind_name(kind));
    snprintf(notes, sizeof notes, "\"sweeps\": \"%d\", \"unitsChanged\": \"%d\"", sweeps, changed);
    report(id, secs, cpus, c->reps, (double)updates, notes);
    free(cue); free(order);
}

static void bench_gibbs(const config_t *c, kind_t kind, const double *w, const double *xi,
                        int n, int p, uint64_t start_seed, const double *start_values, int nsweeps,
                        uint64_t sim_seed, const char *id) {
    double *start = malloc(n * sizeof(double));
    if (start_values) memcpy(start, start_values, n * sizeof(double));
    else {
        rng_t sr = rng_seed(start_seed);
        for (int i = 0; i < n; i++) start[i] = (rng_next(&sr) >> 63) == 1 ? 1 : -1;
    }
    int *order = malloc(n * sizeof(int));
    double secs[64], cpus[64];
    long flips = 0;
    for (int r = 0; r < c->reps; r++) {
        net_t net = make_net(kind, n, p, w, xi);
        load_state(&net, start);
        rng_t rng = rng_seed(sim_seed);
        for (int i = 0; i < n; i++) order[i] = i;
        flips = 0;
        double t0 = now(), c0 = cpu_now();
        for (int s = 0; s < nsweeps; s++) flips += sweep(&net, &rng, order, c->t);
        TIMED(secs, cpus, r);
        free_net(&net);
    }
    char notes[160];
    double total = (double)nsweeps * n;
    snprintf(notes, sizeof notes, "\"flipFraction\": \"%.4f\", \"sweepsPerSecond\": \"%.1f\"",
             flips / total, nsweeps / median(secs, c->reps));
    report(id, secs, cpus, c->reps, total, notes);
    free(start); free(order);
}

static void bench_fullscreen(const config_t *c) {
    int n = c->rows * c->cols, p = c->gp;
    int8_t *pats = random_patterns(n, p, c->seed);
    double secs[64], cpus[64];
    double *xi = NULL;
    for (int r = 0; r < c->reps; r++) {
        double t0 = now(), c0 = cpu_now();
        double *made = hebb_low_rank(pats, n, p);
        TIMED(secs, cpus, r);
        free(xi);
        xi = made;
    }
    long rss, hwm = peak_rss_bytes(&rss);
    char notes[200];
    snprintf(notes, sizeof notes, "\"representation\": \"low-rank\", \"couplingBytes\": \"%ld\", \"residentBytes\": \"%ld\", \"peakResidentBytes\": \"%ld\"",
             (long)n * p * (long)sizeof(double), rss, hwm);
    report("fullscreen-store", secs, cpus, c->reps, 0, notes);
    double *start = malloc(n * sizeof(double));
    for (int i = 0; i < n; i++) start[i] = pats[i];
    bench_gibbs(c, LOW_RANK, NULL, xi, n, p, 0, start, c->gsweeps, c->seed + 5, "fullscreen-gibbs");
    free(start); free(xi); free(pats);
}

int main(int argc, char **argv) {
    config_t c = {5, 4096, 409, 0.2, 0.5, 100, 100, 200, 20, 50, 2026};
    for (int k = 1; k < argc; k++) {
        if (!strcmp(argv[k], "--quick")) { c.reps = 3; c.n = 1024; c.p = 102; c.sweeps = 10; c.gsweeps = 5; }
        else if (!strcmp(argv[k], "--repetitions") && k + 1 < argc) {
            c.reps = atoi(argv[++k]);
            if (c.reps < 1 || c.reps > 64) { fprintf(stderr, "--repetitions must be from 1 to 64\n"); return 2; }
        } else { fprintf(stderr, "usage: %s [--quick] [--repetitions R]\n", argv[0]); return 2; }
    }
    char cpu[256] = "unknown", line[512];
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f) {
        while (fgets(line, sizeof line, f))
            if (!strncmp(line, "model name", 10)) {
                char *colon = strchr(line, ':');
                if (colon) { snprintf(cpu, sizeof cpu, "%s", colon + 2); cpu[strcspn(cpu, "\n")] = 0; }
                break;
            }
        fclose(f);
    }
    printf("{\"machine\": {\"cores\": %ld, \"cpu\": \"%s\", \"build\": \"cc -O3 -march=native\"},\n",
           sysconf(_SC_NPROCESSORS_ONLN), cpu);
    printf(" \"config\": {\"repetitions\": %d, \"count\": %d, \"patterns\": %d, \"noise\": %g, \"temperature\": %g, \"sweeps\": %d},\n",
           c.reps, c.n, c.p, c.noise, c.t, c.sweeps);
    printf(" \"results\": [");
    bench_fullscreen(&c);
    int8_t *pats = random_patterns(c.n, c.p, c.seed);
    bench_store(&c, pats);
    double *w = hebb_dense(pats, c.n, c.p);
    double *xi = hebb_low_rank(pats, c.n, c.p);
    bench_recall(&c, pats, DENSE, w, xi);
    bench_recall(&c, pats, LOW_RANK, w, xi);
    bench_recall_sign(&c, pats);
    bench_gibbs(&c, DENSE_MATRIX, w, xi, c.n, c.p, c.seed + 3, NULL, c.sweeps, c.seed + 4, "gibbs-dense-matrix");
    bench_gibbs(&c, DENSE, w, xi, c.n, c.p, c.seed + 3, NULL, c.sweeps, c.seed + 4, "gibbs-dense");
    bench_gibbs(&c, LOW_RANK, w, xi, c.n, c.p, c.seed + 3, NULL, c.sweeps, c.seed + 4, "gibbs-low-rank");
    printf("\n ]}\n");
    free(w); free(xi); free(pats);
    return 0;
}
