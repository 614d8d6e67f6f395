/*
 * sensitivity_h5.c: a sensitivity study's indices and its group
 * sensitivity/ of a results file (sensitivity_h5.h, docs/results-file.md).
 */
#include "sensitivity_h5.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <hdf5.h>

#include "results_h5_internal.h"
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

static int write_doubles(hid_t g, const char *name, int rank, const hsize_t *dims, const double *v)
{
    hid_t sp = H5Screate_simple(rank, dims, NULL);
    hid_t d = sp < 0 ? -1 : H5Dcreate2(g, name, H5T_IEEE_F64LE, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    int ok = d >= 0 && H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) >= 0;
    if (d >= 0)
        H5Dclose(d);
    if (sp >= 0)
        H5Sclose(sp);
    return ok;
}

static int write_strings(hid_t g, const char *name, size_t n, char *const *v)
{
    hsize_t dims[1] = {n};
    hid_t t = ts_h5_utf8_type();
    hid_t sp = H5Screate_simple(1, dims, NULL);
    hid_t d = t < 0 || sp < 0 ? -1 : H5Dcreate2(g, name, t, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    int ok = d >= 0 && H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) >= 0;
    if (d >= 0)
        H5Dclose(d);
    if (sp >= 0)
        H5Sclose(sp);
    if (t >= 0)
        H5Tclose(t);
    return ok;
}

