/*
 * replications.c: one cell over the replications, held or read in blocks
 * (replications.h).
 */
#include "replications.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>

static const double point_share[3] = {0.05, 0.50, 0.95};

/* -0 and 0 are one value to a reader; making them one bit pattern lets the
 * selection from blocks, which orders bit patterns, agree with a sort. */
static double defined_value(double v)
{
    return v == 0.0 ? 0.0 : v;
}

size_t ts_replications_values(const ts_results *res, size_t ind, size_t s, size_t cell, double *buf)
{
    size_t n = 0;
    for (size_t r = res->first_held; r < res->first_held + res->n_held; r++) {
        double v = ts_results_block(res, ind, s, r)[cell];
        if (!isnan(v))
            buf[n++] = defined_value(v);
    }
    return n;
}

double ts_replications_mean(const ts_results *res, size_t ind, size_t s, size_t cell)
{
    double sum = 0.0;
    size_t n = 0;
    for (size_t r = res->first_held; r < res->first_held + res->n_held; r++) {
        double v = ts_results_block(res, ind, s, r)[cell];
        if (!isnan(v)) {
            sum += v;
            n++;
        }
    }
    return n ? sum / (double)n : NAN;
}

/* The order statistics a point needs, GSL's rule
 * (gsl_stats_quantile_from_sorted_data): at index f (n - 1), the value at
 * its floor, and the next one weighted by the fraction. */
static void point_ranks(size_t n, double f, size_t *lhs, double *delta)
{
    const double index = f * (double)(n - 1);
    *lhs = (size_t)index;
    *delta = index - (double)*lhs;
}

static double point_value(size_t n, size_t lhs, double delta, double at_lhs, double next)
{
    return lhs == n - 1 ? at_lhs : (1 - delta) * at_lhs + delta * next;
}

void ts_replications_points(double *buf, size_t n, double q[3])
{
    if (n == 0) {
        q[0] = q[1] = q[2] = NAN;
        return;
    }
    gsl_sort(buf, 1, n);
    for (int k = 0; k < 3; k++) {
        size_t lhs;
        double delta;
        point_ranks(n, point_share[k], &lhs, &delta);
        q[k] = point_value(n, lhs, delta, buf[lhs], lhs + 1 < n ? buf[lhs + 1] : buf[lhs]);
    }
}

void ts_replications_band(const ts_results *res, size_t ind, size_t s, size_t cell, double *buf, ts_band *band)
{
    band->n = ts_replications_values(res, ind, s, cell, buf);
    band->mean = ts_replications_mean(res, ind, s, cell);
    ts_replications_points(buf, band->n, band->q);
}

/* ---- from blocks of replications ------------------------------------------------ */

/* A double's bits as an unsigned key in the order of the values: flip every
 * bit of a negative number, only the sign bit of a positive one. */
static uint64_t order_key(double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    return (u >> 63) ? ~u : u | (UINT64_C(1) << 63);
}

