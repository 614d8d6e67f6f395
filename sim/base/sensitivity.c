/*
 * sensitivity.c: Morris and Sobol designs and estimators (sensitivity.h).
 */
#include "sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#define SALTELLI_MAX_INPUTS 20 /* gsl_qrng_sobol has 40 dimensions: A and B take 2 k */

/* The quantile of a normal truncated to [lo, hi], by the distribution
 * function's values at the bounds, so that every u maps inside them. */
static double truncated(double u, double pa, double pb, double (*inv)(double, double, double), double m, double s)
{
    double q = pa + u * (pb - pa);
    return inv(q, m, s);
}

static double normal_inv(double q, double m, double s)
{
    return m + gsl_cdf_gaussian_Pinv(q, s);
}
static double lognormal_inv(double q, double m, double s)
{
    return gsl_cdf_lognormal_Pinv(q, m, s);
}

double ts_sens_quantile(const ts_sens_dist *d, double u)
{
    const double *p = d->p;
    double x = p[0];
    if (u < 0)
        u = 0;
    if (u > 1)
        u = 1;
    switch (d->kind) {
    case TS_SENS_UNIFORM:
        x = p[0] + u * (p[1] - p[0]);
        break;
    case TS_SENS_TRIANGULAR: {
        double width = p[2] - p[0];
        if (!(width > 0))
            x = p[0];
        else if (u < (p[1] - p[0]) / width)
            x = p[0] + sqrt(u * width * (p[1] - p[0]));
        else
            x = p[2] - sqrt((1 - u) * width * (p[2] - p[1]));
        break;
    }
    case TS_SENS_BETA:
        x = gsl_cdf_beta_Pinv(u, p[0], p[1]);
        break;
    case TS_SENS_NORMAL:
    case TS_SENS_LOGNORMAL: {
        int normal = d->kind == TS_SENS_NORMAL;
        if (p[1] == 0) {
            x = normal ? p[0] : exp(p[0]);
            break;
        }
        double pa =
            normal ? gsl_cdf_gaussian_P(d->lo - p[0], p[1]) : (d->lo > 0 ? gsl_cdf_lognormal_P(d->lo, p[0], p[1]) : 0);
        double pb = normal ? gsl_cdf_gaussian_P(d->hi - p[0], p[1]) : gsl_cdf_lognormal_P(d->hi, p[0], p[1]);
        /* An end with no finite bound has an infinite quantile: squeeze u away from it. */
        if (pa <= 0)
            pa = TS_SENS_TAIL;
        if (pb >= 1)
            pb = 1 - TS_SENS_TAIL;
        x = truncated(u, pa, pb, normal ? normal_inv : lognormal_inv, p[0], p[1]);
        break;
    }
    }
    if (x < d->lo)
        x = d->lo;
    if (x > d->hi)
        x = d->hi;
    if (d->integer)
        x = floor(x + 0.5);
    return x;
}

/* ---- Morris ------------------------------------------------------------------ */

ts_status ts_morris_design(size_t k, size_t r, int levels, uint32_t seed, double *x, ts_error *err)
{
    if (k == 0 || r == 0)
        return ts_error_set(err, TS_ERR_USAGE, "Morris design: expected at least one input and one trajectory");
    if (levels < 2 || levels % 2)
        return ts_error_set(err, TS_ERR_USAGE, "Morris design: expected an even number of levels, found %d", levels);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    size_t *order = malloc(k * sizeof *order);
    if (!g || !order) {
        gsl_rng_free(g);
        free(order);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for the Morris design");
    }
    gsl_rng_set(g, seed);
    const double step = 1.0 / (levels - 1), delta = levels / (2.0 * (levels - 1));
    for (size_t t = 0; t < r; t++) {
        double *p = x + t * (k + 1) * k;
        /* A start on the lower half of the grid, so that +delta stays inside;
         * each input then moves up or down at random from where it is. */
        for (size_t i = 0; i < k; i++)
            p[i] = step * (double)gsl_rng_uniform_int(g, (unsigned long)(levels / 2));
        for (size_t i = 0; i < k; i++)
            order[i] = i;
        for (size_t i = k; i > 1; i--) { /* Fisher-Yates */
            size_t j = gsl_rng_uniform_int(g, (unsigned long)i);
            size_t tmp = order[i - 1];
            order[i - 1] = order[j];
            order[j] = tmp;
        }
        /* A random half of the inputs start at their upper position and step down. */
        for (size_t i = 0; i < k; i++)
            if (gsl_rng_uniform(g) < 0.5)
                p[i] += delta;
        for (size_t j = 1; j <= k; j++) {
            double *q = p + j * k;
            memcpy(q, q - k, k * sizeof *q);
            size_t i = order[j - 1];
            q[i] = q[i] + delta <= 1 + 1e-12 ? q[i] + delta : q[i] - delta;
        }
    }
    gsl_rng_free(g);
    free(order);
    return TS_OK;
}

