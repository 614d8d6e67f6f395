/*
 * test_sensitivity.c: the Morris and Sobol estimators (base/sensitivity.h) on
 * functions whose indices are known in closed form, through the same calls
 * the model's studies make: Ishigami's function (Ishigami and Homma 1990;
 * closed forms in Saltelli et al. 2008, section 4.7), Sobol's g-function
 * (V_i = 1 / (3 (1 + a_i)^2), V = prod(1 + V_i) - 1), a linear function
 * (every elementary effect is its coefficient), and the coverage of the
 * bootstrap intervals, counted over independent designs and held to the
 * binomial bounds of their stated rate.
 */
#include <criterion/criterion.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

#include "sensitivity.h"

#define ISHIGAMI_A 7.0
#define ISHIGAMI_B 0.1

static double ishigami(const double *u)
{
    double x1 = M_PI * (2 * u[0] - 1), x2 = M_PI * (2 * u[1] - 1), x3 = M_PI * (2 * u[2] - 1);
    return sin(x1) + ISHIGAMI_A * sin(x2) * sin(x2) + ISHIGAMI_B * pow(x3, 4) * sin(x1);
}

/* Saltelli et al. 2008, section 4.7: the partial variances of Ishigami's function. */
static void ishigami_indices(double first[3], double total[3])
{
    double a = ISHIGAMI_A, b = ISHIGAMI_B, p4 = pow(M_PI, 4), p8 = pow(M_PI, 8);
    double v1 = 0.5 * pow(1 + b * p4 / 5, 2), v2 = a * a / 8, v13 = b * b * p8 * (1.0 / 18 - 1.0 / 50);
    double v = v1 + v2 + v13;
    first[0] = v1 / v;
    first[1] = v2 / v;
    first[2] = 0;
    total[0] = (v1 + v13) / v;
    total[1] = v2 / v;
    total[2] = v13 / v;
}

static const double g_a[6] = {0, 1, 4.5, 9, 99, 99};

static double g_function(const double *u)
{
    double f = 1;
    for (int i = 0; i < 6; i++)
        f *= (fabs(4 * u[i] - 2) + g_a[i]) / (1 + g_a[i]);
    return f;
}

static void g_indices(double first[6], double total[6])
{
    double vi[6], prod = 1;
    for (int i = 0; i < 6; i++) {
        vi[i] = 1 / (3 * pow(1 + g_a[i], 2));
        prod *= 1 + vi[i];
    }
    double v = prod - 1;
    for (int i = 0; i < 6; i++) {
        first[i] = vi[i] / v;
        total[i] = vi[i] * prod / (1 + vi[i]) / v;
    }
}

/* The design, the function at every point, the indices: as a study does. */
static void sobol_of(double (*f)(const double *), size_t k, size_t n, int random, uint32_t seed, size_t boot,
                     double level, ts_sobol_index *idx)
{
    size_t points = ts_saltelli_points(k, n);
    double *x = malloc(points * k * sizeof *x), *y = malloc(points * sizeof *y);
    cr_assert(x && y);
    ts_error err = {0};
    cr_assert_eq(ts_saltelli_design(k, n, random, seed, x, &err), TS_OK, "%s", err.message);
    for (size_t p = 0; p < points; p++)
        y[p] = f(x + p * k);
    ts_sobol_indices(k, n, y, boot, seed + 1, level, idx, NULL);
    free(x);
    free(y);
}

Test(sensitivity, ishigami_indices_from_the_sobol_sequence)
{
    double first[3], total[3];
    ishigami_indices(first, total);
    cr_assert_float_eq(first[0], 0.3139, 1e-4); /* the published values */
    cr_assert_float_eq(total[2], 0.2437, 1e-4);
    ts_sobol_index idx[3];
    sobol_of(ishigami, 3, 8192, 0, 2385, 200, 0.99, idx);
    for (int i = 0; i < 3; i++) {
        /* 8192 quasi-random base samples: the error is well inside 0.02 (Saltelli et al. 2010, fig. 2). */
        cr_expect_float_eq(idx[i].first, first[i], 0.02, "S%d = %g, true %g", i + 1, idx[i].first, first[i]);
        cr_expect_float_eq(idx[i].total, total[i], 0.02, "ST%d = %g, true %g", i + 1, idx[i].total, total[i]);
        cr_expect(idx[i].first_lo <= first[i] && first[i] <= idx[i].first_hi, "S%d's interval [%g, %g] misses %g",
                  i + 1, idx[i].first_lo, idx[i].first_hi, first[i]);
        cr_expect(idx[i].total_lo <= total[i] && total[i] <= idx[i].total_hi, "ST%d's interval [%g, %g] misses %g",
                  i + 1, idx[i].total_lo, idx[i].total_hi, total[i]);
    }
}

