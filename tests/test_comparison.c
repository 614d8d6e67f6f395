/*
 * test_comparison.c: paired differences between scenarios (comparison.h) and
 * the group comparison/ of the results file. Identical scenarios give
 * differences of exactly zero, in memory and in the file; a change confined
 * to one county leaves every other county's results identical bit for bit;
 * the statistics match a direct computation from the per-replication values;
 * the reference can be any scenario.
 */
#include <criterion/criterion.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "comparison.h"
#include "record/indicators.h"
#include "teachsim/run.h"

/* The built-in baseline over a short horizon, under another name. */
static void short_baseline(ts_scenario *sc, const char *name, int end_year)
{
    ts_error err = {0};
    cr_assert_eq(ts_scenario_load_builtin(sc, &err), TS_OK, "%s", err.message);
    snprintf(sc->name, sizeof sc->name, "%s", name);
    sc->horizon.end_year = end_year;
}

static void run(const ts_scenario *sc, size_t n, size_t reference, int32_t reps, ts_results *res)
{
    ts_error err = {0};
    ts_run_options opt = {.seed = 4242, .replications = reps, .threads = 2, .reference = reference};
    cr_assert_eq(ts_simulation_run(sc, n, &opt, res, &err), TS_OK, "%s", err.message);
}

static void write(const ts_results *res, const char *path)
{
    ts_error err = {0};
    cr_assert_eq(ts_results_write_h5(res, path, 1, NULL, &err), TS_OK, "%s", err.message);
}

/* A whole dataset of the file as doubles (count datasets are int32 on disk). */
static double *read_all(const char *path, const char *name, size_t *n)
{
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    cr_assert_geq(file, 0);
    hid_t dset = H5Dopen2(file, name, H5P_DEFAULT);
    cr_assert_geq(dset, 0, "no dataset %s", name);
    hid_t space = H5Dget_space(dset);
    *n = (size_t)H5Sget_simple_extent_npoints(space);
    double *buf = malloc(*n * sizeof *buf);
    cr_assert_not_null(buf);
    cr_assert_geq(H5Dread(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf), 0);
    H5Sclose(space);
    H5Dclose(dset);
    H5Fclose(file);
    return buf;
}

static int is_positive_zero(double x)
{
    double zero = 0.0;
    return memcmp(&x, &zero, sizeof x) == 0;
}

Test(comparison, identical_scenarios_give_zero_differences_bit_for_bit)
{
    ts_scenario sc[2];
    short_baseline(&sc[0], "xiangtan-baseline", 2025);
    short_baseline(&sc[1], "baseline-again", 2025);
    ts_results res = {0};
    run(sc, 2, 0, 6, &res);
    cr_assert_eq(res.contrasts.n, 1);
    cr_expect_str_eq(res.contrasts.labels[0], "baseline-again - xiangtan-baseline");
    const char *dir = ts_test_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/same.h5", dir);
    write(&res, path);

    size_t cells = res.n_replications * res.n_years * res.n_regions, nan_cells = 0;
    for (size_t i = 0; i < res.n_indicators; i++) {
        /* a subject family is one dataset with the subject last: read at its first row */
        const ts_indicator_def *def = &res.indicators[i];
        if (def->family && def->subject > 0)
            continue;
        const size_t slots = def->family ? TS_SUBJECT_COUNT : 1;
        char name[256];
        size_t n;
        snprintf(name, sizeof name, "comparison/%s", def->family ? def->family : def->name);
        double *d = read_all(path, name, &n);
        cr_assert_eq(n, cells * slots);
        for (size_t k = 0; k < n; k++) {
            /* NaN only where the indicator itself is undefined (a share of nobody) in both */
            if (isnan(d[k])) {
                cr_expect(isnan(ts_results_block(&res, i + k % slots, 0, 0)[k / slots]),
                          "%s: NaN difference of a number", name);
                nan_cells++;
                continue;
            }
            cr_expect(is_positive_zero(d[k]), "%s[%zu] = %.17g, not +0", name, k, d[k]);
        }
        free(d);
        for (int s = 0; s < TS_STAT_COUNT; s++) {
            snprintf(name, sizeof name, "comparison/%s%s", def->family ? def->family : def->name,
                     ts_comparison_stat_suffix[s]);
            d = read_all(path, name, &n);
            cr_assert_eq(n, res.n_years * res.n_regions * slots);
            for (size_t k = 0; k < n; k++)
                cr_expect(isnan(d[k]) || is_positive_zero(d[k]), "%s[%zu] = %.17g", name, k, d[k]);
            free(d);
        }
    }
    cr_log_info("%zu NaN cells (undefined in both)", nan_cells);
    ts_results_free(&res);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
}