/* mu* of the elementary effects ee[t * k + i] over the trajectories picked. */
static double mean_abs(const double *ee, size_t k, size_t i, const size_t *pick, size_t r)
{
    double s = 0;
    for (size_t t = 0; t < r; t++)
        s += fabs(ee[(pick ? pick[t] : t) * k + i]);
    return s / (double)r;
}

/* The percentile of a sorted sample (linear between order statistics). */
static double percentile(const double *sorted, size_t n, double q)
{
    return gsl_stats_quantile_from_sorted_data(sorted, 1, n, q);
}

void ts_morris_indices(size_t k, size_t r, const double *x, const double *y, size_t n_boot, uint32_t seed, double level,
                       double *mu, double *mu_star, double *sigma, double *mu_star_lo, double *mu_star_hi)
{
    double *ee = malloc(r * k * sizeof *ee);
    double *boot = malloc((n_boot ? n_boot : 1) * sizeof *boot);
    size_t *pick = malloc(r * sizeof *pick);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    if (!ee || !boot || !pick || !g) {
        for (size_t i = 0; i < k; i++)
            mu[i] = mu_star[i] = sigma[i] = NAN;
        goto cleanup;
    }
    for (size_t t = 0; t < r; t++)
        for (size_t j = 1; j <= k; j++) {
            const double *a = x + (t * (k + 1) + j - 1) * k, *b = a + k;
            size_t i = 0;
            while (i < k && a[i] == b[i])
                i++;
            if (i < k)
                ee[t * k + i] = (y[t * (k + 1) + j] - y[t * (k + 1) + j - 1]) / (b[i] - a[i]);
        }
    for (size_t i = 0; i < k; i++) {
        double s = 0, ss = 0;
        for (size_t t = 0; t < r; t++)
            s += ee[t * k + i];
        mu[i] = s / (double)r;
        for (size_t t = 0; t < r; t++)
            ss += (ee[t * k + i] - mu[i]) * (ee[t * k + i] - mu[i]);
        sigma[i] = r > 1 ? sqrt(ss / (double)(r - 1)) : 0;
        mu_star[i] = mean_abs(ee, k, i, NULL, r);
    }
    if (!mu_star_lo || !mu_star_hi)
        goto cleanup;
    /* Resample whole trajectories, the same resamples for every input. */
    for (size_t i = 0; i < k; i++) {
        gsl_rng_set(g, seed);
        for (size_t b = 0; b < n_boot; b++) {
            for (size_t t = 0; t < r; t++)
                pick[t] = gsl_rng_uniform_int(g, (unsigned long)r);
            boot[b] = mean_abs(ee, k, i, pick, r);
        }
        if (n_boot) {
            gsl_sort(boot, 1, n_boot);
            mu_star_lo[i] = percentile(boot, n_boot, (1 - level) / 2);
            mu_star_hi[i] = percentile(boot, n_boot, (1 + level) / 2);
        } else {
            mu_star_lo[i] = mu_star_hi[i] = mu_star[i];
        }
    }
cleanup:
    free(ee);
    free(boot);
    free(pick);
    gsl_rng_free(g);
}

/* ---- Sobol ------------------------------------------------------------------- */

size_t ts_saltelli_points(size_t k, size_t n)
{
    return n * (k + 2);
}

ts_status ts_saltelli_design(size_t k, size_t n, int random, uint32_t seed, double *x, ts_error *err)
{
    if (k == 0 || n < 2)
        return ts_error_set(err, TS_ERR_USAGE, "Saltelli design: expected at least one input and two base samples");
    if (k > SALTELLI_MAX_INPUTS)
        return ts_error_set(
            err, TS_ERR_USAGE,
            "Sobol indices: at most %d inputs (the Sobol sequence has %d dimensions), found %zu; screen "
            "them with --method morris first",
            SALTELLI_MAX_INPUTS, 2 * SALTELLI_MAX_INPUTS, k);
    double point[2 * SALTELLI_MAX_INPUTS];
    gsl_qrng *q = random ? NULL : gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k));
    gsl_rng *g = random ? gsl_rng_alloc(gsl_rng_mt19937) : NULL;
    if (random ? !g : !q)
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for the Saltelli design");
    if (g)
        gsl_rng_set(g, seed);
    else
        gsl_qrng_get(q, point); /* the first point is the origin: skipped */
    for (size_t j = 0; j < n; j++) {
        if (q)
            gsl_qrng_get(q, point);
        else
            for (size_t i = 0; i < 2 * k; i++)
                point[i] = gsl_rng_uniform_pos(g);
        double *blk = x + j * (k + 2) * k;
        memcpy(blk, point, k * sizeof *blk);         /* A */
        memcpy(blk + k, point + k, k * sizeof *blk); /* B */
        for (size_t i = 0; i < k; i++) {             /* AB_i */
            double *ab = blk + (2 + i) * k;
            memcpy(ab, point, k * sizeof *ab);
            ab[i] = point[k + i];
        }
    }
    gsl_qrng_free(q);
    gsl_rng_free(g);
    return TS_OK;
}

