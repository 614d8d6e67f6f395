/*
 * test_replications.c: one cell over the replications (sim/output/
 * replications.c) and its bands read from a results file column by column
 * (results_h5_columns.c). The bands from blocks must be those of the values
 * held, bit for bit, whatever the budget: the printout of `teachsim run` is
 * computed one way and `teachsim summary` of its file the other.
 */
#include <criterion/criterion.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "fixtures.h"
#include "indicator_list.h"
#include "replications.h"
#include "results_h5_columns.h"
#include "support.h"
#include "teachsim/run.h"

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* The points are GSL's: the rule replications.c writes out for the blocks
 * gives gsl_stats_quantile_from_sorted_data's bits. */
Test(replications, points_are_gsl_quantiles)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 20201222);
    double buf[1000], sorted[1000];
    for (size_t n = 1; n <= 1000; n += n < 40 ? 1 : 37) {
        for (size_t i = 0; i < n; i++)
            buf[i] = gsl_rng_uniform(rng) * 1000.0 - 300.0;
        memcpy(sorted, buf, n * sizeof *buf);
        gsl_sort(sorted, 1, n);
        double q[3];
        ts_replications_points(buf, n, q);
        const double f[3] = {0.05, 0.5, 0.95};
        for (int k = 0; k < 3; k++)
            cr_expect(same_bits(q[k], gsl_stats_quantile_from_sorted_data(sorted, 1, n, f[k])), "n %zu point %d", n, k);
    }
    gsl_rng_free(rng);
}

/* A column in memory, read in blocks, counting the values read. */
typedef struct {
    const double *values; /* [r * Y + y] */
    size_t n_years, values_read, largest_block;
} memory_column;

static ts_status read_memory(void *ctx, size_t r0, size_t n, double *buf, ts_error *err)
{
    (void)err;
    memory_column *c = ctx;
    memcpy(buf, c->values + r0 * c->n_years, n * c->n_years * sizeof *buf);
    c->values_read += n * c->n_years;
    if (n > c->largest_block)
        c->largest_block = n;
    return TS_OK;
}

/* The band of year y of the column as the held replications give it. */
static void held_band(const double *values, size_t R, size_t Y, size_t y, ts_band *b)
{
    double *buf = malloc((R + 1) * sizeof *buf);
    double sum = 0.0;
    b->n = 0;
    for (size_t r = 0; r < R; r++) {
        double v = values[r * Y + y];
        if (isnan(v))
            continue;
        sum += v;
        buf[b->n++] = v == 0.0 ? 0.0 : v;
    }
    b->mean = b->n ? sum / (double)b->n : NAN;
    ts_replications_points(buf, b->n, b->q);
    free(buf);
}

static void expect_same_bands(const double *values, size_t R, size_t Y, size_t budget, const char *what)
{
    memory_column c = {values, Y, 0, 0};
    ts_band *got = calloc(Y, sizeof *got);
    ts_error err = {0};
    cr_assert_eq(ts_replications_bands_read(read_memory, &c, R, Y, budget, got, &err), TS_OK, "%s", err.message);
    /* The reads stay within a quarter of the budget (at least one replication). */
    size_t room = budget / 4 / (Y * sizeof(double));
    cr_expect_leq(c.largest_block, room > 1 ? room : 1, "%s: block of %zu replications", what, c.largest_block);
    /* At most 9 passes: one to count, then 8 bits at a time. */
    cr_expect_leq(c.values_read, 9 * R * Y, "%s: %zu values read for %zu", what, c.values_read, R * Y);
    for (size_t y = 0; y < Y; y++) {
        ts_band want;
        held_band(values, R, Y, y, &want);
        cr_expect_eq(got[y].n, want.n, "%s year %zu", what, y);
        cr_expect(same_bits(got[y].mean, want.mean) || (isnan(got[y].mean) && isnan(want.mean)),
                  "%s year %zu: mean %.17g, held %.17g", what, y, got[y].mean, want.mean);
        for (int k = 0; k < 3; k++)
            cr_expect(same_bits(got[y].q[k], want.q[k]) || (isnan(got[y].q[k]) && isnan(want.q[k])),
                      "%s year %zu point %d: %.17g, held %.17g", what, y, k, got[y].q[k], want.q[k]);
    }
    free(got);
}

