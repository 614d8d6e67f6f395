/*
 * rng.c: the gsl_rng view of the counter-based generator (Random123's
 * micro-RNG). The per-draw counter layout lives in rng.h.
 */
#include "rng.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <Random123/gsl_microrng.h>

/* The trailing semicolon is needed: the macro's last declaration lacks one. */
GSL_MICRORNG(ts_philox, philox4x32);

gsl_rng *ts_rng_gsl_alloc(void)
{
    return gsl_rng_alloc(gsl_rng_ts_philox);
}

void ts_rng_gsl_at(gsl_rng *g, const ts_rng *rng, uint64_t entity, int year, ts_event event)
{
    /* The micro-RNG counts its draws in the last counter word, so it stays 0. */
    philox4x32_ctr_t c = {{(uint32_t)entity, (uint32_t)(entity >> 32), ((uint32_t)year << 8) | (uint32_t)event, 0}};
    ts_philox_reset(g, c, rng->key);
}

_Static_assert(sizeof(ts_philox_state) <= sizeof(((ts_rng_gsl_local *)0)->state),
               "ts_rng_gsl_local.state must hold the micro-RNG's state");

gsl_rng *ts_rng_gsl_local_init(ts_rng_gsl_local *local)
{
    memset(local, 0, sizeof *local);
    local->rng.type = gsl_rng_ts_philox;
    local->rng.state = local->state;
    gsl_rng_ts_philox->set(local->state, 0);
    return &local->rng;
}

/*
 * Batched blocks. The scalar loop is the reference: Random123's philox4x32,
 * one counter at a time. The AVX2 loop runs the same ten rounds on eight
 * counters held word by word in four registers (x0 holds word 0 of the eight
 * counters, ...): a round's two 32x32->64 multiplications become two
 * _mm256_mul_epu32 each (even lanes, then odd lanes shifted down), whose low
 * and high halves are blended back into lanes. Integer arithmetic is exact,
 * so the words are the scalar ones bit for bit.
 */
static void blocks_scalar(const ts_rng *rng, const uint64_t *entity, size_t n, uint32_t word2, uint32_t draw,
                          uint32_t (*out)[4])
{
    for (size_t i = 0; i < n; i++) {
        philox4x32_ctr_t c = {{(uint32_t)entity[i], (uint32_t)(entity[i] >> 32), word2, draw}};
        c = philox4x32(c, rng->key);
        out[i][0] = c.v[0];
        out[i][1] = c.v[1];
        out[i][2] = c.v[2];
        out[i][3] = c.v[3];
    }
}

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define TS_RNG_HAVE_AVX2 1
#include <immintrin.h>

/* lo and hi halves of the eight products x * m (m the same in every lane). */
__attribute__((target("avx2"))) static inline void mulhilo8(__m256i x, __m256i m, __m256i *lo, __m256i *hi)
{
    __m256i even = _mm256_mul_epu32(x, m);                       /* lanes 0, 2, 4, 6 as 64-bit products */
    __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), m); /* lanes 1, 3, 5, 7 */
    *lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
    *hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