/* The indices from the base samples picked (pick NULL: all, in order). */
static void sobol_once(size_t k, size_t n, const double *y, const size_t *pick, double *first, double *total,
                       double *var)
{
    double s = 0, ss = 0;
    for (size_t t = 0; t < n; t++) {
        const double *b = y + (pick ? pick[t] : t) * (k + 2);
        s += b[0] + b[1];
    }
    double m = s / (2.0 * (double)n);
    for (size_t t = 0; t < n; t++) {
        const double *b = y + (pick ? pick[t] : t) * (k + 2);
        ss += (b[0] - m) * (b[0] - m) + (b[1] - m) * (b[1] - m);
    }
    double v = ss / (2.0 * (double)n - 1);
    if (var)
        *var = v;
    for (size_t i = 0; i < k; i++) {
        double f = 0, tt = 0;
        for (size_t t = 0; t < n; t++) {
            const double *b = y + (pick ? pick[t] : t) * (k + 2);
            f += (b[1] - m) * (b[2 + i] - b[0]); /* centred: the estimator is not shift-invariant otherwise */
            tt += (b[0] - b[2 + i]) * (b[0] - b[2 + i]);
        }
        first[i] = v > 0 ? f / (double)n / v : NAN;
        total[i] = v > 0 ? tt / (2.0 * (double)n) / v : NAN;
    }
}

void ts_sobol_indices(size_t k, size_t n, const double *y, size_t n_boot, uint32_t seed, double level,
                      ts_sobol_index *idx, double *var)
{
    double *first = malloc(k * sizeof *first), *total = malloc(k * sizeof *total);
    double *bf = malloc(k * (n_boot ? n_boot : 1) * sizeof *bf), *bt = malloc(k * (n_boot ? n_boot : 1) * sizeof *bt);
    size_t *pick = malloc(n * sizeof *pick);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    if (!first || !total || !bf || !bt || !pick || !g) {
        for (size_t i = 0; i < k; i++)
            idx[i] = (ts_sobol_index){NAN, NAN, NAN, NAN, NAN, NAN};
        goto cleanup;
    }
    sobol_once(k, n, y, NULL, first, total, var);
    gsl_rng_set(g, seed);
    for (size_t b = 0; b < n_boot; b++) {
        for (size_t t = 0; t < n; t++)
            pick[t] = gsl_rng_uniform_int(g, (unsigned long)n);
        sobol_once(k, n, y, pick, first, total, NULL);
        for (size_t i = 0; i < k; i++) {
            bf[i * n_boot + b] = first[i];
            bt[i * n_boot + b] = total[i];
        }
    }
    sobol_once(k, n, y, NULL, first, total, NULL);
    for (size_t i = 0; i < k; i++) {
        idx[i].first = first[i];
        idx[i].total = total[i];
        idx[i].first_lo = idx[i].first_hi = first[i];
        idx[i].total_lo = idx[i].total_hi = total[i];
        if (n_boot && !isnan(first[i])) {
            gsl_sort(bf + i * n_boot, 1, n_boot);
            gsl_sort(bt + i * n_boot, 1, n_boot);
            idx[i].first_lo = percentile(bf + i * n_boot, n_boot, (1 - level) / 2);
            idx[i].first_hi = percentile(bf + i * n_boot, n_boot, (1 + level) / 2);
            idx[i].total_lo = percentile(bt + i * n_boot, n_boot, (1 - level) / 2);
            idx[i].total_hi = percentile(bt + i * n_boot, n_boot, (1 + level) / 2);
        }
    }
cleanup:
    free(first);
    free(total);
    free(bf);
    free(bt);
    free(pick);
    gsl_rng_free(g);
}