Test(sensitivity, g_function_indices_from_the_sobol_sequence)
{
    double first[6], total[6];
    g_indices(first, total);
    ts_sobol_index idx[6];
    sobol_of(g_function, 6, 4096, 0, 2385, 200, 0.99, idx);
    for (int i = 0; i < 6; i++) {
        cr_expect_float_eq(idx[i].first, first[i], 0.02, "S%d = %g, true %g", i + 1, idx[i].first, first[i]);
        cr_expect_float_eq(idx[i].total, total[i], 0.02, "ST%d = %g, true %g", i + 1, idx[i].total, total[i]);
    }
    /* The order of importance is the order of a. */
    for (int i = 0; i + 1 < 4; i++)
        cr_expect_gt(idx[i].total, idx[i + 1].total);
}

/* Count, over `reps` independent pseudo-random designs of Ishigami's
 * function, how often each interval holds the true index. */
static void ishigami_coverage(size_t reps, size_t n, double level, int covered_first[3], int covered_total[3])
{
    double first[3], total[3];
    ishigami_indices(first, total);
    for (int i = 0; i < 3; i++)
        covered_first[i] = covered_total[i] = 0;
    for (size_t r = 0; r < reps; r++) {
        ts_sobol_index idx[3];
        sobol_of(ishigami, 3, n, 1, (uint32_t)(1000 + 2 * r), 400, level, idx);
        for (int i = 0; i < 3; i++) {
            covered_first[i] += idx[i].first_lo <= first[i] && first[i] <= idx[i].first_hi;
            covered_total[i] += idx[i].total_lo <= total[i] && total[i] <= idx[i].total_hi;
        }
    }
}

Test(sensitivity, bootstrap_intervals_cover_at_their_stated_rate, .timeout = 600)
{
    const size_t reps = 200;
    const double level = 0.9;
    int cf[3], ct[3];
    ishigami_coverage(reps, 1000, level, cf, ct);
    /* Each count is Binomial(reps, level) when the intervals hold their
     * rate: outside its central 99.9 % (or, over the 5 counts with a true
     * index inside (0, 1), a Bonferroni 99.5 %) it says they do not. S3 is
     * 0, at the edge of what the estimator can take, so its percentile
     * interval is only held to cover at least as often as stated. */
    double alpha = 0.001;
    int lo = 0, hi = (int)reps;
    while (gsl_cdf_binomial_P((unsigned)lo, level, (unsigned)reps) < alpha / 2)
        lo++;
    while (hi > 0 && gsl_cdf_binomial_Q((unsigned)(hi - 1), level, (unsigned)reps) < alpha / 2)
        hi--;
    cr_log_info("coverage of %zu intervals at %g: S1 %d %d %d, ST %d %d %d (bounds %d..%d)", reps, level, cf[0], cf[1],
                cf[2], ct[0], ct[1], ct[2], lo, hi);
    for (int i = 0; i < 3; i++) {
        cr_expect(ct[i] >= lo && ct[i] <= hi, "ST%d covered %d of %zu, expected %d..%d", i + 1, ct[i], reps, lo, hi);
        if (i < 2)
            cr_expect(cf[i] >= lo && cf[i] <= hi, "S%d covered %d of %zu, expected %d..%d", i + 1, cf[i], reps, lo, hi);
        else
            cr_expect(cf[i] >= lo, "S3 covered %d of %zu, expected at least %d", cf[i], reps, lo);
    }
}

Test(sensitivity, morris_effects_of_a_linear_function_are_its_coefficients)
{
    const size_t k = 5, r = 12;
    const double c[5] = {2.385, -1.25, 0.0, 7.5, -0.031};
    double *x = malloc(r * (k + 1) * k * sizeof *x), y[12 * 6];
    ts_error err = {0};
    cr_assert_eq(ts_morris_design(k, r, 4, 2385, x, &err), TS_OK, "%s", err.message);
    for (size_t p = 0; p < r * (k + 1); p++) {
        y[p] = 3.0;
        for (size_t i = 0; i < k; i++) {
            cr_assert(x[p * k + i] >= 0 && x[p * k + i] <= 1 + 1e-12);
            y[p] += c[i] * x[p * k + i];
        }
    }
    /* Each step of a trajectory moves exactly one input by +-2/3 (4 levels). */
    for (size_t t = 0; t < r; t++)
        for (size_t j = 1; j <= k; j++) {
            int moved = 0;
            for (size_t i = 0; i < k; i++) {
                double d = x[(t * (k + 1) + j) * k + i] - x[(t * (k + 1) + j - 1) * k + i];
                if (d != 0) {
                    moved++;
                    cr_expect_float_eq(fabs(d), 2.0 / 3, 1e-12);
                }
            }
            cr_expect_eq(moved, 1);
        }
    double mu[5], mu_star[5], sigma[5], lo[5], hi[5];
    ts_morris_indices(k, r, x, y, 100, 7, 0.95, mu, mu_star, sigma, lo, hi);
    for (size_t i = 0; i < k; i++) {
        cr_expect_float_eq(mu[i], c[i], 1e-9);
        cr_expect_float_eq(mu_star[i], fabs(c[i]), 1e-9);
        cr_expect_float_eq(sigma[i], 0.0, 1e-9);
        cr_expect_float_eq(lo[i], fabs(c[i]), 1e-9);
        cr_expect_float_eq(hi[i], fabs(c[i]), 1e-9);
    }
    free(x);
}