static int attr_string(hid_t g, const char *name, const char *value)
{
    hid_t t = ts_h5_utf8_type();
    hid_t sp = H5Screate(H5S_SCALAR);
    hid_t a = t < 0 || sp < 0 ? -1 : H5Acreate2(g, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
    int ok = a >= 0 && H5Awrite(a, t, &value) >= 0;
    if (a >= 0)
        H5Aclose(a);
    if (sp >= 0)
        H5Sclose(sp);
    if (t >= 0)
        H5Tclose(t);
    return ok;
}

static int attr_number(hid_t g, const char *name, double value)
{
    hid_t sp = H5Screate(H5S_SCALAR);
    hid_t a = sp < 0 ? -1 : H5Acreate2(g, name, H5T_IEEE_F64LE, sp, H5P_DEFAULT, H5P_DEFAULT);
    int ok = a >= 0 && H5Awrite(a, H5T_NATIVE_DOUBLE, &value) >= 0;
    if (a >= 0)
        H5Aclose(a);
    if (sp >= 0)
        H5Sclose(sp);
    return ok;
}

static int write_group(hid_t g, const ts_sensitivity *s)
{
    hsize_t pk[2] = {s->n_points, s->k}, op[2] = {s->n_outcomes, s->n_points}, ok2[2] = {s->n_outcomes, s->k};
    hsize_t k1[1] = {s->k}, o1[1] = {s->n_outcomes};
    int ok = attr_string(g, "method", method_names[s->method]) && attr_number(g, "base_samples", (double)s->n_base) &&
             attr_number(g, "points", (double)s->n_points) && attr_number(g, "levels", s->levels) &&
             attr_number(g, "bootstrap", (double)s->bootstrap) && attr_number(g, "confidence", s->level) &&
             attr_number(g, "seed", s->seed) && attr_number(g, "replications", s->replications) &&
             write_strings(g, "inputs", s->k, s->inputs) && write_strings(g, "distributions", s->k, s->distributions) &&
             write_doubles(g, "nominal", 1, k1, s->nominal) &&
             write_strings(g, "outcomes", s->n_outcomes, s->outcomes) && write_doubles(g, "design", 2, pk, s->design) &&
             write_doubles(g, "values", 2, pk, s->values) && write_doubles(g, "y", 2, op, s->y) &&
             write_doubles(g, "variance", 1, o1, s->variance);
    int first = s->method == TS_SENS_MORRIS ? TS_SSTAT_MU : TS_SSTAT_FIRST;
    int last = s->method == TS_SENS_MORRIS ? TS_SSTAT_SIGMA : TS_SSTAT_TOTAL_HI;
    for (int st = first; ok && st <= last; st++)
        ok = write_doubles(g, ts_sens_stat_names[st], 2, ok2, s->stats + (size_t)st * s->n_outcomes * s->k);
    return ok;
}

ts_status ts_sensitivity_write_h5(const ts_sensitivity *s, const char *path, ts_error *err)
{
    char reason[256];
    ts_h5_quiet q;
    ts_h5_quiet_begin(&q);
    ts_status st = TS_OK;
    hid_t f = H5Fopen(path, H5F_ACC_RDWR, H5P_DEFAULT);
    if (f < 0) {
        ts_h5_reason(reason, sizeof reason);
        st = ts_error_set(err, TS_ERR_IO, "%s: cannot open the results file to add %s/: %s", path, GROUP, reason);
        goto cleanup;
    }
    if (H5Lexists(f, GROUP, H5P_DEFAULT) > 0) {
        st = ts_error_set(err, TS_ERR_IO, "%s: the results file already has a group %s/", path, GROUP);
        goto cleanup;
    }
    hid_t g = H5Gcreate2(f, GROUP, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    int ok = g >= 0 && write_group(g, s);
    if (!ok)
        ts_h5_reason(reason, sizeof reason);
    if (g >= 0)
        H5Gclose(g);
    if (!ok) {
        H5Ldelete(f, GROUP, H5P_DEFAULT);
        st = ts_error_set(err, TS_ERR_IO, "%s: cannot write the group %s/: %s", path, GROUP, reason);
    }
cleanup:
    if (f >= 0 && H5Fclose(f) < 0 && st == TS_OK) {
        ts_h5_reason(reason, sizeof reason);
        st = ts_error_set(err, TS_ERR_IO, "%s: cannot close the results file: %s", path, reason);
    }
    ts_h5_quiet_end(&q);
    return st;
}

/* ---- reading --------------------------------------------------------------------- */

static int read_doubles(hid_t g, const char *name, double *v)
{
    hid_t d = H5Dopen2(g, name, H5P_DEFAULT);
    int ok = d >= 0 && H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) >= 0;
    if (d >= 0)
        H5Dclose(d);
    return ok;
}

static int read_strings(hid_t g, const char *name, size_t n, char **out)
{
    hid_t d = H5Dopen2(g, name, H5P_DEFAULT), t = ts_h5_utf8_type(), sp = d < 0 ? -1 : H5Dget_space(d);
    char **raw = calloc(n ? n : 1, sizeof *raw);
    int ok = d >= 0 && t >= 0 && sp >= 0 && raw && H5Sget_simple_extent_npoints(sp) == (hssize_t)n &&
             H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw) >= 0;
    for (size_t i = 0; ok && i < n; i++)
        ok = (out[i] = ts_text_dup(raw[i] ? raw[i] : "")) != NULL;
    if (raw && sp >= 0 && t >= 0 && d >= 0)
        ts_h5_reclaim(t, sp, raw);
    free(raw);
    if (sp >= 0)
        H5Sclose(sp);
    if (t >= 0)
        H5Tclose(t);
    if (d >= 0)
        H5Dclose(d);
    return ok;
}

static double attr_read(hid_t g, const char *name)
{
    double v = NAN;
    hid_t a = H5Aopen(g, name, H5P_DEFAULT);
    if (a >= 0) {
        if (H5Aread(a, H5T_NATIVE_DOUBLE, &v) < 0)
            v = NAN;
        H5Aclose(a);
    }
    return v;
}

static size_t extent(hid_t g, const char *name)
{
    hid_t d = H5Dopen2(g, name, H5P_DEFAULT), sp = d < 0 ? -1 : H5Dget_space(d);
    hssize_t n = sp < 0 ? -1 : H5Sget_simple_extent_npoints(sp);
    if (sp >= 0)
        H5Sclose(sp);
    if (d >= 0)
        H5Dclose(d);
    return n < 0 ? 0 : (size_t)n;
}