/* Columns of every kind a results file has: counts with many ties, shares
 * with NaN where undefined, values of both signs with -0 and 0, a year with
 * no defined value, one constant year; each with budgets from a few bytes
 * (every statistic found by 8 passes of counts) to room for everything (one
 * pass). */
Test(replications, bands_from_blocks_are_the_held_bands)
{
    enum { R = 1237, Y = 6 };
    double *v = malloc(R * Y * sizeof *v);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 7);
    for (size_t r = 0; r < R; r++) {
        v[r * Y + 0] = (double)(12000 + gsl_rng_uniform_int(rng, 40));          /* counts, many ties */
        v[r * Y + 1] = gsl_rng_uniform(rng) < 0.1 ? NAN : gsl_rng_uniform(rng); /* shares, some undefined */
        double x = gsl_rng_uniform(rng) - 0.5;
        v[r * Y + 2] = x < -0.45 ? -0.0 : x > 0.45 ? 0.0 : x * 1e6;                           /* both signs, -0 and 0 */
        v[r * Y + 3] = NAN;                                                                   /* never defined */
        v[r * Y + 4] = 3.25;                                                                  /* constant */
        v[r * Y + 5] = ldexp(gsl_rng_uniform(rng), (int)gsl_rng_uniform_int(rng, 200) - 100); /* wide range */
    }
    const size_t budgets[] = {1, 64, 1000, 4096, 1 << 16, 1 << 24};
    for (size_t b = 0; b < sizeof budgets / sizeof budgets[0]; b++) {
        char what[64];
        snprintf(what, sizeof what, "budget %zu", budgets[b]);
        expect_same_bands(v, R, Y, budgets[b], what);
    }
    /* One replication, and none. */
    expect_same_bands(v, 1, Y, 64, "one replication");
    expect_same_bands(v, 0, Y, 64, "no replication");
    gsl_rng_free(rng);
    free(v);
}

/* A real run streamed to a file: its bands read back column by column with
 * a budget small enough for many passes are the bands of the file read whole. */
Test(replications, file_bands_are_the_bands_of_the_file_read_whole)
{
    ts_scenario sc = {0};
    fixture_baseline(&sc);
    sc.horizon.end_year = sc.horizon.start_year + 4;
    char path[4096];
    snprintf(path, sizeof path, "%s/bands.h5", ts_test_tmpdir());
    ts_results shape = {0}, whole = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 11, .replications = 60, .threads = 2};
    ts_stream_options so = {.path = path, .batch = 7};
    cr_assert_eq(ts_simulation_stream(&sc, 1, &opt, &so, &shape, &err), TS_OK, "%s", err.message);
    cr_assert_eq(ts_results_read_h5(&whole, path, ts_indicator_defs, ts_indicator_count, &err), TS_OK, "%s",
                 err.message);
    const size_t g = whole.n_regions - 1;
    double *buf = malloc(whole.n_replications * sizeof *buf);
    ts_band got[8];
    const char *names[] = {"teachers", "vacancies", "pupil_teacher_ratio", "rural_share_age_50plus"};
    for (size_t m = 0; m < sizeof names / sizeof names[0]; m++) {
        size_t ind = (size_t)ts_results_indicator_index(&whole, names[m]);
        for (size_t budget = 256; budget <= (1u << 20); budget *= 64) {
            cr_assert_eq(ts_results_file_bands(path, &shape, ind, 0, g, budget, got, &err), TS_OK, "%s", err.message);
            for (size_t y = 0; y < whole.n_years; y++) {
                ts_band want;
                ts_replications_band(&whole, ind, 0, y * whole.n_regions + g, buf, &want);
                cr_expect_eq(got[y].n, want.n);
                cr_expect(same_bits(got[y].mean, want.mean), "%s year %zu mean", names[m], y);
                for (int k = 0; k < 3; k++)
                    cr_expect(same_bits(got[y].q[k], want.q[k]), "%s year %zu point %d: %.17g vs %.17g", names[m], y, k,
                              got[y].q[k], want.q[k]);
            }
        }
    }
    /* A file that is not the one described is an error naming it. */
    ts_results other = shape;
    other.n_replications = 61;
    cr_expect_eq(ts_results_file_bands(path, &other, 0, 0, g, 4096, got, &err), TS_ERR_INPUT);
    cr_expect(strstr(err.message, path) != NULL, "%s", err.message);
    free(buf);
    ts_results_free(&shape);
    ts_results_free(&whole);
    ts_scenario_free(&sc);
}
