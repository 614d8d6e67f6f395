/*
 * sensitivity_h5.c: a sensitivity study's indices and its group
 * sensitivity/ of a results file (sensitivity_h5.h, docs/results-file.md).
 */
#include "sensitivity_h5.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <hdf5.h>

#include "h5_group.h"
#include "sensitivity.h"
#include "text.h"

#define GROUP "sensitivity"

/* Dataset names of the statistics in sensitivity/, in ts_sens_stat order. */
static const char *const ts_sens_stat_names[TS_SSTAT_COUNT] = {"mu",    "mu_star",  "mu_star_lo", "mu_star_hi",
                                                               "sigma", "first",    "first_lo",   "first_hi",
                                                               "total", "total_lo", "total_hi"};

static const char *const method_names[] = {"morris", "sobol"};

ts_status ts_sensitivity_alloc(ts_sensitivity *s, ts_error *err)
{
    size_t k = s->k, o = s->n_outcomes, p = s->n_points;
    s->inputs = calloc(k, sizeof *s->inputs);
    s->distributions = calloc(k, sizeof *s->distributions);
    s->nominal = malloc(k * sizeof *s->nominal);
    s->outcomes = calloc(o, sizeof *s->outcomes);
    s->design = malloc(p * k * sizeof *s->design);
    s->values = malloc(p * k * sizeof *s->values);
    s->y = malloc(o * p * sizeof *s->y);
    s->variance = malloc(o * sizeof *s->variance);
    s->stats = malloc(TS_SSTAT_COUNT * o * k * sizeof *s->stats);
    if (!s->inputs || !s->distributions || !s->nominal || !s->outcomes || !s->design || !s->values || !s->y ||
        !s->variance || !s->stats) {
        ts_sensitivity_free(s);
        return ts_error_set(err, TS_ERR_NOMEM, "out of memory for a sensitivity study of %zu points", p);
    }
    for (size_t i = 0; i < k; i++)
        s->nominal[i] = NAN;
    for (size_t i = 0; i < p * k; i++)
        s->design[i] = s->values[i] = NAN;
    for (size_t i = 0; i < o * p; i++)
        s->y[i] = NAN;
    for (size_t i = 0; i < o; i++)
        s->variance[i] = NAN;
    for (size_t i = 0; i < TS_SSTAT_COUNT * o * k; i++)
        s->stats[i] = NAN;
    return TS_OK;
}

void ts_sensitivity_free(ts_sensitivity *s)
{
    if (!s)
        return;
    ts_text_free_all(s->inputs, s->inputs ? s->k : 0);
    ts_text_free_all(s->distributions, s->distributions ? s->k : 0);
    ts_text_free_all(s->outcomes, s->outcomes ? s->n_outcomes : 0);
    free(s->nominal);
    free(s->design);
    free(s->values);
    free(s->y);
    free(s->variance);
    free(s->stats);
    s->inputs = s->distributions = s->outcomes = NULL;
    s->nominal = s->design = s->values = s->y = s->variance = s->stats = NULL;
}

void ts_sensitivity_compute(ts_sensitivity *s)
{
    size_t k = s->k;
    double *a = malloc(5 * k * sizeof *a);
    ts_sobol_index *idx = malloc(k * sizeof *idx);
    if (!a || !idx)
        goto cleanup;
    for (size_t o = 0; o < s->n_outcomes; o++) {
        const double *y = s->y + o * s->n_points;
        if (s->method == TS_SENS_MORRIS) {
            ts_morris_indices(k, s->n_base, s->design, y, s->bootstrap, s->seed, s->level, a, a + k, a + 2 * k,
                              a + 3 * k, a + 4 * k);
            for (size_t i = 0; i < k; i++) {
                *ts_sensitivity_stat(s, TS_SSTAT_MU, o, i) = a[i];
                *ts_sensitivity_stat(s, TS_SSTAT_MU_STAR, o, i) = a[k + i];
                *ts_sensitivity_stat(s, TS_SSTAT_SIGMA, o, i) = a[2 * k + i];
                *ts_sensitivity_stat(s, TS_SSTAT_MU_STAR_LO, o, i) = a[3 * k + i];
                *ts_sensitivity_stat(s, TS_SSTAT_MU_STAR_HI, o, i) = a[4 * k + i];
            }
            /* The spread of the outcome over the design, for scale. */
            double m = 0, v = 0;
            for (size_t p = 0; p < s->n_points; p++)
                m += y[p];
            m /= (double)s->n_points;
            for (size_t p = 0; p < s->n_points; p++)
                v += (y[p] - m) * (y[p] - m);
            s->variance[o] = s->n_points > 1 ? v / (double)(s->n_points - 1) : 0;
        } else {
            ts_sobol_indices(k, s->n_base, y, s->bootstrap, s->seed, s->level, idx, &s->variance[o]);
            for (size_t i = 0; i < k; i++) {
                *ts_sensitivity_stat(s, TS_SSTAT_FIRST, o, i) = idx[i].first;
                *ts_sensitivity_stat(s, TS_SSTAT_FIRST_LO, o, i) = idx[i].first_lo;
                *ts_sensitivity_stat(s, TS_SSTAT_FIRST_HI, o, i) = idx[i].first_hi;
                *ts_sensitivity_stat(s, TS_SSTAT_TOTAL, o, i) = idx[i].total;
                *ts_sensitivity_stat(s, TS_SSTAT_TOTAL_LO, o, i) = idx[i].total_lo;
                *ts_sensitivity_stat(s, TS_SSTAT_TOTAL_HI, o, i) = idx[i].total_hi;
            }
        }
    }
cleanup:
    free(a);
    free(idx);
}