__attribute__((target("avx2"))) static void blocks_avx2(const ts_rng *rng, const uint64_t *entity, size_t n,
                                                        uint32_t word2, uint32_t draw, uint32_t (*out)[4])
{
    const __m256i m0 = _mm256_set1_epi32((int)PHILOX_M4x32_0), m1 = _mm256_set1_epi32((int)PHILOX_M4x32_1);
    /* The round keys, broadcast once for the whole batch rather than per block. */
    __m256i k0[10], k1[10];
    uint32_t key0 = rng->key.v[0], key1 = rng->key.v[1];
    for (int round = 0; round < 10; round++, key0 += PHILOX_W32_0, key1 += PHILOX_W32_1) {
        k0[round] = _mm256_set1_epi32((int)key0);
        k1[round] = _mm256_set1_epi32((int)key1);
    }
    /* Words 2 and 3 of the counter are the same for every entity, so the
     * first round's second product is one scalar product for the batch. */
    uint32_t first_hi1, first_lo1 = mulhilo32(PHILOX_M4x32_1, word2, &first_hi1);
    const __m256i first_x0 = _mm256_xor_si256(_mm256_set1_epi32((int)first_hi1), k0[0]);
    const __m256i first_x1 = _mm256_set1_epi32((int)first_lo1);
    const __m256i first_x2 = _mm256_xor_si256(_mm256_set1_epi32((int)draw), k1[0]);
    /* Entities are 64-bit: this gathers their low words into the lower half
     * of a register and their high words into the upper half. */
    const __m256i split = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256i a = _mm256_permutevar8x32_epi32(_mm256_loadu_si256((const __m256i *)(entity + i)), split);
        __m256i b = _mm256_permutevar8x32_epi32(_mm256_loadu_si256((const __m256i *)(entity + i + 4)), split);
        __m256i x0 = _mm256_permute2x128_si256(a, b, 0x20), x1 = _mm256_permute2x128_si256(a, b, 0x31);
        __m256i x2, x3, lo0, hi0, lo1, hi1;
        /* round 1 */
        mulhilo8(x0, m0, &lo0, &hi0);
        x0 = _mm256_xor_si256(first_x0, x1);
        x1 = first_x1;
        x2 = _mm256_xor_si256(first_x2, hi0);
        x3 = lo0;
        /* Unrolled: the loop would cost a register copy per word and a branch per round. */
#pragma GCC unroll 9
        for (int round = 1; round < 10; round++) {
            mulhilo8(x0, m0, &lo0, &hi0);
            mulhilo8(x2, m1, &lo1, &hi1);
            x0 = _mm256_xor_si256(_mm256_xor_si256(hi1, x1), k0[round]);
            x1 = lo1;
            x2 = _mm256_xor_si256(_mm256_xor_si256(hi0, x3), k1[round]);
            x3 = lo0;
        }
        /* Back to rows of four words: a 4x8 transpose. */
        __m256i t0 = _mm256_unpacklo_epi32(x0, x1), t1 = _mm256_unpackhi_epi32(x0, x1);
        __m256i t2 = _mm256_unpacklo_epi32(x2, x3), t3 = _mm256_unpackhi_epi32(x2, x3);
        __m256i r04 = _mm256_unpacklo_epi64(t0, t2), r15 = _mm256_unpackhi_epi64(t0, t2);
        __m256i r26 = _mm256_unpacklo_epi64(t1, t3), r37 = _mm256_unpackhi_epi64(t1, t3);
        __m256i *dst = (__m256i *)out[i];
        _mm256_storeu_si256(dst + 0, _mm256_permute2x128_si256(r04, r15, 0x20));
        _mm256_storeu_si256(dst + 1, _mm256_permute2x128_si256(r26, r37, 0x20));
        _mm256_storeu_si256(dst + 2, _mm256_permute2x128_si256(r04, r15, 0x31));
        _mm256_storeu_si256(dst + 3, _mm256_permute2x128_si256(r26, r37, 0x31));
    }
    blocks_scalar(rng, entity + i, n - i, word2, draw, out + i); /* the last n % 8 */
}
#endif

/* 0 until the first call chooses, then TS_RNG_PATH_* + 1. Threads that race
 * on the first call choose the same, so a relaxed atomic suffices. */
static _Atomic int chosen_path;

ts_rng_path ts_rng_blocks_path(void)
{
    int p = atomic_load_explicit(&chosen_path, memory_order_relaxed);
    if (p)
        return (ts_rng_path)(p - 1);
    const char *force = getenv("TS_RNG_SCALAR");
    ts_rng_path path = TS_RNG_PATH_SCALAR;
#ifdef TS_RNG_HAVE_AVX2
    if (!(force && strcmp(force, "1") == 0) && __builtin_cpu_supports("avx2"))
        path = TS_RNG_PATH_AVX2;
#else
    (void)force;
#endif
    atomic_store_explicit(&chosen_path, (int)path + 1, memory_order_relaxed);
    return path;
}

void ts_rng_blocks(const ts_rng *rng, const uint64_t *entity, size_t n, int year, ts_event event, uint32_t draw,
                   uint32_t (*out)[4])
{
    uint32_t word2 = ((uint32_t)year << 8) | (uint32_t)event;
#ifdef TS_RNG_HAVE_AVX2
    if (ts_rng_blocks_path() == TS_RNG_PATH_AVX2) {
        blocks_avx2(rng, entity, n, word2, draw, out);
        return;
    }
#endif
    blocks_scalar(rng, entity, n, word2, draw, out);
}