/*
 * A change confined to one county: Shaoshan's share of temporary teachers at
 * the start (a region key). Each start teacher's contract is drawn from the
 * teacher's own random numbers, so the other counties' start populations are
 * unchanged; during the run counties meet only where the model makes them
 * share something: the targeted places are split by each county's rural
 * posts, which follow pupils, not teachers, and every hire, exit and posting
 * is drawn per teacher, school or (region, year). So every indicator of every
 * other county is identical in every replication and year, bit for bit; ALL
 * and Shaoshan itself differ.
 */
Test(comparison, a_change_confined_to_one_county_leaves_the_others_identical)
{
    ts_scenario sc[2];
    short_baseline(&sc[0], "xiangtan-baseline", 2028);
    short_baseline(&sc[1], "shaoshan-temporaries", 2028);
    int shaoshan = -1;
    for (int32_t g = 0; g < sc[1].population.n_regions; g++)
        if (strcmp(sc[1].population.regions[g].code, "shaoshan") == 0)
            shaoshan = g;
    cr_assert_geq(shaoshan, 0);
    sc[1].population.regions[shaoshan].temporary_share = 0.2385;
    ts_results res = {0};
    run(sc, 2, 0, 5, &res);
    size_t block = res.n_replications * res.n_years * res.n_regions, other_cells = 0, changed = 0;
    double *d = malloc(block * sizeof *d);
    cr_assert_not_null(d);
    for (size_t i = 0; i < res.n_indicators; i++) {
        ts_comparison_difference(&res, i, 0, d);
        const double *a = ts_results_block(&res, i, 0, 0), *b = ts_results_block(&res, i, 1, 0);
        for (size_t k = 0; k < block; k++) {
            size_t g = k % res.n_regions;
            if (g == (size_t)shaoshan) {
                changed += !(a[k] == b[k] || (isnan(a[k]) && isnan(b[k])));
                continue;
            }
            if (g == res.n_regions - 1)
                continue; /* ALL contains Shaoshan */
            other_cells++;
            cr_expect(memcmp(&a[k], &b[k], sizeof a[k]) == 0, "%s differs in %s (replication %zu, year %zu)",
                      res.indicators[i].name, res.labels.region_codes[g], k / (res.n_years * res.n_regions),
                      (k / res.n_regions) % res.n_years);
        }
    }
    cr_expect_gt(other_cells, 0);
    cr_expect_gt(changed, 0, "the change must show in Shaoshan");
    free(d);
    ts_results_free(&res);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Quantile by linear interpolation between order statistics (numpy's
 * default): h = (n - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]). */