/* ---- writing --------------------------------------------------------------------- */

static int write_group(hid_t g, const ts_sensitivity *s)
{
    hsize_t pk[2] = {s->n_points, s->k}, op[2] = {s->n_outcomes, s->n_points}, ok2[2] = {s->n_outcomes, s->k};
    hsize_t k1[1] = {s->k}, o1[1] = {s->n_outcomes};
    int ok =
        ts_h5g_attr_string(g, "method", method_names[s->method]) &&
        ts_h5g_attr_number(g, "base_samples", (double)s->n_base) &&
        ts_h5g_attr_number(g, "points", (double)s->n_points) && ts_h5g_attr_number(g, "levels", s->levels) &&
        ts_h5g_attr_number(g, "bootstrap", (double)s->bootstrap) && ts_h5g_attr_number(g, "confidence", s->level) &&
        ts_h5g_attr_number(g, "seed", s->seed) && ts_h5g_attr_number(g, "replications", s->replications) &&
        ts_h5g_write_strings(g, "inputs", s->k, s->inputs) &&
        ts_h5g_write_strings(g, "distributions", s->k, s->distributions) &&
        ts_h5g_write_doubles(g, "nominal", 1, k1, s->nominal) &&
        ts_h5g_write_strings(g, "outcomes", s->n_outcomes, s->outcomes) &&
        ts_h5g_write_doubles(g, "design", 2, pk, s->design) && ts_h5g_write_doubles(g, "values", 2, pk, s->values) &&
        ts_h5g_write_doubles(g, "y", 2, op, s->y) && ts_h5g_write_doubles(g, "variance", 1, o1, s->variance);
    int first = s->method == TS_SENS_MORRIS ? TS_SSTAT_MU : TS_SSTAT_FIRST;
    int last = s->method == TS_SENS_MORRIS ? TS_SSTAT_SIGMA : TS_SSTAT_TOTAL_HI;
    for (int st = first; ok && st <= last; st++)
        ok = ts_h5g_write_doubles(g, ts_sens_stat_names[st], 2, ok2, s->stats + (size_t)st * s->n_outcomes * s->k);
    /* the inputs in Chinese beside their paths, for charts and tables in Chinese */
    return ok && ts_h5g_write_key_names_zh(g, "input_name_zh", s->k, s->inputs);
}

static int write_any(hid_t g, const void *s)
{
    return write_group(g, s);
}

ts_status ts_sensitivity_write_h5(const ts_sensitivity *s, const char *path, ts_error *err)
{
    return ts_h5g_add(path, GROUP, write_any, s, err);
}

/* ---- reading --------------------------------------------------------------------- */

static int read_group(hid_t g, ts_sensitivity *s, ts_error *err, const char *path)
{
    char method[16] = "";
    ts_h5g_attr_read_string(g, "method", method, sizeof method);
    memset(s, 0, sizeof *s);
    if (strcmp(method, "morris") == 0)
        s->method = TS_SENS_MORRIS;
    else if (strcmp(method, "sobol") == 0)
        s->method = TS_SENS_SOBOL;
    else
        return ts_error_set(err, TS_ERR_INPUT, "%s: %s/: expected method morris or sobol, found '%s'", path, GROUP,
                            method) == TS_OK;
    s->k = ts_h5g_extent(g, "inputs");
    s->n_outcomes = ts_h5g_extent(g, "outcomes");
    s->n_points = ts_h5g_extent(g, "design") / (s->k ? s->k : 1);
    s->n_base = (size_t)ts_h5g_attr_read(g, "base_samples");
    s->levels = (int)ts_h5g_attr_read(g, "levels");
    s->bootstrap = (size_t)ts_h5g_attr_read(g, "bootstrap");
    s->level = ts_h5g_attr_read(g, "confidence");
    s->seed = (uint32_t)ts_h5g_attr_read(g, "seed");
    s->replications = (int32_t)ts_h5g_attr_read(g, "replications");
    if (s->k == 0 || s->n_outcomes == 0 || ts_sensitivity_alloc(s, err) != TS_OK)
        return 0;
    int ok = ts_h5g_read_strings(g, "inputs", s->k, s->inputs) &&
             ts_h5g_read_strings(g, "distributions", s->k, s->distributions) &&
             ts_h5g_read_doubles(g, "nominal", s->nominal) &&
             ts_h5g_read_strings(g, "outcomes", s->n_outcomes, s->outcomes) &&
             ts_h5g_read_doubles(g, "design", s->design) && ts_h5g_read_doubles(g, "values", s->values) &&
             ts_h5g_read_doubles(g, "y", s->y) && ts_h5g_read_doubles(g, "variance", s->variance);
    int first = s->method == TS_SENS_MORRIS ? TS_SSTAT_MU : TS_SSTAT_FIRST;
    int last = s->method == TS_SENS_MORRIS ? TS_SSTAT_SIGMA : TS_SSTAT_TOTAL_HI;
    for (int st = first; ok && st <= last; st++)
        ok = ts_h5g_read_doubles(g, ts_sens_stat_names[st], s->stats + (size_t)st * s->n_outcomes * s->k);
    return ok;
}

static int read_any(hid_t g, void *s, const char *path, ts_error *err)
{
    return read_group(g, s, err, path);
}

ts_status ts_sensitivity_read_h5(ts_sensitivity *s, const char *path, ts_error *err)
{
    memset(s, 0, sizeof *s);
    ts_status st = ts_h5g_read(path, GROUP, "teachsim sensitivity -o", read_any, s, err);
    if (st != TS_OK)
        ts_sensitivity_free(s);
    return st;
}