static double key_value(uint64_t key)
{
    uint64_t u = (key >> 63) ? key & ~(UINT64_C(1) << 63) : ~key;
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

#define DIGIT_BITS 8
#define DIGITS (1u << DIGIT_BITS)
#define STATS_PER_YEAR 6 /* the two order statistics of each of the three points */

/* One order statistic being selected: the rank-th smallest (from 0) of the
 * values whose key starts with `prefix` (its top 64 - shift bits; shift 64:
 * every value), of which there are `count`. */
typedef struct {
    int wanted, done;
    uint64_t prefix;
    unsigned shift;
    size_t rank, count;
    double value;
    double *collected; /* this pass gathers the bucket (count fits), else NULL */
    size_t n_collected;
} order_stat;

static int matches(const order_stat *o, uint64_t key)
{
    return o->shift == 64 || (key >> o->shift) == o->prefix;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* After a pass: a gathered bucket gives the statistic by sorting; a counted
 * one narrows it to the digit its rank falls in. */
static void settle(order_stat *o, const uint64_t *hist)
{
    if (o->collected) {
        qsort(o->collected, o->n_collected, sizeof *o->collected, compare_doubles);
        o->value = o->collected[o->rank];
        o->done = 1;
        return;
    }
    size_t below = 0;
    unsigned d = 0;
    while (below + hist[d] <= o->rank)
        below += hist[d++];
    o->rank -= below;
    o->count = hist[d];
    o->shift -= DIGIT_BITS;
    o->prefix = o->shift == 64 - DIGIT_BITS ? d : (o->prefix << DIGIT_BITS) | d;
    if (o->shift == 0) {
        o->value = key_value(o->prefix);
        o->done = 1;
    }
}

ts_status ts_replications_bands_read(ts_column_reader read, void *ctx, size_t n_replications, size_t n_years,
                                     size_t budget_bytes, ts_band *bands, ts_error *err)
{
    const size_t Y = n_years;
    if (Y == 0)
        return TS_OK;
    /* A quarter of the budget reads, the rest gathers buckets that fit. */
    size_t block = budget_bytes / 4 / (Y * sizeof(double));
    block = block < 1 ? 1 : block > n_replications ? (n_replications ? n_replications : 1) : block;
    const size_t fits = budget_bytes / 2 / (Y * STATS_PER_YEAR * sizeof(double));
    double *buf = malloc(block * Y * sizeof *buf);
    double *sums = calloc(Y, sizeof *sums);
    order_stat *stat = calloc(Y * STATS_PER_YEAR, sizeof *stat);
    uint64_t *hist = calloc(Y * STATS_PER_YEAR * DIGITS, sizeof *hist);
    double *gather = NULL;
    ts_status st = (buf && sums && stat && hist) ? TS_OK : ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    for (size_t y = 0; y < Y; y++) {
        bands[y].n = 0;
        for (int k = 0; k < STATS_PER_YEAR; k++)
            stat[y * STATS_PER_YEAR + (size_t)k] =
                (order_stat){.wanted = 1, .shift = 64, .rank = 0, .count = n_replications};
    }
    if (st == TS_OK && fits > 0 && !(gather = malloc(Y * STATS_PER_YEAR * fits * sizeof *gather)))
        st = ts_error_set(err, TS_ERR_NOMEM, "out of memory");
    int first = 1, open = 1;
    while (st == TS_OK && open) {
        /* Which statistics this pass gathers, and fresh counters for the rest. */
        for (size_t i = 0; i < Y * STATS_PER_YEAR; i++) {
            stat[i].collected = stat[i].wanted && !stat[i].done && stat[i].count <= fits ? gather + i * fits : NULL;
            stat[i].n_collected = 0;
        }
        memset(hist, 0, Y * STATS_PER_YEAR * DIGITS * sizeof *hist);
        for (size_t r0 = 0; st == TS_OK && r0 < n_replications; r0 += block) {
            size_t n = n_replications - r0 < block ? n_replications - r0 : block;
            if ((st = read(ctx, r0, n, buf, err)) != TS_OK)
                break;
            for (size_t k = 0; k < n; k++)
                for (size_t y = 0; y < Y; y++) {
                    double v = buf[k * Y + y];
                    if (isnan(v))
                        continue;
                    if (first) {
                        sums[y] += v;
                        bands[y].n++;
                    }
                    v = defined_value(v);
                    uint64_t key = order_key(v);
                    for (size_t j = y * STATS_PER_YEAR; j < (y + 1) * STATS_PER_YEAR; j++) {
                        order_stat *o = &stat[j];
                        if (!o->wanted || o->done || !matches(o, key))
                            continue;
                        if (o->collected)
                            o->collected[o->n_collected++] = v;
                        else
                            hist[j * DIGITS + ((key >> (o->shift - DIGIT_BITS)) & (DIGITS - 1))]++;
                    }
                }
        }
        if (st != TS_OK)
            break;
        if (first) {
            /* Now the counts are known: the ranks each point needs. */
            for (size_t y = 0; y < Y; y++) {
                size_t n = bands[y].n;
                bands[y].mean = n ? sums[y] / (double)n : NAN;
                for (int k = 0; k < 3; k++) {
                    size_t lhs;
                    double delta;
                    order_stat *lo = &stat[y * STATS_PER_YEAR + 2 * (size_t)k], *hi = lo + 1;
                    if (n == 0) {
                        lo->wanted = hi->wanted = 0;
                        continue;
                    }
                    point_ranks(n, point_share[k], &lhs, &delta);
                    lo->rank = lhs;
                    hi->rank = lhs + 1 < n ? lhs + 1 : lhs;
                    lo->count = hi->count = n;
                }
            }
            first = 0;
        }
        open = 0;
        for (size_t i = 0; i < Y * STATS_PER_YEAR; i++)
            if (stat[i].wanted && !stat[i].done) {
                settle(&stat[i], hist + i * DIGITS);
                open |= !stat[i].done;
            }
    }
    for (size_t y = 0; st == TS_OK && y < Y; y++)
        for (int k = 0; k < 3; k++) {
            const order_stat *lo = &stat[y * STATS_PER_YEAR + 2 * (size_t)k];
            size_t n = bands[y].n, lhs;
            double delta;
            if (n == 0) {
                bands[y].q[k] = NAN;
                continue;
            }
            point_ranks(n, point_share[k], &lhs, &delta);
            bands[y].q[k] = point_value(n, lhs, delta, lo->value, lo[1].value);
        }
    free(buf);
    free(sums);
    free(stat);
    free(hist);
    free(gather);
    return st;
}