static double quantile(const double *sorted, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return sorted[n - 1];
    return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

static void expect_close(double got, double want, const char *what)
{
    if (isnan(want)) {
        cr_expect(isnan(got), "%s: %.17g, expected NaN", what, got);
        return;
    }
    cr_expect(fabs(got - want) <= 1e-12 * (1 + fabs(want)), "%s: %.17g, expected %.17g", what, got, want);
}

Test(comparison, statistics_match_a_direct_computation_and_the_reference_can_be_any_scenario)
{
    ts_scenario sc[3];
    short_baseline(&sc[0], "xiangtan-baseline", 2026);
    short_baseline(&sc[1], "no-rotation", 2026);
    sc[1].rotation.enabled = 0;
    short_baseline(&sc[2], "rotation-20", 2026);
    sc[2].rotation.rate = 0.2;
    ts_results res = {0};
    const size_t reference = 1;
    run(sc, 3, reference, 17, &res);
    cr_assert_eq(res.contrasts.reference, reference);
    cr_assert_eq(res.contrasts.n, 2);
    cr_expect_eq(res.contrasts.scenario[0], 0);
    cr_expect_eq(res.contrasts.scenario[1], 2);
    cr_expect_str_eq(res.contrasts.labels[0], "xiangtan-baseline - no-rotation");
    cr_expect_str_eq(res.contrasts.labels[1], "rotation-20 - no-rotation");

    const size_t R = res.n_replications, YG = res.n_years * res.n_regions;
    double *x = malloc(R * sizeof *x);
    size_t checked = 0, nonzero = 0;
    for (size_t i = 0; i < res.n_indicators; i++)
        for (size_t c = 0; c < res.contrasts.n; c++)
            for (size_t cell = 0; cell < YG; cell++) {
                size_t m = 0;
                for (size_t r = 0; r < R; r++) {
                    double v = ts_results_block(&res, i, res.contrasts.scenario[c], r)[cell] -
                               ts_results_block(&res, i, reference, r)[cell];
                    if (!isnan(v))
                        x[m++] = v;
                }
                double want[TS_STAT_COUNT] = {NAN, NAN, NAN, NAN, NAN};
                if (m > 0) {
                    double sum = 0, ss = 0;
                    for (size_t k = 0; k < m; k++)
                        sum += x[k];
                    want[TS_STAT_MEAN] = sum / (double)m;
                    for (size_t k = 0; k < m; k++)
                        ss += (x[k] - want[TS_STAT_MEAN]) * (x[k] - want[TS_STAT_MEAN]);
                    if (m > 1)
                        want[TS_STAT_SE] = sqrt(ss / (double)(m - 1) / (double)m);
                    qsort(x, m, sizeof *x, cmp_double);
                    want[TS_STAT_Q05] = quantile(x, m, 0.05);
                    want[TS_STAT_Q50] = quantile(x, m, 0.50);
                    want[TS_STAT_Q95] = quantile(x, m, 0.95);
                    nonzero += want[TS_STAT_SE] > 0;
                }
                for (int s = 0; s < TS_STAT_COUNT; s++) {
                    char what[256];
                    snprintf(what, sizeof what, "%s%s, %s, cell %zu", res.indicators[i].name,
                             ts_comparison_stat_suffix[s], res.contrasts.labels[c], cell);
                    expect_close(ts_results_contrast_block(&res, (ts_comparison_stat)s, i, c)[cell], want[s], what);
                }
                checked++;
            }
    cr_expect_gt(nonzero, 100, "the scenarios must differ for the check to mean something");
    cr_log_info("%zu cells checked, %zu with spread", checked, nonzero);

    /* The file holds the same numbers, and reads back into the same statistics. */
    char path[512];
    snprintf(path, sizeof path, "%s/three.h5", ts_test_tmpdir());
    write(&res, path);
    int ind = ts_results_indicator_index(&res, "rural_share_age_50plus");
    size_t n;
    double *d = read_all(path, "comparison/rural_share_age_50plus", &n);
    cr_assert_eq(n, 2 * R * YG);
    for (size_t c = 0; c < 2; c++)
        for (size_t r = 0; r < R; r++)
            for (size_t cell = 0; cell < YG; cell++) {
                double want = ts_results_block(&res, (size_t)ind, res.contrasts.scenario[c], r)[cell] -
                              ts_results_block(&res, (size_t)ind, reference, r)[cell];
                double got = d[(c * R + r) * YG + cell];
                cr_expect(memcmp(&got, &want, sizeof got) == 0 || (isnan(got) && isnan(want)));
            }
    free(d);
    ts_results back = {0};
    ts_error err = {0};
    cr_assert_eq(ts_results_read_h5(&back, path, ts_indicator_defs, ts_indicator_count, &err), TS_OK, "%s",
                 err.message);
    cr_assert_eq(back.contrasts.n, 2);
    cr_expect_eq(back.contrasts.reference, reference);
    cr_expect_str_eq(back.contrasts.labels[1], "rotation-20 - no-rotation");
    cr_expect_eq(back.contrasts.scenario[1], 2);
    size_t stats = (size_t)TS_STAT_COUNT * res.n_indicators * 2 * YG;
    for (size_t k = 0; k < stats; k++)
        cr_expect(memcmp(&back.contrasts.stats[k], &res.contrasts.stats[k], sizeof(double)) == 0 ||
                      (isnan(back.contrasts.stats[k]) && isnan(res.contrasts.stats[k])),
                  "statistic %zu read back as %.17g, written %.17g", k, back.contrasts.stats[k],
                  res.contrasts.stats[k]);
    ts_results_free(&back);
    free(x);
    ts_results_free(&res);
    for (int s = 0; s < 3; s++)
        ts_scenario_free(&sc[s]);
}

Test(comparison, one_scenario_has_no_contrast_and_no_group)
{
    ts_scenario sc;
    short_baseline(&sc, "alone", 2022);
    ts_results res = {0};
    run(&sc, 1, 0, 2, &res);
    cr_expect_eq(res.contrasts.n, 0);
    char path[512];
    snprintf(path, sizeof path, "%s/one.h5", ts_test_tmpdir());
    write(&res, path);
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    cr_expect_eq(H5Lexists(file, "comparison", H5P_DEFAULT), 0);
    H5Fclose(file);
    ts_results_free(&res);
    ts_scenario_free(&sc);
}

Test(comparison, a_reference_out_of_range_is_refused)
{
    ts_scenario sc[2];
    short_baseline(&sc[0], "a", 2021);
    short_baseline(&sc[1], "b", 2021);
    ts_results res = {0};
    ts_error err = {0};
    ts_run_options opt = {.seed = 1, .replications = 1, .threads = 1, .reference = 2};
    cr_expect_eq(ts_simulation_run(sc, 2, &opt, &res, &err), TS_ERR_USAGE);
    ts_scenario_free(&sc[0]);
    ts_scenario_free(&sc[1]);
}

Test(comparison, stats_leave_out_nan_and_need_two_values_for_a_standard_error)
{
    double out[TS_STAT_COUNT];
    double none[3] = {NAN, NAN, NAN};
    ts_comparison_stats(none, 3, out);
    for (int s = 0; s < TS_STAT_COUNT; s++)
        cr_expect(isnan(out[s]));
    double one[2] = {NAN, 2.385};
    ts_comparison_stats(one, 2, out);
    cr_expect_eq(out[TS_STAT_MEAN], 2.385);
    cr_expect(isnan(out[TS_STAT_SE]));
    cr_expect_eq(out[TS_STAT_Q05], 2.385);
    cr_expect_eq(out[TS_STAT_Q95], 2.385);
    /* 1, 2, 3, 4 with a NaN: mean 2.5, sd sqrt(5/3), se sqrt(5/3)/2; q05 = 1 + 0.15 (h = 3 x 0.05) */
    double four[5] = {4, NAN, 1, 3, 2};
    ts_comparison_stats(four, 5, out);
    cr_expect_eq(out[TS_STAT_MEAN], 2.5);
    cr_expect(fabs(out[TS_STAT_SE] - sqrt(5.0 / 3.0) / 2.0) < 1e-15);
    cr_expect(fabs(out[TS_STAT_Q05] - 1.15) < 1e-15);
    cr_expect_eq(out[TS_STAT_Q50], 2.5);
    cr_expect(fabs(out[TS_STAT_Q95] - 3.85) < 1e-15);
}