Test(sensitivity, morris_ranks_the_g_function_by_its_coefficients)
{
    const size_t k = 6, r = 50;
    double *x = malloc(r * (k + 1) * k * sizeof *x), *y = malloc(r * (k + 1) * sizeof *y);
    ts_error err = {0};
    cr_assert_eq(ts_morris_design(k, r, 4, 2385, x, &err), TS_OK, "%s", err.message);
    for (size_t p = 0; p < r * (k + 1); p++)
        y[p] = g_function(x + p * k);
    double mu[6], mu_star[6], sigma[6];
    ts_morris_indices(k, r, x, y, 0, 0, 0.95, mu, mu_star, sigma, NULL, NULL);
    /* With 4 levels and delta 2/3, |4u - 2| changes by 8/3 - ... : each step of
     * input i changes |4u - 2| by exactly 2/3 * 4 = 8/3 or 0 (u 0 <-> 2/3 gives
     * 2 -> 2/3, u 1/3 <-> 1 gives 2/3 -> 2): |effect| = 2 / (1 + a_i) times the
     * product of the other factors. The ranking follows a. */
    for (size_t i = 0; i + 1 < 4; i++)
        cr_expect_gt(mu_star[i], mu_star[i + 1], "mu*%zu = %g, mu*%zu = %g", i, mu_star[i], i + 1, mu_star[i + 1]);
    cr_expect_lt(mu_star[5], 0.05 * mu_star[0]);
    free(x);
    free(y);
}

Test(sensitivity, quantiles_of_the_input_distributions)
{
    ts_sens_dist u = {.kind = TS_SENS_UNIFORM, .p = {2.385, 4.5}, .lo = 0, .hi = 10};
    cr_expect_float_eq(ts_sens_quantile(&u, 0), 2.385, 1e-15);
    cr_expect_float_eq(ts_sens_quantile(&u, 1), 4.5, 1e-15);
    cr_expect_float_eq(ts_sens_quantile(&u, 0.25), 2.385 + 0.25 * 2.115, 1e-12);
    ts_sens_dist t = {.kind = TS_SENS_TRIANGULAR, .p = {0, 1, 4}, .lo = 0, .hi = 10};
    cr_expect_float_eq(ts_sens_quantile(&t, 0.25), 1.0, 1e-12); /* F(mode) = 1/4 */
    ts_sens_dist n = {.kind = TS_SENS_NORMAL, .p = {0.3, 0.1}, .lo = 0, .hi = 0.6};
    cr_expect_float_eq(ts_sens_quantile(&n, 0.5), 0.3, 1e-9); /* truncated 3 sd either side: the median stays */
    cr_expect_float_eq(ts_sens_quantile(&n, 0), 0.0, 1e-9);
    ts_sens_dist unbounded = {.kind = TS_SENS_NORMAL, .p = {5, 1}, .lo = -1e308, .hi = 1e308};
    cr_expect_float_eq(ts_sens_quantile(&unbounded, 1), 5 + gsl_cdf_ugaussian_Pinv(1 - TS_SENS_TAIL), 1e-9);
    ts_sens_dist b = {.kind = TS_SENS_BETA, .p = {2, 2}, .lo = 0, .hi = 1};
    cr_expect_float_eq(ts_sens_quantile(&b, 0.5), 0.5, 1e-12);
    ts_sens_dist whole = {.kind = TS_SENS_UNIFORM, .p = {20, 30}, .lo = 0, .hi = 100, .integer = 1};
    cr_expect_eq(ts_sens_quantile(&whole, 0.33), 23.0);
}

Test(sensitivity, saltelli_blocks_take_one_column_from_b)
{
    const size_t k = 4, n = 8;
    double x[8 * 6 * 4];
    ts_error err = {0};
    cr_assert_eq(ts_saltelli_design(k, n, 0, 1, x, &err), TS_OK);
    for (size_t j = 0; j < n; j++) {
        const double *a = x + j * (k + 2) * k, *b = a + k;
        for (size_t i = 0; i < k; i++) {
            const double *ab = a + (2 + i) * k;
            for (size_t m = 0; m < k; m++)
                cr_expect_eq(ab[m], m == i ? b[m] : a[m]);
        }
    }
    cr_expect_eq(ts_saltelli_design(21, n, 0, 1, x, &err), TS_ERR_USAGE);
    cr_expect_eq(ts_morris_design(3, 2, 3, 1, x, &err), TS_ERR_USAGE);
    cr_expect_eq(ts_morris_design(0, 2, 4, 1, x, &err), TS_ERR_USAGE);
}
