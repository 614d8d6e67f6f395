/*
 * test_rng.c: the batched blocks (ts_rng_blocks) give the scalar generator's
 * words exactly: Random123's known answers, random and edge keys, counters
 * and lengths on both sides of a multiple of eight, and the path that
 * TS_RNG_SCALAR forces.
 */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "rng.h"

/* splitmix64: the test's own source of keys and counters, independent of the generator under test */
static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Every block of entity[0..n) against ts_rng_words, word for word; returns the mismatches. */
static int compare(const ts_rng *rng, const uint64_t *entity, size_t n, int year, ts_event event, uint32_t draw)
{
    uint32_t(*out)[4] = malloc((n + 1) * sizeof *out);
    cr_assert(out);
    out[n][0] = 0x5EED1234u; /* a guard past the end: the batch writes n rows, no more */
    ts_rng_blocks(rng, entity, n, year, event, draw, out);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        philox4x32_ctr_t c = ts_rng_words(rng, entity[i], year, event, draw);
        for (int k = 0; k < 4; k++)
            if (out[i][k] != c.v[k]) {
                if (bad < 5)
                    cr_log_error("n %zu, entity %zu (0x%016llx), word %d: 0x%08x, scalar 0x%08x", n, i,
                                 (unsigned long long)entity[i], k, out[i][k], c.v[k]);
                bad++;
            }
    }
    cr_expect_eq(out[n][0], 0x5EED1234u, "the batch of %zu wrote past its end", n);
    free(out);
    return bad;
}

/* Random123's known answers for philox4x32-10 (kat_vectors), reached through
 * the counter layout: word 2 is year << 8 | event, word 3 the draw. */
static void known_answers(void)
{
    struct {
        uint32_t ctr[4], key[2], want[4];
    } kat[] = {
        {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
        {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
         {0xffffffff, 0xffffffff},
         {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
        {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
         {0xa4093822, 0x299f31d0},
         {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
    };
    for (size_t k = 0; k < sizeof kat / sizeof kat[0]; k++) {
        ts_rng rng = ts_rng_for(kat[k].key[0], kat[k].key[1]);
        uint64_t e[11];
        for (int i = 0; i < 11; i++) /* 11: one vector of eight and a scalar tail of three */
            e[i] = ((uint64_t)kat[k].ctr[1] << 32) | kat[k].ctr[0];
        uint32_t out[11][4];
        int year = (int)(kat[k].ctr[2] >> 8);
        ts_event event = (ts_event)(kat[k].ctr[2] & 0xFF);
        ts_rng_blocks(&rng, e, 11, year, event, kat[k].ctr[3], out);
        for (int i = 0; i < 11; i++)
            for (int w = 0; w < 4; w++)
                cr_expect_eq(out[i][w], kat[k].want[w], "known answer %zu, row %d, word %d: 0x%08x, want 0x%08x", k, i,
                             w, out[i][w], kat[k].want[w]);
    }
}

Test(rng, blocks_give_the_known_answers)
{
    known_answers();
}

Test(rng, blocks_equal_the_scalar_words_for_random_and_edge_counters)
{
    static const uint64_t edge[] = {0,
                                    1,
                                    UINT64_C(0xFFFFFFFF),
                                    UINT64_C(0x100000000),
                                    UINT64_C(0xFFFFFFFF00000000),
                                    UINT64_MAX,
                                    UINT64_MAX - 1,
                                    UINT64_C(0x7FFFFFFFFFFFFFFF),
                                    UINT64_C(0x8000000000000000),
                                    TS_ENTITY_HIRE_BIT | 0xFFFFFF,
                                    TS_ENTITY_SCHOOL_BIT | 0xFFFFFFFF,
                                    UINT64_C(0x00000001FFFFFFFF)};
    static const uint32_t edge_key[] = {0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF};
    static const size_t lengths[] = {0, 1, 2, 7, 8, 9, 15, 16, 17, 23, 64, 1003};
    uint64_t s = UINT64_C(20261204);
    uint64_t *entity = malloc(1003 * sizeof *entity);
    cr_assert(entity);
    int bad = 0, cases = 0;
    for (int trial = 0; trial < 200; trial++) {
        size_t n = lengths[trial % (sizeof lengths / sizeof lengths[0])];
        for (size_t i = 0; i < n; i++) {
            uint64_t r = next(&s);
            /* a third edge values, a third a run of consecutive ids (carries into the high word), a third random */
            entity[i] = r % 3 == 0   ? edge[(r >> 8) % (sizeof edge / sizeof edge[0])]
                        : r % 3 == 1 ? (i ? entity[i - 1] + 1 : UINT64_C(0xFFFFFFFC))
                                     : next(&s);
        }
        uint64_t r = next(&s);
        uint32_t k0 = trial % 4 == 0 ? edge_key[r % 6] : (uint32_t)next(&s);
        uint32_t k1 = trial % 4 == 1 ? edge_key[(r >> 8) % 6] : (uint32_t)next(&s);
        ts_rng rng = ts_rng_for(k0, k1);
        int year = trial % 5 == 0 ? 0xFFFFFF : trial % 5 == 1 ? 0 : 1900 + (int)(next(&s) % 300);
        ts_event event = trial % 7 == 0 ? (ts_event)0xFF : (ts_event)(1 + next(&s) % (TS_EVENT_COUNT - 1));
        uint32_t draw = trial % 3 == 0 ? 0 : trial % 3 == 1 ? 0xFFFFFFFF : (uint32_t)next(&s);
        bad += compare(&rng, entity, n, year, event, draw);
        cases += (int)n;
    }
    cr_expect_eq(bad, 0, "%d of %d blocks' words differ from the scalar generator's", bad, cases * 4);
    free(entity);
}

Test(rng, the_vector_path_is_taken_where_the_cpu_has_avx2)
{
    ts_rng_path path = ts_rng_blocks_path();
#if defined(__x86_64__) || defined(__i386__)
    const char *force = getenv("TS_RNG_SCALAR");
    if (__builtin_cpu_supports("avx2") && !(force && force[0] == '1'))
        cr_expect_eq(path, TS_RNG_PATH_AVX2, "a CPU with AVX2 should take the vector path");
    else
        cr_log_warn("no AVX2 (or TS_RNG_SCALAR=1): the tests compared the scalar path with itself");
#else
    cr_expect_eq(path, TS_RNG_PATH_SCALAR);
#endif
}

Test(rng, ts_rng_scalar_forces_the_scalar_path_with_the_same_words)
{
    cr_assert_eq(setenv("TS_RNG_SCALAR", "1", 1), 0); /* before the first call, which chooses the path */
    cr_expect_eq(ts_rng_blocks_path(), TS_RNG_PATH_SCALAR);
    known_answers();
}