static int read_group(hid_t g, ts_sensitivity *s, ts_error *err, const char *path)
{
    char method[16] = "";
    hid_t a = H5Aopen(g, "method", H5P_DEFAULT), t = ts_h5_utf8_type();
    char *m = NULL;
    if (a >= 0 && t >= 0 && H5Aread(a, t, &m) >= 0 && m) {
        snprintf(method, sizeof method, "%s", m);
        H5free_memory(m);
    }
    if (a >= 0)
        H5Aclose(a);
    if (t >= 0)
        H5Tclose(t);
    memset(s, 0, sizeof *s);
    if (strcmp(method, "morris") == 0)
        s->method = TS_SENS_MORRIS;
    else if (strcmp(method, "sobol") == 0)
        s->method = TS_SENS_SOBOL;
    else
        return ts_error_set(err, TS_ERR_INPUT, "%s: %s/: expected method morris or sobol, found '%s'", path, GROUP,
                            method) == TS_OK;
    s->k = extent(g, "inputs");
    s->n_outcomes = extent(g, "outcomes");
    s->n_points = extent(g, "design") / (s->k ? s->k : 1);
    s->n_base = (size_t)attr_read(g, "base_samples");
    s->levels = (int)attr_read(g, "levels");
    s->bootstrap = (size_t)attr_read(g, "bootstrap");
    s->level = attr_read(g, "confidence");
    s->seed = (uint32_t)attr_read(g, "seed");
    s->replications = (int32_t)attr_read(g, "replications");
    if (s->k == 0 || s->n_outcomes == 0 || ts_sensitivity_alloc(s, err) != TS_OK)
        return 0;
    int ok = read_strings(g, "inputs", s->k, s->inputs) && read_strings(g, "distributions", s->k, s->distributions) &&
             read_doubles(g, "nominal", s->nominal) && read_strings(g, "outcomes", s->n_outcomes, s->outcomes) &&
             read_doubles(g, "design", s->design) && read_doubles(g, "values", s->values) &&
             read_doubles(g, "y", s->y) && read_doubles(g, "variance", s->variance);
    int first = s->method == TS_SENS_MORRIS ? TS_SSTAT_MU : TS_SSTAT_FIRST;
    int last = s->method == TS_SENS_MORRIS ? TS_SSTAT_SIGMA : TS_SSTAT_TOTAL_HI;
    for (int st = first; ok && st <= last; st++)
        ok = read_doubles(g, ts_sens_stat_names[st], s->stats + (size_t)st * s->n_outcomes * s->k);
    return ok;
}

ts_status ts_sensitivity_read_h5(ts_sensitivity *s, const char *path, ts_error *err)
{
    ts_h5_quiet q;
    ts_h5_quiet_begin(&q);
    ts_status st = TS_OK;
    memset(s, 0, sizeof *s);
    hid_t fapl = ts_h5_file_access();
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, fapl);
    hid_t g = -1;
    if (f < 0) {
        char reason[256];
        ts_h5_reason(reason, sizeof reason);
        st = ts_error_set(err, TS_ERR_INPUT, "%s: cannot open the results file: %s", path, reason);
    } else if (H5Lexists(f, GROUP, H5P_DEFAULT) <= 0) {
        st = ts_error_set(err, TS_ERR_INPUT,
                          "%s: expected a group %s/ (written by teachsim sensitivity -o), found none", path, GROUP);
    } else if ((g = H5Gopen2(f, GROUP, H5P_DEFAULT)) < 0 || !read_group(g, s, err, path)) {
        if (err->status == TS_OK || err->status == TS_ERR_NOMEM)
            st = err->status == TS_ERR_NOMEM
                     ? TS_ERR_NOMEM
                     : ts_error_set(err, TS_ERR_INPUT, "%s: the group %s/ is incomplete or malformed", path, GROUP);
        else
            st = err->status;
        ts_sensitivity_free(s);
    }
    if (g >= 0)
        H5Gclose(g);
    if (f >= 0)
        H5Fclose(f);
    if (fapl >= 0)
        H5Pclose(fapl);
    ts_h5_quiet_end(&q);
    return st;
}
